/**
 * The scan's list of projects, read from Forge storage 20 keys a query (the documented maximum, which
 * the harness's store enforces) with the store's cursors: a site with more projects than one page
 * holds has every one scanned.
 */
import { rulesKey } from '../../src/waiting/store';
import { MAX_QUERY_LIMIT } from '../harness/kvs';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { HOUR, MONDAY_10, runScan, useClock } from './support';

let app: TestApp;
beforeEach(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  useClock(MONDAY_10 - 2 * HOUR);
  app = await startTestApp();
  app.configureDemoProject();
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
  jest.restoreAllMocks();
});

const RULES = {
  rules: {
    workingDays: true,
    timeZone: 'Europe/Brussels',
    waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: null },
    waiting_approval: null,
  },
  since: {
    waiting_customer: { reminders: MONDAY_10, outcome: null },
    waiting_approval: { reminders: null, outcome: null },
  },
  savedAt: MONDAY_10,
};

describe('more projects with rules than one storage query returns', () => {
  it('scans every one of them, each query asking for 20 at most', async () => {
    // SUP, the demo project, and 44 others (their searches find nothing).
    const keys = ['SUP', ...Array.from({ length: 44 }, (_, i) => `P${String(i).padStart(2, '0')}`)];
    for (const key of keys)
      app.forge.kvs.entries.set(rulesKey(key), { value: RULES, createdAt: 0, updatedAt: 0, expiresAt: null });
    const summary = await runScan(app);
    expect(summary.projects).toBe(keys.length);
    expect(summary.complete).toBe(true);
    const queries = app.forge.kvs.log.filter((e) => e.op === 'query' && e.key === 'waiting-rules:');
    expect(queries.length).toBeGreaterThanOrEqual(Math.ceil(keys.length / MAX_QUERY_LIMIT));
  });
});
