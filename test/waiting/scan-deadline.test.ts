/**
 * The run's deadline against slow storage and a slow search: the scan answers in time, starts no
 * action it has no time left for, resumes where it stopped, and the next run does what was due, once.
 * A slow Jira moves the test's clock on (the double's `meanwhile`) rather than making the test wait.
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

const SEARCH = '/rest/api/3/search/jql';

/** The first search (or `path`) answered as if it took `ms`: the run's clock moves on by that much. */
const takes = (ms: number, path = SEARCH) =>
  app().double.faults.add({ path, meanwhile: () => clock().advance(ms) });

it('stops for its deadline when storage is too slow to tell whether an outcome is under way', async () => {
  const issue = askedOnMonday(3);
  // 4.5 s left to the run (6.5 s less the answer reserve); reading the request leaves 0.5 s, and
  // storage takes a second to list its outcome attempts.
  takes(4_000, `/rest/servicedeskapi/request/${issue.key}`);
  const attempts = new RegExp(`^waiting-claim:${issue.id}:.*:outcome:$`);
  app().forge.kvs.addFault({ op: 'query', key: attempts, mode: 'slow', delayMs: 1_000 });
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
  // 5.2 s left to the run: enough to search; the search's 1.5 s leave 3.7 s, short of an action's 4 s.
  takes(1_500);
  const summary = await scanWithin(7_200);
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
  // HELP, first in key order, is searched in 4 of the 4.5 s left; SUP's configuration, read afresh,
  // takes a second.
  takes(4_000);
  forgetProjectConfigs();
  app().forge.kvs.addFault({ op: 'get', key: projectConfigKey('SUP'), mode: 'slow', delayMs: 1_000 });
  expect(await scanWithin(6_500)).toMatchObject({ complete: false, stoppedBecause: 'deadline' });
  expect(app().forge.kvs.peek('waiting-scan:cursor')).toEqual({ projectKey: 'SUP' });
  app().forge.kvs.clearFaults();
  app().double.resetLog();
  clock().advance(HOUR);
  await runScan(app());
  const searched = app().double.log.filter((r) => r.path === SEARCH);
  expect(searched.map((r) => (r.body as { jql: string }).jql)).toEqual([
    expect.stringMatching(/^project = "SUP"/),
  ]);
  expect(mailsTo(app(), issue)).toHaveLength(1);
});

describe('storage too slow before the first project', () => {
  let error: jest.SpyInstance;
  beforeEach(() => {
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it.each([
    ['listing the projects with rules', 'query', 'waiting-rules:', 'storage query'],
    ['reading where the last run stopped', 'get', 'waiting-scan:cursor', 'storage get'],
  ] as const)(
    '%s: the run fails (500), the operators told which step ran out of time',
    async (_, op, key, step) => {
      const issue = askedOnMonday(2);
      app().forge.kvs.addFault({ op, key, mode: 'slow', delayMs: 600 });
      // 0.3 s left to the run.
      const response = await app().forge.trigger<ScheduledTriggerResponse>(
        (request, context) => waitingScan(request, context),
        SCAN_REQUEST,
        { timeoutMs: 2_300 },
      );
      expect(response.statusCode).toBe(500);
      expect(error.mock.calls.map((c: unknown[]) => String(c[0]))).toEqual([
        `waiting-scan: failed: ${step}: the invocation's deadline was reached`,
      ]);
      expect(mailsTo(app(), issue)).toEqual([]);
    },
  );
});
