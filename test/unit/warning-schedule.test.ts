import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addCalendarDays, buildCalendar, isWorkingDay } from '../../src/domain/working-days.js';
import { levelOn, nextLevelDate, redDate, yellowDate } from '../../src/domain/warning-schedule.js';

const raw = data as { holidays: Record<string, string>; workdays: Record<string, string> };
const cal = buildCalendar({ holidays: Object.keys(raw.holidays), workdays: Object.keys(raw.workdays), announcedYears: Array.from({ length: 23 }, (_, i) => 2004 + i) }, []);

const date = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addCalendarDays('2020-01-01', n));
const workingDate = date.filter((d) => isWorkingDay(cal, d));

/** The first day after `today` whose level differs, or the day after the due date, found day by day. */
function bruteNext(due: string, today: string, warningDays: number): string | null {
  const now = levelOn(cal, due, today, warningDays);
  // No holiday break is longer than 40 days: past that nothing changes any more.
  for (let d = addCalendarDays(today, 1); d <= addCalendarDays(due, 40); d = addCalendarDays(d, 1)) {
    if (levelOn(cal, due, d, warningDays) !== now || d === addCalendarDays(due, 1)) return d;
  }
  return null;
}

describe('the date a warning level next changes', () => {
  it('is the first day the level changes or the due date passes, whatever the calendar (property)', () => {
    fc.assert(fc.property(workingDate, fc.integer({ min: -10, max: 60 }), fc.integer({ min: 0, max: 10 }), (due, back, warningDays) => {
      const today = addCalendarDays(due, -back);
      expect(nextLevelDate(cal, due, today, warningDays)).toBe(bruteNext(due, today, warningDays));
    }), { numRuns: 400 });
  });

  it('skips weekends and holidays: due on Wed 2026-10-14 with 3 warning days turns yellow on Fri 2026-10-09 (after the National Day week)', () => {
    // 10-10 (Sat) is a make-up working day in 2026? The calendar decides; the rule must follow it.
    const y = yellowDate(cal, '2026-10-14', 3);
    expect(levelOn(cal, '2026-10-14', y, 3)).toBe('yellow');
    expect(levelOn(cal, '2026-10-14', addCalendarDays(y, -1), 3)).toBe('normal');
  });

  it('on a plain week: due Monday 2026-11-23, 3 warning days → yellow Wednesday 18th, red Tuesday 24th', () => {
    expect(yellowDate(cal, '2026-11-23', 3)).toBe('2026-11-18');
    expect(redDate(cal, '2026-11-23')).toBe('2026-11-24');
    expect(nextLevelDate(cal, '2026-11-23', '2026-11-16', 3)).toBe('2026-11-18');
    expect(nextLevelDate(cal, '2026-11-23', '2026-11-18', 3)).toBe('2026-11-24');
    expect(nextLevelDate(cal, '2026-11-23', '2026-11-24', 3)).toBeNull();
  });

  it('a case due on a Friday stays yellow over the weekend and turns red on Monday; the Saturday is still looked at (deemed approval)', () => {
    expect(redDate(cal, '2026-11-20')).toBe('2026-11-23');
    expect(levelOn(cal, '2026-11-20', '2026-11-21', 3)).toBe('yellow');
    expect(nextLevelDate(cal, '2026-11-20', '2026-11-20', 3)).toBe('2026-11-21');
    expect(nextLevelDate(cal, '2026-11-20', '2026-11-21', 3)).toBe('2026-11-23');
  });

  it('over the Spring Festival: due 2026-02-24 (first day back), yellow from the last working day before the break', () => {
    const y = yellowDate(cal, '2026-02-24', 1);
    expect(isWorkingDay(cal, y)).toBe(true);
    expect(levelOn(cal, '2026-02-24', y, 1)).toBe('yellow');
    // Every calendar day of the holiday between stays yellow.
    for (let d = addCalendarDays(y, 1); d <= '2026-02-24'; d = addCalendarDays(d, 1)) expect(levelOn(cal, '2026-02-24', d, 1)).toBe('yellow');
  });
});
