/**
 * The calendar's edges: the milliseconds of the start are kept, a local time the change to summer
 * time skips moves forward (never back before it), the hour just before midnight and a Friday evening
 * count on the local date.
 */
import { addDays, isTimeZone } from './calendar';

const BRUSSELS = 'Europe/Brussels';
const at = (iso: string): number => Date.parse(iso);

it('keeps the milliseconds of the start', () => {
  expect(addDays(at('2026-11-30T10:00:00.500+01:00'), 1, true, BRUSSELS)).toBe(
    at('2026-12-01T10:00:00.500+01:00'),
  );
  expect(addDays(at('2026-12-04T17:59:59.999+01:00'), 1, true, BRUSSELS)).toBe(
    at('2026-12-07T17:59:59.999+01:00'),
  );
});

it('a local time skipped by the change to summer time moves forward by the hour skipped', () => {
  // Sunday 29 March 2026, 02:00 becomes 03:00 in Brussels: 02:30 does not exist that day.
  expect(addDays(at('2026-03-28T02:30:00+01:00'), 1, false, BRUSSELS)).toBe(at('2026-03-29T03:30:00+02:00'));
});

it('a local time that happens twice at the return to winter time is the later one', () => {
  // Sunday 25 October 2026, 03:00 becomes 02:00 again: 02:30 is first +02:00, then +01:00.
  expect(addDays(at('2026-10-24T02:30:00+02:00'), 1, false, BRUSSELS)).toBe(at('2026-10-25T02:30:00+01:00'));
});

it('Friday 23:59 plus one working day is Monday 23:59; Sunday 00:00 plus one is Monday 00:00', () => {
  expect(addDays(at('2026-12-04T23:59:00+01:00'), 1, true, BRUSSELS)).toBe(at('2026-12-07T23:59:00+01:00'));
  expect(addDays(at('2026-12-06T00:00:00+01:00'), 1, true, BRUSSELS)).toBe(at('2026-12-07T00:00:00+01:00'));
});

it('zero days is the start itself, at its wall time', () => {
  expect(addDays(at('2026-12-05T10:00:00.250+01:00'), 0, true, BRUSSELS)).toBe(
    at('2026-12-05T10:00:00.250+01:00'),
  );
});

it('answers no, without failing, for a time zone that is no string at all', () => {
  expect(isTimeZone(null)).toBe(false);
  expect(isTimeZone(undefined)).toBe(false);
});
