/**
 * Renders UI Kit code with the real `@forge/react` reconciler outside Forge. What the Forge host
 * provides is faked here, and only that:
 * - `globalThis.__bridge.callBridge(command, data)`: `reconcile` (the rendered tree), `getContext`,
 *   `invoke` (answered by the test: the real resolver through the harness, or a canned answer);
 * - `self`: the reconciler reaches the bridge through `self.__bridge`, as in a browser worker;
 * - `fetch('./__LOCALES__/…')`: the translations bundle the host serves beside the resource.
 *
 * Import this module before anything that loads `@forge/bridge`: the bridge is captured when
 * `@forge/bridge` loads.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLocalesBundle } from '../../scripts/locales-bundle';
import { REPO_ROOT } from '../harness/forge';

/** A node of the tree the reconciler sends: `{ type, props, children }`, handlers included. */
export interface ForgeDoc {
  type: string;
  props: Record<string, unknown>;
  children: ForgeDoc[];
  key?: string;
}

export interface FakeBridge {
  /** What `view.getContext()` answers; `locale` drives the I18nProvider. */
  context: Record<string, unknown>;
  /** Answers `invoke(functionKey, payload)`. */
  invoke: (functionKey: string, payload: unknown) => Promise<unknown>;
  /** Every command received, in order. */
  calls: { command: string; data: unknown }[];
}

export const bridge: FakeBridge = {
  context: { locale: 'fr-FR' },
  invoke: () => Promise.reject(new Error('ui-kit: no invoke answer set')),
  calls: [],
};

const localesDir = writeLocalesBundle(REPO_ROOT, mkdtempSync(join(tmpdir(), 'guide-des-statuts-ui-')));

const g = globalThis as Record<string, unknown>;
g.self = globalThis;
g.__bridge = {
  callBridge: (command: string, data: unknown): Promise<unknown> => {
    bridge.calls.push({ command, data });
    if (command === 'getContext') return Promise.resolve(structuredClone(bridge.context));
    if (command === 'invoke') {
      const { functionKey, payload } = data as { functionKey: string; payload: unknown };
      return bridge.invoke(functionKey, payload);
    }
    return Promise.resolve(undefined);
  },
};

const realFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const prefix = './__LOCALES__/';
  if (!url.startsWith(prefix)) return realFetch(input, init);
  try {
    const body = readFileSync(join(localesDir, url.slice(prefix.length)), 'utf8');
    return Promise.resolve(
      new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }),
    );
  } catch {
    return Promise.resolve(new Response('not found', { status: 404, statusText: 'Not Found' }));
  }
};

/**
 * The root of the tree `render` produces (the reconciler keeps mutating it in place). `render` may
 * be async, e.g. importing an entry module that renders when it loads.
 */
export async function renderRoot(render: () => unknown): Promise<ForgeDoc> {
  const before = bridge.calls.length;
  // A legacy root commits synchronously, so the first reconcile after this call is this root's.
  await render();
  const first = bridge.calls.slice(before).find((c) => c.command === 'reconcile');
  if (!first) throw new Error('ui-kit: nothing was rendered');
  return (first.data as { forgeDoc: ForgeDoc }).forgeDoc;
}

export function findAll(node: ForgeDoc, type: string): ForgeDoc[] {
  return [...(node.type === type ? [node] : []), ...node.children.flatMap((c) => findAll(c, type))];
}

export function find(node: ForgeDoc, type: string): ForgeDoc {
  const [found] = findAll(node, type);
  if (!found) throw new Error(`ui-kit: no ${type} in ${JSON.stringify(textOf(node))}`);
  return found;
}

/** All text under a node, in order. */
export function textOf(node: ForgeDoc): string {
  if (node.type === 'String') return typeof node.props.text === 'string' ? node.props.text : '';
  return node.children.map(textOf).join('');
}

/** Polls until `check` passes (React commits asynchronously after the resolver answers). */
export async function waitFor(check: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
