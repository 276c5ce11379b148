/**
 * Dates as people write them. French writes the first day of a month as an ordinal, "1er décembre",
 * which Intl does not do ("1 décembre"); every other day, and every other language, is Intl's own.
 * Pure, shared by the portal panel and the agent view.
 */
export function formatDateTime(format: Intl.DateTimeFormat, date: Date): string {
  if (!format.resolvedOptions().locale.toLowerCase().startsWith('fr')) return format.format(date);
  return format
    .formatToParts(date)
    .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}
