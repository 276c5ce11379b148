/**
 * The submission ledger on its own, in Forge storage: one attempt at a time works on a submission,
 * whatever arrives together, and the ledger outlives the panel's drafts. Through the harness's
 * in-memory store, so what is written is what a test reads.
 */
import { Deadline } from '../../src/jira/deadline';
import {
  LEASE_GRACE_MS,
  MAX_LEASES,
  claimSubmission,
  isLive,
  leaseKey,
  noteLease,
  readLeases,
  type Lease,
} from '../../src/portal/submissions';
import { startTestApp, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => app.forge.kvs.clearFaults());

const DAY_MS = 24 * 60 * 60 * 1000;
let counter = 0;
/** A submission no other test has touched. */
const freshSubmission = () => ({ issueKey: 'SUP-1', submissionId: `sub-${++counter}` });
/** A fresh submission with the key of its first lease, 00. */
const freshFirstLease = () => {
  const submission = freshSubmission();
  return { ...submission, key: leaseKey(submission.issueKey, submission.submissionId, 0) };
};
/** Another attempt's lease, its `until` long past. */
const oldLease = (accountId: string, state: Lease['state']): Lease => ({
  accountId,
  action: 'reopen',
  state,
  claimedAt: 1,
  until: 2,
  token: 't',
});
const deadline = () => new Deadline(Date.now() + 20_000);
const holder = (accountId = 'alice', now = Date.now()) => ({
  accountId,
  action: 'customerAnswered' as const,
  now,
  until: now + 25_000,
});
const stored = (key: string) => app.forge.kvs.peek(key) as Lease | undefined;

describe('claiming a submission', () => {
  it('creates the first lease, numbered 00, held by the caller until its invocation ends', async () => {
    const { issueKey, submissionId } = freshSubmission();
    const me = holder();
    const outcome = await claimSubmission(issueKey, submissionId, [], me, deadline());
    expect(outcome).toMatchObject({
      kind: 'claimed',
      key: `submission:SUP-1:${submissionId}:00`,
      earlier: [],
    });
    expect(stored(leaseKey(issueKey, submissionId, 0))).toEqual({
      accountId: 'alice',
      action: 'customerAnswered',
      state: 'held',
      claimedAt: me.now,
      until: me.until,
      token: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('lets only one of two first attempts arriving together work on it', async () => {
    const { issueKey, submissionId } = freshSubmission();
    const [first, second] = await Promise.all([
      claimSubmission(issueKey, submissionId, [], holder('alice'), deadline()),
      claimSubmission(issueKey, submissionId, [], holder('alice'), deadline()),
    ]);
    expect([first.kind, second.kind].sort()).toEqual(['claimed', 'held']);
    expect(await readLeases(issueKey, submissionId, deadline())).toHaveLength(1);
  });

  it('keeps the ledger for 30 days, beyond the week the panel keeps an unfinished submission', async () => {
    const { issueKey, submissionId, key } = freshFirstLease();
    const before = Date.now();
    await claimSubmission(issueKey, submissionId, [], holder(), deadline());
    const expiresAt = app.forge.kvs.entries.get(key)?.expiresAt ?? 0;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * DAY_MS);
    const noted = stored(key) as Lease;
    await noteLease(key, { ...noted, state: 'done' }, deadline());
    expect(app.forge.kvs.entries.get(key)?.expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY_MS);
  });

  it('waits for an attempt whose invocation may still be running, grace included', async () => {
    const { issueKey, submissionId } = freshSubmission();
    const earlier = await claimSubmission(issueKey, submissionId, [], holder(), deadline());
    if (earlier.kind !== 'claimed') throw new Error('no first claim');
    const leases = await readLeases(issueKey, submissionId, deadline());
    const justBeforeGraceEnds = earlier.lease.until + LEASE_GRACE_MS - 1;
    await expect(
      claimSubmission(issueKey, submissionId, leases, holder('alice', justBeforeGraceEnds), deadline()),
    ).resolves.toEqual({ kind: 'held' });
    expect(isLive(earlier.lease, earlier.lease.until + LEASE_GRACE_MS)).toBe(false);
  });

  it('takes over an attempt that is gone, with the next lease, keeping the comment it posted', async () => {
    const { issueKey, submissionId } = freshSubmission();
    const gone = await claimSubmission(issueKey, submissionId, [], holder(), deadline());
    if (gone.kind !== 'claimed') throw new Error('no first claim');
    await noteLease(gone.key, { ...gone.lease, commentId: '10042' }, deadline());
    const leases = await readLeases(issueKey, submissionId, deadline());
    const later = gone.lease.until + LEASE_GRACE_MS;
    const outcome = await claimSubmission(issueKey, submissionId, leases, holder('alice', later), deadline());
    expect(outcome).toMatchObject({ kind: 'claimed', key: leaseKey(issueKey, submissionId, 1) });
    expect(stored(leaseKey(issueKey, submissionId, 1))).toMatchObject({ state: 'held', commentId: '10042' });
  });

  it('lets two takeovers of the same stale attempt not both win', async () => {
    const { issueKey, submissionId } = freshSubmission();
    const gone = await claimSubmission(issueKey, submissionId, [], holder(), deadline());
    if (gone.kind !== 'claimed') throw new Error('no first claim');
    const leases = await readLeases(issueKey, submissionId, deadline());
    const later = gone.lease.until + LEASE_GRACE_MS + 1;
    const outcomes = await Promise.all([
      claimSubmission(issueKey, submissionId, leases, holder('alice', later), deadline()),
      claimSubmission(issueKey, submissionId, leases, holder('alice', later), deadline()),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['claimed', 'held']);
  });

  it('answers a released lease with the next one at once', async () => {
    const { issueKey, submissionId } = freshSubmission();
    const first = await claimSubmission(issueKey, submissionId, [], holder(), deadline());
    if (first.kind !== 'claimed') throw new Error('no first claim');
    await noteLease(first.key, { ...first.lease, state: 'released' }, deadline());
    const leases = await readLeases(issueKey, submissionId, deadline());
    await expect(
      claimSubmission(issueKey, submissionId, leases, holder(), deadline()),
    ).resolves.toMatchObject({
      kind: 'claimed',
      key: leaseKey(issueKey, submissionId, 1),
    });
  });

  it('says the work is done when the latest attempt did it, and writes nothing', async () => {
    const { issueKey, submissionId } = freshSubmission();
    const first = await claimSubmission(issueKey, submissionId, [], holder(), deadline());
    if (first.kind !== 'claimed') throw new Error('no first claim');
    await noteLease(first.key, { ...first.lease, state: 'done', doneAt: 5 }, deadline());
    const leases = await readLeases(issueKey, submissionId, deadline());
    const outcome = await claimSubmission(issueKey, submissionId, leases, holder(), deadline());
    expect(outcome).toEqual({ kind: 'done', latest: expect.objectContaining({ state: 'done', doneAt: 5 }) });
    expect(stored(leaseKey(issueKey, submissionId, 1))).toBeUndefined();
  });

  it(`refuses a ${MAX_LEASES + 1}st attempt rather than loop, and reads attempts in their order`, async () => {
    const { issueKey, submissionId } = freshSubmission();
    let leases = await readLeases(issueKey, submissionId, deadline());
    for (let n = 0; n < MAX_LEASES; n++) {
      const outcome = await claimSubmission(issueKey, submissionId, leases, holder(), deadline());
      if (outcome.kind !== 'claimed') throw new Error(`attempt ${n} not claimed: ${outcome.kind}`);
      await noteLease(outcome.key, { ...outcome.lease, state: 'released' }, deadline());
      leases = await readLeases(issueKey, submissionId, deadline());
    }
    expect(leases.map((e) => e.n)).toEqual(Array.from({ length: MAX_LEASES }, (_, n) => n));
    await expect(claimSubmission(issueKey, submissionId, leases, holder(), deadline())).resolves.toEqual({
      kind: 'exhausted',
    });
    expect(stored(leaseKey(issueKey, submissionId, MAX_LEASES))).toBeUndefined();
  });

  it('reads only this submission on this request, not one whose id begins the same', async () => {
    const { issueKey, submissionId } = freshSubmission();
    await claimSubmission(issueKey, `${submissionId}0`, [], holder(), deadline());
    await claimSubmission('SUP-10', submissionId, [], holder(), deadline());
    expect(await readLeases(issueKey, submissionId, deadline())).toEqual([]);
  });
});

describe('a claim whose answer is lost', () => {
  it('is ours when the stored lease carries our token', async () => {
    const { issueKey, submissionId, key } = freshFirstLease();
    app.forge.kvs.addFault({ op: 'set', key, mode: 'after' });
    const outcome = await claimSubmission(issueKey, submissionId, [], holder(), deadline());
    expect(outcome).toMatchObject({ kind: 'claimed', key });
    if (outcome.kind === 'claimed') expect(stored(key)?.token).toBe(outcome.lease.token);
  });

  it('fails when the claim was not written, rather than work without a lease', async () => {
    const { issueKey, submissionId, key } = freshFirstLease();
    app.forge.kvs.addFault({ op: 'set', key, mode: 'before' });
    await expect(claimSubmission(issueKey, submissionId, [], holder(), deadline())).rejects.toThrow();
    expect(stored(key)).toBeUndefined();
  });

  it('fails when the lease stored is another attempt’s', async () => {
    const { issueKey, submissionId, key } = freshFirstLease();
    // Bob's claim lands between ours being refused for a storage failure and our read.
    app.forge.kvs.addFault({ op: 'set', key, mode: 'before' });
    const theirs = oldLease('bob', 'held');
    app.forge.kvs.entries.set(key, { value: theirs, createdAt: 1, updatedAt: 1, expiresAt: null });
    await expect(claimSubmission(issueKey, submissionId, [], holder(), deadline())).rejects.toThrow();
    expect(stored(key)).toEqual(theirs);
  });

  it('fails when even the read back fails', async () => {
    const { issueKey, submissionId, key } = freshFirstLease();
    app.forge.kvs.addFault({ op: 'set', key, mode: 'before' });
    app.forge.kvs.addFault({ op: 'get', key, mode: 'before' });
    await expect(claimSubmission(issueKey, submissionId, [], holder(), deadline())).rejects.toThrow();
  });
});

describe('noting what an attempt learnt', () => {
  it('never fails the work when storage fails', async () => {
    const { key } = freshFirstLease();
    app.forge.kvs.addFault({ op: 'set', key, mode: 'before' });
    await expect(noteLease(key, oldLease('a', 'done'), deadline())).resolves.toBeUndefined();
    expect(stored(key)).toBeUndefined();
  });

  it('gives up on a slow store before it answers, leaving the time to the work', async () => {
    const { key } = freshFirstLease();
    app.forge.kvs.addFault({ op: 'set', key, mode: 'slow', delayMs: 3_000 });
    await noteLease(key, oldLease('a', 'done'), deadline());
    // Back before the store answered: the write is still on its way.
    expect(app.forge.kvs.pending).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    expect(app.forge.kvs.pending).toBe(0);
  });
});
