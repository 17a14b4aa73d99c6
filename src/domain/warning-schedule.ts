import { daysLeft, warningLevel, type WarningLevel } from './case-clock.js';
import { addCalendarDays, isWorkingDay, type WorkCalendar } from './working-days.js';

/**
 * When the warning level of a running clock next changes, so the scan only has to look at the
 * cases due for a change instead of every open case (issue 7, "Speed").
 *
 * Levels only ever rise while the clock runs (normal → yellow → red), so the next change is the
 * first of: the yellow date (the earliest day with `warningDays` or fewer working days left), the
 * day after the due date (deemed approval, 超时默许, looks at it), and the red date (the first day
 * `daysLeft` is negative: the next working day after the due date). Returns the first of those
 * after `today`, or null when nothing can change any more (already red and past the due date).
 */
export function nextLevelDate(cal: WorkCalendar, due: string, today: string, warningDays: number): string | null {
  const candidates = [yellowDate(cal, due, warningDays), addCalendarDays(due, 1), redDate(cal, due)];
  const next = candidates.filter((d) => d > today).sort()[0];
  return next ?? null;
}

/** Walks back from the due date while the working days left stay within `warningDays`. */
export function yellowDate(cal: WorkCalendar, due: string, warningDays: number): string {
  let day = due;
  let left = 0;
  // Bounded by the warning days plus the off days among them; 400 guards against a broken calendar.
  for (let i = 0; i < 400; i++) {
    const working = isWorkingDay(cal, day) ? 1 : 0;
    if (left + working > warningDays) break;
    left += working;
    day = addCalendarDays(day, -1);
  }
  return day;
}

/** The first day after the due date on which the working days left are negative. */
export function redDate(cal: WorkCalendar, due: string): string {
  let day = addCalendarDays(due, 1);
  for (let i = 0; i < 400 && !isWorkingDay(cal, day); i++) day = addCalendarDays(day, 1);
  return day;
}

/** The level on `today` by the same rule everybody sees (case-clock.ts). */
export function levelOn(cal: WorkCalendar, due: string, today: string, warningDays: number): WarningLevel {
  return warningLevel(daysLeft(cal, due, today), warningDays);
}
