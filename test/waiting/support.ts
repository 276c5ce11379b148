/**
 * The waiting scan's tests: a controllable clock (Date.now, which the app, the harness and the double
 * all read), the rules saved through the real resolver as a Jira administrator, and the scheduled
 * function invoked as the platform invokes a scheduled trigger.
 */
import { waitingScan } from '../../src/index';
import type { ScanSummary, ScheduledTriggerResponse } from '../../src/waiting/scan';
import { DEMO_USERS, findIssue, type DoubleIssue, type DoubleNotification } from '../double/state';
import { CLOUD_ID } from '../harness/forge';
import { expectNoViolations, startTestApp, type TestApp, type TestAppOptions } from '../support/app';

export const ADMIN = { accountId: DEMO_USERS.admin.accountId };

/** Monday 30 November 2026, 10:00 in Brussels (09:00 UTC). */
export const MONDAY_10 = Date.parse('2026-11-30T09:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Clock {
  now: () => number;
  set: (ms: number) => void;
  advance: (ms: number) => void;
}

/** Replaces Date.now for the test file; restored by jest.restoreAllMocks. */
export function useClock(start: number): Clock {
  let now = start;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  return {
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

export const setRules = (
  app: TestApp,
  projectKey: string,
  rules: unknown,
  locale = 'fr-FR',
): Promise<unknown> => app.adminPage('setWaitingRules', { projectKey, rules, locale }, ADMIN);

export const getRules = (
  app: TestApp,
  projectKey: string,
  rules?: unknown,
  locale = 'fr-FR',
): Promise<unknown> =>
  app.adminPage('getWaitingRules', { projectKey, locale, ...(rules === undefined ? {} : { rules }) }, ADMIN);

/** The scheduled trigger's request, as the platform sends it. */
export const SCAN_REQUEST = {
  context: { cloudId: CLOUD_ID, moduleKey: 'guide-des-statuts-waiting-scan' },
  contextToken: 'token',
};

/** The scheduled trigger as the platform invokes it: `(request, context)`, 55 s. */
export async function runScan(app: TestApp): Promise<ScanSummary> {
  const response = await app.forge.trigger<ScheduledTriggerResponse>(
    (request, context) => waitingScan(request, context),
    SCAN_REQUEST,
  );
  expect(response.statusCode).toBe(200);
  return JSON.parse(response.body) as ScanSummary;
}

export const mailsTo = (app: TestApp, issue: DoubleIssue): DoubleNotification[] =>
  app.double.state.notifications.filter((n) => n.issueKey === issue.key);

export const publicComments = (issue: DoubleIssue) => issue.comments.filter((c) => c.public);

export const statusNameOf = (app: TestApp, issueKey: string): string | undefined => {
  const issue = findIssue(app.double.state, issueKey);
  return app.double.state.statuses.find((s) => s.id === issue?.statusId)?.name;
};

/** The scan's audit records on the issue. */
export function waitingAudit(
  issue: DoubleIssue,
): { action: string; n?: number; at: string; entry: string }[] {
  const log = issue.properties['guide-des-statuts.customer-actions'] as { records?: unknown[] } | undefined;
  return (
    (log?.records ?? []) as { kind?: string; action: string; n?: number; at: string; entry: string }[]
  ).filter((r) => r.kind === 'waiting');
}

/** The lines the scan logged at `level` in the current test (the suite's silencing spy keeps them). */
export function logged(level: 'info' | 'warn'): string[] {
  const spy = silenced[level];
  if (!spy) throw new Error('logged: read outside a waiting suite');
  return spy.mock.calls.map((c: unknown[]) => String(c[0]));
}

/** The current test's console spies, set by useWaitingApp. */
const silenced: Partial<Record<'info' | 'warn', jest.SpyInstance>> = {};

export type Undone = keyof ScanSummary['skipped'];

/** A run's count of the actions due it did not do, by why: none, or one for `why`. */
export function undone(why?: Undone): ScanSummary['skipped'] {
  return { 'done-before': 0, 'moved-on': 0, busy: 0, refused: 0, ...(why ? { [why]: 1 } : {}) };
}

/** The current test's app and clock, read when a test runs (each test gets its own). */
export interface WaitingSuite {
  app: () => TestApp;
  clock: () => Clock;
  /** Closes the test's app and starts another, on other Jira content, with the demo project configured. */
  restartApp: (options: TestAppOptions) => Promise<void>;
}

/**
 * Registers the hooks every scan suite shares: the scan's console lines silenced, the clock at
 * Monday 08:00, a fresh app with the demo project configured and, when given, SUP's rules saved;
 * after each test the faults it added are cleared before checking nothing off-spec was sent.
 */
export function useWaitingApp(rules?: unknown): WaitingSuite {
  let app: TestApp | undefined;
  let clock: Clock | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useWaitingApp: read outside a test');
    return value;
  };
  beforeEach(async () => {
    silenced.info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    silenced.warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    clock = useClock(MONDAY_10 - 2 * HOUR);
    app = await startTestApp();
    app.configureDemoProject();
    if (rules !== undefined) await setRules(app, 'SUP', rules);
  });
  afterEach(async () => {
    const current = started(app);
    current.double.faults.clear();
    expectNoViolations(current.double);
    await current.close();
    jest.restoreAllMocks();
  });
  return {
    app: () => started(app),
    clock: () => started(clock),
    restartApp: async (options) => {
      await started(app).close();
      app = await startTestApp(options);
      app.configureDemoProject();
    },
  };
}
