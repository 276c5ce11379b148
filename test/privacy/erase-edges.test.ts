/**
 * The erasure of a closed account at its edges: where the marks are found (the audit record, the
 * leases, the newest comments), comments that are not the app's or that hold something else, issues
 * Jira no longer has, more issues or leases than a storage page, and what is left untouched.
 */
import { AUDIT_PROPERTY_KEY, type StoredAuditRecord } from '../../src/portal/audit';
import { COMMENT_MARK_KEY } from '../../src/portal/comment-mark';
import { eraseKey } from '../../src/privacy/erase';
import { accountKey, issueKeyOf } from '../../src/privacy/registry';
import { DEMO_USERS, type DoubleComment, type DoubleIssue } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { freshRequest } from '../support/submissions';
import { privacyLines, put } from './edges';
import { act, auditOf, weeklyRun } from './support';

const claire = DEMO_USERS.reporter.accountId;
const pierre = DEMO_USERS.participant.accountId;
const agent = DEMO_USERS.agent.accountId;

let app: TestApp;
let log: ReturnType<typeof privacyLines>;
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
});
afterAll(() => app.close());
beforeEach(() => {
  for (const key of [...app.forge.kvs.entries.keys()])
    if (key.startsWith('privacy:') || key.startsWith('submission:')) app.forge.kvs.entries.delete(key);
  app.forge.privacy.reset();
  app.double.resetLog();
  log = privacyLines();
});
afterEach(() => {
  log.restore();
  expectNoViolations(app.double);
  expect(app.forge.privacy.malformed).toEqual([]);
  app.double.faults.clear();
  app.forge.kvs.clearFaults();
});

const summary = (): string | undefined => log.lines.find((l) => l.includes('accounts reported'));
const markOn = (issue: DoubleIssue, commentId: string | undefined): unknown =>
  issue.comments.find((c) => c.id === commentId)?.properties?.[COMMENT_MARK_KEY];
const leaseKeys = (issue: DoubleIssue): string[] =>
  [...app.forge.kvs.entries.keys()].filter((k) => k.startsWith(`submission:${issue.key}:`));
let nextComment = 900_000;

/** Comments added after the customer's, newest last, as agents or other apps write them. */
function addComments(issue: DoubleIssue, n: number, properties?: Record<string, unknown>): DoubleComment[] {
  const added = Array.from({ length: n }, (_, i) => ({
    id: String(nextComment++),
    authorId: agent,
    body: 'Réponse de l’équipe.',
    public: true,
    created: Date.now() + 1_000 + i,
    ...(properties ? { properties: structuredClone(properties) } : {}),
  }));
  issue.comments.push(...added);
  return added;
}

/** Claire answers on a fresh request waiting for her; her record, comment and mark are there. */
async function claireAnswers(): Promise<{ issue: DoubleIssue; record: StoredAuditRecord }> {
  const issue = freshRequest(app, 'waiting_customer');
  expect((await act(app, issue, claire)).error).toBeUndefined();
  const record = auditOf(issue)[0]!;
  expect((markOn(issue, record.commentId) as { accountId?: string }).accountId).toBe(claire);
  return { issue, record };
}

const erased = (record: StoredAuditRecord) => ({
  submissionId: record.submissionId,
  action: record.action,
});

describe('finding the marks', () => {
  it('through the audit record, once her lease has expired and 50 newer comments hide hers', async () => {
    const { issue, record } = await claireAnswers();
    for (const key of leaseKeys(issue)) app.forge.kvs.entries.get(key)!.expiresAt = 0;
    addComments(issue, 50);
    app.forge.privacy.closed.add(claire);

    await weeklyRun(app);
    expect(markOn(issue, record.commentId)).toEqual(erased(record));
    expect(auditOf(issue)[0]?.accountId).toBeUndefined();
  });

  it('through her lease, once 100 newer records pushed hers out of the audit record; the record is not rewritten', async () => {
    const { issue, record } = await claireAnswers();
    const others = Array.from({ length: 100 }, (_, i) => ({
      ...record,
      accountId: pierre,
      submissionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    }));
    const { commentId: _none, ...withoutComment } = others[0]!;
    others[0] = withoutComment;
    issue.properties[AUDIT_PROPERTY_KEY] = { records: others };
    addComments(issue, 50);
    app.forge.privacy.closed.add(claire);

    await weeklyRun(app);
    expect(markOn(issue, record.commentId)).toEqual(erased(record));
    expect(leaseKeys(issue)).toEqual([]);
    // Nothing there named her: Jira gets no write of the audit record.
    const writes = app.double.log.filter((r) => r.method === 'PUT' && r.path.includes('/properties/'));
    expect(writes.filter((r) => r.path.includes(encodeURIComponent(AUDIT_PROPERTY_KEY)))).toEqual([]);
    expect(issue.properties[AUDIT_PROPERTY_KEY]).toEqual({ records: others });
  });

  it('an action without a comment: the record and lease name none, and Jira is asked for no such comment', async () => {
    const issue = freshRequest(app, 'waiting_approval');
    expect((await act(app, issue, claire, 'acceptedByCustomer', '')).error).toBeUndefined();
    expect(auditOf(issue)[0]?.commentId).toBeUndefined();
    app.forge.privacy.closed.add(claire);

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(auditOf(issue)[0]?.accountId).toBeUndefined();
    expect(summary()).toBe('privacy: 1 accounts reported, 1 closed, 1 erased, cycle complete');
    // The afterEach check: every comment id sent to Jira is a comment id.
  });

  it('leaves comments without her mark as they are: none, null, a text, someone else’s', async () => {
    const { issue, record } = await claireAnswers();
    const plain = addComments(issue, 1)[0]!;
    const nulled = addComments(issue, 1, { [COMMENT_MARK_KEY]: null })[0]!;
    const text = addComments(issue, 1, { [COMMENT_MARK_KEY]: 'marked by hand' })[0]!;
    const other = { accountId: pierre, submissionId: 'x', action: 'customerAnswered' };
    const pierres = addComments(issue, 1, { [COMMENT_MARK_KEY]: other })[0]!;
    app.forge.privacy.closed.add(claire);

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(markOn(issue, record.commentId)).toEqual(erased(record));
    expect(plain.properties).toBeUndefined();
    expect(markOn(issue, nulled.id)).toBeNull();
    expect(markOn(issue, text.id)).toBe('marked by hand');
    expect(markOn(issue, pierres.id)).toEqual(other);
    expect(summary()).toBe('privacy: 1 accounts reported, 1 closed, 1 erased, cycle complete');
  });
});

describe('what the registry lists', () => {
  it('an issue Jira no longer has holds nothing to erase: the erasure completes', async () => {
    const { issue, record } = await claireAnswers();
    put(app, issueKeyOf(claire, 'SUP-99999'), { since: '2026-11-02T10:00:00.000Z' });
    app.forge.privacy.closed.add(claire);

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(markOn(issue, record.commentId)).toEqual(erased(record));
    expect(app.forge.kvs.peek(issueKeyOf(claire, 'SUP-99999'))).toBeUndefined();
    expect(app.forge.kvs.peek(accountKey(claire))).toBeUndefined();
    expect(app.forge.kvs.peek(eraseKey(claire))).toBeUndefined();
    expect(summary()).toBe('privacy: 1 accounts reported, 1 closed, 1 erased, cycle complete');
  });

  it('more issues than a storage page: every one is erased before the account is forgotten', async () => {
    const { issue, record } = await claireAnswers();
    // 24 issues Jira no longer has, listed before hers.
    for (let i = 1; i <= 24; i++) put(app, issueKeyOf(claire, `OLD-${i}`), { since: '2026-01-01T00:00:00Z' });
    app.forge.privacy.closed.add(claire);

    await weeklyRun(app);
    expect(auditOf(issue)[0]?.accountId).toBeUndefined();
    expect(markOn(issue, record.commentId)).toEqual(erased(record));
    expect([...app.forge.kvs.entries.keys()].filter((k) => k.includes(claire))).toEqual([]);
  });

  it('more leases on the issue than a storage page, and one holding nothing: only hers go', async () => {
    const { issue } = await claireAnswers();
    const theirs = Array.from(
      { length: 21 },
      (_, i) => `submission:${issue.key}:00000000-0000-4000-8000-${String(i).padStart(12, '0')}:01`,
    );
    for (const key of theirs) put(app, key, { accountId: pierre, action: 'customerAnswered' });
    const empty = `submission:${issue.key}:00000000-0000-4000-8000-000000000000:00`;
    put(app, empty, null);
    app.forge.privacy.closed.add(claire);

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(leaseKeys(issue).sort()).toEqual([empty, ...theirs].sort());
    expect(summary()).toBe('privacy: 1 accounts reported, 1 closed, 1 erased, cycle complete');
  });

  it('reads only her issue’s leases: 200 leases of other requests in storage cost no query', async () => {
    const { issue } = await claireAnswers();
    const others = Array.from(
      { length: 200 },
      (_, i) => `submission:SUP-${70_000 + i}:00000000-0000-4000-8000-000000000001:01`,
    );
    for (const key of others) put(app, key, { accountId: pierre, action: 'customerAnswered' });
    app.forge.privacy.closed.add(claire);
    app.forge.kvs.log.length = 0;

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    // Everything else the run reads is the registry and the erase queue (privacy:*).
    const leaseQueries = app.forge.kvs.log
      .filter((e) => e.op === 'query' && !e.key.startsWith('privacy:'))
      .map((e) => e.key);
    expect(leaseQueries).toEqual([`submission:${issue.key}:`]);
    expect(leaseKeys(issue)).toEqual([]);
    expect(summary()).toBe('privacy: 1 accounts reported, 1 closed, 1 erased, cycle complete');
  });
});
