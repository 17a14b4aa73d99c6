import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { dueDate, timeliness } from '../../src/domain/case-clock.js';
import { histogramPercentile, usedWorkingDays } from '../../src/domain/case-duration.js';
import { addCalendarDays, buildCalendar, isWorkingDay } from '../../src/domain/working-days.js';

const raw = data as { holidays: Record<string, string>; workdays: Record<string, string> };
const cal = buildCalendar({ holidays: Object.keys(raw.holidays), workdays: Object.keys(raw.workdays), announcedYears: Array.from({ length: 23 }, (_, i) => 2004 + i) }, []);
const workingDate = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addCalendarDays('2020-01-01', n)).filter((d) => isWorkingDay(cal, d));

describe('used working days', () => {
  it('counts after acceptance up to and including completion: same day 0, the next working day 1', () => {
    expect(usedWorkingDays(cal, '2026-11-16', '2026-11-16', 0)).toBe(0);
    expect(usedWorkingDays(cal, '2026-11-16', '2026-11-17', 0)).toBe(1);
    // Friday to Monday: the weekend does not count.
    expect(usedWorkingDays(cal, '2026-11-20', '2026-11-23', 0)).toBe(1);
    // National Day week 2026: 1–7 October off.
    expect(usedWorkingDays(cal, '2026-09-30', '2026-10-08', 0)).toBe(1);
  });

  it('subtracts paused days and never goes below 0', () => {
    expect(usedWorkingDays(cal, '2026-11-16', '2026-11-20', 2)).toBe(2);
    expect(usedWorkingDays(cal, '2026-11-16', '2026-11-17', 5)).toBe(0);
  });

  it('a case completed on its due date took exactly the promised days plus its pauses: timeliness on_time', () => {
    fc.assert(fc.property(workingDate, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 }), (accepted, promised, paused) => {
      const due = dueDate(cal, accepted, promised, paused).date;
      expect(timeliness(due, due)).toBe('on_time');
      expect(usedWorkingDays(cal, accepted, due, paused)).toBe(promised);
    }));
  });
});

describe('histogram percentile', () => {
  it('is the nearest rank, as percentile_disc', () => {
    expect(histogramPercentile(new Map(), 0.9)).toBeUndefined();
    expect(histogramPercentile(new Map([[3, 1]]), 0.9)).toBe(3);
    // 1..10: the 9th value.
    expect(histogramPercentile(new Map(Array.from({ length: 10 }, (_, i) => [i + 1, 1])), 0.9)).toBe(9);
    expect(histogramPercentile(new Map([[0, 5], [7, 1]]), 0.9)).toBe(7);
    expect(histogramPercentile(new Map([[0, 9], [7, 1]]), 0.9)).toBe(0);
  });

  it('equals sorting the values and taking rank ⌈0.9·n⌉', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 300 }), (values) => {
      const hist = new Map<number, number>();
      for (const v of values) hist.set(v, (hist.get(v) ?? 0) + 1);
      const sorted = [...values].sort((a, b) => a - b);
      expect(histogramPercentile(hist, 0.9)).toBe(sorted[Math.ceil(0.9 * sorted.length) - 1]);
    }));
  });
});
