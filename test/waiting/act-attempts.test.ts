/**
 * An outcome attempt after an earlier one: left alone while it may still run, taken over once it is
 * surely over (16 minutes), reusing the comment the earlier one posted for this very stay (and no
 * other stay's or issue's), and no more attempts after the 99th. A first attempt reads no comments.
 */
import { ATTEMPT_STALE_MS, MAX_OUTCOME_ATTEMPTS, outcomeAttemptKey } from '../../src/waiting/claims';
import { OUTCOME_MARK_KEY } from '../../src/waiting/outcome-mark';
import { addComment, DEMO_USERS, type DoubleIssue } from '../double/state';
import { requestMovedBy } from '../support/events';
import { DAY, logged, MONDAY_10, publicComments, runScan, statusNameOf, useWaitingApp } from './support';

const { app, clock } = useWaitingApp({
  waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 3 },
});

const warnings = (): string[] => logged('warn');

const OUTCOME_AT = MONDAY_10 + 3 * DAY;

/** Asked on Monday 10:00 and reminded on Wednesday; answers the stay's entry, read from the reminder's claim. */
async function remindedOnWednesday(): Promise<{ issue: DoubleIssue; entry: string }> {
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestInformation');
  clock().set(MONDAY_10 + 2 * DAY);
  await runScan(app());
  const prefix = `waiting-claim:${issue.id}:`;
  const key = [...app().forge.kvs.entries.keys()].find(
    (k) => k.startsWith(prefix) && k.endsWith(':reminder:1'),
  );
  if (!key) throw new Error('no reminder claim');
  return { issue, entry: key.slice(prefix.length, -':reminder:1'.length) };
}

/** Earlier attempts 1…count, the last claimed at `at` (the others refused long before). */
function earlierAttempts(issue: DoubleIssue, entry: string, count: number, at: number): void {
  for (let n = 1; n <= count; n++) {
    app().forge.kvs.entries.set(outcomeAttemptKey(issue.id, entry, n), {
      value: n === count ? { state: 'claimed', at } : { state: 'refused', at: at - DAY },
      createdAt: at,
      updatedAt: at,
      expiresAt: null,
    });
  }
}

const marked = (issue: DoubleIssue, value: unknown, created: number) =>
  addComment(app().double.state, issue, {
    authorId: DEMO_USERS.admin.accountId,
    body: 'Demande clôturée automatiquement.',
    public: true,
    created,
    properties: { [OUTCOME_MARK_KEY]: value },
  });

const closeRecord = (issue: DoubleIssue) => {
  const log = issue.properties['guide-des-statuts.customer-actions'] as {
    records: { action: string; commentId?: string }[];
  };
  return log.records.find((r) => r.action === 'closeWithoutAnswer');
};

/** What a run at the outcome reports: SUP-5 (the demo's own waiting request) decided, and this one. */
const leftAlone = (why: 'busy' | 'refused') => ({
  decided: 1,
  skipped: { 'done-before': 0, 'moved-on': 0, busy: 0, refused: 0, [why]: 1 },
  failed: 0,
});

describe('an earlier outcome attempt', () => {
  it('still possibly running (claimed a minute ago): left alone, reported busy', async () => {
    const { issue, entry } = await remindedOnWednesday();
    earlierAttempts(issue, entry, 1, OUTCOME_AT - 60_000);
    clock().set(OUTCOME_AT);
    expect(await runScan(app())).toMatchObject(leftAlone('busy'));
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(publicComments(issue)).toEqual([]);
    expect(warnings()).toEqual([]);
  });

  it('refused long ago (whether its comment went out could not be told): no attempt after it', async () => {
    const { issue, entry } = await remindedOnWednesday();
    earlierAttempts(issue, entry, 2, OUTCOME_AT - DAY);
    app().forge.kvs.entries.get(outcomeAttemptKey(issue.id, entry, 2))!.value = {
      state: 'refused',
      at: OUTCOME_AT - DAY,
    };
    clock().set(OUTCOME_AT);
    // Reported refused, as it was when it gave up (and told the operators then).
    expect(await runScan(app())).toMatchObject(leftAlone('refused'));
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(publicComments(issue)).toEqual([]);
    expect(app().forge.kvs.peek(outcomeAttemptKey(issue.id, entry, 3))).toBeUndefined();
    expect(warnings()).toEqual([]);
  });

  // Forge documents no order for a query's results: the latest attempt is found by its number.
  it.each(['key', 'reversed'] as const)(
    'the 11th over, storage listing the attempts in %s order: the 12th is made',
    async (order) => {
      const { issue, entry } = await remindedOnWednesday();
      earlierAttempts(issue, entry, 11, OUTCOME_AT - ATTEMPT_STALE_MS);
      app().forge.kvs.queryOrder = order;
      clock().set(OUTCOME_AT);
      expect((await runScan(app())).decided).toBe(2);
      expect(statusNameOf(app(), issue.key)).toBe('Fermé');
      expect(app().forge.kvs.peek(outcomeAttemptKey(issue.id, entry, 12))).toMatchObject({ state: 'done' });
    },
  );

  it('claimed 16 minutes ago, its comment posted: taken over, that comment reused, no other stay or issue mistaken for it', async () => {
    const { issue, entry } = await remindedOnWednesday();
    earlierAttempts(issue, entry, 1, OUTCOME_AT - ATTEMPT_STALE_MS);
    const t = OUTCOME_AT - ATTEMPT_STALE_MS;
    marked(issue, { issueId: issue.id, entry: 'other-stay' }, t + 2);
    marked(issue, { issueId: '99999', entry }, t + 3);
    const own = marked(issue, { issueId: issue.id, entry }, t + 4);
    marked(issue, { issueId: '99999', entry }, t + 5);
    marked(issue, { issueId: issue.id, entry: 'other-stay' }, t + 6);
    marked(issue, null, t + 7);
    clock().set(OUTCOME_AT);
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(publicComments(issue)).toHaveLength(6);
    expect(closeRecord(issue)?.commentId).toBe(own.id);
  });

  it('with no comment of its own: the outcome is made with one new comment', async () => {
    const { issue, entry } = await remindedOnWednesday();
    earlierAttempts(issue, entry, 1, OUTCOME_AT - ATTEMPT_STALE_MS);
    clock().set(OUTCOME_AT);
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    expect(publicComments(issue)).toHaveLength(1);
    expect(closeRecord(issue)?.commentId).toBe(publicComments(issue)[0]?.id);
  });

  it(`the ${MAX_OUTCOME_ATTEMPTS - 1}th over: the ${MAX_OUTCOME_ATTEMPTS}th is made`, async () => {
    const { issue, entry } = await remindedOnWednesday();
    earlierAttempts(issue, entry, MAX_OUTCOME_ATTEMPTS - 1, OUTCOME_AT - ATTEMPT_STALE_MS);
    clock().set(OUTCOME_AT);
    await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
  });

  it(`the ${MAX_OUTCOME_ATTEMPTS}th over: no more attempts, the operators told`, async () => {
    const { issue, entry } = await remindedOnWednesday();
    earlierAttempts(issue, entry, MAX_OUTCOME_ATTEMPTS, OUTCOME_AT - ATTEMPT_STALE_MS);
    clock().set(OUTCOME_AT);
    const summary = await runScan(app());
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(publicComments(issue)).toEqual([]);
    expect(summary).toMatchObject({ complete: true, ...leftAlone('refused') });
    expect(warnings()).toContain(
      `waiting-scan: ${issue.key}: the outcome failed too many times, no more attempts`,
    );
  });
});

it('a first attempt reads no comments before posting its own', async () => {
  const { issue } = await remindedOnWednesday();
  clock().set(OUTCOME_AT);
  app().double.resetLog();
  await runScan(app());
  expect(statusNameOf(app(), issue.key)).toBe('Fermé');
  const reads = app().double.log.filter(
    (r) => r.method === 'GET' && r.path.startsWith(`/rest/api/3/issue/${issue.key}/comment`),
  );
  expect(reads).toEqual([]);
});

it('two runs at once (a delivery duplicated): one makes the outcome, the other finds it busy', async () => {
  const { issue } = await remindedOnWednesday();
  clock().set(OUTCOME_AT);
  // Both read the attempts before either claims one: storage answers both reads late.
  const attempts = new RegExp(`^waiting-claim:${issue.id}:.*:outcome:$`);
  app().forge.kvs.addFault({ op: 'query', key: attempts, mode: 'slow', delayMs: 200, times: 2 });
  app().forge.kvs.log.length = 0;
  const runs = await Promise.all([runScan(app()), runScan(app())]);
  const ops = app().forge.kvs.log.filter(
    (e) => attempts.test(e.key) || e.key.startsWith(`waiting-claim:${issue.id}:`),
  );
  const firstClaim = ops.findIndex((e) => e.op === 'set');
  expect(ops.slice(0, firstClaim).filter((e) => e.op === 'query')).toHaveLength(2);
  // SUP-5, the demo's own waiting request, is decided too: each outcome by one run only.
  expect(runs[0].decided + runs[1].decided).toBe(2);
  for (const run of runs)
    expect(run).toMatchObject({ failed: 0, skipped: expect.objectContaining({ refused: 0 }) });
  expect(runs.some((r) => r.skipped.busy > 0)).toBe(true);
  expect(warnings()).toEqual([]);
  expect(statusNameOf(app(), issue.key)).toBe('Fermé');
  expect(publicComments(issue)).toHaveLength(1);
});
