/**
 * A customer action's edges in the portal's quick suites: the privacy registry learns the account
 * before anything is written, a submission id held for another action, a status outside the
 * workflow, an attempt still running (waited for 5 s at most, or not at all without the time), one
 * that ends while this attempt waits (its audit record read again), and which earlier attempts make
 * an attempt read the audit record again. Through the portal resolver and the Jira test double.
 */
import { randomUUID } from 'node:crypto';
import { AUDIT_PROPERTY_KEY } from '../../src/portal/audit';
import { LEASE_GRACE_MS, MAX_LEASES, leaseKey } from '../../src/portal/submissions';
import { accountKey, issueKeyOf } from '../../src/privacy/registry';
import { DEMO_STATUS_IDS, DEMO_USERS, type DoubleIssue } from '../double/state';
import { expectNoViolations, startTestApp, writesIn, type TestApp } from '../support/app';
import { SAYS, act, auditOf, callsIn, earlierAttempt, leaseOf, statusKeyOf } from '../support/actions';
import { freshRequest } from '../support/submissions';

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
  app.forge.kvs.queryOrder = 'key';
  jest.restoreAllMocks();
});

const REPORTER = DEMO_USERS.reporter.accountId;
const READ_AUDIT = `GET /rest/api/3/issue/KEY/properties/${AUDIT_PROPERTY_KEY}`;
const IN_PROGRESS = { error: { code: 'JIRA_UNAVAILABLE', message: SAYS.IN_PROGRESS, comment: 'unknown' } };

/** A lease of `submissionId` held by the reporter, its invocation ending (grace included) `inMs` from now. */
function heldLease(issue: DoubleIssue, submissionId: string, inMs: number): void {
  const until = Date.now() - LEASE_GRACE_MS + inMs;
  app.forge.kvs.entries.set(leaseKey(issue.key, submissionId, 0), {
    value: {
      accountId: REPORTER,
      action: 'customerAnswered',
      state: 'held',
      claimedAt: until - 20_000,
      until,
      token: 'earlier',
    },
    createdAt: 0,
    updatedAt: 0,
    expiresAt: null,
  });
}

const leaseQueries = (issue: DoubleIssue, submissionId: string): number =>
  app.forge.kvs.log.filter((e) => e.op === 'query' && e.key === `submission:${issue.key}:${submissionId}:`)
    .length;

describe('before anything is written', () => {
  it('the privacy registry learns the account and the request, before the claim', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    app.forge.kvs.log.length = 0;
    expect((await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId })).status?.key).toBe(
      'in_progress',
    );
    const sets = app.forge.kvs.log.filter((e) => e.op === 'set').map((e) => e.key);
    const claim = sets.indexOf(leaseKey(issue.key, submissionId, 0));
    expect(sets.indexOf(accountKey(REPORTER))).toBeGreaterThanOrEqual(0);
    expect(sets.indexOf(accountKey(REPORTER))).toBeLessThan(claim);
    expect(sets.indexOf(issueKeyOf(REPORTER, issue.key))).toBeGreaterThanOrEqual(0);
    expect(sets.indexOf(issueKeyOf(REPORTER, issue.key))).toBeLessThan(claim);
  });
});

describe('what is refused', () => {
  it('a submission id the same customer holds for another action', async () => {
    const issue = freshRequest(app, 'waiting_approval');
    const submissionId = randomUUID();
    earlierAttempt(app, issue, submissionId, 'acceptedByCustomer');
    app.double.resetLog();
    expect(await act(app, issue, 'refusedByCustomer', { comment: 'Non.', submissionId })).toEqual({
      error: { code: 'INVALID_INPUT', message: SAYS.INVALID_INPUT },
    });
    expect(writesIn(app.double)).toEqual([]);
  });

  it('an action on a request outside the workflow: nothing written, the claim released', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    app.double.state.statuses.push({
      ...app.double.state.statuses[0]!,
      id: '19998',
      name: 'Waiting for support',
      statusCategory: 'IN_PROGRESS',
    });
    issue.statusId = '19998';
    const submissionId = randomUUID();
    app.double.resetLog();
    expect(await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId })).toEqual({
      error: { code: 'NOT_AVAILABLE', message: SAYS.NOT_AVAILABLE },
    });
    expect(writesIn(app.double)).toEqual([]);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('released');
  });

  it('an action without a comment whose status moved on, after an earlier attempt: no comment looked for', async () => {
    const issue = freshRequest(app, 'to_deliver');
    const submissionId = randomUUID();
    earlierAttempt(app, issue, submissionId, 'acceptedByCustomer');
    app.double.resetLog();
    expect(await act(app, issue, 'acceptedByCustomer', { submissionId })).toEqual({
      error: { code: 'NOT_AVAILABLE', message: SAYS.NOT_AVAILABLE },
    });
    expect(callsIn(app, issue).filter((c) => c.includes('comment'))).toEqual([]);
    expect(leaseOf(app, issue, submissionId, 1)?.state).toBe('released');
  });

  it('storage failing on the ledger: not available, nothing written, no failure of the app logged', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const issue = freshRequest(app, 'waiting_customer');
    app.forge.kvs.addFault({ op: 'query', key: /^submission:/, mode: 'before' });
    app.double.resetLog();
    expect(await act(app, issue, 'customerAnswered', { comment: 'Voici.' })).toEqual({
      error: { code: 'JIRA_UNAVAILABLE', message: SAYS.JIRA_UNAVAILABLE },
    });
    app.forge.kvs.addFault({ op: 'set', key: /^submission:/, mode: 'before' });
    expect(await act(app, issue, 'customerAnswered', { comment: 'Voici.' })).toEqual({
      error: { code: 'JIRA_UNAVAILABLE', message: SAYS.JIRA_UNAVAILABLE },
    });
    expect(writesIn(app.double)).toEqual([]);
    expect(error).not.toHaveBeenCalled();
  });
});

/** `count` earlier attempts of `submissionId` by the reporter, long over and released, numbered 0 to count - 1. */
function releasedLeases(issue: DoubleIssue, submissionId: string, count: number): void {
  const claimedAt = Date.now() - 600_000;
  for (let n = 0; n < count; n++)
    app.forge.kvs.entries.set(leaseKey(issue.key, submissionId, n), {
      value: {
        accountId: REPORTER,
        action: 'customerAnswered',
        state: 'released',
        claimedAt,
        until: claimedAt + 25_000,
        token: `earlier-${n}`,
      },
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
}

describe('many earlier attempts', () => {
  it('after eleven, the twelfth is claimed, whatever order storage lists the ledger in', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    releasedLeases(issue, submissionId, 11);
    // Forge does not document the order of a query's results: here, the reverse of key order.
    app.forge.kvs.queryOrder = 'reversed';
    const answer = await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId });
    expect(answer.status?.key).toBe('in_progress');
    expect(leaseOf(app, issue, submissionId, 11)?.state).toBe('done');
    expect(issue.comments).toHaveLength(1);
  });

  it(`after ${MAX_LEASES}, no more: not known, nothing written`, async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    releasedLeases(issue, submissionId, MAX_LEASES);
    app.double.resetLog();
    expect(await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId })).toEqual({
      error: { code: 'JIRA_UNAVAILABLE', message: SAYS.OUTCOME_UNKNOWN, comment: 'unknown' },
    });
    expect(writesIn(app.double)).toEqual([]);
    expect(leaseOf(app, issue, submissionId, MAX_LEASES)).toBeUndefined();
  });

  it('held by another customer: refused, nothing written', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    earlierAttempt(app, issue, submissionId, 'customerAnswered', {
      accountId: DEMO_USERS.participant.accountId,
      state: 'released',
    });
    app.double.resetLog();
    expect(await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId })).toEqual({
      error: { code: 'INVALID_INPUT', message: SAYS.INVALID_INPUT },
    });
    expect(writesIn(app.double)).toEqual([]);
  });
});

describe('an attempt still running', () => {
  it('is not waited for without the time the work needs', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    heldLease(issue, submissionId, 60_000);
    app.double.resetLog();
    app.forge.kvs.log.length = 0;
    // 6 s for the invocation: 4 s left, less than a look at the ledger and the work need.
    const answer = await act(app, issue, 'customerAnswered', {
      comment: 'Voici.',
      submissionId,
      timeoutMs: 6_000,
    });
    expect(answer).toEqual(IN_PROGRESS);
    expect(leaseQueries(issue, submissionId)).toBe(1);
    expect(writesIn(app.double)).toEqual([]);
  });

  it('is waited for 5 s at most, looking every 250 ms', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    heldLease(issue, submissionId, 60_000);
    app.forge.kvs.log.length = 0;
    const started = Date.now();
    expect(await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId })).toEqual(
      IN_PROGRESS,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
    expect(leaseQueries(issue, submissionId)).toBe(21);
    expect(issue.comments).toEqual([]);
  }, 10_000);

  it('that ends while waited for, having done the work: its audit record is read again, nothing written', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    heldLease(issue, submissionId, 800);
    // The earlier attempt's transition lands while this one waits.
    const at = new Date().toISOString();
    const landed = setTimeout(() => {
      issue.properties[AUDIT_PROPERTY_KEY] = {
        records: [
          {
            at,
            accountId: REPORTER,
            action: 'customerAnswered',
            from: 'waiting_customer',
            to: 'in_progress',
            submissionId,
          },
        ],
      };
      issue.statusId = DEMO_STATUS_IDS.in_progress;
    }, 300);
    app.double.resetLog();
    try {
      const answer = await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId });
      expect(answer.status).toMatchObject({ key: 'in_progress', since: at });
    } finally {
      clearTimeout(landed);
    }
    expect(callsIn(app, issue).filter((c) => c === READ_AUDIT)).toHaveLength(2);
    expect(writesIn(app.double)).toEqual([]);
    expect(leaseOf(app, issue, submissionId, 1)?.state).toBe('done');
  });

  it('that ends while waited for, its audit record unreadable: not known yet, released', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    heldLease(issue, submissionId, 600);
    app.double.faults.add({ method: 'GET', path: /\/properties\//, status: 500, skip: 1, times: 5 });
    expect(await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId })).toEqual({
      error: { code: 'JIRA_UNAVAILABLE', message: SAYS.OUTCOME_UNKNOWN, comment: 'unknown' },
    });
    expect([issue.comments.length, statusKeyOf(issue)]).toEqual([0, 'waiting_customer']);
    expect(leaseOf(app, issue, submissionId, 1)?.state).toBe('released');
  });

  it('that ends while waited for, having done nothing: its audit record read again, the work done once', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    heldLease(issue, submissionId, 500);
    app.double.resetLog();
    const answer = await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId });
    expect(answer.status?.key).toBe('in_progress');
    expect(callsIn(app, issue).filter((c) => c === READ_AUDIT)).toHaveLength(2);
    expect([issue.comments.length, statusKeyOf(issue)]).toEqual([1, 'in_progress']);
    expect(auditOf(issue).map((r) => r.submissionId)).toEqual([submissionId]);
    expect(leaseOf(app, issue, submissionId, 1)?.state).toBe('done');
  });
});

describe('the audit record is read once', () => {
  it.each([
    ['after an attempt long gone', { state: 'held' } as const, -120_000],
    [
      'after an attempt released just now: nothing of it was in flight',
      { state: 'released' } as const,
      -1_000,
    ],
  ])('%s', async (_, extra, endedMs) => {
    const issue = freshRequest(app, 'waiting_customer');
    const submissionId = randomUUID();
    const until = Date.now() + endedMs;
    earlierAttempt(app, issue, submissionId, 'customerAnswered', {
      ...extra,
      until,
      claimedAt: until - 20_000,
    });
    app.double.resetLog();
    expect((await act(app, issue, 'customerAnswered', { comment: 'Voici.', submissionId })).status?.key).toBe(
      'in_progress',
    );
    expect(callsIn(app, issue).filter((c) => c === READ_AUDIT)).toHaveLength(1);
    expect([issue.comments.length, auditOf(issue).length]).toEqual([1, 1]);
  });
});

describe('an audit property that is not a record', () => {
  it.each([null, 'abîmé', 7])('%p: a new record is started over it', async (value) => {
    const issue = freshRequest(app, 'waiting_approval');
    issue.properties[AUDIT_PROPERTY_KEY] = value;
    expect((await act(app, issue, 'acceptedByCustomer')).status?.key).toBe('to_deliver');
    expect(auditOf(issue)).toEqual([
      expect.objectContaining({ action: 'acceptedByCustomer', to: 'to_deliver' }),
    ]);
  });
});
