import { addWorkingDays, countWorkingDays, type WorkCalendar } from './working-days.js';

export type WarningLevel = 'normal' | 'yellow' | 'red';

/**
 * Due date = acceptance date + promised working days + working days the clock stood still.
 * An immediate item (0 days) is due the same working day. An interruption still open adds the
 * working days it has lasted up to today, so the days left stay frozen while it lasts.
 */
export function dueDate(cal: WorkCalendar, acceptedDate: string, promisedDays: number, pausedDays: number) {
  return addWorkingDays(cal, acceptedDate, promisedDays + pausedDays);
}

/** Working days an interruption that began on `since` has lasted by `today` (the day it began is not counted). */
export function pausedSoFar(cal: WorkCalendar, since: string, today: string): number {
  return countWorkingDays(cal, since, today);
}

/** Working days left until the due date: 0 on the due date itself, negative when overdue. */
export function daysLeft(cal: WorkCalendar, due: string, today: string): number {
  return due >= today ? countWorkingDays(cal, today, due) : -countWorkingDays(cal, due, today);
}

/** Yellow when N or fewer working days are left (seed 002: three days ahead), red when overdue. */
export function warningLevel(left: number, warningDays: number): WarningLevel {
  if (left < 0) return 'red';
  return left <= warningDays ? 'yellow' : 'normal';
}

export function timeliness(completedDate: string, due: string): 'early' | 'on_time' | 'late' {
  if (completedDate < due) return 'early';
  return completedDate === due ? 'on_time' : 'late';
}

/**
 * A joint task's due date under a changed calendar: the task keeps the same number of working days
 * from its start (its limit plus the pauses it was shifted by), counted on the new calendar. A limit
 * of 0 stays due on the first working day from its start, as addWorkingDays counts it.
 */
export function movedTaskDue(before: WorkCalendar, after: WorkCalendar, startedDate: string, due: string): string {
  const days = countWorkingDays(before, startedDate, due);
  return addWorkingDays(after, startedDate, days).date;
}
