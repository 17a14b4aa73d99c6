/**
 * Local dates and times in a center's time zone (an IANA name such as `Asia/Shanghai`).
 *
 * Every day boundary (today, stats days, version dates, SMS texts) and every time shown, printed or
 * exported goes through here, so neither the server's `TZ` nor a browser's zone can shift a date.
 * Pure: the instant comes in as an argument; the only state is caches of formatters and of the
 * local day last asked for, which never change an answer.
 */

/** The zone of a center that names none; also the zone of every center created before the column existed. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;

// Building an Intl.DateTimeFormat costs tens of microseconds; formatting with a built one is cheap.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // en-US with h23 gives plain ASCII digits in a fixed order we can pick apart.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

/** The wall-clock reading in the zone at an instant. */
export function localParts(at: Date | number, zone: string = DEFAULT_TIME_ZONE): LocalParts {
  // format() and a regular expression cost a fraction of formatToParts().
  const m = PARTS.exec(formatter(zone).format(at));
  if (!m) throw new RangeError(`cannot read the time in ${zone}`);
  return { year: Number(m[3]), month: Number(m[1]), day: Number(m[2]), hour: Number(m[4]) % 24, minute: Number(m[5]), second: Number(m[6]) };
}

/** en-US with h23: "12/07/2026, 13:33:00". */
const PARTS = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dateOfParts = (p: LocalParts) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;

/** How far the zone's wall clock is ahead of UTC at the instant, in ms (+8 h for Shanghai, −5/−4 h for New York). */
export function zoneOffsetMs(at: Date | number, zone: string = DEFAULT_TIME_ZONE): number {
  const t = typeof at === 'number' ? at : at.getTime();
  const p = localParts(t, zone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (t - (((t % 1000) + 1000) % 1000));
}

/**
 * The instant the local date YYYY-MM-DD begins in the zone (its first existing minute: on a day
 * whose midnight a DST jump skips, the instant after the gap).
 */
export function localDayStart(date: string, zone: string = DEFAULT_TIME_ZONE): Date {
  const wall = Date.parse(`${date}T00:00:00Z`);
  // Two rounds settle the offset even across a DST change near midnight.
  let t = wall - zoneOffsetMs(wall, zone);
  t = wall - zoneOffsetMs(t, zone);
  if (localDateUncached(t, zone) !== date) t = wall - zoneOffsetMs(t + 3 * 3600_000, zone);
  return new Date(t);
}

/** The instant of a local wall-clock time (date YYYY-MM-DD, minutes after midnight) in the zone. */
export function localInstant(date: string, minutes: number, zone: string = DEFAULT_TIME_ZONE): Date {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  let t = wall - zoneOffsetMs(wall, zone);
  t = wall - zoneOffsetMs(t, zone);
  return new Date(t);
}

function localDateUncached(t: number, zone: string): string {
  return dateOfParts(localParts(t, zone));
}

/** The local day last asked for, per zone: the hot paths ask for today's on every request, many times. */
const today = new Map<string, { from: number; to: number; date: string }>();

/** The local date (YYYY-MM-DD) in the zone at an instant. */
export function localDate(at: Date | number, zone: string = DEFAULT_TIME_ZONE): string {
  const t = typeof at === 'number' ? at : at.getTime();
  const hit = today.get(zone);
  if (hit && t >= hit.from && t < hit.to) return hit.date;
  const p = localParts(t, zone);
  const date = dateOfParts(p);
  const wall = Date.UTC(p.year, p.month - 1, p.day);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (t - (((t % 1000) + 1000) % 1000));
  // Most days keep one offset from midnight to midnight: two checks confirm it; else the slow way.
  let from = wall - offset;
  let to = from + DAY_MS;
  if (zoneOffsetMs(from, zone) !== offset || zoneOffsetMs(to - 1, zone) !== offset) {
    from = localDayStart(date, zone).getTime();
    to = localDayStart(new Date(wall + DAY_MS).toISOString().slice(0, 10), zone).getTime();
  }
  // Only cache a day that really contains t (a sanity guard; Intl and the computed bounds agree).
  if (t >= from && t < to) today.set(zone, { from, to, date });
  return date;
}

/** 2026-11-17 13:33: the local date and time in the zone, as exports and lists write it. */
export function localDateTime(at: Date | number, zone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(at, zone);
  return `${dateOfParts(p)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The local hour (0–23) in the zone. */
export function localHour(at: Date | number, zone: string = DEFAULT_TIME_ZONE): number {
  return localParts(at, zone).hour;
}

/** Minutes after local midnight in the zone. */
export function localMinutes(at: Date | number, zone: string = DEFAULT_TIME_ZONE): number {
  const p = localParts(at, zone);
  return p.hour * 60 + p.minute;
}
