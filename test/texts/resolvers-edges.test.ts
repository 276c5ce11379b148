/**
 * What getGuideTexts and setGuideTexts refuse, and in which words (the UI shows the message of the
 * AppError key): a payload that is not an object, a call from another module, an inactive license
 * (writes only: reading still works), Jira not answering the administrator check. A refused write
 * stores nothing. Also the operator's trace when the texts cannot be read.
 */
import enUS from '../../locales/en-US.json';
import frFR from '../../locales/fr-FR.json';
import { lookup } from '../../src/i18n/locales';
import { guideTextsKey } from '../../src/texts/store';
import { DEMO_USERS } from '../double/state';
import type { LicenseSetting } from '../harness/license';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';

type Answer = {
  ok?: true;
  texts?: unknown;
  error?: { code: string; message: string };
};

const ADMIN = { accountId: DEMO_USERS.admin.accountId };
const BEFORE = { 'fr-FR': { open: { meaning: 'Texte du service.' } } };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(async () => {
  expect(await set({ projectKey: 'SUP', texts: BEFORE })).toMatchObject({ ok: true });
  app.double.resetLog();
});
afterEach(() => {
  expectNoViolations(app.double);
  app.double.faults.clear();
  app.forge.kvs.clearFaults();
  app.forge.kvs.entries.delete(guideTextsKey('SUP'));
  jest.restoreAllMocks();
});

const get = (payload: unknown, as: { accountId: string; license?: LicenseSetting } = ADMIN) =>
  app.adminPage<Answer>('getGuideTexts', payload, as);
const set = (payload: unknown, as: { accountId: string; license?: LicenseSetting } = ADMIN) =>
  app.adminPage<Answer>('setGuideTexts', payload, as);
const stored = (): unknown => app.forge.kvs.peek(guideTextsKey('SUP'));
const message = (messages: unknown, key: string): string => lookup(messages, key) ?? key;

describe('a payload that is not an object', () => {
  // No locale in it: the answer is in French, the desk's language. (The platform hands an absent or
  // null payload over as {}: it is refused for its missing project key, with the same words.)
  const invalid = { code: 'INVALID_INPUT', message: message(frFR, 'texts.error.invalidPayload') };

  it.each([
    ['null', null],
    ['absent', undefined],
    ['an array', [{ projectKey: 'SUP' }]],
    ['a string', 'SUP'],
    ['a number', 5],
  ])('%s is refused by both resolvers, and nothing is stored', async (_, payload) => {
    expect(await get(payload)).toEqual({ error: invalid });
    expect(await set(payload)).toEqual({ error: invalid });
    expect(stored()).toEqual({ texts: BEFORE });
  });
});

describe('a payload with something wrong in it, refused in the administrator’s language', () => {
  const invalid = { code: 'INVALID_INPUT', message: message(enUS, 'texts.error.invalidPayload') };

  it('refuses a key it does not expect', async () => {
    const texts = { 'en-US': { open: { meaning: 'New' } } };
    expect(await set({ projectKey: 'SUP', texts, locale: 'en-US', extra: 1 })).toEqual({ error: invalid });
    expect(await get({ projectKey: 'SUP', locale: 'en-US', texts })).toEqual({ error: invalid });
    expect(stored()).toEqual({ texts: BEFORE });
  });

  it('refuses a project key that is not one', async () => {
    const texts = { 'en-US': { open: { meaning: 'New' } } };
    expect(await set({ projectKey: 'sup', texts, locale: 'en-US' })).toEqual({ error: invalid });
    expect(await get({ projectKey: ['SUP'], locale: 'en-US' })).toEqual({ error: invalid });
    expect(stored()).toEqual({ texts: BEFORE });
  });
});

it('refuses a call from another module, saying only administrators may, without asking Jira', async () => {
  const answer = await app.portal<Answer>(
    'setGuideTexts',
    { projectKey: 'SUP', texts: {}, locale: 'en-US' },
    { ...ADMIN, issueKey: 'SUP-1' },
  );
  expect(answer).toEqual({
    error: { code: 'NOT_ALLOWED', message: message(enUS, 'texts.error.notAdmin') },
  });
  expect(app.double.log).toEqual([]);
  expect(stored()).toEqual({ texts: BEFORE });
});

describe('under an inactive license', () => {
  const inactive = { ...ADMIN, license: 'inactive' as const };

  it('refuses a write, saying why, before asking Jira, and stores nothing', async () => {
    const answer = await set(
      { projectKey: 'SUP', texts: { 'en-US': { open: { meaning: 'New' } } }, locale: 'en-US' },
      inactive,
    );
    expect(answer).toEqual({
      error: { code: 'NOT_AVAILABLE', message: message(enUS, 'licensing.admin.refused') },
    });
    expect(app.double.log).toEqual([]);
    expect(stored()).toEqual({ texts: BEFORE });
  });

  it('still lets an administrator read the texts', async () => {
    const answer = await get({ projectKey: 'SUP', locale: 'en-US' }, inactive);
    expect(answer.error).toBeUndefined();
    expect(answer.texts).toEqual(BEFORE);
  });
});

it('says in the administrator’s words that Jira did not answer the check, and stores nothing', async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  app.double.faults.add({ method: 'GET', path: '/rest/api/3/mypermissions', status: 500 });
  const answer = await set({ projectKey: 'SUP', texts: {}, locale: 'en-US' });
  expect(answer).toEqual({
    error: { code: 'JIRA_UNAVAILABLE', message: message(enUS, 'texts.error.unavailable') },
  });
  expect(stored()).toEqual({ texts: BEFORE });
});

it('tells the operator which project’s texts could not be read, and why, when the portal falls back', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  app.forge.kvs.addFault({ op: 'get', key: guideTextsKey('SUP'), mode: 'before' });
  const issue = app.issueIn('closed');
  const view = await app.portal<{ status?: { texts?: { meaning?: string } } }>(
    'getRequestView',
    { locale: 'fr_FR' },
    { accountId: DEMO_USERS.reporter.accountId, issueKey: issue.key },
  );
  expect(view.status?.texts?.meaning).toBe(lookup(frFR, 'status.closed.meaning'));
  // The error's kind only: no text, nobody's data.
  expect(warn.mock.calls.map(([line]: unknown[]) => line)).toContain(
    'Guide texts unavailable for SUP: ForgeKvsError',
  );
});
