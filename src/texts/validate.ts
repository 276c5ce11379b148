/**
 * Checks a project's whole set of overrides, as setGuideTexts receives it (an import included), and
 * returns it normalized: NFC, blank texts dropped (they mean the default), line breaks kept. The
 * first problem stops everything with a message that says where it is, so nothing is half-stored.
 */
import { SUPPORTED_LOCALES, type Locale } from '../i18n/locales';
import { AppError } from '../shared/errors';
import { STATUS_KEYS, commentLength, isStatusKey, type StatusKey } from '../workflow';
import { MAX_TEXT_LENGTH, TEXT_FIELDS, type StatusTexts, type TextField, type TextOverrides } from './model';

/** Forge storage keeps at most 240 KiB a value (https://developer.atlassian.com/platform/forge/limits-kvs-ce/). */
export const MAX_STORED_BYTES = 200 * 1024;

function isLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}
function isField(value: string): value is TextField {
  return (TEXT_FIELDS as readonly string[]).includes(value);
}

function objectAt(value: unknown, path: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new AppError('INVALID_INPUT', 'texts.error.notObject', { path });
  return value as Record<string, unknown>;
}

/** A field's value: its normalized text, or undefined for the default (absent, null, '' or blank). */
function textAt(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AppError('INVALID_INPUT', 'texts.error.notText', { path });
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return undefined;
  const length = commentLength(text);
  if (length > MAX_TEXT_LENGTH)
    throw new AppError('INVALID_INPUT', 'texts.error.tooLong', { path, length, max: MAX_TEXT_LENGTH });
  return text;
}

function statusAt(value: unknown, path: string): Partial<StatusTexts> | undefined {
  const fields: Partial<StatusTexts> = {};
  for (const [name, raw] of Object.entries(objectAt(value, path))) {
    if (!isField(name))
      throw new AppError('INVALID_INPUT', 'texts.error.unknownField', {
        path,
        value: name,
        allowed: TEXT_FIELDS.join(', '),
      });
    const text = textAt(raw, `${path}.${name}`);
    if (text !== undefined) fields[name] = text;
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** The whole set `{ [locale]: { [statusKey]: { label?, meaning?, todo?, agent? } } }`, normalized. */
export function parseOverrides(value: unknown): TextOverrides {
  const result: TextOverrides = {};
  for (const [locale, statuses] of Object.entries(objectAt(value, 'texts'))) {
    if (!isLocale(locale))
      throw new AppError('INVALID_INPUT', 'texts.error.unknownLocale', {
        value: locale,
        allowed: SUPPORTED_LOCALES.join(', '),
      });
    const own: Partial<Record<StatusKey, Partial<StatusTexts>>> = {};
    for (const [key, fields] of Object.entries(objectAt(statuses, locale))) {
      if (!isStatusKey(key))
        throw new AppError('INVALID_INPUT', 'texts.error.unknownStatus', {
          path: locale,
          value: key,
          allowed: STATUS_KEYS.join(', '),
        });
      const texts = statusAt(fields, `${locale}.${key}`);
      if (texts) own[key] = texts;
    }
    if (Object.keys(own).length > 0) result[locale] = own;
  }
  if (new TextEncoder().encode(JSON.stringify(result)).length > MAX_STORED_BYTES)
    throw new AppError('INVALID_INPUT', 'texts.error.tooLarge');
  return result;
}

/**
 * Stored overrides written by an older version or by hand: what is valid is kept, the rest ignored.
 * `Object(...)` reads a value that is not an object (null, a string) as one without any key.
 */
export function storedOverrides(value: unknown): TextOverrides {
  const result: TextOverrides = {};
  const stored = Object(value) as Record<string, unknown>;
  for (const locale of SUPPORTED_LOCALES) {
    const statuses = Object(stored[locale]) as Record<string, unknown>;
    for (const key of STATUS_KEYS) {
      try {
        // Stryker disable next-line StringLiteral: the path only names the place in an error the catch below discards
        const texts = statusAt(statuses[key] ?? {}, `${locale}.${key}`);
        if (texts) (result[locale] ??= {})[key] = texts;
      } catch {
        // A bad status in storage means its defaults; the others still count.
      }
    }
  }
  return result;
}
