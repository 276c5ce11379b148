/** Runs Jira client calls inside an invocation, as the app's triggers and resolvers do. */
import { JiraClient, type JiraClientOptions } from '../../src/jira/client';
import { JiraError } from '../../src/jira/errors';
import type { RequestLogEntry } from '../double/types';
import { expectNoViolations, startTestApp, type TestApp } from './app';

/**
 * One app and Jira double for the test file, handed to `use` once started: each test starts with an
 * empty request log and no fault left over, and ends without a contract violation.
 */
export function useClientTestApp(use: (app: TestApp) => void): void {
  let app: TestApp | undefined;
  const started = (): TestApp => {
    if (!app) throw new Error('the test app did not start');
    return app;
  };
  beforeAll(async () => {
    app = await startTestApp();
    use(app);
  });
  afterAll(() => app?.close());
  beforeEach(() => started().double.resetLog());
  afterEach(() => {
    expectNoViolations(started().double);
    started().double.faults.clear();
  });
}

/** Runs `body` with a fresh app client inside an invocation and returns what it returns. */
export function withJira<T>(
  app: TestApp,
  body: (jira: JiraClient) => Promise<T>,
  options: JiraClientOptions = {},
): Promise<T> {
  return app.forge.trigger<T>(() => body(new JiraClient('app', options)), {});
}

/** The JiraError that `body` fails with; fails the test when it succeeds or throws anything else. */
export async function jiraFailure(
  app: TestApp,
  body: (jira: JiraClient) => Promise<unknown>,
  options: JiraClientOptions = {},
): Promise<JiraError> {
  const outcome = await withJira(
    app,
    (jira) =>
      body(jira).then(
        (value: unknown) => ({ value }),
        (failure: unknown) => ({ failure }),
      ),
    options,
  );
  if (!('failure' in outcome)) throw new Error(`expected a JiraError, got ${JSON.stringify(outcome.value)}`);
  if (!(outcome.failure instanceof JiraError)) throw outcome.failure;
  return outcome.failure;
}

/** What Jira received: the one request of the log (fails unless there is exactly one). */
export function onlyRequest(log: readonly RequestLogEntry[]): RequestLogEntry {
  expect(log).toHaveLength(1);
  const [entry] = log;
  if (!entry) throw new Error('no request');
  return entry;
}

/** A request's query string as a list of [name, value] pairs, decoded, in order. */
export function queryOf(entry: RequestLogEntry): [string, string][] {
  return [...new URLSearchParams(entry.query)];
}
