/**
 * Appointment (预约) rules: slot periods, the check-in window, what an applicant may still do with a
 * booking, and booking codes. Times of day are the center's local time (China Standard Time, no
 * daylight saving), written HH:MM.
 */
import { DEFAULT_TIME_ZONE, localHour as zoneHour, localInstant } from './time-zone.js';
import type { FieldProblem } from './errors.js';
import { addCalendarDays, isValidDate, isWorkingDay, type WorkCalendar } from './working-days.js';

/** Check-in opens this long before the slot starts … */
export const CHECK_IN_OPENS_BEFORE_MIN = 30;
/** … and closes this long after: a later arrival takes a normal ticket. */
export const CHECK_IN_CLOSES_AFTER_MIN = 15;
/** Day-before reminders go out only in daytime hours (local), never at night. */
export const REMINDER_HOURS = { from: 8, to: 21 } as const;

export const MAX_PERIODS_PER_DAY = 48;
export const MAX_SLOT_CAPACITY = 500;
/** Working days one "generate" may lay out at once. */
export const MAX_GENERATE_DAYS = 60;
/** The widest date range the public slot list answers for. */
export const MAX_LIST_DAYS = 62;

export interface Period {
  start: string;
  end: string;
  capacity: number;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;

export function isValidTime(s: string): boolean {
  return TIME.test(s);
}

/** Minutes since local midnight; throws on a malformed time. */
export function minutesOf(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`not a HH:MM time: ${JSON.stringify(time)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Problems with a day's periods, named by their path under `field` (e.g. `periods.2.end`): times well
 * formed, each period ending after it starts, capacity 1..MAX, no two periods overlapping.
 */
export function periodProblems(periods: Period[], field = 'periods'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (periods.length > MAX_PERIODS_PER_DAY) problems.push({ field, message: `at most ${MAX_PERIODS_PER_DAY} periods a day` });
  const valid: { i: number; from: number; to: number }[] = [];
  periods.forEach((p, i) => {
    const at = `${field}.${i}`;
    const startOk = isValidTime(p.start);
    const endOk = isValidTime(p.end);
    if (!startOk) problems.push({ field: `${at}.start`, message: 'must be a time HH:MM' });
    if (!endOk) problems.push({ field: `${at}.end`, message: 'must be a time HH:MM' });
    if (!Number.isInteger(p.capacity) || p.capacity < 1 || p.capacity > MAX_SLOT_CAPACITY) {
      problems.push({ field: `${at}.capacity`, message: `must be a whole number from 1 to ${MAX_SLOT_CAPACITY}` });
    }
    if (startOk && endOk) {
      const from = minutesOf(p.start);
      const to = minutesOf(p.end);
      if (to <= from) problems.push({ field: `${at}.end`, message: 'must be after the start' });
      else valid.push({ i, from, to });
    }
  });
  valid.sort((a, b) => a.from - b.from);
  for (let k = 1; k < valid.length; k++) {
    const prev = valid[k - 1]!;
    const cur = valid[k]!;
    if (cur.from < prev.to) problems.push({ field: `${field}.${cur.i}.start`, message: `overlaps ${periods[prev.i]!.start}–${periods[prev.i]!.end}` });
  }
  return problems;
}

/** The instant a slot starts: its local date and time in the center's zone. */
export function slotInstant(date: string, time: string, zone: string = DEFAULT_TIME_ZONE): Date {
  if (!isValidDate(date)) throw new RangeError(`not a valid date: ${JSON.stringify(date)}`);
  return localInstant(date, minutesOf(time), zone);
}

/** Local hour of the day (0–23) at an instant, in the center's zone. */
export function localHour(at: Date, zone: string = DEFAULT_TIME_ZONE): number {
  return zoneHour(at, zone);
}

export interface CheckInWindow {
  opensAt: Date;
  closesAt: Date;
}

export function checkInWindow(startsAt: Date): CheckInWindow {
  return {
    opensAt: new Date(startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MIN * MINUTE_MS),
    closesAt: new Date(startsAt.getTime() + CHECK_IN_CLOSES_AFTER_MIN * MINUTE_MS),
  };
}

export type CheckInTiming = 'early' | 'open' | 'late';

export function checkInTiming(startsAt: Date, now: Date): CheckInTiming {
  const w = checkInWindow(startsAt);
  if (now < w.opensAt) return 'early';
  if (now > w.closesAt) return 'late';
  return 'open';
}

/** A booking can be changed or cancelled until its slot starts; after that the applicant is either here or not. */
export function canStillChange(startsAt: Date, now: Date): boolean {
  return now < startsAt;
}

/** A booked applicant who never checked in before the window closed. */
export function isMissed(status: string, startsAt: Date, now: Date): boolean {
  return status === 'booked' && now > checkInWindow(startsAt).closesAt;
}

/**
 * The working days on which "generate N days" lays out slots: from `from` (inclusive) on, skipping
 * weekends and holidays and including make-up working days (调休).
 */
export function workingDatesFrom(cal: WorkCalendar, from: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATE_DAYS) {
    throw new RangeError(`days must be a whole number in 0..${MAX_GENERATE_DAYS}, got ${count}`);
  }
  const out: string[] = [];
  // Long holidays are at most ~10 days in a row; a year without a working day would be a broken calendar.
  for (let d = from, guard = 0; out.length < count && guard < 366 + count * 2; d = addCalendarDays(d, 1), guard++) {
    if (isWorkingDay(cal, d)) out.push(d);
  }
  return out;
}

/** The first working day after `today`: the day whose bookings get today's reminder. */
export function reminderTargetDate(cal: WorkCalendar, today: string): string {
  const [next] = workingDatesFrom(cal, addCalendarDays(today, 1), 1);
  if (!next) throw new RangeError(`no working day after ${today}`);
  return next;
}

/** Unambiguous on a phone screen and read aloud: no 0/O, 1/I/L. */
export const BOOKING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const BOOKING_CODE_LENGTH = 8;

/** A code from random bytes (one byte per character; the small modulo bias does not matter for a lookup key guarded by the mobile). */
export function bookingCode(random: Uint8Array): string {
  if (random.length < BOOKING_CODE_LENGTH) throw new RangeError(`need ${BOOKING_CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < BOOKING_CODE_LENGTH; i++) code += BOOKING_CODE_ALPHABET[random[i]! % BOOKING_CODE_ALPHABET.length];
  return code;
}

/** What people type: lower case, spaces or dashes (ABCD-EFGH). */
export function normalizeBookingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isBookingCode(code: string): boolean {
  return code.length === BOOKING_CODE_LENGTH && [...code].every((c) => BOOKING_CODE_ALPHABET.includes(c));
}
