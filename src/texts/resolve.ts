/**
 * What a status reads in one language for one project: the project's override, else the default.
 * The portal view, the agent view and the e-mails all ask here, so they say the same thing.
 */
import { getTranslator } from '../i18n';
import { SUPPORTED_LOCALES, resolveLocale, type Locale } from '../i18n/locales';
import type { StatusKey } from '../workflow';
import {
  customerTexts,
  defaultTextsOf,
  resolveTexts,
  type CustomerStatusTexts,
  type StatusTexts,
  type TextOverrides,
  type TextSet,
} from './model';
import { readOverrides } from './store';

/** The defaults of one locale, from the same translations as every other text. */
export async function defaultsFor(locale: Locale): Promise<TextSet[Locale]> {
  const { t } = await getTranslator(locale);
  return defaultTextsOf(locale, t);
}

/** Every default of the four locales, for the editor. */
export async function allDefaults(): Promise<TextSet> {
  const sets = await Promise.all(SUPPORTED_LOCALES.map(defaultsFor));
  return Object.fromEntries(SUPPORTED_LOCALES.map((l, i) => [l, sets[i]])) as TextSet;
}

/**
 * The overrides of a project, or none when storage cannot be read: the defaults still explain the
 * status, which is better for the customer than no explanation at all.
 */
export async function overridesOrNone(projectKey: string): Promise<TextOverrides> {
  try {
    return await readOverrides(projectKey);
  } catch (error) {
    // Stryker disable next-line StringLiteral: @forge/kvs fails only with Error instances, so the fallback is never logged
    const name = error instanceof Error ? error.name : 'error';
    console.warn(`Guide texts unavailable for ${projectKey}: ${name}`);
    return {};
  }
}

/**
 * One status in `locale` (already resolved: fr-BE reads fr-FR, an unsupported language fr-FR).
 * `overrides` may be read beforehand, alongside a Jira request.
 */
export async function statusTexts(
  overrides: TextOverrides,
  locale: Locale,
  key: StatusKey,
): Promise<StatusTexts> {
  const defaults = await defaultsFor(locale);
  return resolveTexts(defaults[key], overrides, locale, key);
}

/** The portal's texts for a status, in the caller's language; none outside the workflow. */
export async function portalTexts(
  overrides: TextOverrides,
  rawLocale: unknown,
  key: StatusKey | null,
): Promise<CustomerStatusTexts | undefined> {
  if (key === null) return undefined;
  return customerTexts(await statusTexts(overrides, resolveLocale(rawLocale), key));
}
