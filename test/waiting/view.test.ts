/**
 * `getRequestView` adds `status.deadline` when the project's rules plan an outcome for the request,
 * at no Jira request more (the rules are in Forge storage, the entry date in the JSM request).
 */
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import { requestMovedBy } from '../support/events';
import { DAY, HOUR, MONDAY_10, setRules, useClock } from './support';

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

it('says when the request will be closed, in one Jira request', async () => {
  await setRules(app, 'SUP', {
    waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5 },
  });
  jest.spyOn(Date, 'now').mockImplementation(() => MONDAY_10);
  const issue = requestMovedBy(app.double.state, 'requestInformation');
  app.double.resetLog();
  const view = await viewOf(issue.key);
  expect(view.status.deadline).toEqual({
    at: new Date(MONDAY_10 + 7 * DAY).toISOString(),
    outcome: 'closed',
  });
  expect(jiraCalls(app.double)).toHaveLength(1);
});

it('says when the work will be accepted, and nothing where no outcome is planned', async () => {
  await setRules(app, 'SUP', {
    waiting_approval: { remindAfterDays: 1, maxReminders: 1, acceptAfterDays: 3 },
  });
  const approval = await viewOf('SUP-7');
  expect(approval.status).toEqual(
    expect.objectContaining({
      key: 'waiting_approval',
      deadline: expect.objectContaining({ outcome: 'accepted' }),
    }),
  );
  // SUP-5 waits for the customer, whose rule is off; SUP-4 is in progress.
  expect((await viewOf('SUP-5')).status).not.toHaveProperty('deadline');
  expect((await viewOf('SUP-4')).status).not.toHaveProperty('deadline');
});
