/**
 * The scheduled scan's own edges: the operators' summary line, an inactive license, a run that fails,
 * a search page token Jira no longer knows, and a run stopped by its deadline before it searches, with
 * where it stopped kept for the next run.
 */
import { waitingScan } from '../../src/index';
import type { ScanSummary, ScheduledTriggerResponse } from '../../src/waiting/scan';
import type { DoubleIssue } from '../double/state';
import { jiraCalls } from '../support/app';
import { requestMovedBy } from '../support/events';
import { DAY, HOUR, MONDAY_10, SCAN_REQUEST, mailsTo, runScan, useWaitingApp } from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 },
});

const CURSOR_KEY = 'waiting-scan:cursor';
const SEARCH = '/rest/api/3/search/jql';

let info: jest.SpyInstance;
let error: jest.SpyInstance;
beforeEach(() => {
  info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
const lines = (spy: jest.SpyInstance): string[] => spy.mock.calls.map((c: unknown[]) => String(c[0]));

function dueForAReminder(): DoubleIssue {
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestInformation');
  clock().set(MONDAY_10 + 2 * DAY);
  return issue;
}

const scan = (options: Parameters<ReturnType<typeof app>['forge']['trigger']>[2] = {}) =>
  app().forge.trigger<ScheduledTriggerResponse>(
    (request, context) => waitingScan(request, context),
    SCAN_REQUEST,
    options,
  );

const summaryLine = (s: ScanSummary): string =>
  `waiting-scan: ${s.projects} project(s), ${s.examined} waiting, ${s.reminded} reminded, ${s.decided} decided; ` +
  `left: ${s.skipped['done-before']} done before, ${s.skipped['moved-on']} moved on, ${s.skipped.busy} busy, ` +
  `${s.skipped.refused} refused, ${s.failed} failed`;

describe("the operators' summary line", () => {
  it('says what a complete run examined, reminded and decided', async () => {
    const issue = dueForAReminder();
    const summary = await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(1);
    expect(summary).toEqual(expect.objectContaining({ projects: 1, complete: true, decided: 0 }));
    expect(summary.examined).toBeGreaterThanOrEqual(summary.reminded);
    expect(summary.reminded).toBe(app().double.state.notifications.length);
    expect(lines(info)).toContain(summaryLine(summary));
  });

  it('says why a run stopped', async () => {
    dueForAReminder();
    app().double.faults.add({
      method: 'POST',
      path: /\/notify$/,
      status: 429,
      retryAfterSeconds: 0,
      times: 40,
    });
    const summary = await runScan(app());
    expect(summary.stoppedBecause).toBe('rate-limited');
    expect(lines(info)).toContain(`${summaryLine(summary)}; stopped (rate-limited)`);
  });
});

it('does nothing under an inactive license, and answers 200', async () => {
  const issue = dueForAReminder();
  app().double.resetLog();
  const writesBefore = app().forge.kvs.log.length;
  const response = await scan({ license: 'inactive' });
  expect(response.statusCode).toBe(200);
  expect(JSON.parse(response.body)).toEqual({ skipped: 'unlicensed' });
  expect(response.headers).toEqual({ 'Content-Type': ['application/json'] });
  expect(jiraCalls(app().double)).toEqual([]);
  expect(app().forge.kvs.log.length).toBe(writesBefore);
  expect(mailsTo(app(), issue)).toHaveLength(0);
  expect(lines(info)).toContain('waiting-scan: license not active, nothing done');
});

it('answers 500 and tells the operators when the run fails (storage down)', async () => {
  dueForAReminder();
  app().forge.kvs.addFault({ op: 'query', mode: 'before', times: 5 });
  const response = await scan();
  expect(response.statusCode).toBe(500);
  expect(JSON.parse(response.body)).toEqual({ error: 'scan failed' });
  expect(response.headers).toEqual({ 'Content-Type': ['application/json'] });
  expect(lines(error).some((l) => l.startsWith('waiting-scan: failed: '))).toBe(true);
});

describe('a search Jira refuses (400)', () => {
  it('with a stored page token Jira no longer knows: the project is searched again from its start', async () => {
    const issue = dueForAReminder();
    app().forge.kvs.entries.set(CURSOR_KEY, {
      value: { projectKey: 'SUP', nextPageToken: '100' },
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
    app().double.faults.add({ method: 'POST', path: SEARCH, status: 400 });
    const summary = await runScan(app());
    expect(summary.complete).toBe(true);
    expect(mailsTo(app(), issue)).toHaveLength(1);
    expect(app().forge.kvs.peek(CURSOR_KEY)).toBeUndefined();
  });

  it('without a page token: the run fails (500), nothing is sent', async () => {
    const issue = dueForAReminder();
    app().double.faults.add({ method: 'POST', path: SEARCH, status: 400 });
    const response = await scan();
    expect(response.statusCode).toBe(500);
    expect(mailsTo(app(), issue)).toHaveLength(0);
  });
});

describe('the run deadline', () => {
  it('too short to search: stops before asking Jira, keeps the project for the next run', async () => {
    const issue = dueForAReminder();
    app().double.resetLog();
    const response = await scan({ timeoutMs: 5_000 });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(
      expect.objectContaining({ complete: false, stoppedBecause: 'deadline', examined: 0 }),
    );
    expect(jiraCalls(app().double).filter((c) => c.includes('search/jql'))).toEqual([]);
    expect(app().forge.kvs.peek(CURSOR_KEY)).toEqual({ projectKey: 'SUP' });
    clock().advance(HOUR);
    await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(1);
  });

  it('reached by a slow Jira during an action: the run stops for its deadline, the request not logged as failed', async () => {
    const issue = dueForAReminder();
    app().double.faults.add({
      method: 'POST',
      path: `/rest/api/3/issue/${issue.key}/notify`,
      delayMs: 6_000,
    });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const response = await scan({ timeoutMs: 7_000 });
    expect(JSON.parse(response.body)).toEqual(
      expect.objectContaining({ complete: false, stoppedBecause: 'deadline' }),
    );
    expect(lines(warn).filter((l) => l.includes(issue.key))).toEqual([]);
    expect(lines(info).some((l) => l.endsWith('; stopped (deadline)'))).toBe(true);
  });
});
