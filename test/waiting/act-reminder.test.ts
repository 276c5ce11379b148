/**
 * A reminder Jira refuses, fails or loses: what the claim in storage then holds (released, kept or
 * refused), whether a later run sends it, what the operators read, and what the scan does when the
 * reporter's language or the audit record cannot be read.
 */
import { waitingScan } from '../../src/index';
import { reminderClaimKey } from '../../src/waiting/claims';
import type { ScheduledTriggerResponse } from '../../src/waiting/scan';
import type { DoubleIssue } from '../double/state';
import { requestMovedBy } from '../support/events';
import {
  DAY,
  HOUR,
  logged,
  mailsTo,
  MONDAY_10,
  runScan,
  SCAN_REQUEST,
  undone,
  useWaitingApp,
  waitingAudit,
} from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 },
});

/** A request asked for information on Monday 10:00, the clock at its reminder (Wednesday 10:00). */
function dueForAReminder(): DoubleIssue {
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestInformation');
  clock().set(MONDAY_10 + 2 * DAY);
  return issue;
}

const claimOf = (issue: DoubleIssue): unknown => {
  const entry = waitingAuditEntry(issue);
  return app().forge.kvs.peek(reminderClaimKey(issue.id, entry, 1));
};

/** The stay's entry as the claims name it: read from the claim keys storage holds for the issue. */
function waitingAuditEntry(issue: DoubleIssue): string {
  const prefix = `waiting-claim:${issue.id}:`;
  const key = [...app().forge.kvs.entries.keys()].find((k) => k.startsWith(prefix));
  if (!key) throw new Error(`no claim for ${issue.key}`);
  return key.slice(prefix.length).replace(/:reminder:\d+$/, '');
}

const warnings = (): string[] => logged('warn');

const notifyPath = (issue: DoubleIssue) => `/rest/api/3/issue/${issue.key}/notify`;

describe('a reminder Jira refuses (403)', () => {
  it('is not counted, its claim is marked refused, operators are told, and no later run sends it', async () => {
    const issue = dueForAReminder();
    app().double.faults.add({ method: 'POST', path: notifyPath(issue), status: 403 });
    const summary = await runScan(app());
    // SUP-5, the demo's own waiting request, is reminded; this one refused.
    expect(summary).toMatchObject({ complete: true, reminded: 1, skipped: undone('refused'), failed: 0 });
    expect(mailsTo(app(), issue)).toHaveLength(0);
    expect(claimOf(issue)).toEqual({ state: 'refused', at: MONDAY_10 + 2 * DAY });
    expect(warnings()).toContain(`waiting-scan: Jira refused the reminder for ${issue.key}: 403 forbidden`);
    expect(waitingAudit(issue)).toEqual([]);
    // The demo's own waiting requests were reminded; this one was not.
    const again = await runScan(app());
    clock().advance(HOUR);
    await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(0);
    // Its claim says an earlier run had it.
    expect(again).toMatchObject({ reminded: 0, skipped: undone('done-before'), failed: 0 });
  });
});

describe('a reminder whose fate is unknown (5xx, connection reset)', () => {
  it('keeps its claim after a 503: never sent twice, never retried', async () => {
    const issue = dueForAReminder();
    app().double.faults.add({ method: 'POST', path: notifyPath(issue), status: 503, afterApply: true });
    expect(await runScan(app())).toMatchObject({ reminded: 1, skipped: undone('refused'), failed: 0 });
    expect(mailsTo(app(), issue)).toHaveLength(1);
    expect(claimOf(issue)).toEqual({ state: 'claimed', at: MONDAY_10 + 2 * DAY });
    expect(warnings()).toContain(`waiting-scan: Jira refused the reminder for ${issue.key}: 503 server`);
    clock().advance(HOUR);
    await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(1);
  });

  it('logs a reset connection without a status', async () => {
    const issue = dueForAReminder();
    app().double.faults.add({ method: 'POST', path: notifyPath(issue), drop: true });
    await runScan(app());
    expect(claimOf(issue)).toEqual({ state: 'claimed', at: MONDAY_10 + 2 * DAY });
    expect(warnings()).toContain(`waiting-scan: Jira refused the reminder for ${issue.key}: - network`);
  });
});

describe('a reminder refused for the rate limit (429 after the retries)', () => {
  it('stops the run, frees its claim, and the next run sends it once', async () => {
    const issue = dueForAReminder();
    app().double.faults.add({
      method: 'POST',
      path: notifyPath(issue),
      status: 429,
      retryAfterSeconds: 0,
      times: 20,
    });
    const summary = await runScan(app());
    expect(summary).toEqual(expect.objectContaining({ complete: false, stoppedBecause: 'rate-limited' }));
    expect(
      [...app().forge.kvs.entries.keys()].filter((k) => k.startsWith(`waiting-claim:${issue.id}:`)),
    ).toEqual([]);
    expect(warnings().filter((w) => w.includes(issue.key))).toEqual([]);
    app().double.faults.clear();
    clock().advance(HOUR);
    await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(1);
    expect(claimOf(issue)).toEqual({ state: 'done', at: MONDAY_10 + 2 * DAY + HOUR });
  });
});

describe("the reporter's language", () => {
  it('is the default one when Jira will not say (404): the reminder still goes', async () => {
    const issue = dueForAReminder();
    app().double.faults.add({ method: 'GET', path: '/rest/api/3/user', status: 404, times: 20 });
    const summary = await runScan(app());
    expect(summary.complete).toBe(true);
    const [mail] = mailsTo(app(), issue);
    expect(mail?.subject).toBe(`[${issue.key}] Rappel : nous attendons votre réponse`);
  });

  it('unreadable for a Jira failure (503): this request fails, is logged, and is not counted', async () => {
    const issue = dueForAReminder();
    // Retry-After: 0, so that the client's retries take no time.
    app().double.faults.add({
      method: 'GET',
      path: '/rest/api/3/user',
      status: 503,
      retryAfterSeconds: 0,
      times: 50,
    });
    const summary = await runScan(app());
    // SUP-5's reminder as well: its reporter's language is as unreadable.
    expect(summary).toMatchObject({ complete: true, reminded: 0, skipped: undone(), failed: 2 });
    expect(mailsTo(app(), issue)).toHaveLength(0);
    expect(warnings()).toContain(`waiting-scan: ${issue.key} reminder failed: 503 server`);
    // Nothing was claimed: once Jira answers again, the next run sends it.
    app().double.faults.clear();
    clock().advance(HOUR);
    expect(await runScan(app())).toMatchObject({ reminded: 2, skipped: undone(), failed: 0 });
    expect(mailsTo(app(), issue)).toHaveLength(1);
  });
});

describe('the audit record after a reminder', () => {
  it('is left as it is when it cannot be read again (503): the reminder counts, sent once', async () => {
    const issue = dueForAReminder();
    const path = `/rest/api/3/issue/${issue.key}/properties/guide-des-statuts.customer-actions`;
    app().double.faults.add({ method: 'GET', path, status: 503, retryAfterSeconds: 0, times: 50 });
    await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(1);
    expect(waitingAudit(issue)).toEqual([]);
    expect(claimOf(issue)).toEqual({ state: 'done', at: MONDAY_10 + 2 * DAY });
    expect(warnings().filter((w) => w.includes(issue.key))).toEqual([]);
    app().double.faults.clear();
    clock().advance(HOUR);
    await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(1);
  });

  it('read back under the rate limit (429) stops the run, the reminder sent once', async () => {
    const issue = dueForAReminder();
    const path = `/rest/api/3/issue/${issue.key}/properties/guide-des-statuts.customer-actions`;
    app().double.faults.add({ method: 'GET', path, status: 429, retryAfterSeconds: 0, times: 50 });
    const summary = await runScan(app());
    expect(summary).toEqual(expect.objectContaining({ complete: false, stoppedBecause: 'rate-limited' }));
    expect(mailsTo(app(), issue)).toHaveLength(1);
    app().double.faults.clear();
    clock().advance(HOUR);
    await runScan(app());
    expect(mailsTo(app(), issue)).toHaveLength(1);
  });
});

describe('two reminders to the same reporter in one run', () => {
  it("ask Jira for the reporter's language once", async () => {
    clock().set(MONDAY_10);
    const issues = [1, 2].map(() => requestMovedBy(app().double.state, 'requestInformation'));
    clock().set(MONDAY_10 + 2 * DAY);
    app().double.resetLog();
    await runScan(app());
    for (const issue of issues) expect(mailsTo(app(), issue)).toHaveLength(1);
    const reporter = issues[0]!.reporter;
    const reads = app().double.log.filter(
      (r) =>
        r.method === 'GET' &&
        r.path === '/rest/api/3/user' &&
        new URLSearchParams(r.query).get('accountId') === reporter,
    );
    expect(reads).toHaveLength(1);
  });
});

it('fails the run (500) when the reminder cannot be claimed for storage: nothing is sent unclaimed', async () => {
  const issue = dueForAReminder();
  app().forge.kvs.addFault({ op: 'set', key: /:reminder:1$/, mode: 'before', times: 50 });
  const response = await app().forge.trigger<ScheduledTriggerResponse>(
    (request, context) => waitingScan(request, context),
    SCAN_REQUEST,
  );
  expect(response.statusCode).toBe(500);
  expect(mailsTo(app(), issue)).toHaveLength(0);
  app().forge.kvs.clearFaults();
  clock().advance(HOUR);
  await runScan(app());
  expect(mailsTo(app(), issue)).toHaveLength(1);
});
