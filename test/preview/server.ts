/**
 * The local preview behind `npm start`: the Jira test double with the demo service project, the real
 * portal panel served by the bridge server, the agent panel and admin page rendered by the UI Kit host,
 * and a page (test/preview/page/) that shows them side by side with the double's state and the Jira
 * requests each resolver call made. Everything listens on 127.0.0.1 only.
 */
// First: the UI Kit host installs the fake Forge host that @forge/bridge captures when it loads.
import { startUiKitHost, type Surface } from './ui-kit-host';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { handler } from '../../src/index';
import { readBody, send, startBridgeServer } from '../bridge-server';
import { DEMO_USERS, startJiraDouble } from '../double';
import type { JiraDouble } from '../double/types';
import { adminPageContext, issueViewContext, manifestScopes } from '../support/app';
import { seedPreviewSite } from './demo-site';
import { createInvocationTracker } from './invocations';
import { bundleRendered } from './rendered/build';
import { isUiKitEvent } from './rendered/serialise';
import type { CallsView, ChangeEvent, UiKitRequest } from './types';
import { requestState, siteView } from './views';

export interface PreviewOptions {
  /** 0 picks a free port. */
  port: number;
}

export interface Preview {
  url: string;
  double: JiraDouble;
  close(): Promise<void>;
}

const PAGE_DIR = join(__dirname, 'page');
const JSON_TYPE = 'application/json; charset=utf-8';
const SURFACES: readonly Surface[] = ['agent', 'admin'];

/** The page's script, bundled from TypeScript at start (a fraction of a second with esbuild). */
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(PAGE_DIR, 'app.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no page script');
  return output.text;
}

/** iframe-resizer 4, the version @forge/bridge depends on: the host's half and the framed page's half. */
function iframeResizerScripts(): { host: string; frame: string } {
  const load = createRequire(require.resolve('@forge/bridge'));
  const read = (file: string): string => readFileSync(load.resolve(`iframe-resizer/js/${file}`), 'utf8');
  return { host: read('iframeResizer.min.js'), frame: read('iframeResizer.contentWindow.min.js') };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  return JSON.parse(await readBody(request)) as unknown;
}

function isUiKitRequest(value: unknown): value is UiKitRequest {
  if (value === null || typeof value !== 'object') return false;
  const request = value as Partial<Record<keyof UiKitRequest, unknown>>;
  return (
    SURFACES.includes(request.surface as Surface) &&
    typeof request.locale === 'string' &&
    /^[a-z]{2}-[A-Z]{2}$/.test(request.locale) &&
    (request.issueKey === undefined || typeof request.issueKey === 'string') &&
    (request.reload === undefined || typeof request.reload === 'boolean') &&
    (request.press === undefined || typeof request.press === 'string') &&
    (request.event === undefined || isUiKitEvent(request.event))
  );
}

export async function startPreview({ port }: PreviewOptions): Promise<Preview> {
  const double = await startJiraDouble({ grantedScopes: manifestScopes(), seed: (s) => seedPreviewSite(s) });
  const tracker = createInvocationTracker(double, () => double.state);
  // Both bundles at once: the rendered view's (React and the ADS components) takes a few seconds.
  const [script, rendered] = await Promise.all([bundlePage(), bundleRendered()]);
  const resizer = iframeResizerScripts();
  const files: Readonly<Record<string, { type: string; body: string }>> = {
    '/': { type: 'text/html; charset=utf-8', body: readFileSync(join(PAGE_DIR, 'index.html'), 'utf8') },
    '/__preview/app.js': { type: 'text/javascript; charset=utf-8', body: script },
    '/__preview/app.css': {
      type: 'text/css; charset=utf-8',
      body: readFileSync(join(PAGE_DIR, 'app.css'), 'utf8'),
    },
    '/__preview/ui-kit.js': { type: 'text/javascript; charset=utf-8', body: rendered.js },
    '/__preview/ui-kit.css': { type: 'text/css; charset=utf-8', body: rendered.css },
    '/__preview/iframe-resizer.js': { type: 'text/javascript; charset=utf-8', body: resizer.host },
    '/__preview/frame-resizer.js': { type: 'text/javascript; charset=utf-8', body: resizer.frame },
  };

  const events = new Set<ServerResponse>();
  tracker.onChange((event: ChangeEvent) => {
    for (const response of events) response.write(`data: ${JSON.stringify(event)}\n\n`);
  });

  // The agent panel's resolver runs as the agent, from the issue view; the admin page's as the admin.
  // Through the bridge server's Forge harness (started below; nothing is rendered before the page asks).
  const uiKit = startUiKitHost({
    invoke: (surface, functionKey, payload, issueKey) => {
      const forge = bridge.forge;
      if (surface === 'agent') {
        const accountId = DEMO_USERS.agent.accountId;
        return tracker.track({ origin: 'agent', functionKey, issueKey, accountId }, () =>
          forge.invoke(handler, functionKey, payload, issueViewContext(issueKey, accountId)),
        );
      }
      const accountId = DEMO_USERS.admin.accountId;
      return tracker.track({ origin: 'admin', functionKey, accountId }, () =>
        forge.invoke(handler, functionKey, payload, adminPageContext(accountId)),
      );
    },
  });

  async function routes(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    const { pathname } = url;
    const file = files[pathname];
    if (request.method === 'GET' && file) {
      send(response, 200, file.type, file.body);
      return true;
    }
    if (!pathname.startsWith('/__preview/api/')) return false;
    const api = pathname.slice('/__preview/api/'.length);
    if (request.method === 'GET' && api === 'site') {
      send(response, 200, JSON_TYPE, JSON.stringify(siteView(double.state)));
    } else if (request.method === 'GET' && api === 'request') {
      const state = requestState(double.state, url.searchParams.get('key') ?? '');
      if (state) send(response, 200, JSON_TYPE, JSON.stringify(state));
      else send(response, 404, 'text/plain', 'No such request');
    } else if (request.method === 'GET' && api === 'invocations') {
      const calls: CallsView = {
        calls: tracker.list().slice(0, 12),
        violations: double.violations.map(({ method, path, message }) => ({ method, path, message })),
      };
      send(response, 200, JSON_TYPE, JSON.stringify(calls));
    } else if (request.method === 'GET' && api === 'events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': connected\n\n');
      events.add(response);
      request.on('close', () => events.delete(response));
    } else if (request.method === 'POST' && api === 'ui-kit') {
      const body = await readJson(request).catch(() => undefined);
      if (!isUiKitRequest(body)) {
        send(response, 400, 'text/plain', 'Expected { surface, locale, issueKey?, reload?, press?, event? }');
      } else {
        try {
          send(response, 200, JSON_TYPE, JSON.stringify(await uiKit.show(body)));
        } catch (error) {
          send(response, 409, 'text/plain', error instanceof Error ? error.message : String(error));
        }
      }
    } else {
      send(response, 404, 'text/plain', 'Not found');
    }
    return true;
  }

  const bridge = await startBridgeServer({
    port,
    double,
    panelScripts: ['./__preview/frame-resizer.js'],
    aroundInvoke: (call, run) =>
      tracker.track(
        {
          origin: 'portal',
          functionKey: call.functionKey,
          issueKey: call.issueKey,
          ...(call.accountId ? { accountId: call.accountId } : {}),
        },
        run,
      ),
    routes,
  });

  return {
    url: bridge.url,
    double,
    async close() {
      for (const response of events) response.end();
      events.clear();
      await bridge.close();
      await double.close();
    },
  };
}
