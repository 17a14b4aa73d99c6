import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { daysLeft, dueDate, movedTaskDue, pausedSoFar, timeliness, warningLevel } from '../../src/domain/case-clock.js';
import { addCalendarDays, buildCalendar, isWorkingDay } from '../../src/domain/working-days.js';

const raw = data as { holidays: Record<string, string>; workdays: Record<string, string> };
const cal = buildCalendar({ holidays: Object.keys(raw.holidays), workdays: Object.keys(raw.workdays), announcedYears: Array.from({ length: 23 }, (_, i) => 2004 + i) }, []);

const date = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addCalendarDays('2020-01-01', n));
const workingDate = date.filter((d) => isWorkingDay(cal, d));

describe('the case clock', () => {
  it('an immediate item is due the day it is accepted (a working day)', () => {
    fc.assert(fc.property(workingDate, (d) => { expect(dueDate(cal, d, 0, 0).date).toBe(d); }));
  });

  it('has exactly the promised days left on the day of acceptance, and 0 on the due date', () => {
    fc.assert(fc.property(workingDate, fc.integer({ min: 1, max: 60 }), (accepted, promised) => {
      const due = dueDate(cal, accepted, promised, 0).date;
      expect(daysLeft(cal, due, accepted)).toBe(promised);
      expect(daysLeft(cal, due, due)).toBe(0);
    }));
  });

  it('a pause extends the due date by exactly the working days it lasted', () => {
    fc.assert(fc.property(workingDate, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (accepted, promised, before, length) => {
      const pauseStart = addCalendarDays(accepted, before);
      const pauseEnd = addCalendarDays(pauseStart, length);
      const paused = pausedSoFar(cal, pauseStart, pauseEnd);
      const original = dueDate(cal, accepted, promised, 0).date;
      const extended = dueDate(cal, accepted, promised, paused).date;
      expect(extended >= original).toBe(true);
      expect(daysLeft(cal, extended, original)).toBe(paused);
    }));
  });

  it('days left fall by one per working day and the level goes normal → yellow → red', () => {
    fc.assert(fc.property(workingDate, fc.integer({ min: 5, max: 30 }), fc.integer({ min: 0, max: 5 }), (accepted, promised, warn) => {
      const due = dueDate(cal, accepted, promised, 0).date;
      let prev = Infinity;
      let levels: string[] = [];
      for (let d = accepted; d <= addCalendarDays(due, 30); d = addCalendarDays(d, 1)) {
        const left = daysLeft(cal, due, d);
        expect(left).toBeLessThanOrEqual(prev);
        prev = left;
        levels.push(warningLevel(left, warn));
      }
      levels = levels.filter((l, i) => l !== levels[i - 1]);
      expect(['normal,yellow,red', 'yellow,red']).toContain(levels.join(','));
    }));
  });

  it('records early, on time and late', () => {
    expect(timeliness('2026-11-20', '2026-11-23')).toBe('early');
    expect(timeliness('2026-11-23', '2026-11-23')).toBe('on_time');
    expect(timeliness('2026-11-24', '2026-11-23')).toBe('late');
  });
});

describe('a joint task under a changed calendar (issue 15 item 10)', () => {
  const closed = buildCalendar({ holidays: Object.keys(raw.holidays), workdays: Object.keys(raw.workdays), announcedYears: Array.from({ length: 23 }, (_, i) => 2004 + i) }, [{ date: '2026-12-10', working: false }]);
  it('keeps its working days from the start: a closure inside moves it one working day, one after it does not', () => {
    // Started Tue 12-08 with 5 working days: 12-15; closed Thu 12-10: 12-16; and back again.
    expect(movedTaskDue(cal, closed, '2026-12-08', '2026-12-15')).toBe('2026-12-16');
    expect(movedTaskDue(closed, cal, '2026-12-08', '2026-12-16')).toBe('2026-12-15');
    expect(movedTaskDue(cal, closed, '2026-12-01', '2026-12-09')).toBe('2026-12-09');
  });
  it('agrees with the case clock for any start and limit', () => {
    fc.assert(fc.property(workingDate, fc.integer({ min: 1, max: 40 }), (start, days) => {
      const due = dueDate(cal, start, days, 0).date;
      expect(movedTaskDue(cal, closed, start, due)).toBe(dueDate(closed, start, days, 0).date);
    }));
  });
});
