/**
 * The scan cut off at every kind of step, then run again; Jira answering 429 to everything for a
 * while; a slow Jira against the run's deadline. After each:
 * no second reminder, no second comment, no second transition, and the next run resumes the rest.
 */
import { waitingScan } from '../../src/index';
import type { ScheduledTriggerResponse } from '../../src/waiting/scan';
import { DEMO_STATUS_IDS, type DoubleIssue } from '../double/state';
import { CLOUD_ID, InvocationKilled } from '../harness/forge';
import { requestMovedBy } from '../support/events';
import {
  DAY,
  HOUR,
  MONDAY_10,
  mailsTo,
  publicComments,
  runScan,
  statusNameOf,
  waitingAudit,
  useWaitingApp,
} from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 3 },
});

function waitingSinceMonday(count = 1): DoubleIssue[] {
  clock().set(MONDAY_10);
  return Array.from({ length: count }, () => requestMovedBy(app().double.state, 'requestInformation'));
}

const scanFor = (timeoutMs?: number) =>
  app().forge.trigger<ScheduledTriggerResponse>(
    (request, context) => waitingScan(request, context),
    { context: { cloudId: CLOUD_ID, moduleKey: 'guide-des-statuts-waiting-scan' } },
    timeoutMs === undefined ? {} : { timeoutMs },
  );

/**
 * A killed run's code hangs on requests that never answer, as on the platform, until its deadline
 * (this limit less 2 s) aborts them: short, so it is over before the file's last test.
 */
const KILLED_RUN_MS = 6_500;

const closings = (issue: DoubleIssue) =>
  issue.changelog.filter((c) => c.items[0]?.to === DEMO_STATUS_IDS.closed);

describe('a run ended by the platform, then run again', () => {
  it('after the reminder claim: no reminder is sent, then or later (at most once)', async () => {
    const [issue] = waitingSinceMonday();
    clock().set(MONDAY_10 + 2 * DAY);
    app().forge.killAfter(
      (s) =>
        s.type === 'kvs' &&
        s.path === 'set' &&
        (s.key ?? '').includes(`${issue!.id}:`) &&
        (s.key ?? '').endsWith(':reminder:1'),
    );
    await expect(scanFor(KILLED_RUN_MS)).rejects.toBeInstanceOf(InvocationKilled);
    await runScan(app());
    clock().advance(HOUR);
    await runScan(app());
    expect(mailsTo(app(), issue!)).toHaveLength(0);
  });

  it('after the reminder e-mail, before it is recorded: no second e-mail', async () => {
    const [issue] = waitingSinceMonday();
    clock().set(MONDAY_10 + 2 * DAY);
    app().forge.killAfter((s) => s.type === 'jira' && s.path === `/rest/api/3/issue/${issue!.key}/notify`);
    await expect(scanFor(KILLED_RUN_MS)).rejects.toBeInstanceOf(InvocationKilled);
    expect(mailsTo(app(), issue!)).toHaveLength(1);
    await runScan(app());
    clock().advance(HOUR);
    await runScan(app());
    expect(mailsTo(app(), issue!)).toHaveLength(1);
  });

  it('after the outcome comment: the next attempt, once the first is surely over, transitions without a second comment', async () => {
    const [issue] = waitingSinceMonday();
    clock().set(MONDAY_10 + 3 * DAY);
    app().forge.killAfter(
      (s) => s.type === 'jira' && s.method === 'POST' && s.path === `/rest/api/3/issue/${issue!.key}/comment`,
    );
    await expect(scanFor(KILLED_RUN_MS)).rejects.toBeInstanceOf(InvocationKilled);
    expect(publicComments(issue!)).toHaveLength(1);
    expect(statusNameOf(app(), issue!.key)).toBe('En attente du client');
    // The attempt may still be running: a run right after leaves it alone.
    await runScan(app());
    expect(statusNameOf(app(), issue!.key)).toBe('En attente du client');
    clock().advance(17 * 60_000);
    await runScan(app());
    expect(statusNameOf(app(), issue!.key)).toBe('Fermé');
    expect(publicComments(issue!)).toHaveLength(1);
    expect(closings(issue!)).toHaveLength(1);
    expect(waitingAudit(issue!).filter((r) => r.action === 'closeWithoutAnswer')).toHaveLength(1);
  });

  it('after the transition: no second comment, no second transition', async () => {
    const [issue] = waitingSinceMonday();
    clock().set(MONDAY_10 + 3 * DAY);
    app().forge.killAfter(
      (s) => s.type === 'jira' && s.path === `/rest/api/3/issue/${issue!.key}/transitions`,
    );
    await expect(scanFor(KILLED_RUN_MS)).rejects.toBeInstanceOf(InvocationKilled);
    clock().advance(HOUR);
    await runScan(app());
    expect(publicComments(issue!)).toHaveLength(1);
    expect(closings(issue!)).toHaveLength(1);
  });
});

it('stops early on a 429 storm, answers 200, and the next run sends what is due, once', async () => {
  const issues = waitingSinceMonday(3);
  clock().set(MONDAY_10 + 2 * DAY);
  app().double.faults.add({
    method: 'POST',
    path: /\/notify$/,
    status: 429,
    retryAfterSeconds: 0,
    times: 40,
  });
  const response = await scanFor();
  expect(response.statusCode).toBe(200);
  expect(JSON.parse(response.body)).toEqual(
    expect.objectContaining({ complete: false, stoppedBecause: 'rate-limited' }),
  );
  expect(issues.flatMap((i) => mailsTo(app(), i))).toHaveLength(0);
  app().double.faults.clear();
  clock().advance(HOUR);
  expect((await runScan(app())).complete).toBe(true);
  for (const issue of issues) expect(mailsTo(app(), issue)).toHaveLength(1);
  clock().advance(HOUR);
  await runScan(app());
  for (const issue of issues) expect(mailsTo(app(), issue)).toHaveLength(1);
});

it('stops before its deadline when Jira is slow, answers in time, and the next run resumes', async () => {
  const issues = waitingSinceMonday(3);
  clock().set(MONDAY_10 + 2 * DAY);
  app().double.faults.add({
    method: 'POST',
    path: `/rest/api/3/issue/${issues[1]!.key}/notify`,
    delayMs: 3_000,
  });
  const response = await scanFor(4_000);
  expect(JSON.parse(response.body)).toEqual(
    expect.objectContaining({ complete: false, stoppedBecause: 'deadline' }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  clock().advance(HOUR);
  expect((await runScan(app())).complete).toBe(true);
  // The slow e-mail reached Jira late: it is not sent again; the others once each.
  for (const issue of issues) expect(mailsTo(app(), issue)).toHaveLength(1);
});
