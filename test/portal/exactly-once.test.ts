/**
 * The exactly-once cases that need two invocations at once, a slow Jira against the resolver limit,
 * or an answer after another attempt did the work (the per-step faults are in fault-suite.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { handler } from '../../src/index';
import { AUDIT_PROPERTY_KEY, type AuditLog } from '../../src/portal/audit';
import { leaseKey } from '../../src/portal/submissions';
import type { CustomerActionId, StatusKey } from '../../src/workflow';
import { DEMO_STATUS_IDS, DEMO_USERS, type DoubleIssue } from '../double/state';
import { expectNoViolations, portalContext, startTestApp, type TestApp } from '../support/app';
import { ageLeases, freshRequest } from '../support/submissions';

type Answer = {
  status?: { key: string | null; responseRequired?: boolean };
  error?: { code: string; message: string };
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
  app.forge.kvs.clearFaults();
  app.forge.kvs.conflict = { status: 409, code: 'KEY_CONFLICT' };
});

const freshIssue = (status: StatusKey): DoubleIssue => freshRequest(app, status);

const act = (issue: DoubleIssue, action: CustomerActionId, submissionId: string, comment?: string) =>
  app.portal<Answer>(
    'performCustomerAction',
    { action, submissionId, ...(comment ? { comment } : {}) },
    { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
  );

const records = (issue: DoubleIssue) =>
  (issue.properties[AUDIT_PROPERTY_KEY] as AuditLog | undefined)?.records ?? [];

/** A lease left by an attempt whose invocation ended long ago, before it could say anything. */
function staleLease(issue: DoubleIssue, submissionId: string, action: CustomerActionId): void {
  const at = Date.now() - 120_000;
  app.forge.kvs.entries.set(leaseKey(issue.key, submissionId, 0), {
    value: {
      accountId: DEMO_USERS.reporter.accountId,
      action,
      state: 'held',
      claimedAt: at,
      until: at + 23_000,
      token: 'gone',
    },
    createdAt: at,
    updatedAt: at,
    expiresAt: null,
  });
}

describe('two invocations at once', () => {
  it('lets one of two retries take over a stale submission: one comment, one transition', async () => {
    const issue = freshIssue('waiting_customer');
    const submissionId = randomUUID();
    staleLease(issue, submissionId, 'customerAnswered');
    // Both read the stale lease before either claims: the second to claim must lose.
    app.double.faults.add({
      method: 'GET',
      path: `/rest/servicedeskapi/request/${issue.key}`,
      delayMs: 300,
      times: 2,
    });
    // Both read the leases before either claims.
    app.forge.kvs.addFault({ op: 'query', mode: 'slow', delayMs: 600, times: 2 });
    const answers = await Promise.all([
      act(issue, 'customerAnswered', submissionId, 'Une seule fois'),
      act(issue, 'customerAnswered', submissionId, 'Une seule fois'),
    ]);
    expect(answers.map((a) => a.status?.key)).toEqual(['in_progress', 'in_progress']);
    expect(issue.comments).toHaveLength(1);
    expect(issue.changelog).toHaveLength(1);
    expect(records(issue)).toHaveLength(1);
  });

  it.each([['KEY_CONFLICT'], ['CONFLICT'], ['']])(
    'recognises a refused claim by its 409 whatever its code (%j)',
    async (code) => {
      app.forge.kvs.conflict = { status: 409, code };
      const issue = freshIssue('closed');
      const submissionId = randomUUID();
      // Both find no lease before either claims: both try to create the first one, one is refused.
      app.forge.kvs.addFault({ op: 'query', mode: 'slow', delayMs: 600, times: 2 });
      const answers = await Promise.all([
        act(issue, 'reopen', submissionId, 'Encore en panne'),
        act(issue, 'reopen', submissionId, 'Encore en panne'),
      ]);
      expect(answers.map((a) => a.status?.key)).toEqual(['reopened', 'reopened']);
      expect(issue.comments).toHaveLength(1);
      expect(records(issue)).toHaveLength(1);
    },
  );
});

describe('a duplicate answers the status as it is now', () => {
  it('after the other delivery did the work, not the status it read before', async () => {
    const issue = freshIssue('waiting_customer');
    const submissionId = randomUUID();
    // The second delivery reads the request (still waiting on the customer) while the first one works.
    app.double.faults.add({ method: 'POST', path: `/rest/api/3/issue/${issue.key}/comment`, delayMs: 600 });
    const first = act(issue, 'customerAnswered', submissionId, 'Voilà');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await act(issue, 'customerAnswered', submissionId, 'Voilà');
    expect((await first).status?.key).toBe('in_progress');
    expect(second.status).toMatchObject({ key: 'in_progress', responseRequired: false });
    expect(issue.comments).toHaveLength(1);
  });
});

describe('what an earlier attempt left in flight', () => {
  it('is waited for: a retry while a late comment may still land neither posts nor says nothing was saved', async () => {
    const issue = freshIssue('waiting_customer');
    const submissionId = randomUUID();
    // The comment reaches Jira after the first attempt's deadline (a 4 s invocation, so 2 s).
    app.double.faults.add({ method: 'POST', path: `/rest/api/3/issue/${issue.key}/comment`, delayMs: 2_500 });
    const first = await app.forge.invoke<Answer>(
      handler,
      'performCustomerAction',
      { action: 'customerAnswered', submissionId, comment: 'En retard' },
      { ...portalContext(issue.key, DEMO_USERS.reporter.accountId), timeoutMs: 4_000 },
    );
    expect(first.error?.message).toContain("n'avons pas pu vérifier");
    // The customer retries at once, the late comment not yet in Jira: the retry must not post.
    const retried = await act(issue, 'customerAnswered', submissionId, 'En retard');
    expect(retried.error?.message).toContain('encore en cours de traitement');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(issue.comments).toHaveLength(1);
    ageLeases(app, submissionId);
    expect((await act(issue, 'customerAnswered', submissionId, 'En retard')).status?.key).toBe('in_progress');
    expect(issue.comments).toHaveLength(1);
    expect(records(issue)).toHaveLength(1);
  }, 20_000);

  it('is read again: an attempt that ended after this one read the audit record did the work', async () => {
    const issue = freshIssue('waiting_approval');
    const submissionId = randomUUID();
    // An attempt still held, its invocation over a moment ago: stale in a second.
    const end = Date.now() - 9_000;
    app.forge.kvs.entries.set(leaseKey(issue.key, submissionId, 0), {
      value: {
        accountId: DEMO_USERS.reporter.accountId,
        action: 'acceptedByCustomer',
        state: 'held',
        claimedAt: end - 20_000,
        until: end,
        token: 'late',
      },
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
    const pending = act(issue, 'acceptedByCustomer', submissionId);
    // Its transition lands after this invocation read the request and the audit record.
    await new Promise((resolve) => setTimeout(resolve, 300));
    app.double.state.issues
      .filter((i) => i.key === issue.key)
      .forEach((i) => {
        i.statusId = DEMO_STATUS_IDS.to_deliver;
        i.properties[AUDIT_PROPERTY_KEY] = {
          records: [
            {
              at: new Date().toISOString(),
              accountId: DEMO_USERS.reporter.accountId,
              action: 'acceptedByCustomer',
              from: 'waiting_approval',
              to: 'to_deliver',
              submissionId,
            },
          ],
        };
      });
    const answer = await pending;
    expect(answer.status?.key).toBe('to_deliver');
    expect(records(issue)).toHaveLength(1);
    expect(issue.changelog).toHaveLength(0);
  });

  it('is found beyond the newest page of comments', async () => {
    const issue = freshIssue('waiting_customer');
    const submissionId = randomUUID();
    app.forge.killAfter(
      (step) => step.type === 'jira' && step.method === 'POST' && step.path.endsWith('/comment'),
    );
    await act(issue, 'customerAnswered', submissionId, 'Première').catch(() => undefined);
    expect(issue.comments).toHaveLength(1);
    // Agents and automation add 60 comments before the customer retries.
    for (let n = 0; n < 60; n++) {
      issue.comments.push({
        id: String(900000 + n),
        authorId: DEMO_USERS.agent.accountId,
        body: `Note ${n}`,
        public: false,
        created: Date.now() + n,
      });
    }
    ageLeases(app, submissionId);
    expect((await act(issue, 'customerAnswered', submissionId, 'Première')).status?.key).toBe('in_progress');
    expect(issue.comments.filter((c) => c.body.endsWith('Première'))).toHaveLength(1);
  });
});

describe('the resolver limit', () => {
  it('answers an error object before the platform ends the invocation, however slow Jira is', async () => {
    const issue = freshIssue('waiting_customer');
    const submissionId = randomUUID();
    // Every request takes 2 s; a 429 (Retry-After 10) on the first read, one (Retry-After 5) on the comment.
    app.double.faults.add({
      method: 'GET',
      path: `/rest/servicedeskapi/request/${issue.key}`,
      status: 429,
      retryAfterSeconds: 10,
      delayMs: 2_000,
    });
    app.double.faults.add({
      method: 'POST',
      path: `/rest/api/3/issue/${issue.key}/comment`,
      status: 429,
      retryAfterSeconds: 5,
      delayMs: 2_000,
    });
    // Faults are taken first-match: the two 429s above, then every other request slow.
    app.double.faults.add({ path: /./, delayMs: 2_000, times: 50 });
    const started = Date.now();
    let answer: Answer | 'killed';
    try {
      answer = await app.forge.invoke<Answer>(
        handler,
        'performCustomerAction',
        { action: 'customerAnswered', submissionId, comment: 'Lent' },
        portalContext(issue.key, DEMO_USERS.reporter.accountId),
      );
    } catch (error) {
      if (!(error instanceof Error) || !/exceeded|ended/.test(error.message)) throw error;
      answer = 'killed';
    }
    expect(answer).not.toBe('killed');
    expect(Date.now() - started).toBeLessThan(25_000);
    // Whatever it says is true, and a retry completes the work once.
    app.double.faults.clear();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    ageLeases(app, submissionId);
    const retried = await act(issue, 'customerAnswered', submissionId, 'Lent');
    expect(retried.status?.key).toBe('in_progress');
    expect(issue.statusId).toBe(DEMO_STATUS_IDS.in_progress);
    expect(issue.comments).toHaveLength(1);
    expect(records(issue)).toHaveLength(1);
  }, 40_000);
});
