/**
 * The customer's comment, the first write of an action: posted once with its mark, and every failure
 * told as it is. A 4xx is Jira refusing it (nothing saved, the text kept, a retry at once is safe);
 * Jira's own 500 is over (looked for, then not saved); a gateway's 502/503/504 may still be applied
 * (the lease stays held, the next attempt looks before posting). Through the portal resolver and the
 * Jira test double: what Jira holds, what the customer reads, what the ledger says.
 */
import { randomUUID } from 'node:crypto';
import { addComment, DEMO_USERS, type DoubleComment, type DoubleIssue } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { SAYS, act, auditOf, callsIn, earlierAttempt, leaseOf, statusKeyOf } from '../support/actions';
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
  app.forge.kvs.clearFaults();
  jest.restoreAllMocks();
});

const TEXT = 'Voici les captures demandées.';
const POST_COMMENT = 'POST /rest/api/3/issue/KEY/comment';
const NEWEST_COMMENTS = 'GET /rest/api/3/issue/KEY/comment';
const TRANSITION = 'POST /rest/api/3/issue/KEY/transitions';
const MARK_KEY = 'guide-des-statuts.submission';
const commentFault = { method: 'POST', path: /\/issue\/[^/]+\/comment$/ } as const;

/** The comment an earlier attempt posted (its answer lost), with its submission's mark. */
function markedComment(issue: DoubleIssue, submissionId: string): DoubleComment {
  const mark = { submissionId, accountId: DEMO_USERS.reporter.accountId, action: 'customerAnswered' };
  return addComment(app.double.state, issue, {
    authorId: DEMO_USERS.app.accountId,
    body: TEXT,
    public: true,
    created: Date.now() - 100_000,
    properties: { 'sd.public.comment': { internal: false }, [MARK_KEY]: mark },
  });
}

function answer(issue = freshRequest(app, 'waiting_customer'), submissionId = randomUUID()) {
  return {
    issue,
    submissionId,
    go: () => act(app, issue, 'customerAnswered', { comment: TEXT, submissionId }),
  };
}

describe('the comment, when all goes well', () => {
  it('is posted once, public, with the mark of its submission, and the ledger notes it', async () => {
    const { issue, submissionId, go } = answer();
    app.double.resetLog();
    expect((await go()).status?.key).toBe('in_progress');
    expect(issue.comments).toHaveLength(1);
    const [comment] = issue.comments;
    expect(comment?.properties).toEqual({
      'sd.public.comment': { internal: false },
      [MARK_KEY]: { submissionId, accountId: DEMO_USERS.reporter.accountId, action: 'customerAnswered' },
    });
    expect(auditOf(issue)).toEqual([expect.objectContaining({ submissionId, commentId: comment?.id })]);
    expect(leaseOf(app, issue, submissionId, 0)).toMatchObject({
      state: 'done',
      commentId: comment?.id,
      doneAt: expect.any(Number),
    });
    // Not looked for afterwards: the answer said it was posted.
    expect(callsIn(app, issue).filter((c) => c !== 'GET /rest/servicedeskapi/request/KEY')).toEqual([
      'GET /rest/api/3/issue/KEY/properties/guide-des-statuts.customer-actions',
      POST_COMMENT,
      TRANSITION,
    ]);
  });
});

describe('a comment Jira refuses (4xx)', () => {
  it.each([
    [400, 'JIRA_UNAVAILABLE', SAYS.JIRA_UNAVAILABLE],
    [403, 'NOT_ALLOWED', SAYS.NOT_ALLOWED],
  ] as const)(
    '%d: nothing saved, not looked for, and a retry at once posts it',
    async (status, code, says) => {
      const { issue, submissionId, go } = answer();
      app.double.faults.add({ ...commentFault, status });
      app.double.resetLog();
      expect(await go()).toEqual({ error: { code, message: says } });
      expect(callsIn(app, issue).slice(-1)).toEqual([POST_COMMENT]);
      expect([issue.comments.length, statusKeyOf(issue), auditOf(issue).length]).toEqual([
        0,
        'waiting_customer',
        0,
      ]);
      expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('released');
      expect((await go()).status?.key).toBe('in_progress');
      expect(issue.comments).toHaveLength(1);
    },
  );
});

describe('a comment Jira fails on (its own 500)', () => {
  it('is looked for, found absent: nothing saved, released, logged for the operator', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { issue, submissionId, go } = answer();
    app.double.faults.add({ ...commentFault, status: 500 });
    app.double.resetLog();
    expect(await go()).toEqual({ error: { code: 'JIRA_UNAVAILABLE', message: SAYS.JIRA_UNAVAILABLE } });
    expect(callsIn(app, issue).slice(-2)).toEqual([POST_COMMENT, NEWEST_COMMENTS]);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('released');
    expect(warn).toHaveBeenCalledWith(
      `Jira request failed: POST /rest/api/3/issue/${issue.key}/comment 500 server`,
    );
    expect((await go()).status?.key).toBe('in_progress');
    expect(issue.comments).toHaveLength(1);
  });

  it.each([500, 504] as const)(
    'is found when Jira saved it all the same (%d after applying)',
    async (status) => {
      const { issue, submissionId, go } = answer();
      app.double.faults.add({ ...commentFault, status, afterApply: true });
      expect((await go()).status?.key).toBe('in_progress');
      expect(issue.comments).toHaveLength(1);
      expect(auditOf(issue)[0]?.commentId).toBe(issue.comments[0]?.id);
      expect(leaseOf(app, issue, submissionId, 0)).toMatchObject({
        state: 'done',
        commentId: issue.comments[0]?.id,
      });
    },
  );

  it('may still land when the look fails: the lease stays held', async () => {
    const { issue, submissionId, go } = answer();
    app.double.faults.add({ ...commentFault, status: 500 });
    app.double.faults.add({ method: 'GET', path: /\/issue\/[^/]+\/comment$/, status: 500 });
    expect(await go()).toEqual({
      error: { code: 'JIRA_UNAVAILABLE', message: SAYS.OUTCOME_UNKNOWN, comment: 'unknown' },
    });
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
    expect(issue.comments).toHaveLength(0);
  });

  it('is not looked for without the time a look needs, and may still land', async () => {
    const { issue, submissionId } = answer();
    // 6 s for the invocation (4 s of work): the slow failure leaves less than the 2.5 s a look needs.
    app.double.faults.add({ ...commentFault, status: 500, delayMs: 2_200 });
    app.double.resetLog();
    const failed = await act(app, issue, 'customerAnswered', {
      comment: TEXT,
      submissionId,
      timeoutMs: 6_000,
    });
    expect(failed.error?.message).toBe(SAYS.OUTCOME_UNKNOWN);
    expect(callsIn(app, issue).slice(-1)).toEqual([POST_COMMENT]);
    expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
  });
});

describe('a gateway’s answer to the comment (502, 503, 504)', () => {
  it.each([502, 503, 504] as const)(
    '%d: may be in flight, so held; the next attempt looks first',
    async (status) => {
      const { issue, submissionId, go } = answer();
      app.double.faults.add({ ...commentFault, status });
      expect(await go()).toEqual({
        error: { code: 'JIRA_UNAVAILABLE', message: SAYS.OUTCOME_UNKNOWN, comment: 'unknown' },
      });
      expect(leaseOf(app, issue, submissionId, 0)?.state).toBe('held');
      expect(issue.comments).toHaveLength(0);
      ageLeases(app, submissionId);
      app.double.resetLog();
      expect((await go()).status?.key).toBe('in_progress');
      expect(callsIn(app, issue).filter((c) => c.startsWith('POST') || c === NEWEST_COMMENTS)).toEqual([
        NEWEST_COMMENTS,
        POST_COMMENT,
        TRANSITION,
      ]);
      expect(issue.comments).toHaveLength(1);
      // 502 and 504 are not in the spec of the comment API: a gateway's answer, not Jira's.
      for (const v of app.double.takeViolations())
        expect(v.message).toBe(`${status}: status ${status} is not declared for addComment`);
    },
  );
});

describe('after an earlier attempt', () => {
  it('posts no second comment when the earlier one is in Jira, and notes it', async () => {
    const { issue, submissionId, go } = answer();
    earlierAttempt(app, issue, submissionId, 'customerAnswered');
    // What the earlier attempt posted, its answer lost: the retry finds it by its mark.
    const posted = markedComment(issue, submissionId);
    app.double.resetLog();
    expect((await go()).status?.key).toBe('in_progress');
    expect(issue.comments).toEqual([posted]);
    expect(callsIn(app, issue)).not.toContain(POST_COMMENT);
    expect(auditOf(issue)[0]?.commentId).toBe(posted.id);
    expect(leaseOf(app, issue, submissionId, 1)).toMatchObject({ state: 'done', commentId: posted.id });
  });

  it('trusts the comment an earlier attempt noted, without reading comments', async () => {
    const { issue, submissionId, go } = answer();
    earlierAttempt(app, issue, submissionId, 'customerAnswered', { commentId: '10042' });
    app.double.resetLog();
    expect((await go()).status?.key).toBe('in_progress');
    expect(issue.comments).toHaveLength(0);
    expect(callsIn(app, issue).filter((c) => c.includes('comment'))).toEqual([]);
    expect(auditOf(issue)[0]?.commentId).toBe('10042');
  });

  it.each([
    [
      'Jira cannot list the comments',
      () => app.double.faults.add({ method: 'GET', path: /\/comment$/, status: 500 }),
    ],
    ['there are too many recent comments to look through', () => undefined],
  ])('writes nothing when %s, says it cannot tell, and frees the retry', async (_, fault) => {
    const { issue, submissionId, go } = answer();
    earlierAttempt(app, issue, submissionId, 'customerAnswered');
    if (_.startsWith('there'))
      for (let i = 0; i < 200; i++)
        addComment(app.double.state, issue, {
          authorId: DEMO_USERS.agent.accountId,
          body: 'Un échange de plus',
          public: true,
          created: Date.now() - 100_000 + i,
        });
    fault();
    const before = issue.comments.length;
    expect(await go()).toEqual({
      error: { code: 'JIRA_UNAVAILABLE', message: SAYS.OUTCOME_UNKNOWN, comment: 'unknown' },
    });
    expect([issue.comments.length, statusKeyOf(issue)]).toEqual([before, 'waiting_customer']);
    expect(leaseOf(app, issue, submissionId, 1)?.state).toBe('released');
  });
});

describe('when the status moved on, what the customer learns of their comment', () => {
  const movedOn = () => freshRequest(app, 'in_progress');

  it('nothing saved, and nothing read, when no attempt came before', async () => {
    const { issue, go } = answer(movedOn());
    app.double.resetLog();
    expect(await go()).toEqual({ error: { code: 'NOT_AVAILABLE', message: SAYS.NOT_AVAILABLE } });
    expect(callsIn(app, issue).filter((c) => c.includes('comment'))).toEqual([]);
  });

  it('saved, when an earlier attempt noted it', async () => {
    const { issue, submissionId, go } = answer(movedOn());
    earlierAttempt(app, issue, submissionId, 'customerAnswered', { commentId: '10042' });
    expect(await go()).toEqual({
      error: { code: 'NOT_AVAILABLE', message: SAYS.NOT_AVAILABLE_COMMENT_SAVED, comment: 'saved' },
    });
  });

  it('saved, when the earlier attempt’s comment is in Jira, and the ledger keeps it', async () => {
    const { issue, submissionId, go } = answer(movedOn());
    earlierAttempt(app, issue, submissionId, 'customerAnswered');
    const posted = markedComment(issue, submissionId);
    expect(await go()).toEqual({
      error: { code: 'NOT_AVAILABLE', message: SAYS.NOT_AVAILABLE_COMMENT_SAVED, comment: 'saved' },
    });
    expect(leaseOf(app, issue, submissionId, 1)).toMatchObject({ state: 'released', commentId: posted.id });
  });

  it('not saved, when it is not in Jira; unknown, when Jira cannot tell', async () => {
    const absent = answer(movedOn());
    earlierAttempt(app, absent.issue, absent.submissionId, 'customerAnswered');
    expect(await absent.go()).toEqual({ error: { code: 'NOT_AVAILABLE', message: SAYS.NOT_AVAILABLE } });

    const unknown = answer(movedOn());
    earlierAttempt(app, unknown.issue, unknown.submissionId, 'customerAnswered');
    app.double.faults.add({ method: 'GET', path: /\/comment$/, status: 500 });
    expect(await unknown.go()).toEqual({
      error: { code: 'NOT_AVAILABLE', message: SAYS.NOT_AVAILABLE_COMMENT_UNKNOWN, comment: 'unknown' },
    });
    expect(leaseOf(app, unknown.issue, unknown.submissionId, 1)?.state).toBe('released');
  });
});
