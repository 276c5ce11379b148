/**
 * The design tokens, light and dark. Their style sheets come with the bundle's CSS (build.ts); they
 * apply to `html[data-theme…]` or to any element marked `data-subtree-theme` with the same attributes,
 * so the preview themes each rendered surface alone (the page around it keeps its own colours).
 */
export type ColorMode = 'light' | 'dark';

/** Marks `element` as a themed subtree in `mode`, as setGlobalTheme marks <html> in Jira. */
export function applyTheme(element: HTMLElement, mode: ColorMode): void {
  element.setAttribute('data-subtree-theme', '');
  element.setAttribute('data-color-mode', mode);
  // As setGlobalTheme writes it: both colour themes named, `data-color-mode` choosing between them.
  element.setAttribute(
    'data-theme',
    'light:light dark:dark spacing:spacing typography:typography shape:shape',
  );
}
