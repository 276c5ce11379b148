/** The panel's texts and the locale's date and number formats, handed to every component. */
import { formatDateTime } from '../../../src/i18n/dates';
import type { Locale } from '../../../src/i18n/locales';
import type { PanelContext, Translate } from './api';

export interface Texts {
  locale: Locale;
  t: Translate;
  /** An ISO 8601 instant as the customer reads dates: "5 mars 2025 à 10:30", "1er mars 2025 à 10:30". */
  dateTime: (iso: string) => string;
  number: (value: number) => string;
}

function dateTimeFormat(locale: Locale, timeZone: string | undefined): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    // A time zone this browser does not know: the browser's own is the best guess.
    return new Intl.DateTimeFormat(locale, options);
  }
}

export function makeTexts(t: Translate, { locale, timeZone }: PanelContext): Texts {
  const dates = dateTimeFormat(locale, timeZone);
  const numbers = new Intl.NumberFormat(locale);
  return {
    locale,
    t,
    dateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? '' : formatDateTime(dates, date);
    },
    number: (value) => numbers.format(value),
  };
}
