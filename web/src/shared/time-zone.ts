/**
 * The center's time zone in the browser. Every date and time the web apps show is on the center's
 * clock, not the browser's (a supervisor travelling, or a PC set to UTC, still reads China time).
 * The zone arrives with the session (/api/auth/me → user.timeZone) or the public center info; until
 * then it is the default every center starts with. The zone arithmetic is the server's own
 * (src/domain/time-zone.ts), so screen, paper and CSV agree.
 */
import { DEFAULT_TIME_ZONE, localDate, localDateTime, localParts } from '@domain/time-zone';

let zone = DEFAULT_TIME_ZONE;

export function setCenterTimeZone(z: string | null | undefined): void {
  if (z) zone = z;
}

export function centerTimeZone(): string {
  return zone;
}

type Input = string | number | Date | null | undefined;

function toDate(v: Input): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-11-17 13:33" on the center's clock; "—" for nothing. */
export function zonedDateTime(v: Input): string {
  const d = toDate(v);
  return d ? localDateTime(d, zone) : v ? String(v) : '—';
}

/** "2026-11-17" on the center's clock. */
export function zonedDate(v: Input): string {
  const d = toDate(v);
  return d ? localDate(d, zone) : v ? String(v) : '—';
}

/** "13:33" (or "13:33:05" with seconds) on the center's clock. */
export function zonedTime(v: Input, seconds = false): string {
  const d = toDate(v);
  if (!d) return '—';
  const p = localParts(d, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(p.hour)}:${pad(p.minute)}${seconds ? `:${pad(p.second)}` : ''}`;
}

/** "11-17 13:33": short list cells. */
export function zonedShort(v: Input): string {
  const s = zonedDateTime(v);
  return s.length === 16 ? s.slice(5) : s;
}

/** The month before the center's current one, as YYYY-MM. */
export function previousMonth(now: Date = new Date()): string {
  const p = localParts(now, zone);
  const y = p.month === 1 ? p.year - 1 : p.year;
  const m = p.month === 1 ? 12 : p.month - 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}
