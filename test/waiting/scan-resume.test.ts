/**
 * Where the scan goes and where it resumes: every search page of a project, then the next project;
 * a run that stops resumes on the page and in the project where it stopped, reading no earlier one
 * again; a request whose entry cannot be told is skipped and reported; the budget of actions per run.
 */
import { waitingScan } from '../../src/index';
import { MAX_ACTIONS_PER_RUN, type ScheduledTriggerResponse } from '../../src/waiting/scan';
import { DEMO_STATUS_IDS, findIssue, type DoubleIssue } from '../double/state';
import { requestMovedBy } from '../support/events';
import { DAY, HOUR, MONDAY_10, SCAN_REQUEST, mailsTo, runScan, setRules, useWaitingApp } from './support';

const RULES = { waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 } };
const { app, clock } = useWaitingApp(RULES);

const CURSOR_KEY = 'waiting-scan:cursor';
const SEARCH = '/rest/api/3/search/jql';

let info: jest.SpyInstance;
let warn: jest.SpyInstance;
beforeEach(() => {
  info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
const lines = (spy: jest.SpyInstance): string[] => spy.mock.calls.map((c: unknown[]) => String(c[0]));

/** `count` requests asked for information on Monday 10:00; the clock at their reminder. */
function dueForReminders(count: number): DoubleIssue[] {
  clock().set(MONDAY_10);
  const issues = Array.from({ length: count }, () =>
    requestMovedBy(app().double.state, 'requestInformation'),
  );
  clock().set(MONDAY_10 + 2 * DAY);
  return issues;
}

/** The searches since the log was last reset: the project each asked for, and its page token. */
function searches(): { project: string; token: string | undefined }[] {
  return app()
    .double.log.filter((r) => r.method === 'POST' && r.path === SEARCH)
    .map((r) => {
      const body = r.body as { jql: string; nextPageToken?: string };
      return { project: /^project = "([^"]+)"/.exec(body.jql)?.[1] ?? '?', token: body.nextPageToken };
    });
}

/** A 429 storm on one request's reminder: the run stops there, for the rate limit. */
const rateLimitedAt = (issue: DoubleIssue) =>
  app().double.faults.add({
    method: 'POST',
    path: `/rest/api/3/issue/${issue.key}/notify`,
    status: 429,
    retryAfterSeconds: 0,
    times: 20,
  });

describe('search pages', () => {
  it('are all read, each request reminded once', async () => {
    // SUP-5 and SUP-7, the demo's own waiting requests, come first: with these five, four pages of two.
    app().double.state.searchPageLimit = 2;
    const issues = dueForReminders(5);
    app().double.resetLog();
    const summary = await runScan(app());
    expect(summary).toMatchObject({ complete: true, examined: 7, reminded: 6 });
    for (const issue of issues) expect(mailsTo(app(), issue)).toHaveLength(1);
    expect(searches()).toEqual([
      { project: 'SUP', token: undefined },
      { project: 'SUP', token: '2' },
      { project: 'SUP', token: '4' },
      { project: 'SUP', token: '6' },
    ]);
  });

  it('a run that stopped resumes on its page, reading none before it again', async () => {
    app().double.state.searchPageLimit = 2;
    const issues = dueForReminders(5);
    rateLimitedAt(issues[3]!);
    const first = await runScan(app());
    expect(first).toMatchObject({ complete: false, stoppedBecause: 'rate-limited', reminded: 4 });
    expect(app().forge.kvs.peek(CURSOR_KEY)).toEqual({ projectKey: 'SUP', nextPageToken: '4' });
    app().double.faults.clear();
    app().double.resetLog();
    clock().advance(HOUR);
    const second = await runScan(app());
    expect(second).toMatchObject({ complete: true, reminded: 2 });
    expect(searches()).toEqual([
      { project: 'SUP', token: '4' },
      { project: 'SUP', token: '6' },
    ]);
    for (const issue of issues) expect(mailsTo(app(), issue)).toHaveLength(1);
    expect(app().forge.kvs.peek(CURSOR_KEY)).toBeUndefined();
  });

  it('a stored page Jira fails to read (500): the run fails, the page kept for the next run', async () => {
    const [issue] = dueForReminders(1);
    const cursor = { projectKey: 'SUP', nextPageToken: '2' };
    app().forge.kvs.entries.set(CURSOR_KEY, { value: cursor, createdAt: 0, updatedAt: 0, expiresAt: null });
    app().double.faults.add({ method: 'POST', path: SEARCH, status: 500 });
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await app().forge.trigger<ScheduledTriggerResponse>(
      (request, context) => waitingScan(request, context),
      SCAN_REQUEST,
    );
    expect(response.statusCode).toBe(500);
    expect(lines(error)).toEqual([
      `waiting-scan: failed: POST ${SEARCH} failed: 500 server ([double] injected fault)`,
    ]);
    expect(mailsTo(app(), issue!)).toEqual([]);
    expect(app().forge.kvs.peek(CURSOR_KEY)).toEqual(cursor);
  });
});

describe('projects', () => {
  it('a run that stopped in one resumes there, not searching the projects before it again', async () => {
    const { addServiceProject } = await import('../installer/sites');
    addServiceProject(app().double.state, { key: 'HELP' });
    await setRules(app(), 'HELP', RULES);
    // Forge documents no order for a query's results: the projects go in key order all the same.
    app().forge.kvs.queryOrder = 'reversed';
    const [issue] = dueForReminders(1);
    rateLimitedAt(issue!);
    app().double.resetLog();
    expect(await runScan(app())).toMatchObject({
      projects: 2,
      complete: false,
      stoppedBecause: 'rate-limited',
    });
    // HELP before SUP, in key order.
    expect(searches().map((s) => s.project)).toEqual(['HELP', 'SUP']);
    expect(app().forge.kvs.peek(CURSOR_KEY)).toEqual({ projectKey: 'SUP' });
    app().double.faults.clear();
    app().double.resetLog();
    clock().advance(HOUR);
    expect(await runScan(app())).toMatchObject({ projects: 2, complete: true, reminded: 1 });
    expect(searches().map((s) => s.project)).toEqual(['SUP']);
    expect(mailsTo(app(), issue!)).toHaveLength(1);
  });
});

it('skips a request whose entry into its status Jira’s changelog does not show, and says so', async () => {
  const [issue] = dueForReminders(1);
  // Its changelog says it moved into another status: when it entered this one cannot be told.
  findIssue(app().double.state, issue!.key)!.changelog.at(-1)!.items[0]!.to = DEMO_STATUS_IDS.in_progress;
  const summary = await runScan(app());
  expect(summary).toMatchObject({ examined: 2, reminded: 1 });
  expect(mailsTo(app(), issue!)).toEqual([]);
  expect(lines(warn)).toContain('waiting-scan: SUP: 1 request(s) skipped, entry unknown');
  expect(lines(info).at(-1)).toBe(
    'waiting-scan: 1 project(s), 2 waiting, 1 reminded, 0 decided; left: 0 done before, 0 moved on, 0 busy, 0 refused, 0 failed',
  );
});

it(`takes ${MAX_ACTIONS_PER_RUN} actions in a run, not one more`, async () => {
  const issues = dueForReminders(MAX_ACTIONS_PER_RUN + 1);
  const first = await runScan(app());
  expect(first).toMatchObject({ complete: false, stoppedBecause: 'budget', reminded: MAX_ACTIONS_PER_RUN });
  clock().advance(HOUR);
  expect(await runScan(app())).toMatchObject({ complete: true, reminded: 2 });
  for (const issue of issues) expect(mailsTo(app(), issue)).toHaveLength(1);
});
