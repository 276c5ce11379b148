/**
 * Locale handling shared by the back end, UI Kit and Custom UI. Pure: no Forge import, so the
 * portal bundle can use it too. The texts themselves live in /locales/*.json.
 */
import type frFR from '../../locales/fr-FR.json';

export const SUPPORTED_LOCALES = ['fr-FR', 'en-US', 'nl-NL', 'de-DE'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
/** The support desk writes French first; every other locale falls back to it. */
export const DEFAULT_LOCALE: Locale = 'fr-FR';

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every translation key, derived from the French file, so a typo is a compile error. */
export type MessageKey = Leaves<typeof frFR>;
export type Messages = typeof frFR;
export type MessageVars = Readonly<Record<string, string | number>>;

const byLanguage: Readonly<Record<string, Locale>> = { fr: 'fr-FR', en: 'en-US', nl: 'nl-NL', de: 'de-DE' };

/**
 * Maps what Jira or the browser reports (fr_FR, fr-BE, nl-BE, en-GB, de-AT…) to a locale the app
 * has texts for. Belgian French and Dutch readers get fr-FR and nl-NL; anything else gets fr-FR.
 */
export function resolveLocale(raw: unknown): Locale {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 35) return DEFAULT_LOCALE;
  const tag = raw.replace(/_/g, '-');
  const exact = SUPPORTED_LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const language = tag.split('-')[0]?.toLowerCase() ?? '';
  return byLanguage[language] ?? DEFAULT_LOCALE;
}

/** Placeholders are written `{name}`; a missing value is left visible rather than silently dropped. */
export function formatMessage(template: string, vars: MessageVars = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** The placeholder names a template uses, for the locale consistency test. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/** Reads a dotted key from a nested messages object; undefined when absent or not a string. */
export function lookup(messages: unknown, key: string): string | undefined {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export type Translate = (key: MessageKey, vars?: MessageVars) => string;
