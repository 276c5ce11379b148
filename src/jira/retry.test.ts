import { DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, retryDelay } from './retry';
import { JiraError, kindForStatus, messagesFromErrorBody } from './errors';

describe('Retry-After', () => {
  const now = Date.parse('2026-11-28T10:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sat, 28 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-1', now)).toBeNull();
    expect(parseRetryAfter('   ', now)).toBeNull();
  });

  it('takes whole seconds only, of any length, and never a number inside something else', () => {
    expect(parseRetryAfter('10', now)).toBe(10_000);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('3.5', now)).toBeNull();
    expect(parseRetryAfter('1e3', now)).toBeNull();
    expect(parseRetryAfter('5 6', now)).toBeNull();
  });
});

describe('retry policy', () => {
  it('repeats a 429 for every method, a 5xx only for reads', () => {
    expect(isRetryableStatus(429, 'POST')).toBe(true);
    expect(isRetryableStatus(503, 'GET')).toBe(true);
    expect(isRetryableStatus(503, 'POST')).toBe(false);
    expect(isRetryableStatus(500, 'GET')).toBe(false);
    expect(isRetryableStatus(400, 'GET')).toBe(false);
  });

  it.each([
    [429, 'GET', true],
    [429, 'PUT', true],
    [429, 'DELETE', true],
    [502, 'GET', true],
    [504, 'GET', true],
    [502, 'POST', false],
    [504, 'PUT', false],
    [501, 'GET', false],
    [505, 'GET', false],
    [404, 'GET', false],
    [409, 'POST', false],
    [200, 'GET', false],
  ] as const)('repeats a %p answer to %s: %p', (status, method, retried) => {
    expect(isRetryableStatus(status, method)).toBe(retried);
  });

  it('waits exactly the cap, and up to exactly the budget', () => {
    const policy = { maxAttempts: 4, maxDelayMs: 5000, budgetMs: 8000 };
    expect(retryDelay(policy, 1, 5000, 0)).toBe(5000);
    expect(retryDelay(policy, 1, 5001, 0)).toBeNull();
    expect(retryDelay(policy, 2, 5000, 3000)).toBe(5000);
    expect(retryDelay(policy, 2, 5000, 3001)).toBeNull();
    expect(retryDelay(policy, 3, null, 6000)).toBe(2000);
    expect(retryDelay(policy, 3, null, 6001)).toBeNull();
    // A Retry-After of 0 is a wait of nothing, not a reason for the fallback backoff.
    expect(retryDelay(policy, 1, 0, 0)).toBe(0);
  });

  it('backs off 0.5, 1 and 2 s between the default four attempts, then gives up', () => {
    const waits = [1, 2, 3, 4].map((attempt) => retryDelay(DEFAULT_RETRY_POLICY, attempt, null, 0));
    expect(waits).toEqual([500, 1000, 2000, null]);
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 4, maxDelayMs: 10_000, budgetMs: 15_000 });
  });

  it('waits what Jira asks, within the attempt count, the per-wait cap and the total budget', () => {
    const policy = { maxAttempts: 3, maxDelayMs: 5000, budgetMs: 8000 };
    expect(retryDelay(policy, 1, 2000, 0)).toBe(2000);
    expect(retryDelay(policy, 3, 2000, 0)).toBeNull();
    expect(retryDelay(policy, 1, 6000, 0)).toBeNull();
    expect(retryDelay(policy, 2, 4000, 5000)).toBeNull();
    expect(retryDelay(policy, 1, null, 0)).toBe(500);
    expect(retryDelay(policy, 2, null, 500)).toBe(1000);
  });

  it('stays well inside the 25 s resolver limit by default', () => {
    // The last wait ends within the budget, leaving time for the request itself.
    expect(DEFAULT_RETRY_POLICY.maxDelayMs).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.budgetMs);
    expect(DEFAULT_RETRY_POLICY.budgetMs).toBeLessThanOrEqual(15_000);
  });
});

describe('typed errors', () => {
  it('name each failure by kind', () => {
    expect([401, 403, 404, 409, 429, 500, 503, 400, 422].map(kindForStatus)).toEqual([
      'unauthorized',
      'forbidden',
      'not-found',
      'conflict',
      'rate-limited',
      'server',
      'server',
      'bad-request',
      'bad-request',
    ]);
    expect(new JiraError('server', 503, 'GET', '/rest/api/3/myself').isTransient).toBe(true);
    expect(new JiraError('not-found', 404, 'GET', '/rest/api/3/myself').isTransient).toBe(false);
  });

  it('read messages from both API families', () => {
    expect(
      messagesFromErrorBody({ errorMessages: ['Issue does not exist'], errors: { comment: 'too long' } }),
    ).toEqual(['Issue does not exist', 'comment: too long']);
    expect(messagesFromErrorBody({ errorMessage: 'Request not found', i18nErrorMessage: {} })).toEqual([
      'Request not found',
    ]);
    expect(messagesFromErrorBody('nope')).toEqual([]);
  });
});
