/**
 * Day arithmetic in an IANA time zone, with working days (Monday to Friday) or calendar days. Pure,
 * on the platform's Intl time zone data: "after 3 working days" from Monday 10:00 is Thursday 10:00
 * local time, a weekend does not count, and a change of daylight saving time keeps the local hour.
 */

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA time zone name. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

function wallTime(epochMs: number, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(epochMs))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    ms: ((epochMs % 1000) + 1000) % 1000,
  };
}

function asUtc(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(epochMs: number, timeZone: string): number {
  return asUtc(wallTime(epochMs, timeZone)) - epochMs;
}

/** The instant a local wall time stands for (a time skipped by a DST change moves forward). */
function fromWallTime(w: WallTime, timeZone: string): number {
  const guess = asUtc(w);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return first === second ? first : Math.max(first, second);
}

/** Day of the week of a local date: 0 Sunday … 6 Saturday. */

/**
 * `days` days after `startMs`, at the same local time. With working days, only Monday to Friday
 * count: each local day after the start's is counted when it is a working day.
 */
export function addDays(startMs: number, days: number, workingDays: boolean, timeZone: string): number {
  const start = wallTime(startMs, timeZone);
  const date = new Date(Date.UTC(start.year, start.month - 1, start.day));
  let counted = 0;
  while (counted < days) {
    date.setUTCDate(date.getUTCDate() + 1);
    const day = date.getUTCDay();
    if (!workingDays || (day !== 0 && day !== 6)) counted++;
  }
  return fromWallTime(
    { ...start, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
    timeZone,
  );
}
