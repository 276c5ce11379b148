/**
 * When to wait and retry. Jira answers 429 with `Retry-After` when an app goes over its rate limit;
 * the request was not processed, so repeating it is safe for every method. A 5xx may have been
 * processed, so only reads are repeated after one.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** A `Retry-After` longer than this is not waited for: the caller gets the error at once. */
  readonly maxDelayMs: number;
  /** Total time one client (one invocation) may spend waiting, kept well inside the 25 s resolver limit. */
  readonly budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, maxDelayMs: 10_000, budgetMs: 15_000 };

/** Backoff used when Jira sends no usable `Retry-After`. */
function fallbackDelayMs(attempt: number): number {
  return 500 * 2 ** (attempt - 1);
}

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  // A blank value is neither form and gives null below.
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month; without letters it is not one (Date.parse('-1') is a year).
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

export function isRetryableStatus(status: number, method: string): boolean {
  if (status === 429) return true;
  return method === 'GET' && (status === 502 || status === 503 || status === 504);
}

/**
 * How long to wait before attempt `attempt + 1`, or null to give up. `waitedMs` is what earlier
 * retries already cost, this request's and the invocation's earlier requests'.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | null,
  waitedMs: number,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const delay = retryAfterMs ?? fallbackDelayMs(attempt);
  if (delay > policy.maxDelayMs || waitedMs + delay > policy.budgetMs) return null;
  return delay;
}
