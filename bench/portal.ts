/**
 * The portal panel as the customer's browser gets it: the production bundle (raw and gzip, what loads
 * before the status shows and what loads later), and in headless Chromium the time from navigation
 * to the status on screen while the host bridge answers at once, as a ratio to a minimal React page
 * (React 18 and @forge/bridge, showing the status name) built by Vite the same way, in the same run.
 * Timings are reported, never asserted.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { RequestView } from '../src/portal/request-view';
import { startBridgeServer } from '../test/bridge-server';
import { BRIDGE_CLIENT } from '../test/bridge-server/bridge-client';
import { BUILD_DIR, ensurePortalBuild, REPO_ROOT } from '../test/bridge-server/portal-build';
import { measureBundle, type BundleReport } from '../test/browser/bundle-size';
import { CHROMIUM_ARGS } from '../test/browser/support';
import { DEMO_USERS } from '../test/double/state';
import { startTestApp, type TestApp } from '../test/support/app';

const MINIMAL_DIR = join(REPO_ROOT, 'bench/out/minimal-portal');

export interface PageTiming {
  name: string;
  /** Median milliseconds from navigation start to the status name on screen. */
  statusShownMsMedian: number;
  runs: number;
}

export interface PortalReport {
  bundle: BundleReport;
  minimalBundle: BundleReport;
  panel: PageTiming;
  minimal: PageTiming;
  /** panel / minimal, same browser, same run. */
  statusShownRatio: number;
}

/** What a minimal Custom UI does: ask the resolver for the view and show the status name. */
const MINIMAL_MAIN = `
import { invoke } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [name, setName] = useState(null);
  useEffect(() => {
    invoke('getRequestView', {}).then((view) => setName(view.status.name));
  }, []);
  return name === null ? <p aria-busy="true">…</p> : <main><h2 id="status-name">{name}</h2></main>;
}

createRoot(document.getElementById('root')).render(<App />);
`;

const MINIMAL_HTML = `<!doctype html>
<html lang="fr">
  <head><meta charset="UTF-8" /><title>Minimal</title></head>
  <body><div id="root"></div><script type="module" src="./main.jsx"></script></body>
</html>
`;

/** The panel's own settings (relative base, target, manifest), without its React-to-Preact aliases. */
const MINIMAL_CONFIG = `
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'error',
  build: { outDir: 'build', emptyOutDir: true, manifest: true, target: 'es2022' },
});
`;

/** Builds the minimal page with the Vite command line, as `npm run build:portal` builds the panel. */
function buildMinimalPage(): void {
  mkdirSync(MINIMAL_DIR, { recursive: true });
  writeFileSync(join(MINIMAL_DIR, 'main.jsx'), MINIMAL_MAIN);
  writeFileSync(join(MINIMAL_DIR, 'index.html'), MINIMAL_HTML);
  writeFileSync(join(MINIMAL_DIR, 'vite.config.mjs'), MINIMAL_CONFIG);
  execFileSync('npx', ['vite', 'build', '--config', join(MINIMAL_DIR, 'vite.config.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
}

/** The real getRequestView answer for the request waiting for the customer, computed once. */
function cannedView(app: TestApp): Promise<RequestView> {
  app.configureDemoProject();
  return app.portal<RequestView>(
    'getRequestView',
    { locale: 'fr_FR' },
    { accountId: DEMO_USERS.reporter.accountId, issueKey: app.issueIn('waiting_customer').key },
  );
}

/**
 * The test host's bridge, with `invoke` answered in the page without any network, so the timing
 * measures the panel's own work (loading, texts, rendering), not the resolver's.
 */
function instantBridge(view: RequestView): string {
  return `${BRIDGE_CLIENT}
(function () {
  var answer = ${JSON.stringify(view)};
  var callBridge = window.__bridge.callBridge;
  window.__bridge.callBridge = function (command, data) {
    if (command === 'invoke') return Promise.resolve(JSON.parse(JSON.stringify(answer)));
    return callBridge(command, data);
  };
})();
`;
}

/** Records, in the page's own clock (0 = navigation start), when #status-name first shows text. */
const STATUS_WATCH = `
(() => {
  const check = () => {
    const heading = document.getElementById('status-name');
    if (heading && heading.textContent && heading.textContent.trim() && window.__statusShownAt === undefined) {
      window.__statusShownAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();
`;

async function timeToStatus(browser: Browser, url: string, name: string, runs: number): Promise<PageTiming> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    // A new context each time: an empty cache, as a customer opening the request for the first time.
    const context = await browser.newContext({ viewport: { width: 400, height: 700 } });
    try {
      const page = await context.newPage();
      await page.addInitScript(STATUS_WATCH);
      await page.goto(url);
      await page.waitForFunction(
        () => (window as { __statusShownAt?: number }).__statusShownAt !== undefined,
      );
      times.push(await page.evaluate(() => (window as { __statusShownAt?: number }).__statusShownAt ?? NaN));
    } finally {
      await context.close();
    }
  }
  times.sort((a, b) => a - b);
  return { name, statusShownMsMedian: times[Math.floor(times.length / 2)] ?? NaN, runs };
}

export async function measurePortal(runs = 9): Promise<PortalReport> {
  ensurePortalBuild();
  buildMinimalPage();
  const app = await startTestApp();
  const view = await cannedView(app);
  // From here the pages never reach Jira: the bridge answers in the page.
  const bridgeScript = instantBridge(view);
  const panelServer = await startBridgeServer({ double: app.double, bridgeScript });
  const minimalServer = await startBridgeServer({
    double: app.double,
    bridgeScript,
    buildDir: join(MINIMAL_DIR, 'build'),
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = { request: view.issueKey, as: DEMO_USERS.reporter.accountId };
    // One unmeasured load each, so both start from the same warm server and browser binary.
    await timeToStatus(browser, panelServer.panelUrl(page), 'warm-up', 1);
    await timeToStatus(browser, minimalServer.panelUrl(page), 'warm-up', 1);
    const panel = await timeToStatus(browser, panelServer.panelUrl(page), 'portal panel', runs);
    const minimal = await timeToStatus(browser, minimalServer.panelUrl(page), 'minimal React page', runs);
    return {
      bundle: measureBundle(BUILD_DIR),
      minimalBundle: measureBundle(join(MINIMAL_DIR, 'build')),
      panel,
      minimal,
      statusShownRatio: panel.statusShownMsMedian / minimal.statusShownMsMedian,
    };
  } finally {
    await browser.close();
    await panelServer.close();
    await minimalServer.close();
    await app.close();
  }
}
