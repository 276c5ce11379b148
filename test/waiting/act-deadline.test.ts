/**
 * The deadline the portal shows beside the status: none in a project without rules, and none for a
 * request in a status that does not wait on the customer, whatever the waiting rules say.
 */
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { requestMovedBy } from '../support/events';
import { HOUR, MONDAY_10, setRules, useClock } from './support';

let app: TestApp;
beforeEach(async () => {
  useClock(MONDAY_10 - HOUR);
  app = await startTestApp();
  app.configureDemoProject();
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
  jest.restoreAllMocks();
});

interface View {
  status: { key: string; deadline?: { at: string; outcome: string } };
}
const viewOf = (issueKey: string): Promise<View> =>
  app.portal('getRequestView', { locale: 'fr-FR' }, { accountId: DEMO_USERS.reporter.accountId, issueKey });

it('shows no deadline in a project without rules', async () => {
  const issue = requestMovedBy(app.double.state, 'requestInformation');
  const view = await viewOf(issue.key);
  expect(view.status.key).toBe('waiting_customer');
  expect(view.status).not.toHaveProperty('deadline');
});

it('shows no deadline for a request in progress, every waiting rule on', async () => {
  await setRules(app, 'SUP', {
    waiting_customer: { remindAfterDays: 1, maxReminders: 1, closeAfterDays: 2 },
    waiting_approval: { remindAfterDays: 1, maxReminders: 1, acceptAfterDays: 2 },
  });
  const view = await viewOf('SUP-4');
  expect(view.status.key).toBe('in_progress');
  expect(view.status).not.toHaveProperty('deadline');
});
