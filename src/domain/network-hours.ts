/**
 * How long a paper of the three-level network has been somewhere, counted the way the monthly
 * network report (src/modules/network/report.service.ts) counts it: clock hours that fall on the
 * center's working days. A paper left at a village room from Friday afternoon to Monday morning has
 * not waited the weekend, because nobody was there to carry it.
 */
import { addCalendarDays, isWorkingDay, type WorkCalendar } from './working-days.js';
import { localDate, localDayStart } from './time-zone.js';

/**
 * 超时滞留: a stay at a township station or village room (or a carrier's trip between two places)
 * longer than this many working hours — two whole working days.
 */
export const OVERDUE_WORKING_HOURS = 48;

/** Hours of [from, to) that lie on working days of the calendar, in the center's zone. */
export function workingHoursBetween(cal: WorkCalendar, from: Date, to: Date, zone: string): number {
  if (to.getTime() <= from.getTime()) return 0;
  let ms = 0;
  const last = localDate(to, zone);
  for (let day = localDate(from, zone); day <= last; day = addCalendarDays(day, 1)) {
    if (!isWorkingDay(cal, day)) continue;
    const start = Math.max(localDayStart(day, zone).getTime(), from.getTime());
    const end = Math.min(localDayStart(addCalendarDays(day, 1), zone).getTime(), to.getTime());
    if (end > start) ms += end - start;
  }
  return ms / 3_600_000;
}

export function isOverdueStay(hours: number): boolean {
  return hours > OVERDUE_WORKING_HOURS;
}
