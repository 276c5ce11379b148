/**
 * A connection reset: Jira gives no answer at all, and the request may still be applied (or already
 * was). Told as "not known yet", the lease held, never as "not saved"; the next attempt looks in
 * Jira before writing again, so at most one comment and one transition. And what the operator reads
 * of a failed transition. Through the portal resolver and the Jira test double's `drop` fault.
 */
import { randomUUID } from 'node:crypto';
import { AUDIT_PROPERTY_KEY } from '../../src/portal/audit';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { SAYS, act, auditOf, callsIn, leaseOf, statusKeyOf } from '../support/actions';
import { ageLeases, freshRequest } from '../support/submissions';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
  jest.restoreAllMocks();
});

const TEXT = 'Voici les captures demandées.';
const POST_COMMENT = 'POST /rest/api/3/issue/KEY/comment';
const NEWEST_COMMENTS = 'GET /rest/api/3/issue/KEY/comment';
const TRANSITION = 'POST /rest/api/3/issue/KEY/transitions';
const READ_AUDIT = `GET /rest/api/3/issue/KEY/properties/${AUDIT_PROPERTY_KEY}`;
const commentFault = { method: 'POST', path: /\/issue\/[^/]+\/comment$/ } as const;
const transitionFault = { method: 'POST', path: /\/transitions$/ } as const;
const UNKNOWN = { error: { code: 'JIRA_UNAVAILABLE', message: SAYS.OUTCOME_UNKNOWN, comment: 'unknown' } };

function answer() {
  const issue = freshRequest(app, 'waiting_customer');
  const submissionId = randomUUID();
  return {
    issue,
    submissionId,
    go: () => act(app, issue, 'customerAnswered', { comment: TEXT, submissionId }),
  };
}

/** The two writes, and the looks for the comment, in order. */
const writesAndLooks = (issue: ReturnType<typeof answer>['issue']): string[] =>
  callsIn(app, issue).filter((c) => [POST_COMMENT, NEWEST_COMMENTS, TRANSITION].includes(c));

describe('a reset while posting the comment', () => {
  it('is told as not known yet, never as not saved: held, logged, and the retry looks before posting once', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { issue, submissionId, go } = answer();
    app.double.faults.add({ ...commentFault, drop: true });
    app.double.resetLog();
    expect(await go()).toEqual(UNKNOWN);
    // Looked for (there was time), not found: still it may land, so the lease is held.
    expect(writesAndLooks(issue)).toEqual([POST_COMMENT, NEWEST_COMMENTS]);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
    expect([issue.comments.length, statusKeyOf(issue)]).toEqual([0, 'waiting_customer']);
    expect(warn).toHaveBeenCalledWith(
      `Jira request failed: POST /rest/api/3/issue/${issue.key}/comment - network`,
    );

    ageLeases(app, submissionId);
    app.double.resetLog();
    expect((await go()).status?.key).toBe('in_progress');
    expect(writesAndLooks(issue)).toEqual([NEWEST_COMMENTS, POST_COMMENT, TRANSITION]);
    expect(issue.comments).toHaveLength(1);
  });

  it('after Jira saved it, and the look failing: held, and the retry finds it and posts none', async () => {
    const { issue, submissionId, go } = answer();
    app.double.faults.add({ ...commentFault, drop: true, afterApply: true });
    app.double.faults.add({ method: 'GET', path: /\/comment$/, status: 500 });
    expect(await go()).toEqual(UNKNOWN);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
    expect(issue.comments).toHaveLength(1);

    ageLeases(app, submissionId);
    app.double.resetLog();
    expect((await go()).status?.key).toBe('in_progress');
    expect(writesAndLooks(issue)).toEqual([NEWEST_COMMENTS, TRANSITION]);
    expect(issue.comments).toHaveLength(1);
    expect(auditOf(issue)[0]?.commentId).toBe(issue.comments[0]?.id);
  });
});

describe('a reset while transitioning', () => {
  it('is told as not known yet with the comment saved: looked up, held, and the retry transitions once', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { issue, submissionId, go } = answer();
    app.double.faults.add({ ...transitionFault, drop: true });
    app.double.resetLog();
    expect(await go()).toEqual({
      error: { code: 'JIRA_UNAVAILABLE', message: SAYS.COMMENT_SAVED_STATUS_UNKNOWN, comment: 'saved' },
    });
    expect(callsIn(app, issue).slice(-2)).toEqual([TRANSITION, READ_AUDIT]);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
    // The operator reads which request failed, how, and nothing of the customer's.
    expect(warn.mock.calls).toEqual([
      [`Jira request failed: POST /rest/api/3/issue/${issue.key}/transitions - network`],
    ]);

    ageLeases(app, submissionId);
    expect((await go()).status?.key).toBe('in_progress');
    expect([issue.comments.length, auditOf(issue).length, statusKeyOf(issue)]).toEqual([1, 1, 'in_progress']);
  });

  it('after Jira made it: found in the audit record, done', async () => {
    const { issue, submissionId, go } = answer();
    app.double.faults.add({ ...transitionFault, drop: true, afterApply: true });
    expect((await go()).status?.key).toBe('in_progress');
    expect(auditOf(issue)).toHaveLength(1);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('done');
  });
});

describe('what the operator reads of a transition Jira fails on', () => {
  it('is one line: method, path, status and kind', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { issue, go } = answer();
    app.double.faults.add({ ...transitionFault, status: 500 });
    expect((await go()).error?.message).toBe(SAYS.COMMENT_SAVED_STATUS_UNCHANGED);
    expect(warn.mock.calls).toEqual([
      [`Jira request failed: POST /rest/api/3/issue/${issue.key}/transitions 500 server`],
    ]);
  });
});
