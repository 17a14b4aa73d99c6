/**
 * Working-day arithmetic for time limits (法定时限/承诺时限), which the rules count in working days.
 * Dates are 'YYYY-MM-DD' strings and are handled as whole day numbers, so no time zone can shift a date.
 */

export interface WorkCalendar {
  /** Weekdays that are not working days (public holidays, local closures). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休 make-up days). */
  workdays: ReadonlySet<string>;
  /** Years whose official holiday calendar is known; outside them only weekends are known, so results are provisional. */
  announcedYears: ReadonlySet<number>;
}

export interface CalendarOverride {
  date: string;
  working: boolean;
}

export interface DueDate {
  date: string;
  /** True when a year on the way has no announced holiday calendar yet, so the date may still move. */
  provisional: boolean;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
/** Ten years of working days is far beyond any statutory limit; a larger value is a data error. */
const MAX_WORKING_DAYS = 3650;
const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function buildCalendar(
  base: { holidays: Iterable<string>; workdays: Iterable<string>; announcedYears: Iterable<number> },
  overrides: CalendarOverride[],
  extraAnnouncedYears: Iterable<number> = [],
): WorkCalendar {
  const holidays = new Set(base.holidays);
  const workdays = new Set(base.workdays);
  const announcedYears = new Set([...base.announcedYears, ...extraAnnouncedYears]);
  // A center's own decision (local closure, extra opening) outranks the national calendar; later entries win.
  for (const { date, working } of overrides) {
    const weekend = isWeekend(getDayNumber(date));
    if (working) {
      holidays.delete(date);
      if (weekend) workdays.add(date);
    } else {
      workdays.delete(date);
      if (!weekend) holidays.add(date);
    }
  }
  return { holidays, workdays, announcedYears };
}

export function isValidDate(s: string): boolean {
  return findDayNumber(s) !== undefined;
}

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  return isWorkingDayNumber(dayNumbers(cal), getDayNumber(date));
}

/**
 * The start day is not counted (the limit runs from the day after acceptance), except that a limit of 0
 * (即办件) falls due on the start day itself, or the next working day when the start day is off.
 */
export function addWorkingDays(cal: WorkCalendar, from: string, days: number): DueDate {
  if (!Number.isInteger(days) || days < 0 || days > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be an integer in 0..${MAX_WORKING_DAYS}, got ${days}`);
  }
  const start = getDayNumber(from);
  const known = dayNumbers(cal);
  let day = start;
  if (days === 0) {
    while (!isWorkingDayNumber(known, day)) day++;
  } else {
    for (let left = days; left > 0; ) {
      day++;
      if (isWorkingDayNumber(known, day)) left--;
    }
  }
  const date = toResultDate(day);
  const provisional = missingYears(cal, yearOf(from), yearOf(date)).length > 0;
  return { date, provisional };
}

/** Working days d with from < d <= to: the elapsed working days of a case accepted on `from`. */
export function countWorkingDays(cal: WorkCalendar, from: string, to: string): number {
  const start = getDayNumber(from);
  const end = getDayNumber(to);
  const known = dayNumbers(cal);
  let count = 0;
  for (let day = start + 1; day <= end; day++) {
    if (isWorkingDayNumber(known, day)) count++;
  }
  return count;
}

export function addCalendarDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`calendar days must be an integer, got ${n}`);
  return toResultDate(getDayNumber(date) + n);
}

/** Every year that [from, to] touches, ascending; empty when to is before from. */
export function yearsInRange(from: string, to: string): number[] {
  if (getDayNumber(to) < getDayNumber(from)) return [];
  return integerRange(yearOf(from), yearOf(to));
}

export function missingYears(cal: WorkCalendar, from: number, to: number): number[] {
  return integerRange(from, to).filter((year) => !cal.announcedYears.has(year));
}

/** A calendar's exceptions as day numbers, made once per calendar: counting then formats no dates. */
interface DayNumbers {
  holidays: ReadonlySet<number>;
  workdays: ReadonlySet<number>;
}

const dayNumberViews = new WeakMap<WorkCalendar, DayNumbers>();

function dayNumbers(cal: WorkCalendar): DayNumbers {
  let view = dayNumberViews.get(cal);
  if (!view) {
    const numbers = (dates: ReadonlySet<string>) => new Set([...dates].map(findDayNumber).filter((d): d is number => d !== undefined));
    view = { holidays: numbers(cal.holidays), workdays: numbers(cal.workdays) };
    dayNumberViews.set(cal, view);
  }
  return view;
}

function isWorkingDayNumber(known: DayNumbers, day: number): boolean {
  if (isWeekend(day)) return known.workdays.has(day);
  return !known.holidays.has(day);
}

function isWeekend(day: number): boolean {
  // Day 0 (1970-01-01) was a Thursday; 0 = Sunday … 6 = Saturday.
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/**
 * Dates met recently, both ways: every case step and page turns the same few dates (today, the
 * acceptance day, the due day) into day numbers and back. Bounded; cleared when full.
 */
const CACHE_LIMIT = 4096;
const dayNumberOf = new Map<string, number | undefined>();
const dateOf = new Map<number, string>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function findDayNumber(s: string): number | undefined {
  const known = dayNumberOf.get(s);
  if (known !== undefined || dayNumberOf.has(s)) return known;
  // Only strings of a date's length are kept, so input from outside cannot fill memory.
  return typeof s === 'string' && s.length === 10 ? remember(dayNumberOf, s, parseDayNumber(s)) : undefined;
}

function parseDayNumber(s: string): number | undefined {
  const match = DATE_PATTERN.exec(s);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function getDayNumber(s: string): number {
  const day = findDayNumber(s);
  if (day === undefined) throw new RangeError(`not a valid YYYY-MM-DD date: ${JSON.stringify(s)}`);
  return day;
}

/** A computed date must itself be a valid input, so that results can be stored and fed back. */
function toResultDate(day: number): string {
  const date = formatDayNumber(day);
  if (!isValidDate(date)) throw new RangeError(`result date is outside ${MIN_YEAR}..${MAX_YEAR}`);
  return date;
}

function formatDayNumber(day: number): string {
  return dateOf.get(day) ?? remember(dateOf, day, new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function integerRange(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}
