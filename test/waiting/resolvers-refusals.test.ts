/**
 * What getWaitingRules / setWaitingRules refuse, in the administrator's language, storing nothing: a
 * payload that is not an object, no rules to save, an inactive licence, a call from outside the admin
 * page, and Jira failing (on the admin check or on the preview's search) said as unavailability.
 */
import { rulesKey } from '../../src/waiting/store';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { ADMIN, MONDAY_10, getRules, setRules, useClock } from './support';

let app: TestApp;
beforeEach(async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  useClock(MONDAY_10);
  app = await startTestApp();
  app.configureDemoProject();
});
afterEach(async () => {
  app.double.faults.clear();
  expectNoViolations(app.double);
  await app.close();
  jest.restoreAllMocks();
});

const RULES = { waiting_customer: { remindAfterDays: 1, maxReminders: 1, closeAfterDays: 2 } };
const stored = () => app.forge.kvs.peek(rulesKey('SUP'));

it.each([[], 'SUP', 3])('refuses a payload that is not an object (%j), for both', async (payload) => {
  const refused = {
    error: { code: 'INVALID_INPUT', message: '« payload » doit être un objet.' },
  };
  expect(await app.adminPage('getWaitingRules', payload, ADMIN)).toEqual(refused);
  expect(await app.adminPage('setWaitingRules', payload, ADMIN)).toEqual(refused);
  expect(stored()).toBeUndefined();
});

it('refuses to save without rules, in the caller language', async () => {
  expect(await app.adminPage('setWaitingRules', { projectKey: 'SUP', locale: 'en-US' }, ADMIN)).toEqual({
    error: { code: 'INVALID_INPUT', message: '“rules” must be an object.' },
  });
  expect(stored()).toBeUndefined();
});

it('refuses to save under an inactive licence, before asking Jira, and still reads', async () => {
  app.double.resetLog();
  expect(
    await app.adminPage(
      'setWaitingRules',
      { projectKey: 'SUP', rules: RULES },
      { ...ADMIN, license: 'inactive' },
    ),
  ).toEqual({
    error: {
      code: 'NOT_AVAILABLE',
      message:
        "La licence de Guide des statuts n'est pas active sur ce site : rien ne peut être enregistré ni modifié. Activez ou renouvelez l'abonnement dans la gestion des applications de Jira.",
    },
  });
  expect(app.double.log).toEqual([]);
  expect(stored()).toBeUndefined();
  expect(
    await app.adminPage('getWaitingRules', { projectKey: 'SUP' }, { ...ADMIN, license: 'inactive' }),
  ).toEqual(expect.objectContaining({ projectKey: 'SUP' }));
});

it('refuses reading from the portal panel before Jira is asked anything', async () => {
  app.double.resetLog();
  expect(
    await app.portal(
      'getWaitingRules',
      { projectKey: 'SUP' },
      { accountId: DEMO_USERS.admin.accountId, issueKey: 'SUP-5' },
    ),
  ).toEqual({
    error: {
      code: 'NOT_ALLOWED',
      message:
        'Seuls les administrateurs Jira peuvent consulter et modifier les relances et décisions automatiques.',
    },
  });
  expect(app.double.log).toEqual([]);
});

const UNAVAILABLE = {
  error: {
    code: 'JIRA_UNAVAILABLE',
    message:
      "Jira n'a pas répondu : les règles n'ont été ni lues ni enregistrées. Réessayez dans un instant.",
  },
};

it('says Jira is unavailable when it cannot tell whether the caller is an administrator, storing nothing', async () => {
  // Jira says to retry at once (Retry-After: 0): the client's four attempts take no time.
  app.double.faults.add({ path: /mypermissions$/i, status: 503, retryAfterSeconds: 0, times: 10 });
  expect(await setRules(app, 'SUP', RULES)).toEqual(UNAVAILABLE);
  expect(stored()).toBeUndefined();
});

it('says Jira is unavailable when the preview search fails', async () => {
  await setRules(app, 'SUP', RULES);
  app.double.faults.add({ method: 'POST', path: /\/search\/jql$/, status: 503, times: 10 });
  expect(await getRules(app, 'SUP')).toEqual(UNAVAILABLE);
  expect(await getRules(app, 'SUP', { waiting_customer: null })).toEqual(UNAVAILABLE);
});
