/**
 * One wall-clock deadline per invocation, shared by every Jira request, storage operation and retry
 * of it, so the invocation answers before the platform ends it: a resolver gets 25 s
 * (https://developer.atlassian.com/platform/forge/limits-invocation/), and one that is ended gives
 * the front end a bridge failure instead of an error object it can explain.
 */
import { getAppContext } from '@forge/api';

/** The resolver limit, used when the runtime does not say how long the invocation has left. */
export const RESOLVER_LIMIT_MS = 25_000;
/** Kept back from the limit to answer: translate the error, serialise, hand the answer back. */
export const ANSWER_RESERVE_MS = 2_000;

/** Thrown when an operation would end past the deadline; the caller turns it into an answer. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
  constructor(readonly what: string) {
    super(`${what}: the invocation's deadline was reached`);
  }
}

export class Deadline {
  constructor(
    /** Epoch ms by which the work must be over (the answer reserve already taken off). */
    readonly at: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * The current invocation's deadline: from the runtime's remaining time (`@forge/api`
   * `getAppContext().invocationRemainingTimeInMillis()`), else 25 s from now, less the reserve.
   */
  static forInvocation(clock: () => number = Date.now): Deadline {
    let remaining = RESOLVER_LIMIT_MS;
    try {
      const left = getAppContext().invocationRemainingTimeInMillis();
      if (Number.isFinite(left) && left > 0) remaining = left;
    } catch {
      // Not in a Forge runtime that says (an old tunnel, a unit test): assume the resolver limit.
    }
    return new Deadline(clock() + remaining - ANSWER_RESERVE_MS, clock);
  }

  remaining(): number {
    return this.at - this.clock();
  }

  /** The invocation's end itself: the deadline plus the time kept to answer. */
  get end(): number {
    return this.at + ANSWER_RESERVE_MS;
  }

  /** A shorter deadline for work that must not use up the rest (bookkeeping). */
  within(ms: number): Deadline {
    return new Deadline(Math.min(this.at, this.clock() + ms), this.clock);
  }

  /** Whether something lasting `ms` would still end in time. */
  allows(ms: number): boolean {
    return this.remaining() >= ms;
  }

  /**
   * Runs `work` with an abort signal that fires at the deadline, and stops waiting for it then even
   * if the work ignores the signal (whether the platform's fetch honours it is not documented).
   */
  async run<T>(what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const left = this.remaining();
    if (left <= 0) throw new DeadlineExceeded(what);
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new DeadlineExceeded(what));
      }, left);
    });
    try {
      return await Promise.race([work(controller.signal), expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}
