/**
 * Personal data (src/privacy): the registry of the accounts the app holds, the weekly report to
 * Atlassian's personal data reporting API (the harness's stand-in for `/app/report-accounts`), and the
 * erasure of a closed account from the audit record, the comment marks and the submission leases.
 */
import { AUDIT_PROPERTY_KEY } from '../../src/portal/audit';
import { COMMENT_MARK_KEY } from '../../src/portal/comment-mark';
import { accountKey, issueKeyOf } from '../../src/privacy/registry';
import { eraseKey } from '../../src/privacy/erase';
import { CYCLE_KEY } from '../../src/privacy/report';
import { DEMO_STATUS_IDS, DEMO_USERS, type DoubleIssue } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { freshRequest } from '../support/submissions';
import { act, auditOf, seedAccounts, snapshot, weeklyRun } from './support';

const claire = DEMO_USERS.reporter.accountId;
const pierre = DEMO_USERS.participant.accountId;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
});
afterAll(() => app.close());
beforeEach(() => {
  for (const key of [...app.forge.kvs.entries.keys()])
    if (key.startsWith('privacy:')) app.forge.kvs.entries.delete(key);
  app.forge.privacy.reset();
});
afterEach(() => {
  expectNoViolations(app.double);
  expect(app.forge.privacy.malformed).toEqual([]);
  app.double.faults.clear();
  app.forge.kvs.clearFaults();
});

/** A request waiting for the customer on which Pierre participates. */
function waitingRequest(): DoubleIssue {
  const issue = freshRequest(app, 'waiting_customer');
  issue.participants = [pierre];
  return issue;
}

/** Claire, then Pierre, answer on the same request (an agent asks again in between). */
async function bothAnswer(issue: DoubleIssue): Promise<void> {
  expect((await act(app, issue, claire)).error).toBeUndefined();
  issue.statusId = DEMO_STATUS_IDS.waiting_customer;
  expect((await act(app, issue, pierre)).error).toBeUndefined();
}

const leasesOn = (issue: DoubleIssue) =>
  [...app.forge.kvs.entries.entries()]
    .filter(([key]) => key.startsWith(`submission:${issue.key}:`))
    .map(([, e]) => e.value as { accountId?: string; action: string });

const markOf = (issue: DoubleIssue, commentId: string | undefined) =>
  issue.comments.find((c) => c.id === commentId)?.properties?.[COMMENT_MARK_KEY] as
    { accountId?: string; submissionId: string; action: string } | undefined;

describe('the registry of the accounts the app holds', () => {
  it('learns the account and the issue with the action, and keeps the oldest date', async () => {
    const first = waitingRequest();
    const second = waitingRequest();
    await act(app, first, claire);
    const since = (app.forge.kvs.peek(accountKey(claire)) as { since: string }).since;
    expect(Date.parse(since)).toBeLessThanOrEqual(Date.now());
    await act(app, second, claire);
    expect(app.forge.kvs.peek(accountKey(claire))).toEqual({ since });
    expect(app.forge.kvs.peek(issueKeyOf(claire, first.key))).toBeDefined();
    expect(app.forge.kvs.peek(issueKeyOf(claire, second.key))).toBeDefined();
  });

  it('is best effort: storage refusing it does not fail the action', async () => {
    const issue = waitingRequest();
    app.forge.kvs.addFault({ op: 'set', key: /^privacy:/, mode: 'before', times: 2 });
    const answer = await act(app, issue, claire);
    expect(answer.error).toBeUndefined();
    expect(auditOf(issue)).toHaveLength(1);
    expect(app.forge.kvs.peek(accountKey(claire))).toBeUndefined();
    // The next action that can write it does.
    await act(app, waitingRequest(), claire);
    expect(app.forge.kvs.peek(accountKey(claire))).toBeDefined();
  });
});

describe('the weekly report', () => {
  it('reports every account held once, 90 a request at most, with the date the app stored it; nothing changes', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `5b10a2844c2016570${String(i).padStart(7, '0')}`);
    seedAccounts(app, ids);
    const issue = waitingRequest();
    await act(app, issue, claire);
    app.forge.privacy.updated.add(ids[3]!);
    const before = snapshot(app);

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });

    const sent = app.forge.privacy.requests;
    expect(sent.every((r) => r.length <= 90)).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(sent.flat()).toHaveLength(201);
    const reported = new Map(sent.flat().map((a) => [a.accountId, a.updatedAt]));
    expect(reported.size).toBe(201);
    expect(reported.get(ids[0]!)).toBe('2026-11-02T10:00:00.000Z');
    expect(reported.get(claire)).toBe((app.forge.kvs.peek(accountKey(claire)) as { since: string }).since);
    // `updated` asks to refresh copied data: the app keeps none but the id. The cycle is over.
    const after = snapshot(app) as { kvs: [string, unknown][] };
    expect({ ...after, kvs: after.kvs.filter(([k]) => k !== CYCLE_KEY) }).toEqual(before);
    expect(app.forge.kvs.peek(CYCLE_KEY)).toEqual({ shard: 0 });
  });

  it('erases a closed account: the audit record keeps the action and dates, marks and leases lose it', async () => {
    const issue = waitingRequest();
    await bothAnswer(issue);
    const [claireRecord, pierreRecord] = auditOf(issue);
    expect(claireRecord?.accountId).toBe(claire);
    expect(markOf(issue, claireRecord?.commentId)?.accountId).toBe(claire);
    app.forge.privacy.closed.add(claire);

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });

    const [erased, kept] = auditOf(issue);
    const { accountId: _gone, ...rest } = claireRecord!;
    expect(erased).toEqual(rest);
    expect(kept).toEqual(pierreRecord);
    expect(markOf(issue, claireRecord?.commentId)).toEqual({
      submissionId: claireRecord?.submissionId,
      action: 'customerAnswered',
    });
    expect(markOf(issue, pierreRecord?.commentId)?.accountId).toBe(pierre);
    expect(leasesOn(issue).map((l) => l.accountId)).toEqual([pierre]);
    const registry = [...app.forge.kvs.entries.keys()].filter((k) => k.startsWith('privacy:'));
    expect(registry.filter((k) => k.includes(claire))).toEqual([]);
    expect(registry).toContain(accountKey(pierre));
    expect(JSON.stringify(issue.properties[AUDIT_PROPERTY_KEY])).not.toContain(claire);

    // The agent still sees what was done and when, not by whom; the next cycle no longer reports Claire.
    const help = await app.issueView<{
      recentCustomerActions: { accountId: string | null; displayName: string | null }[];
    }>('getStatusHelp', {}, { accountId: DEMO_USERS.agent.accountId, issueKey: issue.key });
    expect(help.recentCustomerActions).toEqual(
      expect.arrayContaining([expect.objectContaining({ accountId: null, displayName: null })]),
    );
    app.forge.privacy.requests.length = 0;
    await weeklyRun(app);
    expect(app.forge.privacy.requests.flat().map((a) => a.accountId)).toEqual([pierre]);
  });

  it.each([500, 429, 503])(
    'a report answered %i leaves everything as it was, and is retried next week',
    async (status) => {
      const issue = waitingRequest();
      await bothAnswer(issue);
      app.forge.privacy.closed.add(claire);
      app.forge.privacy.failure = { status, times: 1 };
      const before = snapshot(app);

      await weeklyRun(app);

      expect(app.forge.privacy.requests).toHaveLength(1);
      expect(snapshot(app)).toEqual(before);
      await weeklyRun(app);
      expect(JSON.stringify(auditOf(issue))).not.toContain(claire);
      expect(app.forge.kvs.peek(accountKey(claire))).toBeUndefined();
    },
  );

  it('an erasure Jira interrupts is taken up again at the next run', async () => {
    const issue = waitingRequest();
    await bothAnswer(issue);
    app.forge.privacy.closed.add(claire);
    app.double.faults.add({
      method: 'PUT',
      path: `/rest/api/3/issue/${issue.key}/properties/${AUDIT_PROPERTY_KEY}`,
      status: 500,
      times: 20,
    });

    // The run goes on (the report is made), the account stays queued, its issue registered.
    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(app.forge.privacy.requests).toHaveLength(1);
    expect(auditOf(issue)[0]?.accountId).toBe(claire);
    expect(app.forge.kvs.peek(issueKeyOf(claire, issue.key))).toBeDefined();
    expect(app.forge.kvs.peek(eraseKey(claire))).toBeDefined();

    app.double.faults.clear();
    app.forge.privacy.closed.clear();
    app.forge.privacy.requests.length = 0;
    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(auditOf(issue)[0]?.accountId).toBeUndefined();
    expect(app.forge.kvs.peek(accountKey(claire))).toBeUndefined();
    expect(app.forge.kvs.peek(eraseKey(claire))).toBeUndefined();
  });

  it('a run cut short by its deadline resumes where it stopped, each account reported once', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `5b10a2844c2016571${String(i).padStart(7, '0')}`);
    seedAccounts(app, ids);
    app.forge.privacy.delayMs = 1_500;

    // 6 s: 4 s of work after the 2 s kept to answer; a round needs 3 s, so one report fits.
    expect(await weeklyRun(app, 6_000)).toEqual({ statusCode: 200 });
    expect(app.forge.privacy.requests).toHaveLength(1);
    const first = app.forge.privacy.requests[0]!.length;
    expect(first).toBeGreaterThan(0);
    expect((app.forge.kvs.peek(CYCLE_KEY) as { shard: number }).shard).toBeGreaterThan(0);

    app.forge.privacy.delayMs = 0;
    await weeklyRun(app);
    const all = app.forge.privacy.requests.flat().map((a) => a.accountId);
    expect(all).toHaveLength(150);
    expect(new Set(all)).toEqual(new Set(ids));
    expect(app.forge.kvs.peek(CYCLE_KEY)).toEqual({ shard: 0 });
  });
});
