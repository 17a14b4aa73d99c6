import { countWorkingDays, type WorkCalendar } from './working-days.js';

/**
 * Working days a case took: the working days after acceptance up to and including completion (the
 * convention of the due date, src/domain/case-clock.ts), minus the working days its clock stood still.
 * A case accepted and completed the same day took 0. Never negative: a pause counted up to the
 * completion day cannot make a case take less than nothing.
 */
export function usedWorkingDays(cal: WorkCalendar, acceptedDate: string, completedDate: string, pausedDays: number): number {
  return Math.max(0, countWorkingDays(cal, acceptedDate, completedDate) - pausedDays);
}

/**
 * Nearest-rank percentile of an exact histogram {value: count}: the smallest value v with at least
 * ceil(p·n) values ≤ v (what PostgreSQL's percentile_disc returns). Undefined when the histogram is empty.
 */
export function histogramPercentile(hist: ReadonlyMap<number, number>, p: number): number | undefined {
  let n = 0;
  for (const c of hist.values()) n += c;
  if (n === 0) return undefined;
  const rank = Math.max(1, Math.ceil(p * n));
  let seen = 0;
  for (const value of [...hist.keys()].sort((a, b) => a - b)) {
    seen += hist.get(value)!;
    if (seen >= rank) return value;
  }
  return undefined;
}
