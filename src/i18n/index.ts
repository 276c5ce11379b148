/**
 * Back-end translations, loaded the Forge way: `i18n.createTranslationFunction` from @forge/api reads
 * the `__LOCALES__` bundle that `forge deploy` builds from the manifest's `translations` section.
 */
import { i18n } from '@forge/api';
import { formatMessage, resolveLocale, type Locale, type Translate } from './locales';

export * from './locales';

export async function getTranslator(rawLocale: unknown): Promise<{ locale: Locale; t: Translate }> {
  const locale = resolveLocale(rawLocale);
  const translate = await i18n.createTranslationFunction(locale);
  return { locale, t: (key, vars) => formatMessage(translate(key), vars) };
}
