/**
 * The weekly run when its time runs out: a round (a shard read, a report, the cycle written) needs
 * 3 s, an erasure 8 s per issue; what does not fit waits for the next run, which resumes at the
 * stored cycle, and nothing is reported twice in a cycle but a shard cut in its middle. Storage made
 * slow at a chosen query uses up the time where the test wants it.
 */
import { eraseKey } from '../../src/privacy/erase';
import { accountKey, issueKeyOf, issuesPrefix, shardPrefix } from '../../src/privacy/registry';
import { CYCLE_KEY } from '../../src/privacy/report';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { freshRequest } from '../support/submissions';
import { idsInShard, privacyLines, put } from './edges';
import { act, auditOf, seedAccounts, weeklyRun } from './support';

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
const summary = (): string | undefined => log.lines.find((l) => l.includes('accounts reported'));
/** The read of one shard answers after `ms`. */
const slowShard = (shard: number, ms: number): void =>
  app.forge.kvs.addFault({ op: 'query', key: shardPrefix(shard), mode: 'slow', delayMs: ms });

describe('the report when time runs out', () => {
  it('a shard of exactly 90 reported before the cut: the next run starts after it', async () => {
    const first = idsInShard(0, 90, 'f1');
    const second = idsInShard(1, 5, 'f1');
    seedAccounts(app, [...first, ...second]);
    // 6 s: 4 s of work; the report takes 1.5 s, after which a round no longer fits.
    app.forge.privacy.delayMs = 1_500;
    expect(await weeklyRun(app, 6_000)).toEqual({ statusCode: 200 });
    expect(sizes()).toEqual([90]);
    expect(app.forge.kvs.peek(CYCLE_KEY)).toEqual({ shard: 1 });
    expect(summary()).toBe('privacy: 90 accounts reported, 0 closed, 0 erased, cycle continues next run');

    app.forge.privacy.delayMs = 0;
    app.forge.privacy.requests.length = 0;
    log.lines.length = 0;
    await weeklyRun(app);
    expect(sizes()).toEqual([5]);
    expect(summary()).toBe('privacy: 5 accounts reported, 0 closed, 0 erased, cycle complete');
  });

  it('a shard of 200: no second request once a round no longer fits; the shard is read again next run', async () => {
    seedAccounts(app, idsInShard(2, 200, 'f2'));
    app.forge.privacy.delayMs = 1_500;
    await weeklyRun(app, 6_000);
    expect(sizes()).toEqual([90]);
    expect(app.forge.kvs.peek(CYCLE_KEY)).toBeUndefined();
    expect(summary()).toBe('privacy: 90 accounts reported, 0 closed, 0 erased, cycle continues next run');
  });

  it('time out between shards: the shards after it are neither read nor reported', async () => {
    seedAccounts(app, [...idsInShard(8, 50, 'f3'), ...idsInShard(9, 50, 'f3')]);
    // 5.5 s: 3.5 s of work; shard 7 answers late, leaving less than a round.
    slowShard(7, 800);
    expect(await weeklyRun(app, 5_500)).toEqual({ statusCode: 200 });
    expect(app.forge.privacy.requests).toEqual([]);
    expect(app.forge.kvs.peek(CYCLE_KEY)).toBeUndefined();
    expect(summary()).toBe('privacy: 0 accounts reported, 0 closed, 0 erased, cycle continues next run');
  });

  it('time out before the last report: it waits for the next run', async () => {
    seedAccounts(app, idsInShard(0, 5, 'f4'));
    slowShard(15, 800);
    await weeklyRun(app, 5_500);
    expect(app.forge.privacy.requests).toEqual([]);
    expect(app.forge.kvs.peek(CYCLE_KEY)).toBeUndefined();
    expect(summary()).toBe('privacy: 0 accounts reported, 0 closed, 0 erased, cycle continues next run');
  });

  it('time short at the end with nothing left to report: the cycle still completes', async () => {
    seedAccounts(app, idsInShard(3, 5, 'f5'));
    put(app, CYCLE_KEY, { shard: 4 });
    slowShard(15, 800);
    await weeklyRun(app, 5_500);
    expect(app.forge.privacy.requests).toEqual([]);
    expect(app.forge.kvs.peek(CYCLE_KEY)).toEqual({ shard: 0 });
    expect(summary()).toBe('privacy: 0 accounts reported, 0 closed, 0 erased, cycle complete');
  });
});

describe('erasures when time runs out', () => {
  const claire = DEMO_USERS.reporter.accountId;

  it('an erasure that cannot finish its next issue in time stops; the next run completes it', async () => {
    const issue = freshRequest(app, 'waiting_customer');
    expect((await act(app, issue, claire)).error).toBeUndefined();
    put(app, eraseKey(claire), { at: 0 });
    // 10.5 s: 8.5 s of work; the read of her issues answers late, leaving less than an issue's 8 s.
    app.forge.kvs.addFault({ op: 'query', key: issuesPrefix(claire), mode: 'slow', delayMs: 800 });
    expect(await weeklyRun(app, 10_500)).toEqual({ statusCode: 200 });
    expect(auditOf(issue)[0]?.accountId).toBe(claire);
    expect(app.forge.kvs.peek(issueKeyOf(claire, issue.key))).toBeDefined();
    expect(app.forge.kvs.peek(eraseKey(claire))).toEqual({ at: 0 });
    expect(summary()).toBe('privacy: 1 accounts reported, 0 closed, 0 erased, cycle complete');

    log.lines.length = 0;
    await weeklyRun(app);
    expect(auditOf(issue)[0]?.accountId).toBeUndefined();
    expect(app.forge.kvs.peek(eraseKey(claire))).toBeUndefined();
    expect(summary()).toBe('privacy: 0 accounts reported, 0 closed, 1 erased, cycle complete');
  });

  it('no erasure is started with less than its 8 s left, even one with no issue', async () => {
    const [anne] = idsInShard(5, 1, 'f6') as [string];
    put(app, accountKey(anne), { since: '2026-11-02T10:00:00.000Z' });
    put(app, eraseKey(anne), { at: 0 });
    app.forge.kvs.addFault({ op: 'query', key: 'privacy:erase:', mode: 'slow', delayMs: 800 });
    await weeklyRun(app, 10_500);
    expect(app.forge.kvs.peek(eraseKey(anne))).toEqual({ at: 0 });
    expect(app.forge.kvs.peek(accountKey(anne))).toBeDefined();
    expect(summary()).toBe('privacy: 1 accounts reported, 0 closed, 0 erased, cycle complete');
  });
});
