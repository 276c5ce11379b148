/**
 * The run's deadline against slow storage and a slow search: the scan answers in time, starts no
 * action it has no time left for, and the next run does what was due, once. Real waits of a few
 * seconds: kept apart from the quick suites.
 */
import { waitingScan } from '../../src/index';
import { forgetProjectConfigs, projectConfigKey } from '../../src/shared/project-config';
import type { ScanSummary, ScheduledTriggerResponse } from '../../src/waiting/scan';
import type { DoubleIssue } from '../double/state';
import { requestMovedBy } from '../support/events';
import {
  DAY,
  HOUR,
  MONDAY_10,
  SCAN_REQUEST,
  mailsTo,
  publicComments,
  runScan,
  setRules,
  statusNameOf,
  useWaitingApp,
} from './support';

const RULES = { waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 3 } };
const { app, clock } = useWaitingApp(RULES);

/** Asked for information on Monday 10:00; the clock `days` later. */
function askedOnMonday(days: number): DoubleIssue {
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestInformation');
  clock().set(MONDAY_10 + days * DAY);
  return issue;
}

/** One run the platform gives `timeoutMs`: its answer's summary. */
async function scanWithin(timeoutMs: number): Promise<ScanSummary> {
  const response = await app().forge.trigger<ScheduledTriggerResponse>(
    (request, context) => waitingScan(request, context),
    SCAN_REQUEST,
    { timeoutMs },
  );
  expect(response.statusCode).toBe(200);
  return JSON.parse(response.body) as ScanSummary;
}

it('stops for its deadline when storage is too slow to tell whether an outcome is under way', async () => {
  const issue = askedOnMonday(3);
  // The answer reserve (2 s) and one action's time (4 s) leave 0.5 s: the query answers after 5 s.
  app().forge.kvs.addFault({
    op: 'query',
    key: new RegExp(`^waiting-claim:${issue.id}:.*:outcome:$`),
    mode: 'slow',
    delayMs: 5_000,
  });
  const summary = await scanWithin(6_500);
  expect(summary).toMatchObject({ complete: false, stoppedBecause: 'deadline', failed: 0 });
  expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
  expect(publicComments(issue)).toEqual([]);
  app().forge.kvs.clearFaults();
  clock().advance(HOUR);
  await runScan(app());
  expect(statusNameOf(app(), issue.key)).toBe('Fermé');
  expect(publicComments(issue)).toHaveLength(1);
});

it('starts no action once a slow search has left it less than an action’s time', async () => {
  const issue = askedOnMonday(2);
  // The clock runs as time does here, so that the search's second and a half counts.
  const start = clock().now();
  const started = performance.now();
  jest.spyOn(Date, 'now').mockImplementation(() => start + Math.round(performance.now() - started));
  app().double.faults.add({ method: 'POST', path: '/rest/api/3/search/jql', delayMs: 1_500 });
  // 2 s of answer reserve, 5.2 s left: enough to search, then 3.7 s, short of an action's 4 s.
  const summary = await scanWithin(7_200);
  jest.spyOn(Date, 'now').mockImplementation(() => clock().now());
  expect(summary).toMatchObject({ complete: false, stoppedBecause: 'deadline', examined: 1, reminded: 0 });
  expect(mailsTo(app(), issue)).toEqual([]);
  clock().advance(HOUR);
  await runScan(app());
  expect(mailsTo(app(), issue)).toHaveLength(1);
});

it('stopped while reading a project’s configuration, resumes in that project, not the one before', async () => {
  const { addServiceProject } = await import('../installer/sites');
  addServiceProject(app().double.state, { key: 'HELP' });
  await setRules(app(), 'HELP', RULES);
  const issue = askedOnMonday(2);
  // Read afresh by this run, and slower than the 4.5 s left once HELP, listed first, is searched.
  forgetProjectConfigs();
  app().forge.kvs.addFault({ op: 'get', key: projectConfigKey('SUP'), mode: 'slow', delayMs: 5_000 });
  expect(await scanWithin(6_500)).toMatchObject({ complete: false, stoppedBecause: 'deadline' });
  expect(app().forge.kvs.peek('waiting-scan:cursor')).toEqual({ projectKey: 'SUP' });
  app().forge.kvs.clearFaults();
  app().double.resetLog();
  clock().advance(HOUR);
  await runScan(app());
  const searched = app().double.log.filter((r) => r.path === '/rest/api/3/search/jql');
  expect(searched.map((r) => (r.body as { jql: string }).jql)).toEqual([
    expect.stringMatching(/^project = "SUP"/),
  ]);
  expect(mailsTo(app(), issue)).toHaveLength(1);
});
