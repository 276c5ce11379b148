/**
 * The guide texts editor's logic, pure so it is tested without rendering: the administrator's
 * overrides as they edit them, what the portal panel will read, and the JSON of export and import.
 */
import type { Locale } from '../../i18n/locales';
import {
  localNameOf,
  type StatusTexts,
  type TextField,
  type TextOverrides,
  type TextSet,
} from '../../texts/model';
import { getStatus, type StatusKey } from '../../workflow';

/** The override of one field, or undefined while it uses the default. */
export const overrideOf = (
  draft: TextOverrides,
  locale: Locale,
  key: StatusKey,
  field: TextField,
): string | undefined => draft[locale]?.[key]?.[field];

/** The draft with one field set; a blank text removes the override (the default applies again). */
export function withField(
  draft: TextOverrides,
  locale: Locale,
  key: StatusKey,
  field: TextField,
  value: string,
): TextOverrides {
  const statuses = { ...draft[locale] };
  const fields: Partial<StatusTexts> = { ...statuses[key] };
  if (value.trim() === '') delete fields[field];
  else fields[field] = value;
  if (Object.keys(fields).length > 0) statuses[key] = fields;
  else delete statuses[key];
  const next: TextOverrides = { ...draft };
  if (Object.keys(statuses).length > 0) next[locale] = statuses;
  else delete next[locale];
  return next;
}

export interface PanelPreview {
  /** The name JSM shows the customer: the Jira name (a request type may show another). */
  name: string;
  /** The name in the customer's language, shown beside it outside French. */
  localName: string | null;
  meaning: string;
  todo: string;
  responseRequired: boolean;
}

/** What the portal panel reads for this status and language, the draft's words over the defaults. */
export function previewOf(
  defaults: TextSet,
  draft: TextOverrides,
  locale: Locale,
  key: StatusKey,
): PanelPreview {
  const text = (field: TextField): string =>
    overrideOf(draft, locale, key, field) ?? defaults[locale][key][field];
  const status = getStatus(key);
  const label = text('label');
  return {
    name: status.name,
    localName: localNameOf(locale, label, status.name),
    meaning: text('meaning'),
    todo: text('todo'),
    responseRequired: status.customerMustAct,
  };
}

/** The JSON a desk keeps under version control: exactly what setGuideTexts accepts as `texts`. */
export const exportJson = (texts: TextOverrides): string => `${JSON.stringify(texts, null, 2)}\n`;

export type ParsedImport = { kind: 'ok'; texts: unknown } | { kind: 'invalid-json'; details: string };

/** Only the JSON syntax is checked here; what it holds is checked by setGuideTexts, in one place. */
export function parseImport(text: string): ParsedImport {
  try {
    return { kind: 'ok', texts: JSON.parse(text) as unknown };
  } catch (error) {
    return { kind: 'invalid-json', details: error instanceof Error ? error.message : String(error) };
  }
}
