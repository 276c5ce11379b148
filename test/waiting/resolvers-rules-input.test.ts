/**
 * Rules that are not of the right type are refused with the field named, in the caller language, and
 * nothing is stored: a status rule that is not an object, a number of days given as text.
 */
import { rulesKey } from '../../src/waiting/store';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';
import { MONDAY_10, setRules, useClock } from './support';

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

it.each([
  [{ waiting_customer: 'often' }, 'fr-FR', '« waiting_customer » doit être un objet.'],
  [{ waiting_approval: [1] }, 'en-US', '“waiting_approval” must be an object.'],
  [
    { waiting_customer: { remindAfterDays: '2', maxReminders: 1, closeAfterDays: 5 } },
    'fr-FR',
    '« waiting_customer.remindAfterDays » doit être un nombre entier de 1 à 60.',
  ],
  [
    { waiting_customer: { remindAfterDays: 2, maxReminders: true, closeAfterDays: 5 } },
    'de-DE',
    '„waiting_customer.maxReminders“ muss eine ganze Zahl von 1 bis 10 sein.',
  ],
])('%j (%s)', async (rules, locale, message) => {
  expect(await setRules(app, 'SUP', rules, locale)).toEqual({ error: { code: 'INVALID_INPUT', message } });
  expect(app.forge.kvs.peek(rulesKey('SUP'))).toBeUndefined();
});
