/**
 * The page's half of the rendered view: hands each surface's tree to the bundle of rendered/ (loaded
 * before this script as /__preview/ui-kit.js), in the theme the page's picker chose, and switches
 * between the rendered view and the outline (the debugging view: the same tree as a list of parts).
 */
import type { Surface, UiKitEvent, WireDoc } from '../types';

export type Theme = 'light' | 'dark';
/** How the preview shows the UI Kit surfaces: drawn with the design system, or as an outline. */
export type UiView = 'rendered' | 'outline';

/** Sends an event of the rendered view to the server, which answers with the new tree. */
export type SendEvent = (surface: Surface, event: UiKitEvent) => void;

const SURFACES: readonly Surface[] = ['agent', 'admin'];
const docs: Partial<Record<Surface, WireDoc>> = {};
let theme: Theme = 'light';

const container = (surface: Surface): HTMLElement | null => document.getElementById(`${surface}-rendered`);

function draw(surface: Surface, send: SendEvent): void {
  const doc = docs[surface];
  const element = container(surface);
  if (!doc || !element) return;
  if (!window.previewUiKit) {
    element.textContent = 'The rendered view did not load (see the console); the outline still works.';
    return;
  }
  window.previewUiKit.render(element, doc, theme, (handler, arg) =>
    send(surface, arg === undefined ? { handler } : { handler, arg }),
  );
}

/** Draws the tree the server answered for `surface`. */
export function showRendered(surface: Surface, doc: WireDoc, send: SendEvent): void {
  docs[surface] = doc;
  draw(surface, send);
}

/** Draws both surfaces again in `next` (Jira's theme is the whole page's, the portal panel's too). */
export function setRenderedTheme(next: Theme, send: SendEvent): void {
  if (next === theme) return;
  theme = next;
  for (const surface of SURFACES) draw(surface, send);
}

/** Shows one view of both surfaces and hides the other. */
export function setUiView(view: UiView): void {
  for (const surface of SURFACES) {
    container(surface)?.toggleAttribute('hidden', view !== 'rendered');
    document.getElementById(`${surface}-outline`)?.toggleAttribute('hidden', view !== 'outline');
  }
  document.body.dataset.uiView = view;
}

/** Marks a surface's views busy while the server answers (tests wait on it, as on the outline). */
export function setBusy(surface: Surface, busy: boolean): void {
  const element = container(surface);
  if (busy) element?.setAttribute('aria-busy', 'true');
  else element?.removeAttribute('aria-busy');
}
