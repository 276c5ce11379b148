/**
 * Nothing personal in logs: every line the app writes (console.log, info, warn, error, debug) on
 * its usual paths and its failure paths carries no account id, display name, e-mail address or
 * customer's words. App logs go to the app's developer (`forge logs`, the developer console), not to
 * the customer's site, so they must hold none.
 */
import { AUDIT_PROPERTY_KEY } from '../../src/portal/audit';
import { DEMO_STATUS_IDS, DEMO_USERS } from '../double/state';
import { deliver, issueUpdatedEvent, requestMovedBy } from '../support/events';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { freshRequest } from '../support/submissions';
import { act, weeklyRun } from './support';

const WORDS = 'Mon numéro de client est le 0471 23 45 67.';
const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

let app: TestApp;
const lines: string[] = [];
beforeAll(async () => {
  app = await startTestApp();
  app.configureDemoProject();
  for (const method of METHODS)
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '));
    });
});
afterAll(async () => {
  jest.restoreAllMocks();
  await app.close();
});

/** Every piece of personal data the demo site holds. */
function personalData(): string[] {
  return [
    ...Object.values(DEMO_USERS).flatMap((u) => [u.accountId, u.displayName, u.emailAddress ?? '']),
    WORDS,
  ].filter((s) => s !== '');
}

it('logs nothing personal, whatever succeeds or fails; e-mail claims hold no account id', async () => {
  const claire = DEMO_USERS.reporter.accountId;
  // A customer action, done; another refused to someone else; one Jira fails; one storage fails.
  const done = freshRequest(app, 'waiting_customer');
  await act(app, done, claire, 'customerAnswered', WORDS);
  await act(
    app,
    freshRequest(app, 'waiting_customer'),
    DEMO_USERS.otherCustomer.accountId,
    'customerAnswered',
    WORDS,
  );
  const failing = freshRequest(app, 'waiting_customer');
  app.double.faults.add({
    method: 'POST',
    path: `/rest/api/3/issue/${failing.key}/transitions`,
    status: 500,
    times: 5,
  });
  await act(app, failing, claire, 'customerAnswered', WORDS);
  app.forge.kvs.failNext = 3;
  await act(app, freshRequest(app, 'waiting_customer'), claire, 'customerAnswered', WORDS);
  app.forge.kvs.failNext = 0;
  app.double.faults.clear();

  // The agent view; an e-mail sent, one while Jira is down.
  await app.issueView('getStatusHelp', {}, { accountId: DEMO_USERS.agent.accountId, issueKey: done.key });
  for (const status of [undefined, 500] as const) {
    const issue = requestMovedBy(app.double.state, 'requestInformation');
    if (status)
      app.double.faults.add({
        method: 'POST',
        path: `/rest/api/3/issue/${issue.key}/notify`,
        status,
        times: 5,
      });
    await deliver(app, issueUpdatedEvent(app.double.state, issue.key));
    app.double.faults.clear();
  }

  // The weekly report: failing, then a closed account whose erasure Jira interrupts, then erased.
  app.forge.privacy.closed.add(claire);
  app.forge.privacy.failure = { status: 500, times: 1 };
  await weeklyRun(app);
  app.double.faults.add({
    method: 'PUT',
    path: `/rest/api/3/issue/${done.key}/properties/${AUDIT_PROPERTY_KEY}`,
    status: 500,
    times: 5,
  });
  await weeklyRun(app);
  app.double.faults.clear();
  await weeklyRun(app);
  expect(done.statusId).not.toBe(DEMO_STATUS_IDS.waiting_customer);

  // The suite saw the app log (so it would see a leak), and no line holds anything personal.
  expect(lines.some((l) => l.startsWith('privacy:'))).toBe(true);
  expect(lines.some((l) => l.startsWith('status-mail:'))).toBe(true);
  expect(lines.some((l) => l.startsWith('Jira request failed'))).toBe(true);
  const leaks = lines.filter((line) => personalData().some((p) => line.includes(p)));
  expect(leaks).toEqual([]);

  // E-mail claims hold no account id either (docs/PRIVACY.md): nothing there to report or erase.
  const claims = [...app.forge.kvs.entries].filter(([key]) => key.startsWith('status-mail:'));
  expect(claims.length).toBeGreaterThan(0);
  const personal = claims.filter(([key, e]) =>
    personalData().some((p) => JSON.stringify([key, e.value]).includes(p)),
  );
  expect(personal).toEqual([]);
  expectNoViolations(app.double);
});
