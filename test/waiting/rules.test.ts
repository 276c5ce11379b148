/**
 * getWaitingRules / setWaitingRules through the real resolver and the double: the contract, the
 * defaults, every refusal (with its localized message) storing nothing, who may call them, and the
 * preview of what rules would do to the requests waiting now.
 */
import { rulesKey } from '../../src/waiting/store';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { requestMovedBy } from '../support/events';
import { DAY, MONDAY_10, getRules, setRules, useClock } from './support';

let app: TestApp;
beforeEach(async () => {
  useClock(MONDAY_10);
  app = await startTestApp();
  app.configureDemoProject();
});
afterEach(async () => {
  expectNoViolations(app.double);
  await app.close();
  jest.restoreAllMocks();
});

const OFF = {
  workingDays: true,
  timeZone: 'Europe/Brussels',
  waiting_customer: null,
  waiting_approval: null,
};

it('answers the defaults, all off, for a project nobody configured', async () => {
  expect(await getRules(app, 'SUP')).toEqual(expect.objectContaining({ projectKey: 'SUP', rules: OFF }));
});

it('saves valid rules and answers them with the defaults filled in', async () => {
  const saved = await setRules(app, 'SUP', {
    waiting_customer: { remindAfterDays: 3, maxReminders: 2, closeAfterDays: 10 },
  });
  const rules = {
    ...OFF,
    waiting_customer: { remindAfterDays: 3, maxReminders: 2, closeAfterDays: 10 },
  };
  expect(saved).toEqual({ projectKey: 'SUP', rules });
  expect(await getRules(app, 'SUP')).toEqual(expect.objectContaining({ rules }));
  await setRules(app, 'SUP', {
    workingDays: false,
    timeZone: 'America/New_York',
    waiting_approval: { remindAfterDays: null, maxReminders: 1, acceptAfterDays: 120 },
  });
  expect(await getRules(app, 'SUP')).toEqual(
    expect.objectContaining({
      rules: {
        workingDays: false,
        timeZone: 'America/New_York',
        waiting_customer: null,
        waiting_approval: { remindAfterDays: null, maxReminders: 1, acceptAfterDays: 120 },
      },
    }),
  );
});

describe('refuses, with a message in the caller language, and stores nothing', () => {
  it.each([
    [
      { waiting_customer: { remindAfterDays: 2, maxReminders: 1, closeAfterDays: 5, extra: 1 } },
      'fr-FR',
      "« waiting_customer.extra » n'est pas une règle connue.",
    ],
    [{ waitingCustomer: null }, 'en-US', '“waitingCustomer” is not a known rule.'],
    [
      { waiting_customer: { remindAfterDays: 0, maxReminders: 1, closeAfterDays: 5 } },
      'fr-FR',
      '« waiting_customer.remindAfterDays » doit être un nombre entier de 1 à 60.',
    ],
    [
      { waiting_customer: { remindAfterDays: 61, maxReminders: 1, closeAfterDays: 90 } },
      'nl-NL',
      '‘waiting_customer.remindAfterDays’ moet een geheel getal van 1 tot 60 zijn.',
    ],
    [
      { waiting_customer: { remindAfterDays: 2, maxReminders: 11, closeAfterDays: 5 } },
      'de-DE',
      '„waiting_customer.maxReminders“ muss eine ganze Zahl von 1 bis 10 sein.',
    ],
    [
      { waiting_approval: { remindAfterDays: 2, maxReminders: 1, acceptAfterDays: 121 } },
      'fr-FR',
      '« waiting_approval.acceptAfterDays » doit être un nombre entier de 1 à 120.',
    ],
    [
      { waiting_approval: { remindAfterDays: 2.5, maxReminders: 1, acceptAfterDays: 10 } },
      'fr-FR',
      '« waiting_approval.remindAfterDays » doit être un nombre entier de 1 à 60.',
    ],
    [
      { waiting_customer: { remindAfterDays: 5, maxReminders: 1, closeAfterDays: 5 } },
      'en-US',
      'Reminders must come before the automatic decision: “remindAfterDays” must be smaller than “waiting_customer.closeAfterDays”.',
    ],
    [
      { waiting_customer: { remindAfterDays: 2, maxReminders: 1, acceptAfterDays: 5 } },
      'fr-FR',
      "« waiting_customer.acceptAfterDays » n'est pas une règle connue.",
    ],
    [
      { timeZone: 'Europe/Bruxelles' },
      'fr-FR',
      '« timeZone » doit être un fuseau horaire IANA, par exemple Europe/Brussels.',
    ],
    [{ workingDays: 'yes' }, 'fr-FR', '« workingDays » doit valoir vrai ou faux.'],
  ])('%j (%s)', async (rules, locale, message) => {
    await setRules(app, 'SUP', {
      waiting_customer: { remindAfterDays: 1, maxReminders: 1, closeAfterDays: 2 },
    });
    const before = structuredClone(app.forge.kvs.peek(rulesKey('SUP')));
    expect(await setRules(app, 'SUP', rules, locale)).toEqual({ error: { code: 'INVALID_INPUT', message } });
    expect(app.forge.kvs.peek(rulesKey('SUP'))).toEqual(before);
  });

  it('an unknown payload key or a bad project key', async () => {
    expect(
      await app.adminPage(
        'setWaitingRules',
        { projectKey: 'SUP', rules: {}, extra: 1 },
        { accountId: DEMO_USERS.admin.accountId },
      ),
    ).toEqual({
      error: { code: 'INVALID_INPUT', message: "« extra » n'est pas une règle connue." },
    });
    expect(await setRules(app, 'sup', {})).toEqual({
      error: expect.objectContaining({ code: 'INVALID_INPUT' }),
    });
    expect(app.forge.kvs.peek(rulesKey('sup'))).toBeUndefined();
  });
});

it('is for Jira administrators on the admin page only', async () => {
  const rules = { waiting_customer: { remindAfterDays: 1, maxReminders: 1, closeAfterDays: 2 } };
  const refused = {
    error: {
      code: 'NOT_ALLOWED',
      message:
        'Seuls les administrateurs Jira peuvent consulter et modifier les relances et décisions automatiques.',
    },
  };
  expect(
    await app.adminPage(
      'setWaitingRules',
      { projectKey: 'SUP', rules },
      { accountId: DEMO_USERS.agent.accountId },
    ),
  ).toEqual(refused);
  expect(
    await app.adminPage(
      'getWaitingRules',
      { projectKey: 'SUP' },
      { accountId: DEMO_USERS.reporter.accountId },
    ),
  ).toEqual(refused);
  // The portal panel may invoke any resolver: refused before Jira is asked anything.
  app.double.resetLog();
  expect(
    await app.portal(
      'setWaitingRules',
      { projectKey: 'SUP', rules },
      { accountId: DEMO_USERS.admin.accountId, issueKey: 'SUP-5' },
    ),
  ).toEqual(refused);
  expect(app.double.log).toEqual([]);
  expect(app.forge.kvs.peek(rulesKey('SUP'))).toBeUndefined();
});

it('previews what the rules would do to the requests waiting now, before they are saved', async () => {
  // SUP-5 waits for the customer and SUP-7 for approval (the demo); one more since Monday 10:00.
  requestMovedBy(app.double.state, 'requestInformation');
  const rules = {
    waiting_customer: { remindAfterDays: 2, maxReminders: 2, closeAfterDays: 5 },
    waiting_approval: { remindAfterDays: null, maxReminders: 1, acceptAfterDays: 3 },
  };
  const answer = (await getRules(app, 'SUP', rules)) as { preview: { statuses: unknown[] } };
  // The clock of requests already waiting starts at the save (now, Monday 10:00).
  expect(answer.preview.statuses).toEqual([
    {
      status: 'waiting_customer',
      waiting: 2,
      reminded: { count: 2, first: new Date(MONDAY_10 + 2 * DAY).toISOString() },
      decided: { count: 2, first: new Date(MONDAY_10 + 7 * DAY).toISOString(), outcome: 'closed' },
    },
    {
      status: 'waiting_approval',
      waiting: 1,
      reminded: { count: 0, first: null },
      decided: { count: 1, first: new Date(MONDAY_10 + 3 * DAY).toISOString(), outcome: 'accepted' },
    },
  ]);
  // Nothing was saved by the preview.
  expect(app.forge.kvs.peek(rulesKey('SUP'))).toBeUndefined();
});
