/**
 * What the browser suites share: Debian's Chromium through playwright-core, the Jira double with the
 * bridge server in front of the real portal bundle, the locale texts, axe-core and screenshots.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import deDE from '../../locales/de-DE.json';
import enUS from '../../locales/en-US.json';
import frFR from '../../locales/fr-FR.json';
import nlNL from '../../locales/nl-NL.json';
import {
  formatMessage,
  lookup,
  type Locale,
  type MessageKey,
  type MessageVars,
} from '../../src/i18n/locales';
import { rulesKey } from '../../src/waiting/store';
import { STATUSES, type StatusKey } from '../../src/workflow';
import { startBridgeServer, type BridgeServer, type PanelPage } from '../bridge-server';
import { ensurePortalBuild, REPO_ROOT } from '../bridge-server/portal-build';
import {
  DEMO_STATUS_IDS,
  DEMO_USERS,
  addIssue,
  startJiraDouble,
  type DoubleIssue,
  type JiraDouble,
} from '../double';
import { manifestScopes } from '../support/app';

export const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');
/** "Now" on the test site: Thursday 20 March 2025, 10:00 in Brussels, after every demo request's history. */
const SITE_TIME = Date.UTC(2025, 2, 20, 9, 0);
/** The portal's right-hand panel is about this wide. */
export const PANEL_WIDTH = 400;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Rig {
  double: JiraDouble;
  server: BridgeServer;
  browser: Browser;
  close(): Promise<void>;
}

/** One per test file: the build (made if stale), the double, the bridge server and one browser. */
export async function startRig(): Promise<Rig> {
  ensurePortalBuild();
  const double = await startJiraDouble({ grantedScopes: manifestScopes() });
  // Jira's clock, fixed and a second further at each reading, so dates on screenshots do not change.
  let now = SITE_TIME;
  double.state.now = () => (now += 1000);
  const server = await startBridgeServer({ double });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    double,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await double.close();
    },
  };
}

/**
 * Opens the panel as `page.as` (Claire, the reporter, unless said) and waits until it has loaded.
 * `deviceScaleFactor` draws it sharper, for the Marketplace's larger screenshots.
 */
export async function openPanel(
  rig: Rig,
  page: Omit<PanelPage, 'as'> & { as?: string },
  { deviceScaleFactor = 1 }: { deviceScaleFactor?: number } = {},
): Promise<Page> {
  const tab = await rig.browser.newPage({
    viewport: { width: PANEL_WIDTH, height: 700 },
    deviceScaleFactor,
    timezoneId: 'Europe/Brussels',
    colorScheme: page.theme ?? 'light',
  });
  // Fail fast with the locator in the message, well inside Jest's own timeout.
  tab.setDefaultTimeout(10_000);
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await tab.goto(rig.server.panelUrl({ as: DEMO_USERS.reporter.accountId, ...page }));
  await panelSettled(tab);
  if (errors.length > 0) throw new Error(`The panel failed in the browser: ${errors.join('; ')}`);
  return tab;
}

/**
 * Waits until the panel shows something other than its loading skeleton, its own texts included: the
 * status paints from the view first, the rest (buttons, history, the panel's heading) once its
 * translations have arrived.
 */
export async function panelSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('main') &&
      !document.querySelector('[aria-busy="true"]') &&
      document.querySelector('main h1.visually-hidden'),
  );
}

const MESSAGES: Readonly<Record<Locale, unknown>> = {
  'fr-FR': frFR,
  'en-US': enUS,
  'nl-NL': nlNL,
  'de-DE': deDE,
};

/** A text as the panel shows it, straight from the locale files. */
export function message(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const template = lookup(MESSAGES[locale], key);
  if (template === undefined) throw new Error(`No text ${key} in ${locale}`);
  return normalize(formatMessage(template, vars));
}

/** Whitespace as a reader sees it: the panel ties French spaces with non-breaking ones. */
export const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

export async function textOf(locator: Locator): Promise<string> {
  return normalize(await locator.innerText());
}

/** Presses Tab until the focused element is the button or field named `name`; fails after `limit`. */
export async function tabTo(page: Page, name: string, limit = 15): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '') : '';
    });
    if (normalize(focused) === normalize(name)) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

export async function focusedName(page: Page): Promise<string> {
  return normalize(
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? ''),
  );
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<Result[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the page's CSP (no inline script) does not apply.
  await page.evaluate(source);
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
  );
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves the panel under docs/screenshots/, as tall as its content, as the portal's frame would be. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize() ?? { width: PANEL_WIDTH, height: 700 };
  const height = await page.evaluate(() => document.querySelector('main')?.scrollHeight ?? 0);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, 120) });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}

export const statusName = (key: StatusKey): string => STATUSES.find((s) => s.key === key)?.name ?? key;

/** A new request of Claire's in `status`, reached by the workflow's shortest path; Pierre participates. */
export function freshIssue(double: JiraDouble, status: StatusKey): DoubleIssue {
  return addIssue(double.state, {
    summary: `Demande de test (${status})`,
    reporter: DEMO_USERS.reporter.accountId,
    participants: [DEMO_USERS.participant.accountId],
    statusId: DEMO_STATUS_IDS[status],
    // Its history lies in the past, so what the customer does now comes last.
    created: double.state.now() - 7 * 24 * 60 * 60 * 1000,
  });
}

export const statusOf = (double: JiraDouble, issue: DoubleIssue): StatusKey | undefined =>
  STATUSES.find((s) => DEMO_STATUS_IDS[s.key] === issue.statusId)?.key;

/**
 * SUP's waiting rules, so the panel shows the date by which an unanswered request is decided: SUP-5
 * (waiting for the customer) closed after 10 working days, SUP-7 (waiting for approval) accepted after 5.
 */
export function saveWaitingRules(rig: Rig): void {
  rig.server.forge.kvs.entries.set(rulesKey('SUP'), {
    value: {
      rules: {
        workingDays: true,
        timeZone: 'Europe/Brussels',
        waiting_customer: { remindAfterDays: 3, maxReminders: 2, closeAfterDays: 10 },
        waiting_approval: { remindAfterDays: null, maxReminders: 1, acceptAfterDays: 5 },
      },
      // Switched on long before these requests entered their status.
      since: {
        waiting_customer: { reminders: 0, outcome: 0 },
        waiting_approval: { reminders: 0, outcome: 0 },
      },
      savedAt: 0,
    },
    createdAt: 0,
    updatedAt: 0,
    expiresAt: null,
  });
}
