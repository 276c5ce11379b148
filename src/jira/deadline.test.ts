/**
 * The invocation's deadline: what is left, whether something still fits, and work stopped at the
 * deadline itself with an error that names the step. Time is a test clock or jest's fake timers.
 */
import { ANSWER_RESERVE_MS, Deadline, DeadlineExceeded, RESOLVER_LIMIT_MS } from './deadline';

/** A clock the test moves by hand. */
function testClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

describe('what is left', () => {
  it('counts down to the deadline and keeps the answer reserve after it', () => {
    const clock = testClock();
    const deadline = new Deadline(1_010_000, clock.now);
    expect(deadline.remaining()).toBe(10_000);
    expect(deadline.end).toBe(1_010_000 + ANSWER_RESERVE_MS);
    clock.advance(4_000);
    expect(deadline.remaining()).toBe(6_000);
    clock.advance(7_000);
    expect(deadline.remaining()).toBe(-1_000);
  });

  it('allows what ends exactly at the deadline, not a millisecond more', () => {
    const clock = testClock();
    const deadline = new Deadline(clock.now() + 3_000, clock.now);
    expect(deadline.allows(2_999)).toBe(true);
    expect(deadline.allows(3_000)).toBe(true);
    expect(deadline.allows(3_001)).toBe(false);
  });

  it('gives bookkeeping a shorter deadline, never a later one', () => {
    const clock = testClock();
    const deadline = new Deadline(clock.now() + 5_000, clock.now);
    expect(deadline.within(2_000).at).toBe(clock.now() + 2_000);
    expect(deadline.within(2_000).remaining()).toBe(2_000);
    expect(deadline.within(9_000).at).toBe(deadline.at);
    // The shorter one follows the same clock.
    const short = deadline.within(2_000);
    clock.advance(500);
    expect(short.remaining()).toBe(1_500);
  });
});

describe('the deadline of an invocation', () => {
  const runtime = globalThis as { __forge_runtime__?: unknown };
  afterEach(() => {
    delete runtime.__forge_runtime__;
  });
  /** The runtime's seam (@forge/api reads `global.__forge_runtime__`), saying `left` ms remain. */
  const remainingIs = (left: number): void => {
    runtime.__forge_runtime__ = { appContext: {}, lambdaContext: { getRemainingTimeInMillis: () => left } };
  };

  it('takes the time the runtime says is left, less the answer reserve', () => {
    const clock = testClock();
    remainingIs(12_000);
    expect(Deadline.forInvocation(clock.now).at).toBe(clock.now() + 12_000 - ANSWER_RESERVE_MS);
    remainingIs(1);
    expect(Deadline.forInvocation(clock.now).at).toBe(clock.now() + 1 - ANSWER_RESERVE_MS);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])(
    'assumes the limit when the runtime says %p',
    (left) => {
      const clock = testClock();
      remainingIs(left);
      expect(Deadline.forInvocation(clock.now).at).toBe(clock.now() + RESOLVER_LIMIT_MS - ANSWER_RESERVE_MS);
      expect(Deadline.forInvocation(clock.now, 55_000).at).toBe(clock.now() + 55_000 - ANSWER_RESERVE_MS);
    },
  );

  it("assumes the resolver's 25 s outside a Forge runtime, or the limit it is told", () => {
    const clock = testClock();
    expect(Deadline.forInvocation(clock.now).at).toBe(clock.now() + 25_000 - ANSWER_RESERVE_MS);
    expect(Deadline.forInvocation(clock.now, 55_000).at).toBe(clock.now() + 53_000);
    expect(Deadline.forInvocation(clock.now).remaining()).toBe(23_000);
  });
});

describe('work run against the deadline', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('does not start work once the deadline is reached, and names the step', async () => {
    const clock = testClock();
    const work = jest.fn(() => Promise.resolve('done'));
    for (const at of [clock.now(), clock.now() - 1]) {
      const run = new Deadline(at, clock.now).run('storage claim', work);
      await expect(run).rejects.toThrow(DeadlineExceeded);
      await expect(run).rejects.toMatchObject({
        name: 'DeadlineExceeded',
        what: 'storage claim',
        message: "storage claim: the invocation's deadline was reached",
      });
    }
    expect(work).not.toHaveBeenCalled();
  });

  it('runs work that still has a millisecond, and answers what it answers', async () => {
    const clock = testClock();
    await expect(
      new Deadline(clock.now() + 1, clock.now).run('read', () => Promise.resolve(42)),
    ).resolves.toBe(42);
    await expect(
      new Deadline(clock.now() + 1_000, clock.now).run('read', () => Promise.reject(new Error('refused'))),
    ).rejects.toThrow('refused');
  });

  it('stops waiting at the deadline, even for work that ignores the signal, and aborts it', async () => {
    let signal: AbortSignal | undefined;
    const deadline = new Deadline(Date.now() + 3_000);
    const run = deadline.run('GET /rest/api/3/myself', (given) => {
      signal = given;
      return new Promise<never>(() => undefined);
    });
    const settled = jest.fn();
    run.then(settled, settled);
    await jest.advanceTimersByTimeAsync(2_999);
    expect(settled).not.toHaveBeenCalled();
    expect(signal?.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(signal?.aborted).toBe(true);
    await expect(run).rejects.toMatchObject({
      what: 'GET /rest/api/3/myself',
      message: "GET /rest/api/3/myself: the invocation's deadline was reached",
    });
  });

  it('leaves finished work alone: its signal never fires afterwards', async () => {
    let signal: AbortSignal | undefined;
    const deadline = new Deadline(Date.now() + 3_000);
    await deadline.run('read', (given) => {
      signal = given;
      return Promise.resolve('body');
    });
    // A response body still being read after the answer must not be cut off at the deadline.
    await jest.advanceTimersByTimeAsync(10_000);
    expect(signal?.aborted).toBe(false);
  });
});
