/**
 * The guide's texts as data: for each supported locale and each workflow status, the status's name in
 * the customer's language (`label`), what it means and what to do (the customer's), and the team's
 * note (`agent`). A project keeps only its overrides; every other text is the default, from
 * locales/*.json. Pure: no Forge import.
 */
import { type Locale, type MessageKey, type Translate } from '../i18n/locales';
import { STATUS_KEYS, getStatus, type StatusKey } from '../workflow';

export const TEXT_FIELDS = ['label', 'meaning', 'todo', 'agent'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Every field of one status in one locale. */
export type StatusTexts = Record<TextField, string>;
/** What the portal may see: never the team's note. */
export type CustomerStatusTexts = Omit<StatusTexts, 'agent'>;

/** A project's overrides: only the texts it changed, never an empty one. */
export type TextOverrides = Partial<Record<Locale, Partial<Record<StatusKey, Partial<StatusTexts>>>>>;
/** Every field of every status in every locale. */
export type TextSet = Record<Locale, Record<StatusKey, StatusTexts>>;

/** At most this many characters a field, counted in Unicode code points (NFC), like a comment. */
export const MAX_TEXT_LENGTH = 600;

/**
 * The default texts of one locale, from its translations. The French name of a status is the Jira
 * name itself (the workflow's, which the desk's documentation uses); other locales have their own.
 */
export function defaultTextsOf(locale: Locale, t: Translate): Record<StatusKey, StatusTexts> {
  const entries = STATUS_KEYS.map((key): [StatusKey, StatusTexts] => {
    const field = (name: Exclude<TextField, 'label'>): string => t(`status.${key}.${name}` as MessageKey);
    return [
      key,
      {
        label: locale === 'fr-FR' ? getStatus(key).name : t(`texts.label.${key}`),
        meaning: field('meaning'),
        todo: field('todo'),
        agent: field('agent'),
      },
    ];
  });
  return Object.fromEntries(entries) as Record<StatusKey, StatusTexts>;
}

/** One field as the project reads it: its override, else the default. */
export function resolveTexts(
  defaults: StatusTexts,
  overrides: TextOverrides,
  locale: Locale,
  key: StatusKey,
): StatusTexts {
  const own = overrides[locale]?.[key] ?? {};
  return {
    label: own.label ?? defaults.label,
    meaning: own.meaning ?? defaults.meaning,
    todo: own.todo ?? defaults.todo,
    agent: own.agent ?? defaults.agent,
  };
}

/**
 * The status's name in the reader's language, to show beside the name JSM shows: outside French only
 * (French readers read the Jira names), and only when it says something else.
 */
export function localNameOf(locale: Locale, label: string | undefined, shownName: string): string | null {
  if (locale === 'fr-FR' || label === undefined) return null;
  return label.trim().toLowerCase() === shownName.trim().toLowerCase() ? null : label;
}

export function customerTexts({ label, meaning, todo }: StatusTexts): CustomerStatusTexts {
  return {
    label,
    meaning,
    todo,
  };
}
