/**
 * setGuideTexts' validation at its edges, through the real Forge code: a non-object at each level of
 * the set, every line break stored as `\n`, blank texts meaning the default, the stored-size limit at
 * and over its edge. And getGuideTexts reading overrides stored by hand or by an older version:
 * what is malformed is skipped, never a failure.
 */
import enUS from '../../locales/en-US.json';
import { lookup, SUPPORTED_LOCALES } from '../../src/i18n/locales';
import { guideTextsKey } from '../../src/texts/store';
import { MAX_STORED_BYTES } from '../../src/texts/validate';
import { STATUS_KEYS } from '../../src/workflow';
import { DEMO_USERS } from '../double/state';
import { expectNoViolations, startTestApp, type TestApp } from '../support/app';

type Texts = Record<string, Record<string, Record<string, string>>>;
type Answer = { ok?: true; texts?: Texts; error?: { code: string; message: string } };

const ADMIN = { accountId: DEMO_USERS.admin.accountId };
const BEFORE = { 'fr-FR': { open: { meaning: 'Texte du service.' } } };

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => {
  expectNoViolations(app.double);
  app.forge.kvs.entries.delete(guideTextsKey('SUP'));
});

const set = (texts: unknown) =>
  app.adminPage<Answer>('setGuideTexts', { projectKey: 'SUP', texts, locale: 'en-US' }, ADMIN);
const get = () => app.adminPage<Answer>('getGuideTexts', { projectKey: 'SUP' }, ADMIN);
const stored = (): unknown => app.forge.kvs.peek(guideTextsKey('SUP'));
const notObject = (path: string) => ({
  error: {
    code: 'INVALID_INPUT',
    message: (lookup(enUS, 'texts.error.notObject') ?? '').replace('{path}', path),
  },
});

describe('a non-object where the set expects an object is refused, naming where, and stores nothing', () => {
  it.each([
    ['the set is null', null, 'texts'],
    ['the set is a number', 5, 'texts'],
    ['the set is a string', 'fr-FR', 'texts'],
    ['a locale is null', { 'en-US': null }, 'en-US'],
    ['a locale is a number', { 'en-US': 3 }, 'en-US'],
    ['a locale is a string', { 'en-US': 'open' }, 'en-US'],
    ['a status is null', { 'en-US': { open: null } }, 'en-US.open'],
    ['a status is a number', { 'en-US': { open: 7 } }, 'en-US.open'],
    ['a status is a string', { 'en-US': { open: 'label' } }, 'en-US.open'],
  ])('%s', async (_, texts, path) => {
    expect(await set(BEFORE)).toMatchObject({ ok: true });
    expect(await set(texts)).toEqual(notObject(path));
    expect(stored()).toEqual({ texts: BEFORE });
  });
});

it('stores every line break as \\n: Windows (CRLF) and old Mac (CR) ones alike', async () => {
  const texts = { 'en-US': { open: { meaning: 'One\r\nTwo\rThree\nFour\r\r\nFive' } } };
  const normalized = { 'en-US': { open: { meaning: 'One\nTwo\nThree\nFour\n\nFive' } } };
  expect(await set(texts)).toEqual({ ok: true, projectKey: 'SUP', texts: normalized });
  expect(stored()).toEqual({ texts: normalized });
});

it('takes a locale of blank texts only for the defaults: nothing of it is stored', async () => {
  expect(await set(BEFORE)).toMatchObject({ ok: true });
  const blank = { 'en-US': { open: { label: '   ', meaning: '' }, closed: { todo: '\r\n' } } };
  expect(await set(blank)).toStrictEqual({ ok: true, projectKey: 'SUP', texts: {} });
  // All defaults: the key is deleted, not kept empty.
  expect(stored()).toBeUndefined();
  expect((await get()).texts).toStrictEqual({});
});

describe('the stored-size limit', () => {
  /** A valid set whose JSON, as stored, is exactly `bytes` long (600 code points at most a text). */
  function setOfSize(bytes: number): Texts {
    const texts: Texts = {};
    const size = (): number => new TextEncoder().encode(JSON.stringify(texts)).length;
    for (const locale of SUPPORTED_LOCALES)
      for (const key of STATUS_KEYS)
        for (const field of ['label', 'meaning', 'todo', 'agent']) {
          const own = ((texts[locale] ??= {})[key] ??= {});
          own[field] = 'a';
          // What this text may still take, beyond its one byte: all the rest when it fits, else
          // up to 1,999 bytes, leaving room for the next text's key.
          const room = bytes - size();
          const take = room < 2_000 ? room : Math.min(1_999, room - 100);
          const emoji = Math.floor(take / 4);
          own[field] = `a${'😀'.repeat(emoji)}${'b'.repeat(take - 4 * emoji)}`;
          if (size() === bytes) return texts;
        }
    throw new Error(`no set of ${bytes} bytes`);
  }

  it('accepts a set of exactly the limit and stores it', async () => {
    const texts = setOfSize(MAX_STORED_BYTES);
    expect(await set(texts)).toMatchObject({ ok: true });
    expect(stored()).toEqual({ texts });
  });

  it('refuses a set one byte over, saying so, and keeps the previous set', async () => {
    expect(await set(BEFORE)).toMatchObject({ ok: true });
    expect(await set(setOfSize(MAX_STORED_BYTES + 1))).toEqual({
      error: { code: 'INVALID_INPUT', message: lookup(enUS, 'texts.error.tooLarge') },
    });
    expect(stored()).toEqual({ texts: BEFORE });
  });
});

describe('overrides stored by hand or by an older version', () => {
  const store = (value: unknown): void => {
    app.forge.kvs.entries.set(guideTextsKey('SUP'), {
      value,
      createdAt: 0,
      updatedAt: 0,
      expiresAt: null,
    });
  };

  it.each([
    ['no texts at all', {}],
    ['texts that are null', { texts: null }],
    ['texts that are a string', { texts: 'fr-FR' }],
  ])('%s read as the defaults', async (_, value) => {
    store(value);
    expect(await get()).toMatchObject({ texts: {} });
  });

  it('skips what is malformed and keeps what is valid', async () => {
    store({
      texts: {
        'de-DE': 'Offen',
        'nl-NL': null,
        'en-US': {},
        'fr-FR': {
          open: 'Ouvert',
          selected: null,
          closed: { meaning: 5 },
          reopened: { label: '  ' },
          to_deliver: { summary: 'x' },
          resolved: { meaning: 'Bien résolu.', todo: 'Rien.\r\nMerci.' },
        },
        'fr-CA': { open: { meaning: 'Allô' } },
      },
    });
    expect((await get()).texts).toStrictEqual({
      'fr-FR': { resolved: { meaning: 'Bien résolu.', todo: 'Rien.\nMerci.' } },
    });
  });
});
