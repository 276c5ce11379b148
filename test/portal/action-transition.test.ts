/**
 * The transition, the last write of a customer action, with its audit record in the same request:
 * made once, and every failure told as it is, saying whether the customer's comment is saved. A 400
 * or 409 means the request moved on; another 4xx that Jira refused it; Jira's own 500 is looked up
 * in the audit record, then told as not made; a gateway's answer, or no time or no answer to look,
 * is told as not known yet, the lease held so no retry transitions while it may still land.
 * Then the status a done action answers. Through the portal resolver and the Jira test double.
 */
import { randomUUID } from 'node:crypto';
import { AUDIT_PROPERTY_KEY } from '../../src/portal/audit';
import { forgetProjectConfigs } from '../../src/shared/project-config';
import { getStatus } from '../../src/workflow';
import { DEMO_USERS, type DoubleIssue } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { SAYS, act, auditOf, callsIn, leaseOf, statusKeyOf } from '../support/actions';
import { freshRequest } from '../support/submissions';
import { leaseKey } from '../../src/portal/submissions';

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
});

const TRANSITION = 'POST /rest/api/3/issue/KEY/transitions';
const READ_AUDIT = `GET /rest/api/3/issue/KEY/properties/${AUDIT_PROPERTY_KEY}`;
const transitionFault = { method: 'POST', path: /\/transitions$/ } as const;

/** The two kinds of action: with the customer's comment, and without one. */
const KINDS = [
  { kind: 'answering', action: 'customerAnswered', from: 'waiting_customer', comment: 'Voici.' },
  { kind: 'accepting', action: 'acceptedByCustomer', from: 'waiting_approval', comment: undefined },
] as const;

function start(kind: (typeof KINDS)[number]) {
  const issue = freshRequest(app, kind.from);
  const submissionId = randomUUID();
  const go = (timeoutMs?: number) =>
    act(app, issue, kind.action, {
      ...(kind.comment ? { comment: kind.comment } : {}),
      submissionId,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  return { issue, submissionId, go, saved: kind.comment !== undefined };
}

/** 502 and 504 are a gateway's answers, in no spec of Jira's: not the app's violation. */
function dropGatewayViolations(): void {
  for (const v of app.double.takeViolations())
    expect(v.message).toMatch(/^50[24]: status 50[24] is not declared/);
}

describe('the transition and its audit record', () => {
  it('appends the record to those already on the request, and names the customer in the history', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const older = {
      at: '2026-01-01T00:00:00.000Z',
      submissionId: 'older',
      action: 'reopen',
      from: 'closed',
      to: 'reopened',
    };
    issue.properties[AUDIT_PROPERTY_KEY] = { records: [older] };
    const submissionId = randomUUID();
    expect((await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId })).status?.key).toBe(
      'in_progress',
    );
    expect(auditOf(issue)).toEqual([
      older,
      {
        at: expect.any(String),
        accountId: DEMO_USERS.reporter.accountId,
        action: 'customerAnswered',
        from: 'waiting_customer',
        to: 'in_progress',
        submissionId,
        commentId: issue.comments[0]?.id,
      },
    ]);
    expect(issue.changelog.at(-1)?.historyMetadata).toEqual({
      type: 'guide-des-statuts:customer-action',
      activityDescription: 'Customer answered',
      actor: {
        id: DEMO_USERS.reporter.accountId,
        displayName: DEMO_USERS.reporter.displayName,
        type: 'customer',
      },
    });
  });

  it('starts a new audit record over a property that is not one', async () => {
    const issue = freshRequest(app, 'waiting_approval');
    issue.properties[AUDIT_PROPERTY_KEY] = { records: 'abîmé' };
    expect((await act(app, issue, 'acceptedByCustomer')).status?.key).toBe('to_deliver');
    expect(auditOf(issue)).toEqual([
      expect.objectContaining({ action: 'acceptedByCustomer', to: 'to_deliver' }),
    ]);
  });
});

describe.each(KINDS)('a transition that fails, $kind', (kind) => {
  it.each([400, 409] as const)('%d: the request moved on; released', async (status) => {
    const { issue, submissionId, go, saved } = start(kind);
    app.double.faults.add({ ...transitionFault, status });
    expect(await go()).toEqual({
      error: saved
        ? { code: 'NOT_AVAILABLE', message: SAYS.NOT_AVAILABLE_COMMENT_SAVED, comment: 'saved' }
        : { code: 'NOT_AVAILABLE', message: SAYS.NOT_AVAILABLE },
    });
    expect(statusKeyOf(issue)).toBe(kind.from);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('released');
  });

  it('403: Jira refused it, not looked up; released', async () => {
    const { issue, submissionId, go, saved } = start(kind);
    app.double.faults.add({ ...transitionFault, status: 403 });
    app.double.resetLog();
    expect(await go()).toEqual({
      error: saved
        ? { code: 'JIRA_UNAVAILABLE', message: SAYS.COMMENT_SAVED_STATUS_UNCHANGED, comment: 'saved' }
        : { code: 'NOT_ALLOWED', message: SAYS.NOT_ALLOWED },
    });
    expect(callsIn(app, issue).at(-1)).toBe(TRANSITION);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('released');
  });

  it('500: looked up in the audit record, absent, so not made; released', async () => {
    const { issue, submissionId, go, saved } = start(kind);
    app.double.faults.add({ ...transitionFault, status: 500 });
    app.double.resetLog();
    expect(await go()).toEqual({
      error: saved
        ? { code: 'JIRA_UNAVAILABLE', message: SAYS.COMMENT_SAVED_STATUS_UNCHANGED, comment: 'saved' }
        : { code: 'JIRA_UNAVAILABLE', message: SAYS.JIRA_UNAVAILABLE },
    });
    expect(callsIn(app, issue).slice(-2)).toEqual([TRANSITION, READ_AUDIT]);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('released');
    expect(auditOf(issue)).toEqual([]);
  });

  it.each([502, 503, 504] as const)('%d: looked up, absent, but may still land; held', async (status) => {
    const { issue, submissionId, go, saved } = start(kind);
    app.double.faults.add({ ...transitionFault, status });
    expect(await go()).toEqual({
      error: saved
        ? { code: 'JIRA_UNAVAILABLE', message: SAYS.COMMENT_SAVED_STATUS_UNKNOWN, comment: 'saved' }
        : { code: 'JIRA_UNAVAILABLE', message: SAYS.OUTCOME_UNKNOWN, comment: 'unknown' },
    });
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
    dropGatewayViolations();
  });

  it.each([500, 504] as const)('%d after it was made: found in the audit record, done', async (status) => {
    const { issue, submissionId, go } = start(kind);
    app.double.faults.add({ ...transitionFault, status, afterApply: true });
    expect((await go()).status?.key).toBe(getStatusTo(kind.action));
    expect(auditOf(issue).filter((r) => r.submissionId === submissionId)).toHaveLength(1);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('done');
  });

  it('500, and the audit record cannot be read: not known; held', async () => {
    const { issue, submissionId, go, saved } = start(kind);
    app.double.faults.add({ ...transitionFault, status: 500 });
    // The second read of the audit record: the first one comes with the request's.
    app.double.faults.add({ method: 'GET', path: /\/properties\//, status: 500, skip: 1 });
    expect((await go()).error?.message).toBe(
      saved ? SAYS.COMMENT_SAVED_STATUS_UNKNOWN : SAYS.OUTCOME_UNKNOWN,
    );
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
  });

  it('500 without the time to look: not known, not looked up; held', async () => {
    const { issue, submissionId, go, saved } = start(kind);
    // 6 s for the invocation (4 s of work): the slow failure leaves less than the 2.5 s a look needs.
    app.double.faults.add({ ...transitionFault, status: 500, delayMs: 2_200 });
    app.double.resetLog();
    expect((await go(6_000)).error?.message).toBe(
      saved ? SAYS.COMMENT_SAVED_STATUS_UNKNOWN : SAYS.OUTCOME_UNKNOWN,
    );
    expect(callsIn(app, issue).at(-1)).toBe(TRANSITION);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
  });

  it('storage failing before it: told as not known; held', async () => {
    const { issue, submissionId, go, saved } = start(kind);
    forgetProjectConfigs();
    app.forge.kvs.addFault({ op: 'get', key: /^workflow:/, mode: 'before' });
    expect((await go()).error?.message).toBe(
      saved ? SAYS.COMMENT_SAVED_STATUS_UNKNOWN : SAYS.OUTCOME_UNKNOWN,
    );
    expect(statusKeyOf(issue)).toBe(kind.from);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
  });
});

const getStatusTo = (action: string): string =>
  action === 'customerAnswered' ? 'in_progress' : 'to_deliver';

describe('the status a done action answers', () => {
  /** The ledger of a submission done at `doneAt` by an attempt whose answer was lost. */
  function doneAt(issue: DoubleIssue, submissionId: string, at: number): void {
    app.forge.kvs.entries.set(leaseKey(issue.key, submissionId, 0), {
      value: {
        accountId: DEMO_USERS.reporter.accountId,
        action: 'customerAnswered',
        state: 'done',
        claimedAt: at - 1_000,
        until: at + 20_000,
        token: 'earlier',
        doneAt: at,
      },
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
  }
  const retry = (issue: DoubleIssue, submissionId: string) =>
    act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId });

  it('is the action’s target, since it was done, when the request was read before the move', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    const at = issue.statusChangedAt + 5_000;
    doneAt(issue, submissionId, at);
    const status = getStatus('in_progress');
    expect(await retry(issue, submissionId)).toEqual({
      status: {
        key: 'in_progress',
        name: status.name,
        category: status.category,
        responseRequired: status.customerMustAct,
        since: new Date(at).toISOString(),
      },
    });
  });

  it('is the request as read when it moved on since, or is already there', async () => {
    const movedOn = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    doneAt(movedOn, submissionId, movedOn.statusChangedAt - 5_000);
    const moved = (await retry(movedOn, submissionId)).status;
    expect([moved?.key, Date.parse(moved?.since ?? '')]).toEqual([
      'waiting_customer',
      movedOn.statusChangedAt,
    ]);

    const there = freshRequest(app, 'in_progress');
    const other = randomUUID();
    doneAt(there, other, there.statusChangedAt + 5_000);
    const already = (await retry(there, other)).status;
    expect([already?.key, Date.parse(already?.since ?? '')]).toEqual(['in_progress', there.statusChangedAt]);
  });

  it('is the target since now when the audit record’s date cannot be read', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    issue.properties[AUDIT_PROPERTY_KEY] = {
      records: [
        {
          at: 'hier',
          accountId: DEMO_USERS.reporter.accountId,
          action: 'customerAnswered',
          from: 'waiting_customer',
          to: 'in_progress',
          submissionId,
        },
      ],
    };
    const before = Date.now();
    const answer = await retry(issue, submissionId);
    expect(answer.status?.key).toBe('in_progress');
    expect(Date.parse(answer.status?.since ?? '')).toBeGreaterThanOrEqual(before);
  });
});
