import { dateTimeText } from '../frontend/agent/view';
import { formatDateTime } from './dates';

const format = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

describe('dates as people write them', () => {
  it('write the first of a month as "1er" in French, and only the first', () => {
    expect(formatDateTime(format('fr-FR'), new Date('2026-12-01T10:30:00Z'))).toBe(
      '1er décembre 2026 à 10:30',
    );
    expect(formatDateTime(format('fr-FR'), new Date('2026-12-11T10:30:00Z'))).toBe(
      '11 décembre 2026 à 10:30',
    );
    expect(formatDateTime(format('fr-FR'), new Date('2026-12-21T10:30:00Z'))).toBe(
      '21 décembre 2026 à 10:30',
    );
  });

  it('leave other languages as Intl writes them', () => {
    expect(formatDateTime(format('en-US'), new Date('2026-12-01T10:30:00Z'))).toBe(
      'December 1, 2026 at 10:30 AM',
    );
    expect(formatDateTime(format('nl-NL'), new Date('2026-12-01T10:30:00Z'))).toBe(
      '1 december 2026 om 10:30',
    );
  });

  it('are what the agent view shows', () => {
    expect(dateTimeText('2026-03-01T12:00:00Z', 'fr-FR')).toMatch(/^1er mars 2026 à \d\d:\d\d$/);
  });
});
