/**
 * The agent view shows the reminders sent during this stay and the outcome planned, from the issue
 * it already reads: still one Jira request. The panel's lines say it in the agent's language.
 */
import type { AgentWaiting } from '../../src/waiting/agent';
import { panelView } from '../../src/frontend/agent/view';
import { formatMessage, lookup } from '../../src/i18n/locales';
import frFR from '../../locales/fr-FR.json';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, jiraCalls, startTestApp, type TestApp } from '../support/app';
import { requestMovedBy } from '../support/events';
import { DAY, HOUR, MONDAY_10, runScan, setRules, useClock, type Clock } from './support';

let app: TestApp;
let clock: Clock;
beforeEach(async () => {
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  clock = useClock(MONDAY_10 - HOUR);
  app = await startTestApp();
  app.configureDemoProject();
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
  jest.restoreAllMocks();
});

it('shows the reminders sent and the outcome planned, in one Jira request', async () => {
  await setRules(app, 'SUP', {
    waiting_customer: { remindAfterDays: 2, maxReminders: 2, closeAfterDays: 5 },
  });
  clock.set(MONDAY_10);
  const issue = requestMovedBy(app.double.state, 'requestInformation');
  clock.set(MONDAY_10 + 2 * DAY);
  await runScan(app);
  clock.set(MONDAY_10 + 2 * DAY + HOUR);
  app.double.resetLog();
  const help = await app.issueView<{ waiting?: AgentWaiting }>(
    'getStatusHelp',
    {},
    { accountId: DEMO_USERS.agent.accountId, issueKey: issue.key },
  );
  expect(jiraCalls(app.double)).toHaveLength(1);
  expect(help.waiting).toEqual({
    remindersSent: [{ n: 1, at: new Date(MONDAY_10 + 2 * DAY).toISOString() }],
    nextReminder: new Date(MONDAY_10 + 4 * DAY).toISOString(),
    outcome: { at: new Date(MONDAY_10 + 7 * DAY).toISOString(), outcome: 'closed' },
  });

  const t = (key: Parameters<typeof lookup>[1], vars?: Record<string, string | number>) =>
    formatMessage(lookup(frFR, key) ?? key, vars);
  const view = panelView(help as never, t, 'fr-FR', MONDAY_10 + 2 * DAY + HOUR);
  expect(view.kind === 'known' && view.waiting).toEqual([
    'Relances envoyées pendant cette attente : 1.',
    expect.stringMatching(/^Relance 1 envoyée le 2 décembre 2026 à \d\d:00\.$/),
    expect.stringMatching(/^Prochaine relance prévue le 4 décembre 2026 à \d\d:00\.$/),
    expect.stringMatching(
      /^Clôture automatique prévue le 7 décembre 2026 à \d\d:00 si le client ne répond pas\.$/,
    ),
  ]);
});

it('shows nothing of it on a project without rules', async () => {
  const help = await app.issueView<{ waiting?: AgentWaiting }>(
    'getStatusHelp',
    {},
    { accountId: DEMO_USERS.agent.accountId, issueKey: 'SUP-5' },
  );
  expect(help).not.toHaveProperty('waiting');
});
