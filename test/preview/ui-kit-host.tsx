/**
 * The agent panel and the admin page (UI Kit) rendered in this process by the real @forge/react
 * reconciler, with the fake host of test/support/ui-kit.ts, and kept alive: the preview shows each tree
 * drawn with the Atlassian Design System (rendered/) and as an outline, and sends its events back
 * here. Still an approximation of what Jira shows: Jira's own UI Kit renderer is not public.
 */
// First: it installs the fake host that @forge/bridge captures when it loads.
import { bridge, renderRoot, type ForgeDoc } from '../support/ui-kit';
import React, { useSyncExternalStore } from 'react';
import ForgeReconciler, { I18nProvider } from '@forge/react';
import { AgentPanel } from '../../src/frontend/agent/AgentPanel';
import { AdminPage } from '../../src/frontend/admin/AdminPage';
import { resolveLocale, type Locale } from '../../src/i18n/locales';
import { findHandler, handlerId, toWire } from './rendered/serialise';
import type { UiKitEvent, WireDoc } from './rendered/wire';

export type Surface = 'agent' | 'admin';

/** One node of the outline the page shows: a component, what it says, and its button when it is one. */
export interface OutlineNode {
  type: string;
  /** The text a person reads in it, when it holds only text. */
  text?: string;
  /** Props worth knowing (appearance, title, label, progress), as "name: value". */
  details: string[];
  /** Set on buttons and checkboxes: what to send to press it (a checkbox flips); `checked` on checkboxes. */
  action?: { id: string; disabled: boolean; checked?: boolean };
  children: OutlineNode[];
}

export interface UiKitHostOptions {
  /** Answers the surface's resolver calls (the real handler through the harness, as the right user). */
  invoke: (surface: Surface, functionKey: string, payload: unknown, issueKey: string) => Promise<unknown>;
}

export interface ShowRequest {
  surface: Surface;
  /** Forge's form, e.g. fr-FR. */
  locale: string;
  /** The agent panel's issue. */
  issueKey?: string;
  /** Mounts the surface again, as reopening the page in Jira would. */
  reload?: boolean;
  /** The id of a button to press (OutlineNode.action.id). */
  press?: string;
  /** An event of the rendered view: a handler of the tree and what the host sends it. */
  event?: UiKitEvent;
}

/** A surface as the page shows it: the outline, and the tree itself for the rendered view. */
export interface UiKitView {
  outline: OutlineNode;
  doc: WireDoc;
}

export interface UiKitHost {
  /** Applies the request, waits until the surface has settled, and answers its outline and tree. */
  show(request: ShowRequest): Promise<UiKitView>;
}

interface Mount {
  locale: Locale;
  issueKey: string;
  /** Bumped to mount the surface again. */
  generation: number;
}

/** A tiny external store, so the preview can remount a surface without a new React root each time. */
function createStore(initial: Mount) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: (): Mount => value,
    set: (next: Mount): void => {
      value = next;
      listeners.forEach((listener) => listener());
    },
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
type Store = ReturnType<typeof createStore>;

function Mounted({ store, surface }: { store: Store; surface: Surface }): React.JSX.Element {
  const { locale, issueKey, generation } = useSyncExternalStore(store.subscribe, store.get);
  // A new key mounts the whole surface again: translations, first resolver call and all.
  return (
    <I18nProvider key={`${locale}/${issueKey}/${generation}`} locale={locale}>
      {surface === 'agent' ? <AgentPanel /> : <AdminPage />}
    </I18nProvider>
  );
}

/** Components that only lay out their children (ContentWrapper: DynamicTable's head and body). */
const LAYOUT = new Set(['Root', 'Stack', 'Inline', 'Box', 'Fragment', 'ContentWrapper']);
const DETAIL_PROPS = ['appearance', 'title', 'label', 'caption', 'value', 'ariaLabel'];

function textOf(node: ForgeDoc): string {
  if (node.type === 'String') return typeof node.props.text === 'string' ? node.props.text : '';
  return node.children.map(textOf).join('');
}

function detailsOf(node: ForgeDoc): string[] {
  return DETAIL_PROPS.flatMap((name) => {
    const value = node.props[name];
    if (typeof value === 'string' && value !== '') return [`${name}: ${value}`];
    if (typeof value === 'number') return [`${name}: ${Math.round(value * 100) / 100}`];
    return [];
  });
}

function actionOf(node: ForgeDoc): OutlineNode['action'] {
  const disabled = node.props.isDisabled === true;
  if (node.type === 'Checkbox') {
    const id = handlerId(node.props.onChange);
    return id === undefined ? undefined : { id, disabled, checked: node.props.isChecked === true };
  }
  const id = handlerId(node.props.onClick);
  return id === undefined ? undefined : { id, disabled };
}

/**
 * The tree as a person reads it: layout containers (Stack, Inline, Box) are dropped, a component that
 * holds only text becomes one line, and buttons keep what is needed to press them.
 */
export function outline(node: ForgeDoc): OutlineNode[] {
  if (node.type === 'String') {
    const text = textOf(node).trim();
    return text === '' ? [] : [{ type: 'Text', text, details: [], children: [] }];
  }
  const children = node.children.flatMap(outline);
  if (LAYOUT.has(node.type)) return children;
  const onlyText = node.children.every((c) => c.type === 'String');
  const action = actionOf(node);
  const details = detailsOf(node);
  const text = textOf(node).trim();
  return [
    {
      type: node.type,
      ...(onlyText && text !== '' ? { text } : {}),
      details,
      ...(action ? { action } : {}),
      children: onlyText ? [] : children,
    },
  ];
}

function findPressable(node: ForgeDoc, id: string): (() => unknown) | undefined {
  const onClick = node.props.onClick;
  if (handlerId(onClick) === id && node.props.isDisabled !== true) return onClick as () => unknown;
  const onChange = node.props.onChange;
  if (node.type === 'Checkbox' && handlerId(onChange) === id && node.props.isDisabled !== true) {
    // What Jira's host sends when a box is clicked: a serialisable change event with the new state.
    const event = { type: 'change', target: { type: 'checkbox', checked: node.props.isChecked !== true } };
    return () => (onChange as (e: typeof event) => unknown)(event);
  }
  for (const child of node.children) {
    const found = findPressable(child, id);
    if (found) return found;
  }
  return undefined;
}

const hasSpinner = (node: ForgeDoc): boolean =>
  node.type === 'Spinner' || node.children.some((child) => hasSpinner(child));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Each surface is rendered once, when first shown; `show` then drives it. Calls are taken one at a time. */
export function startUiKitHost({ invoke }: UiKitHostOptions): UiKitHost {
  const stores: Record<Surface, Store> = {
    agent: createStore({ locale: 'fr-FR', issueKey: 'SUP-1', generation: 0 }),
    admin: createStore({ locale: 'fr-FR', issueKey: '', generation: 0 }),
  };
  let pending = 0;
  const track = async (surface: Surface, functionKey: string, payload: unknown): Promise<unknown> => {
    pending++;
    try {
      return await invoke(surface, functionKey, payload, stores.agent.get().issueKey);
    } finally {
      pending--;
    }
  };
  // Which surface called is told by the resolver it calls: the agent panel has one, the admin page the rest.
  bridge.invoke = (functionKey, payload) =>
    track(functionKey === 'getStatusHelp' ? 'agent' : 'admin', functionKey, payload);
  bridge.context = { locale: 'fr-FR' };

  const roots: Partial<Record<Surface, ForgeDoc>> = {};
  async function rootOf(surface: Surface): Promise<ForgeDoc> {
    const rendered = roots[surface];
    if (rendered) return rendered;
    const root = await renderRoot(() =>
      ForgeReconciler.render(<Mounted store={stores[surface]} surface={surface} />),
    );
    roots[surface] = root;
    return root;
  }

  /** Waits until no resolver call is under way and no spinner shows, twice in a row (React commits later). */
  async function settled(root: ForgeDoc): Promise<void> {
    const deadline = Date.now() + 10_000;
    let quiet = 0;
    while (quiet < 2 && Date.now() < deadline) {
      await sleep(25);
      quiet = pending === 0 && !hasSpinner(root) ? quiet + 1 : 0;
    }
  }

  let queue: Promise<unknown> = Promise.resolve();
  function show(request: ShowRequest): Promise<UiKitView> {
    const run = async (): Promise<UiKitView> => {
      const { surface } = request;
      const store = stores[surface];
      const current = store.get();
      const issueKey = request.issueKey ?? current.issueKey;
      const locale = resolveLocale(request.locale);
      const first = roots[surface] === undefined;
      if (first || request.reload || locale !== current.locale || issueKey !== current.issueKey) {
        // The admin page reads its locale from the context, the agent panel from the provider.
        bridge.context = { locale };
        store.set({ locale, issueKey, generation: current.generation + 1 });
      }
      const root = await rootOf(surface);
      if (request.press !== undefined) {
        await settled(root);
        const press = findPressable(root, request.press);
        if (!press) throw new Error('That button is gone or disabled; the view has changed meanwhile.');
        press();
      }
      if (request.event !== undefined) {
        await settled(root);
        const handle = findHandler(root, request.event);
        if (!handle) throw new Error('That control is gone or disabled; the view has changed meanwhile.');
        handle();
      }
      await settled(root);
      return {
        outline: {
          type: surface === 'agent' ? 'Agent panel' : 'Admin page',
          details: [],
          children: outline(root),
        },
        doc: toWire(root),
      };
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  }

  return { show };
}
