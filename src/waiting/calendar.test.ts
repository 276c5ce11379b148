import { addDays, isTimeZone } from './calendar';

const BRUSSELS = 'Europe/Brussels';
/** An instant given as Brussels wall time, written with its offset. */
const at = (iso: string): number => Date.parse(iso);

describe('working days in Europe/Brussels', () => {
  it('after 3 days from Monday 10:00 is Thursday 10:00', () => {
    expect(addDays(at('2026-11-30T10:00:00+01:00'), 3, true, BRUSSELS)).toBe(at('2026-12-03T10:00:00+01:00'));
  });
  it('does not count the weekend: Friday 10:00 plus 1 is Monday 10:00, plus 5 the next Friday', () => {
    expect(addDays(at('2026-12-04T10:00:00+01:00'), 1, true, BRUSSELS)).toBe(at('2026-12-07T10:00:00+01:00'));
    expect(addDays(at('2026-12-04T10:00:00+01:00'), 5, true, BRUSSELS)).toBe(at('2026-12-11T10:00:00+01:00'));
  });
  it('from a Saturday, the first working day counted is Monday', () => {
    expect(addDays(at('2026-12-05T15:00:00+01:00'), 1, true, BRUSSELS)).toBe(at('2026-12-07T15:00:00+01:00'));
  });
  it('keeps the local hour across a change of daylight saving time', () => {
    // Summer time starts on Sunday 29 March 2026.
    expect(addDays(at('2026-03-27T10:00:00+01:00'), 1, true, BRUSSELS)).toBe(at('2026-03-30T10:00:00+02:00'));
  });
  it('counts the local date: 23:30 in Brussels is already the next day in UTC terms', () => {
    expect(addDays(at('2026-12-04T23:30:00+01:00'), 1, true, BRUSSELS)).toBe(at('2026-12-07T23:30:00+01:00'));
  });
});

it('counts every day with calendar days, in another time zone', () => {
  expect(addDays(at('2026-12-04T10:00:00+01:00'), 2, false, BRUSSELS)).toBe(at('2026-12-06T10:00:00+01:00'));
  expect(addDays(at('2026-12-04T18:00:00-05:00'), 1, true, 'America/New_York')).toBe(
    at('2026-12-07T18:00:00-05:00'),
  );
});

it('knows IANA time zone names', () => {
  expect(isTimeZone('Europe/Brussels')).toBe(true);
  expect(isTimeZone('Europe/Bruxelles')).toBe(false);
  expect(isTimeZone('')).toBe(false);
  expect(isTimeZone(3)).toBe(false);
});
