/**
 * The two rules the portal card, the admin preview and the status e-mail share (src/texts/model.ts):
 * which default label a status has, and when its name in the reader's language is shown beside the
 * name JSM shows.
 */
import type { MessageKey } from '../../src/i18n/locales';
import { defaultTextsOf, localNameOf } from '../../src/texts/model';
import { STATUSES } from '../../src/workflow';

/** Translations that say which key was asked: where a default comes from is then visible. */
const t = (key: MessageKey): string => `«${key}»`;

describe('the default label', () => {
  it('is the Jira name of the status in French, whatever the translations hold', () => {
    const defaults = defaultTextsOf('fr-FR', t);
    for (const s of STATUSES) expect(defaults[s.key].label).toBe(s.name);
  });

  it('is the translated label in every other language', () => {
    for (const locale of ['en-US', 'nl-NL', 'de-DE'] as const) {
      const defaults = defaultTextsOf(locale, t);
      for (const s of STATUSES) expect(defaults[s.key].label).toBe(`«texts.label.${s.key}»`);
    }
  });
});

describe('the name in the reader’s language, beside the name JSM shows', () => {
  it('is never shown in French, even when the project gave the status another label', () => {
    expect(localNameOf('fr-FR', 'Chez vous', 'En attente du client')).toBeNull();
  });

  it('is not shown for a status without texts (outside the workflow)', () => {
    expect(localNameOf('en-US', undefined, 'Waiting for support')).toBeNull();
  });

  it.each([
    ['the same words in another case', 'en attente du CLIENT', 'En attente du client'],
    ['the same words with spaces around', '  En attente du client ', 'En attente du client'],
    ['a shown name with spaces around and in capitals', 'open', '  OPEN '],
  ])('is not shown when it says what JSM shows: %s', (_, label, shown) => {
    expect(localNameOf('en-US', label, shown)).toBeNull();
  });

  it('is shown, as the project wrote it, when it says something else', () => {
    expect(localNameOf('en-US', ' Your turn ', 'En attente du client')).toBe(' Your turn ');
    expect(localNameOf('de-DE', 'Offen', 'Ouvert')).toBe('Offen');
  });
});
