/**
 * getGuideTexts and setGuideTexts through the real Forge code and the Jira test double: who may call
 * them, the contract's shape, validation, nothing half-stored, and what getStatusHelp reads. The
 * portal view is in request-view-texts.test.ts, the agent panel and e-mails in agent-and-mail.test.tsx.
 */
import enUS from '../../locales/en-US.json';
import frFR from '../../locales/fr-FR.json';
import { lookup, SUPPORTED_LOCALES } from '../../src/i18n/locales';
import { guideTextsKey } from '../../src/texts/store';
import { STATUSES, STATUS_KEYS, getStatus } from '../../src/workflow';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';

type Answer = {
  ok?: true;
  projectKey?: string;
  texts?: Record<string, Record<string, Record<string, string>>>;
  defaults?: Record<string, Record<string, Record<string, string>>>;
  error?: { code: string; message: string };
};

const ADMIN = { accountId: DEMO_USERS.admin.accountId };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.forge.kvs.entries.delete(guideTextsKey('SUP'));
  app.forge.kvs.entries.delete(guideTextsKey('HR'));
});

const get = (payload: unknown, as = ADMIN) => app.adminPage<Answer>('getGuideTexts', payload, as);
const set = (payload: unknown, as = ADMIN) => app.adminPage<Answer>('setGuideTexts', payload, as);
const stored = (projectKey = 'SUP'): unknown => app.forge.kvs.entries.get(guideTextsKey(projectKey))?.value;

describe('who may read and write the texts', () => {
  it.each([
    ['an agent', DEMO_USERS.agent.accountId],
    ['a portal-only customer', DEMO_USERS.reporter.accountId],
  ])('refuses %s, asking Jira as the caller, and stores nothing', async (_, accountId) => {
    app.double.resetLog();
    const texts = { 'fr-FR': { open: { meaning: 'Bonjour' } } };
    for (const answer of [
      await set({ projectKey: 'SUP', texts, locale: 'en-US' }, { accountId }),
      await get({ projectKey: 'SUP', locale: 'en-US' }, { accountId }),
    ])
      expect(answer.error).toEqual({
        code: 'NOT_ALLOWED',
        message: 'Only Jira administrators can change the guide texts.',
      });
    expect(app.double.log.map((e) => `${e.method} ${e.path} ${e.principal}`)).toEqual([
      `GET /rest/api/3/mypermissions user:${accountId}`,
      `GET /rest/api/3/mypermissions user:${accountId}`,
    ]);
    expect(stored()).toBeUndefined();
  });

  it('refuses a call from another module, even by an administrator, without asking Jira', async () => {
    app.double.resetLog();
    const texts = { 'fr-FR': { open: { meaning: 'Bonjour' } } };
    const answer = await app.portal<Answer>(
      'setGuideTexts',
      { projectKey: 'SUP', texts },
      { ...ADMIN, issueKey: 'SUP-1' },
    );
    expect(answer.error?.code).toBe('NOT_ALLOWED');
    expect(app.double.log).toEqual([]);
    expect(stored()).toBeUndefined();
  });
});

describe('the contract', () => {
  it('answers no override and every default of the four locales, French names being the Jira names', async () => {
    const answer = await get({ projectKey: 'SUP' });
    expect(answer.projectKey).toBe('SUP');
    expect(answer.texts).toEqual({});
    expect(Object.keys(answer.defaults ?? {})).toEqual([...SUPPORTED_LOCALES]);
    for (const locale of SUPPORTED_LOCALES)
      expect(Object.keys(answer.defaults?.[locale] ?? {})).toEqual([...STATUS_KEYS]);
    for (const s of STATUSES) {
      expect(answer.defaults?.['fr-FR']?.[s.key]).toEqual({
        label: s.name,
        meaning: lookup(frFR, `status.${s.key}.meaning`),
        todo: lookup(frFR, `status.${s.key}.todo`),
        agent: lookup(frFR, `status.${s.key}.agent`),
      });
      expect(answer.defaults?.['en-US']?.[s.key]?.label).toBe(lookup(enUS, `texts.label.${s.key}`));
    }
  });

  it('replaces the whole set, keeps line breaks, and drops what means the default', async () => {
    expect(await set({ projectKey: 'SUP', texts: { 'de-DE': { open: { meaning: 'Alt' } } } })).toMatchObject({
      ok: true,
    });
    const texts = {
      'fr-FR': {
        waiting_customer: { meaning: 'Nous attendons votre réponse.\nMerci !', todo: '', agent: null },
        open: { label: '   ', meaning: undefined },
      },
      'en-US': {},
      'nl-NL': { closed: { label: 'Afgerond' } },
    };
    const normalized = {
      'fr-FR': { waiting_customer: { meaning: 'Nous attendons votre réponse.\nMerci !' } },
      'nl-NL': { closed: { label: 'Afgerond' } },
    };
    // The answer holds the set as stored, what getGuideTexts then reads.
    expect(await set({ projectKey: 'SUP', texts })).toEqual({
      ok: true,
      projectKey: 'SUP',
      texts: normalized,
    });
    const answer = await get({ projectKey: 'SUP' });
    expect(answer.texts).toEqual(normalized);
    // Another project keeps its own texts (none).
    expect((await get({ projectKey: 'HR' })).texts).toEqual({});
    // All defaults again: nothing is kept in storage.
    expect(await set({ projectKey: 'SUP', texts: {} })).toEqual({ ok: true, projectKey: 'SUP', texts: {} });
    expect(stored()).toBeUndefined();
  });
});

describe('validation: a bad set is refused whole, with what is wrong, and nothing is stored', () => {
  const before = { 'fr-FR': { open: { meaning: 'Texte du service.' } } };
  const max = (n: number) => '😀'.repeat(n);

  it.each([
    [
      'an unknown locale',
      { 'fr-CA': {} },
      'Unknown language: “fr-CA”. Possible languages: fr-FR, en-US, nl-NL, de-DE. Nothing was saved.',
    ],
    [
      'an unknown status',
      { 'en-US': { pending: {} } },
      `Unknown status in en-US: “pending”. Possible statuses: ${STATUS_KEYS.join(', ')}. Nothing was saved.`,
    ],
    [
      'an unknown field',
      { 'en-US': { open: { summary: 'x' } } },
      'Unknown field in en-US.open: “summary”. Possible fields: label, meaning, todo, agent. Nothing was saved.',
    ],
    [
      'a value that is not a string',
      { 'en-US': { open: { todo: 12 } } },
      'en-US.open.todo must be a string (or null to use the default text). Nothing was saved.',
    ],
    [
      'a status that is not an object',
      { 'en-US': { open: ['x'] } },
      'en-US.open must be a JSON object ({ … }). Nothing was saved.',
    ],
    ['a set that is not an object', [], 'texts must be a JSON object ({ … }). Nothing was saved.'],
    [
      'a text over the limit, after a valid locale',
      { 'de-DE': { open: { meaning: 'ok' } }, 'nl-NL': { resolved: { agent: max(601) } } },
      'nl-NL.resolved.agent is 601 characters long: the limit is 600. Nothing was saved.',
    ],
  ])('%s', async (_, texts, message) => {
    expect(await set({ projectKey: 'SUP', texts: before })).toMatchObject({ ok: true });
    expect(await set({ projectKey: 'SUP', texts, locale: 'en-US' })).toEqual({
      error: { code: 'INVALID_INPUT', message },
    });
    expect((await get({ projectKey: 'SUP' })).texts).toEqual(before);
  });

  it('stores nothing when storage refuses the write, and says so', async () => {
    expect(await set({ projectKey: 'SUP', texts: before })).toMatchObject({ ok: true });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    app.forge.kvs.addFault({ op: 'set', key: guideTextsKey('SUP'), mode: 'before' });
    try {
      const answer = await set({ projectKey: 'SUP', texts: { 'en-US': { open: { meaning: 'New' } } } });
      expect(answer.error?.code).toBe('JIRA_UNAVAILABLE');
    } finally {
      app.forge.kvs.clearFaults();
      jest.restoreAllMocks();
    }
    expect((await get({ projectKey: 'SUP' })).texts).toEqual(before);
  });

  it('counts code points, as the comment limit does: 600 emoji are allowed', async () => {
    expect(
      await set({ projectKey: 'SUP', texts: { 'en-US': { open: { meaning: max(600) } } } }),
    ).toMatchObject({
      ok: true,
    });
  });

  it('states the limit in the administrator’s language', async () => {
    const answer = await set({
      projectKey: 'SUP',
      texts: { 'fr-FR': { open: { todo: 'a'.repeat(700) } } },
      locale: 'fr-FR',
    });
    expect(answer.error?.message).toBe(
      "fr-FR.open.todo compte 700 caractères : la limite est de 600. Rien n'a été enregistré.",
    );
  });

  it('refuses unknown payload keys and bad project keys', async () => {
    expect((await set({ projectKey: 'SUP', texts: {}, extra: 1 })).error?.code).toBe('INVALID_INPUT');
    expect((await set({ projectKey: 'sup', texts: {} })).error?.code).toBe('INVALID_INPUT');
    expect((await get({})).error?.code).toBe('INVALID_INPUT');
  });
});

describe('the agent view and the e-mails read the same texts', () => {
  it('getStatusHelp gives the project’s words and the team’s note in the agent’s language', async () => {
    await set({
      projectKey: 'SUP',
      texts: {
        'fr-FR': { in_progress: { meaning: 'On s’en occupe.', agent: 'Appeler le client avant vendredi.' } },
      },
    });
    const issue = app.issueIn('in_progress');
    const help = await app.issueView<{ status: { texts?: Record<string, string> } }>(
      'getStatusHelp',
      { locale: 'fr-FR' },
      { accountId: DEMO_USERS.agent.accountId, issueKey: issue.key },
    );
    expect(help.status.texts).toEqual({
      label: getStatus('in_progress').name,
      meaning: 'On s’en occupe.',
      todo: lookup(frFR, 'status.in_progress.todo'),
      agent: 'Appeler le client avant vendredi.',
    });
  });
});
