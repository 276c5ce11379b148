/**
 * The weekly personal data run at its edges: storage read page by page, requests at the API's limit
 * of 90, the stored cycle when it holds nonsense, the report failing, and the line the run logs for
 * the operator (`privacy: … accounts reported, … closed, … erased…`), which is what `forge logs` shows
 * of each run.
 */
import { ERASE_PREFIX, eraseKey } from '../../src/privacy/erase';
import { ACCOUNT_PREFIX, accountKey, issueKeyOf } from '../../src/privacy/registry';
import { CYCLE_KEY } from '../../src/privacy/report';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { idsInShard, privacyLines, put } from './edges';
import { seedAccounts, snapshot, weeklyRun } from './support';

let app: TestApp;
let log: ReturnType<typeof privacyLines>;
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
});
afterAll(() => app.close());
beforeEach(() => {
  for (const key of [...app.forge.kvs.entries.keys()])
    if (key.startsWith('privacy:')) app.forge.kvs.entries.delete(key);
  app.forge.privacy.reset();
  log = privacyLines();
});
afterEach(() => {
  log.restore();
  expectNoViolations(app.double);
  expect(app.forge.privacy.malformed).toEqual([]);
  app.double.faults.clear();
  app.forge.kvs.clearFaults();
});

const sizes = (): number[] => app.forge.privacy.requests.map((r) => r.length);
const reported = (): string[] => app.forge.privacy.requests.flat().map((a) => a.accountId);
const summary = (): string | undefined => log.lines.find((l) => l.includes('accounts reported'));

describe('reading the registry', () => {
  it('with nothing to report, sends no request and completes the cycle', async () => {
    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(app.forge.privacy.requests).toEqual([]);
    expect(app.forge.kvs.peek(CYCLE_KEY)).toEqual({ shard: 0 });
    expect(log.lines).toEqual(['privacy: 0 accounts reported, 0 closed, 0 erased, cycle complete']);
  });

  it('reads a shard of more than one storage page (20) to its end', async () => {
    const ids = idsInShard(3, 45, 'a1');
    seedAccounts(app, ids);
    await weeklyRun(app);
    expect(reported().sort()).toEqual([...ids].sort());
    expect(summary()).toBe('privacy: 45 accounts reported, 0 closed, 0 erased, cycle complete');
  });

  it('reports only Atlassian account ids with a date, from the 16 shards only', async () => {
    const good = idsInShard(0, 2, 'a2');
    seedAccounts(app, good);
    const since = { since: '2026-11-02T10:00:00.000Z' };
    // Hand-made or damaged keys and values: none is an account the app stored.
    put(app, `${ACCOUNT_PREFIX}0:not an account`, since);
    put(app, `${ACCOUNT_PREFIX}0:${'a'.repeat(129)}`, since);
    put(app, `${ACCOUNT_PREFIX}1:slash/ed`, since);
    put(app, `${ACCOUNT_PREFIX}10:abc`, since);
    put(app, `${ACCOUNT_PREFIX}2:5b10a2844c20a2novalue`, null);
    put(app, `${ACCOUNT_PREFIX}2:5b10a2844c20a2numeric`, { since: 2026 });
    put(app, `${ACCOUNT_PREFIX}2:5b10a2844c20a2nodate`, { since: 'last week' });
    put(app, `${ACCOUNT_PREFIX}2:5b10a2844c20a2empty`, {});

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(reported().sort()).toEqual([...good].sort());
    expect(summary()).toBe('privacy: 2 accounts reported, 0 closed, 0 erased, cycle complete');
  });

  it.each([['3'], [2.5], [16], [17], [-1_000_000], [null]])(
    'a stored cycle of %p is not a shard: the run starts at shard 0',
    async (shard) => {
      const ids = [...idsInShard(0, 2, 'a3'), ...idsInShard(1, 2, 'a3'), ...idsInShard(15, 2, 'a3')];
      seedAccounts(app, ids);
      put(app, CYCLE_KEY, { shard });
      // Short, so that a run looping through shards that do not exist stops soon.
      expect(await weeklyRun(app, 7_000)).toEqual({ statusCode: 200 });
      expect(reported().sort()).toEqual([...ids].sort());
      expect(app.forge.kvs.peek(CYCLE_KEY)).toEqual({ shard: 0 });
    },
  );

  it('a cycle stopped at the last shard resumes there and completes', async () => {
    const early = idsInShard(14, 3, 'a4');
    const last = idsInShard(15, 3, 'a4');
    seedAccounts(app, [...early, ...last]);
    put(app, CYCLE_KEY, { shard: 15 });
    await weeklyRun(app);
    expect(reported().sort()).toEqual([...last].sort());
    expect(app.forge.kvs.peek(CYCLE_KEY)).toEqual({ shard: 0 });
    expect(summary()).toBe('privacy: 3 accounts reported, 0 closed, 0 erased, cycle complete');
  });
});

describe('requests of 90 accounts at most', () => {
  it('two shards of exactly 90 together go in one request', async () => {
    seedAccounts(app, [...idsInShard(0, 40, 'b1'), ...idsInShard(1, 50, 'b1')]);
    await weeklyRun(app);
    expect(sizes()).toEqual([90]);
  });

  it('one account over: each shard in its own request', async () => {
    seedAccounts(app, [...idsInShard(0, 40, 'b2'), ...idsInShard(1, 51, 'b2')]);
    await weeklyRun(app);
    expect(sizes()).toEqual([40, 51]);
  });

  it('a shard of more than 90 is sent 90 at a time, one request after the other, each account once', async () => {
    const big = idsInShard(2, 100, 'b3');
    const next = idsInShard(5, 5, 'b3');
    seedAccounts(app, [...big, ...next]);
    // Short, so that a run sending the same 90 again and again stops soon.
    expect(await weeklyRun(app, 8_000)).toEqual({ statusCode: 200 });
    // The count first: a diff of thousands of requests would take the test's time.
    expect(app.forge.privacy.requests.length).toBe(2);
    expect(sizes()).toEqual([90, 15]);
    expect(reported().sort()).toEqual([...big, ...next].sort());
    expect(summary()).toBe('privacy: 105 accounts reported, 0 closed, 0 erased, cycle complete');
  });
});

describe('the report failing', () => {
  it('on the first 90 of a big shard: nothing sent after it, nothing changes, retried next run', async () => {
    const big = idsInShard(2, 100, 'c1');
    seedAccounts(app, big);
    app.forge.privacy.failure = { status: 503, times: 1 };
    const before = snapshot(app);

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(sizes()).toEqual([90]);
    expect(snapshot(app)).toEqual(before);
    expect(log.lines).toEqual([
      'privacy: the personal data report failed (503); retried next week',
      'privacy: 0 accounts reported, 0 closed, 0 erased, report failed',
    ]);

    app.forge.privacy.requests.length = 0;
    await weeklyRun(app, 8_000);
    expect(app.forge.privacy.requests.length).toBe(2);
    expect(reported().sort()).toEqual([...big].sort());
  });

  it('between two shards: the cycle stays where it was', async () => {
    seedAccounts(app, [...idsInShard(0, 50, 'c2'), ...idsInShard(1, 50, 'c2')]);
    put(app, CYCLE_KEY, { shard: 0 });
    app.forge.privacy.failure = { status: 500, times: 1 };
    await weeklyRun(app);
    expect(sizes()).toEqual([50]);
    expect(app.forge.kvs.peek(CYCLE_KEY)).toEqual({ shard: 0 });
    expect(summary()).toBe('privacy: 0 accounts reported, 0 closed, 0 erased, report failed');
  });

  it('with no answer in time: logged as such, nothing changes', async () => {
    seedAccounts(app, idsInShard(4, 3, 'c3'));
    const before = snapshot(app);
    // 5.6 s: 3.6 s of work after the 2 s kept to answer, less than the API's 4 s delay.
    app.forge.privacy.delayMs = 4_000;
    expect(await weeklyRun(app, 5_600)).toEqual({ statusCode: 200 });
    expect(snapshot(app)).toEqual(before);
    expect(log.lines).toEqual([
      'privacy: the personal data report failed (no answer); retried next week',
      'privacy: 0 accounts reported, 0 closed, 0 erased, report failed',
    ]);
  });
});

describe('the erasure queue in the run', () => {
  it('erases a queue longer than a storage page in one run', async () => {
    const queued = idsInShard(6, 25, 'd1');
    for (const id of queued) {
      put(app, accountKey(id), { since: '2026-11-02T10:00:00.000Z' });
      put(app, eraseKey(id), { at: 0 });
    }
    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect([...app.forge.kvs.entries.keys()].filter((k) => k.startsWith(ERASE_PREFIX))).toEqual([]);
    expect(app.forge.kvs.peek(accountKey(queued[24]!))).toBeUndefined();
    expect(summary()).toBe('privacy: 0 accounts reported, 0 closed, 25 erased, cycle complete');
  });

  it('tries a failing erasure once per run; the others go on, and the operator sees it', async () => {
    // Anne was queued by an earlier run; storage refuses to forget her issue, this run long.
    const [anne, bruno] = idsInShard(7, 2, 'd2') as [string, string];
    seedAccounts(app, [anne, bruno]);
    put(app, eraseKey(anne), { at: 0 });
    app.forge.kvs.addFault({ op: 'delete', key: issueKeyOf(anne, 'SUP-1'), mode: 'before', times: 5 });
    app.forge.privacy.closed.add(bruno);
    const start = Date.now();

    expect(await weeklyRun(app)).toEqual({ statusCode: 200 });
    expect(app.forge.kvs.peek(issueKeyOf(anne, 'SUP-1'))).toBeDefined();
    expect(app.forge.kvs.peek(eraseKey(anne))).toEqual({ at: 0 });
    expect(app.forge.kvs.peek(accountKey(bruno))).toBeUndefined();
    expect(app.forge.kvs.peek(eraseKey(bruno))).toBeUndefined();
    expect(summary()).toBe(
      'privacy: 2 accounts reported, 1 closed, 1 erased, 1 erasures to retry, cycle complete',
    );

    // Bruno's erasure failing too: his queue entry says when he was queued.
    app.forge.kvs.clearFaults();
    app.forge.privacy.closed.add(anne);
    app.forge.kvs.addFault({ op: 'delete', key: issueKeyOf(anne, 'SUP-1'), mode: 'before', times: 5 });
    put(app, accountKey(bruno), { since: '2026-11-02T10:00:00.000Z' });
    put(app, issueKeyOf(bruno, 'SUP-1'), { since: '2026-11-02T10:00:00.000Z' });
    app.forge.kvs.addFault({ op: 'delete', key: issueKeyOf(bruno, 'SUP-1'), mode: 'before', times: 5 });
    await weeklyRun(app);
    const queued = app.forge.kvs.peek(eraseKey(bruno)) as { at: number };
    expect(queued.at).toBeGreaterThanOrEqual(start);
    expect(queued.at).toBeLessThanOrEqual(Date.now());
  });
});

describe('storage failing', () => {
  it('stops the run with a 500 and tells the operator it stopped early', async () => {
    seedAccounts(app, idsInShard(0, 2, 'e1'));
    app.forge.kvs.addFault({ op: 'set', key: CYCLE_KEY, mode: 'before', times: 1 });
    expect(await weeklyRun(app)).toEqual({ statusCode: 500 });
    expect(log.lines).toEqual(['privacy: the weekly run stopped early (ForgeKvsError)']);
  });
});
