/**
 * Serves the built portal panel the way Forge would, on 127.0.0.1, with a test page that plays the
 * host: `/panel.html?request=SUP-5&as=<accountId>&locale=fr_FR&theme=light|dark`. Resolver calls from
 * the page reach the app's real handler through the Forge harness, which talks to the Jira double.
 * Used by the browser tests and by the local preview (`npm start`, test/preview/), which adds its own
 * page and API through `routes` and follows every resolver call through `aroundInvoke`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { writeLocalesBundle } from '../../scripts/locales-bundle';
import { handler } from '../../src/index';
import type { JiraDouble } from '../double/types';
import { installForgeHarness, type ForgeHarness } from '../harness/forge';
import { portalContext } from '../support/app';
import { BRIDGE_CLIENT } from './bridge-client';
import { BUILD_DIR, REPO_ROOT } from './portal-build';

export interface BridgeServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  double: JiraDouble;
  /** The built page to serve; the portal panel's production build unless given (the benchmark's own page). */
  buildDir?: string;
  /** The host's side of the bridge; BRIDGE_CLIENT unless given (the benchmark answers in the page). */
  bridgeScript?: string;
  /** More scripts the panel page loads after the bridge, before the bundle (the preview's frame resizer). */
  panelScripts?: readonly string[];
  /** Runs each resolver call the page makes; the preview times it and groups Jira's requests by it. */
  aroundInvoke?: (call: Invocation, run: () => Promise<unknown>) => Promise<unknown>;
  /** More routes, tried before the panel's; resolves true when it answered the request. */
  routes?: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;
}

/** One resolver call the page made. */
export interface Invocation {
  functionKey: string;
  payload: unknown;
  issueKey: string;
  accountId: string | undefined;
}

export interface PanelPage {
  request: string;
  /** The customer looking at the request; anonymous when left out. */
  as?: string;
  /** As Jira reports it, e.g. fr_FR (the default) or nl_NL. */
  locale?: string;
  theme?: 'light' | 'dark';
}

export interface BridgeServer {
  url: string;
  forge: ForgeHarness;
  /** Every resolver call, oldest first. */
  invocations: Invocation[];
  panelUrl(page: PanelPage): string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** As strict as Forge's default for Custom UI: no inline script or style, nothing from elsewhere. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'";

/**
 * The design tokens the host supplies after view.theme.enable(): light, dark, spacing, shape and
 * type, as @atlaskit/tokens ships them (CSS text keyed on html[data-color-mode] and html[data-theme]).
 */
function tokensCss(): string {
  const load = createRequire(__filename);
  return ['light', 'dark', 'spacing', 'shape', 'typography-refreshed']
    .map((theme) => {
      const module = load(`@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-${theme}.js`) as {
        default: string;
      };
      return module.default;
    })
    .join('\n');
}

/** The built index.html with the host's bridge (and any other host script) loaded before the bundle. */
function panelHtml(buildDir: string, panelScripts: readonly string[] = []): string {
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const tags = ['./__bridge.js', ...panelScripts].map((src) => `<script src="${src}"></script>\n    `);
  return html.replace('<script', `${tags.join('')}<script`);
}

/** A file under `root`, or undefined for a path that leaves it. */
function fileUnder(root: string, urlPath: string): string | undefined {
  const path = resolve(root, `.${decodeURIComponent(urlPath)}`);
  return path.startsWith(root + sep) ? path : undefined;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  });
  response.end(body);
}

export async function startBridgeServer({
  port = 0,
  double,
  buildDir = BUILD_DIR,
  bridgeScript = BRIDGE_CLIENT,
  panelScripts = [],
  aroundInvoke = (_call, run) => run(),
  routes,
}: BridgeServerOptions): Promise<BridgeServer> {
  const forge = installForgeHarness(double.url);
  const localesRoot = mkdtempSync(join(tmpdir(), 'guide-des-statuts-portal-'));
  writeLocalesBundle(REPO_ROOT, localesRoot);
  const tokens = tokensCss();
  const invocations: Invocation[] = [];

  async function invoke(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const call = JSON.parse(await readBody(request)) as Invocation;
    invocations.push(call);
    const result = await aroundInvoke(call, () =>
      forge.invoke(handler, call.functionKey, call.payload, portalContext(call.issueKey, call.accountId)),
    );
    send(response, 200, CONTENT_TYPES['.json'] ?? '', JSON.stringify(result ?? null));
  }

  function serveFile(urlPath: string, response: ServerResponse): void {
    const root = urlPath.startsWith('/__LOCALES__/') ? localesRoot : buildDir;
    const path = fileUnder(root, urlPath);
    try {
      if (!path) throw new Error('outside the resource');
      send(response, 200, CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', readFileSync(path));
    } catch {
      send(response, 404, 'text/plain', 'Not found');
    }
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? '/', 'http://127.0.0.1');
    const { pathname } = requestUrl;
    if (routes && (await routes(request, response, requestUrl))) return;
    if (request.method === 'POST' && pathname === '/__invoke') return invoke(request, response);
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'Method not allowed');
    if (pathname === '/panel.html')
      return send(response, 200, CONTENT_TYPES['.html'] ?? '', panelHtml(buildDir, panelScripts));
    if (pathname === '/__bridge.js') return send(response, 200, CONTENT_TYPES['.js'] ?? '', bridgeScript);
    if (pathname === '/__tokens.css') return send(response, 200, CONTENT_TYPES['.css'] ?? '', tokens);
    // Browsers ask a top-level page for one; a panel in the portal's frame never does.
    if (pathname === '/favicon.ico') return send(response, 204, 'text/plain', '');
    serveFile(pathname, response);
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      console.error('bridge server:', error);
      if (!response.headersSent) send(response, 500, 'text/plain', String(error));
      else response.end();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    forge,
    invocations,
    panelUrl: ({ request, as, locale = 'fr_FR', theme = 'light' }) => {
      const query = new URLSearchParams({ request, locale, theme, ...(as ? { as } : {}) });
      return `${url}/panel.html?${query.toString()}`;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      forge.uninstall();
      rmSync(localesRoot, { recursive: true, force: true });
    },
  };
}
