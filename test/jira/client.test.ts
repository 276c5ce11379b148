/**
 * The Jira client's retry budget belongs to the invocation, not to each request: an operation of
 * several requests that Jira keeps answering with 429 gives up in time, with a typed error.
 */
import { JiraClient } from '../../src/jira/client';
import { JiraError } from '../../src/jira/errors';
import { DEFAULT_RETRY_POLICY } from '../../src/jira/retry';
import type { TestApp } from '../support/app';
import { useClientTestApp } from '../support/client';

let app: TestApp;
useClientTestApp((started) => (app = started));

const REQUEST_PATH = /^\/rest\/servicedeskapi\/request\/[^/]+$/;

/** The next `times` reads of a request are answered 429 with `Retry-After: seconds`. */
function rateLimit(times: number, seconds: number): void {
  app.double.faults.add({
    method: 'GET',
    path: REQUEST_PATH,
    status: 429,
    retryAfterSeconds: seconds,
    times,
  });
}

/** Runs `body` inside an invocation (as a trigger runs), with a client whose waits are recorded, not slept. */
async function withClient(
  body: (jira: JiraClient) => Promise<unknown>,
): Promise<{ error: JiraError | undefined; waits: number[] }> {
  const waits: number[] = [];
  const jira = new JiraClient('app', { sleep: (ms) => Promise.resolve(void waits.push(ms)) });
  const error = await app.forge.trigger<JiraError | undefined>(
    () =>
      body(jira).then(
        () => undefined,
        (failure: unknown) => {
          if (failure instanceof JiraError) return failure;
          throw failure;
        },
      ),
    {},
  );
  return { error, waits };
}

const issueKey = (): string => app.issueIn('waiting_customer').key;

it('waits what Jira asks, then succeeds', async () => {
  rateLimit(3, 4);
  const { error, waits } = await withClient((jira) => jira.getCustomerRequest(issueKey()));
  expect(error).toBeUndefined();
  expect(waits).toEqual([4000, 4000, 4000]);
});

it('shares one waiting budget between the requests of an invocation', async () => {
  // The first request waits 12 s of the 15 s budget; the second may not wait 4 s more, although
  // on its own it could. Per-request budgets would let an operation of several requests run past
  // the 25 s a resolver gets.
  const { error, waits } = await withClient(async (jira) => {
    rateLimit(3, 4);
    await jira.getCustomerRequest(issueKey());
    rateLimit(3, 4);
    await jira.getCustomerRequest(issueKey());
  });
  expect(error?.kind).toBe('rate-limited');
  expect(error?.status).toBe(429);
  expect(waits).toEqual([4000, 4000, 4000]);
  expect(waits.reduce((total, ms) => total + ms, 0)).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.budgetMs);
});

it('gives each invocation its own budget', async () => {
  rateLimit(3, 4);
  expect((await withClient((jira) => jira.getCustomerRequest(issueKey()))).error).toBeUndefined();
  rateLimit(3, 4);
  const second = await withClient((jira) => jira.getCustomerRequest(issueKey()));
  expect(second.error).toBeUndefined();
  expect(second.waits).toEqual([4000, 4000, 4000]);
});
