/**
 * The hourly scan against the Jira double with a controllable clock: reminders on the right working
 * days and only once, the outcome once with its comment, e-mail and audit record (and no second
 * e-mail from the status trigger), the clock restarting on a new stay, an agent's move cancelling
 * what was planned, a request already waiting when the rules are saved, a project without rules.
 */
import { mailSettingsKey } from '../../src/notifications/settings';
import { WAITING_OUTCOME_HISTORY_TYPE } from '../../src/notifications/own-change';
import { DEMO_USERS, addIssue, DEMO_STATUS_IDS, type DoubleIssue } from '../double/state';
import { jiraCalls } from '../support/app';
import { invokeTrigger, issueUpdatedEvent, moveIssue, requestMovedBy } from '../support/events';
import {
  DAY,
  HOUR,
  MONDAY_10,
  mailsTo,
  publicComments,
  runScan,
  setRules,
  statusNameOf,
  waitingAudit,
  useWaitingApp,
} from './support';

const { app, clock, restartApp } = useWaitingApp();

const RULES = {
  waiting_customer: { remindAfterDays: 2, maxReminders: 2, closeAfterDays: 5 },
  waiting_approval: { remindAfterDays: 3, maxReminders: 1, acceptAfterDays: 4 },
};

/** A request an agent asked for information on Monday 10:00 (Brussels). */
function askedOnMonday(): DoubleIssue {
  clock().set(MONDAY_10);
  return requestMovedBy(app().double.state, 'requestInformation');
}

async function scanAt(ms: number) {
  clock().set(ms);
  return runScan(app());
}

describe('a request waiting for the customer since Monday 10:00, rules saved before', () => {
  let issue: DoubleIssue;
  beforeEach(async () => {
    clock().set(MONDAY_10 - HOUR);
    await setRules(app(), 'SUP', RULES);
    issue = askedOnMonday();
  });

  it('is reminded on Wednesday and Friday at 10:00, each once, with the deadline and the portal link', async () => {
    await scanAt(MONDAY_10 + 2 * DAY - 60_000);
    expect(mailsTo(app(), issue)).toHaveLength(0);
    expect((await scanAt(MONDAY_10 + 2 * DAY)).reminded).toBeGreaterThanOrEqual(1);
    const [first] = mailsTo(app(), issue);
    expect(first?.subject).toBe(`[${issue.key}] Rappel : nous attendons votre réponse`);
    expect(first?.textBody).toContain(
      "Sans réponse de votre part d'ici le lundi 7 décembre 2026 à 10:00, elle sera clôturée.",
    );
    expect(first?.textBody).toContain(`/servicedesk/customer/portal/`);
    expect(first?.recipients).toEqual([issue.reporter]);
    // Reruns the same day and the next send nothing more.
    await scanAt(MONDAY_10 + 2 * DAY + 30 * 60_000);
    await scanAt(MONDAY_10 + 3 * DAY);
    expect(mailsTo(app(), issue)).toHaveLength(1);
    await scanAt(MONDAY_10 + 4 * DAY);
    expect(mailsTo(app(), issue)).toHaveLength(2);
    // The weekend does not count: nothing on Saturday, Sunday or Monday morning.
    await scanAt(MONDAY_10 + 5 * DAY);
    await scanAt(MONDAY_10 + 7 * DAY - 60_000);
    expect(mailsTo(app(), issue)).toHaveLength(2);
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    expect(waitingAudit(issue).map((r) => [r.action, r.n])).toEqual([
      ['reminder', 1],
      ['reminder', 2],
    ]);
  });

  it('is closed once on the next Monday at 10:00, with a public comment, an e-mail and an audit record', async () => {
    app().forge.kvs.entries.set(mailSettingsKey('SUP'), {
      value: { statuses: ['closed'] },
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
    const summary = await scanAt(MONDAY_10 + 7 * DAY);
    expect(summary.decided).toBeGreaterThanOrEqual(1);
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
    const comments = publicComments(issue);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(
      "Demande clôturée automatiquement : nous attendions votre réponse depuis le lundi 30 novembre 2026 à 10:00 et n'en avons pas reçu d'ici le lundi 7 décembre 2026 à 10:00. Si vous avez encore besoin d'aide, rouvrez la demande en expliquant pourquoi.",
    );
    expect(issue.changelog.at(-1)?.historyMetadata?.type).toBe(WAITING_OUTCOME_HISTORY_TYPE);
    expect(waitingAudit(issue).map((r) => r.action)).toEqual(['closeWithoutAnswer']);
    expect(mailsTo(app(), issue).map((m) => m.subject)).toEqual([
      `[${issue.key}] Demande clôturée sans réponse`,
    ]);

    // The status e-mail trigger, even were the platform's filter lost, sends no second e-mail.
    const event = { ...issueUpdatedEvent(app().double.state, issue.key), selfGenerated: false };
    expect(await invokeTrigger(app(), event)).toBe('own-change');
    await scanAt(MONDAY_10 + 7 * DAY + HOUR);
    expect(publicComments(issue)).toHaveLength(1);
    expect(mailsTo(app(), issue)).toHaveLength(1);
    expect(issue.changelog.filter((c) => c.items[0]?.to === DEMO_STATUS_IDS.closed)).toHaveLength(1);
    // The customer can still reopen it.
    expect(
      await app().portal(
        'performCustomerAction',
        { action: 'reopen', submissionId: 'reopen-after-close', comment: 'Toujours en panne.' },
        { accountId: issue.reporter, issueKey: issue.key },
      ),
    ).toEqual(expect.objectContaining({ status: expect.objectContaining({ key: 'reopened' }) }));
  });

  it('restarts the clock when the customer answers and the agent asks again', async () => {
    clock().set(MONDAY_10 + DAY);
    await app().portal(
      'performCustomerAction',
      { action: 'customerAnswered', submissionId: 'answer-tuesday', comment: 'Voici le numéro de série.' },
      { accountId: issue.reporter, issueKey: issue.key },
    );
    clock().set(MONDAY_10 + 2 * DAY - HOUR);
    moveIssue(app().double.state, issue, 'requestInformation');
    // Wednesday 10:00 was the first stay's reminder: the new stay's is Friday 09:00.
    await scanAt(MONDAY_10 + 2 * DAY);
    await scanAt(MONDAY_10 + 4 * DAY - HOUR - 60_000);
    expect(mailsTo(app(), issue)).toHaveLength(0);
    await scanAt(MONDAY_10 + 4 * DAY - HOUR);
    expect(mailsTo(app(), issue)).toHaveLength(1);
    // The outcome too follows the new stay: not on Monday 10:00, on Wednesday 09:00.
    await scanAt(MONDAY_10 + 7 * DAY);
    expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
    await scanAt(MONDAY_10 + 9 * DAY - HOUR);
    expect(statusNameOf(app(), issue.key)).toBe('Fermé');
  });

  it('does nothing once an agent has moved the request out of the status', async () => {
    clock().set(MONDAY_10 + DAY);
    moveIssue(app().double.state, issue, 'customerAnswered');
    await scanAt(MONDAY_10 + 2 * DAY);
    await scanAt(MONDAY_10 + 7 * DAY);
    expect(mailsTo(app(), issue)).toHaveLength(0);
    expect(publicComments(issue)).toHaveLength(0);
    expect(statusNameOf(app(), issue.key)).toBe('En progression');
  });
});

it('accepts a request waiting for approval without answer, to A délivrer, in the reporter language', async () => {
  clock().set(MONDAY_10 - HOUR);
  await setRules(app(), 'SUP', RULES);
  clock().set(MONDAY_10);
  const issue = requestMovedBy(app().double.state, 'requestApproval', {
    reporter: DEMO_USERS.participant.accountId,
  });
  await scanAt(MONDAY_10 + 3 * DAY);
  expect(mailsTo(app(), issue)).toHaveLength(1);
  await scanAt(MONDAY_10 + 4 * DAY);
  expect(statusNameOf(app(), issue.key)).toBe('A délivrer');
  expect(waitingAudit(issue).map((r) => r.action)).toEqual(['reminder', 'acceptWithoutAnswer']);
  // Pierre reads Dutch in Jira: the comment and the e-mails are his.
  expect(publicComments(issue).map((c) => c.body)).toEqual([
    'Werk beschouwd als aanvaard: we wachtten sinds maandag 30 november 2026 om 10:00 op uw goedkeuring en hebben vóór vrijdag 4 december 2026 om 10:00 geen antwoord ontvangen. De aanvraag gaat door naar de levering.',
  ]);
  expect(mailsTo(app(), issue).map((m) => m.subject)).toEqual([
    `[${issue.key}] Herinnering: we wachten op uw antwoord`,
    `[${issue.key}] Werk beschouwd als aanvaard`,
  ]);
});

it('starts the clock of a request already waiting at the save, never earlier', async () => {
  const issue = askedOnMonday();
  // Saved on Thursday 10:00 with "close after 1 day": not closed at once, on Friday 10:00.
  clock().set(MONDAY_10 + 3 * DAY);
  await setRules(app(), 'SUP', {
    waiting_customer: { remindAfterDays: null, maxReminders: 1, closeAfterDays: 1 },
  });
  await scanAt(MONDAY_10 + 3 * DAY + HOUR);
  expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
  await scanAt(MONDAY_10 + 4 * DAY - 60_000);
  expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
  await scanAt(MONDAY_10 + 4 * DAY);
  expect(statusNameOf(app(), issue.key)).toBe('Fermé');
});

it('leaves a project without rules untouched, and asks Jira nothing when no project has rules', async () => {
  const issue = askedOnMonday();
  app().double.resetLog();
  const summary = await scanAt(MONDAY_10 + 30 * DAY);
  expect(summary).toEqual(expect.objectContaining({ projects: 0, examined: 0, complete: true }));
  expect(jiraCalls(app().double)).toEqual([]);
  expect(mailsTo(app(), issue)).toHaveLength(0);
  // Rules with every part off count as none.
  await setRules(app(), 'SUP', { waiting_customer: null, waiting_approval: null });
  app().double.resetLog();
  await scanAt(MONDAY_10 + 31 * DAY);
  expect(jiraCalls(app().double)).toEqual([]);
  expect(statusNameOf(app(), issue.key)).toBe('En attente du client');
});

it('a project with rules does not touch another project', async () => {
  const { addServiceProject } = await import('../installer/sites');
  await restartApp({ seed: (s) => addServiceProject(s, { key: 'HELP' }) });
  clock().set(MONDAY_10 - HOUR);
  await setRules(app(), 'SUP', RULES);
  const help = addIssue(app().double.state, {
    projectKey: 'HELP',
    summary: 'Autre projet',
    reporter: DEMO_USERS.reporter.accountId,
  });
  await scanAt(MONDAY_10 + 30 * DAY);
  expect(mailsTo(app(), help)).toHaveLength(0);
  expect(help.comments).toHaveLength(0);
});
