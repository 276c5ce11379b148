import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CUSTOMER_ACTION_IDS, STATUS_KEYS } from '../src/workflow';
import { ERROR_CODES } from '../src/shared/errors';
import { SUPPORTED_LOCALES, formatMessage, lookup, placeholdersOf, resolveLocale } from '../src/i18n/locales';

const root = join(__dirname, '..');
const load = (locale: string): unknown =>
  JSON.parse(readFileSync(join(root, 'locales', `${locale}.json`), 'utf8'));

function leaves(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [k, v] of Object.entries(node))
      for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  } else out.set(prefix.slice(0, -1), node);
  return out;
}

const french = leaves(load('fr-FR'));

describe('locale files', () => {
  it('exist for exactly the supported locales and are all declared in the manifest, fr-FR as fallback', () => {
    const files = readdirSync(join(root, 'locales')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...SUPPORTED_LOCALES].sort());
    const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
      translations: { resources: { key: string; path: string }[]; fallback: { default: string } };
    };
    expect(manifest.translations.resources.map((r) => r.key)).toEqual([...SUPPORTED_LOCALES]);
    expect(manifest.translations.fallback.default).toBe('fr-FR');
  });

  it.each(SUPPORTED_LOCALES)(
    '%s has every key, each a non-empty string, with the same placeholders as French',
    (locale) => {
      const messages = leaves(load(locale));
      expect([...messages.keys()].sort()).toEqual([...french.keys()].sort());
      for (const [key, value] of messages) {
        expect({ key, type: typeof value }).toEqual({ key, type: 'string' });
        expect({ key, blank: String(value).trim() === '' }).toEqual({ key, blank: false });
        expect({ key, placeholders: placeholdersOf(String(value)) }).toEqual({
          key,
          placeholders: placeholdersOf(String(french.get(key))),
        });
      }
    },
  );

  it('explain every workflow status to customers and agents', () => {
    for (const key of STATUS_KEYS) {
      for (const part of ['meaning', 'todo', 'agent'])
        expect(lookup(load('fr-FR'), `status.${key}.${part}`)).toBeTruthy();
    }
  });

  it('label every customer action and its dialog, and every error code', () => {
    for (const id of CUSTOMER_ACTION_IDS) {
      for (const part of ['label', 'title', 'effect', 'commentLabel', 'success']) {
        expect(lookup(load('fr-FR'), `action.${id}.${part}`)).toBeTruthy();
      }
    }
    for (const code of ERROR_CODES) expect(lookup(load('fr-FR'), `error.${code}`)).toBeTruthy();
  });

  it('quote with « » in French, never with ASCII quotes', () => {
    for (const [key, value] of french)
      expect({ key, quotes: /"/.test(String(value)) }).toEqual({ key, quotes: false });
  });

  it('write the customer-must-act badge as the documentation does', () => {
    expect(lookup(load('fr-FR'), 'badge.responseRequired')).toBe('Réponse requise');
  });
});

describe('locale helpers', () => {
  it('map what Jira and browsers report to a supported locale, French by default', () => {
    expect(resolveLocale('fr_FR')).toBe('fr-FR');
    expect(resolveLocale('fr-BE')).toBe('fr-FR');
    expect(resolveLocale('nl_BE')).toBe('nl-NL');
    expect(resolveLocale('en-GB')).toBe('en-US');
    expect(resolveLocale('de-at')).toBe('de-DE');
    expect(resolveLocale('ja-JP')).toBe('fr-FR');
    expect(resolveLocale(undefined)).toBe('fr-FR');
    expect(resolveLocale(12)).toBe('fr-FR');
    expect(resolveLocale('x'.repeat(100))).toBe('fr-FR');
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(formatMessage('{count} / {max} caractères', { count: 3, max: 4000 })).toBe('3 / 4000 caractères');
    expect(formatMessage('Depuis le {date}', {})).toBe('Depuis le {date}');
  });
});
