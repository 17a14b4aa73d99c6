import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isWorkday as referenceIsWorkday } from 'chinese-days';
import {
  addCalendarDays,
  addWorkingDays,
  buildCalendar,
  countWorkingDays,
  isValidDate,
  isWorkingDay,
  missingYears,
  yearsInRange,
  type WorkCalendar,
} from '../../src/domain/working-days.js';

const NATIONAL_BASE = {
  holidays: Object.keys(data.holidays),
  workdays: Object.keys(data.workdays),
  announcedYears: range(2004, 2026),
};
const national = buildCalendar(NATIONAL_BASE, []);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const MS_PER_DAY = 86_400_000;
function dateArb(fromYear: number, toYear: number): fc.Arbitrary<string> {
  const min = Date.UTC(fromYear, 0, 1) / MS_PER_DAY;
  const max = Date.UTC(toYear, 11, 31) / MS_PER_DAY;
  return fc.integer({ min, max }).map((day) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
}
const anyDate = dateArb(2004, 2030);
const anyDays = fc.integer({ min: 0, max: 400 });

describe('isValidDate', () => {
  it.each(['2026-01-01', '2024-02-29', '2000-02-29', '1900-01-01', '2200-12-31'])('accepts %s', (s) => {
    expect(isValidDate(s)).toBe(true);
  });

  it.each(['2026-02-29', '2100-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-01', '26-01-01', '2026/01/01', '1899-12-31', '2201-01-01', '', ' 2026-01-01', '2026-01-01T00:00'])(
    'rejects %j',
    (s) => {
      expect(isValidDate(s)).toBe(false);
    },
  );
});

describe('isValidDate on any string of a date\'s shape', () => {
  it('agrees with the Date object on every year, month and day, asked twice (the second answer is remembered)', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    fc.assert(fc.property(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      const date = new Date(Date.UTC(y, m - 1, d));
      const real = m >= 1 && m <= 12 && d >= 1 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2200;
      expect(isValidDate(s)).toBe(real);
      expect(isValidDate(s)).toBe(real);
    }), { numRuns: 3000 });
  });
});

describe('isWorkingDay with the national calendar', () => {
  it('follows weekends, holidays and make-up days', () => {
    expect(isWorkingDay(national, '2026-03-06')).toBe(true); // Friday
    expect(isWorkingDay(national, '2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay(national, '2026-03-08')).toBe(false); // Sunday
    expect(isWorkingDay(national, '2026-10-01')).toBe(false); // National Day
    expect(isWorkingDay(national, '2026-02-14')).toBe(true); // Saturday make-up day
    expect(isWorkingDay(national, '2026-10-10')).toBe(true); // Saturday make-up day
  });

  it('agrees with chinese-days on every day of the announced years', () => {
    fc.assert(
      fc.property(dateArb(2004, 2026), (date) => {
        expect(isWorkingDay(national, date)).toBe(referenceIsWorkday(date));
      }),
      { numRuns: 2000 },
    );
  });

  it('throws on an invalid date', () => {
    expect(() => isWorkingDay(national, '2026-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('skips National Day and counts the make-up Saturday', () => {
    expect(addWorkingDays(national, '2026-09-30', 3)).toEqual({ date: '2026-10-10', provisional: false });
  });

  it('counts the make-up Saturday before Spring Festival and skips the festival', () => {
    expect(addWorkingDays(national, '2026-02-13', 2)).toEqual({ date: '2026-02-24', provisional: false });
  });

  it('skips a plain weekend', () => {
    expect(addWorkingDays(national, '2026-03-06', 1).date).toBe('2026-03-09');
    expect(addWorkingDays(national, '2026-03-07', 1).date).toBe('2026-03-09');
    expect(addWorkingDays(national, '2026-03-06', 5).date).toBe('2026-03-13');
  });

  describe('days = 0 (immediate items)', () => {
    it('is the start day when it is a working day', () => {
      expect(addWorkingDays(national, '2026-09-30', 0).date).toBe('2026-09-30');
      expect(addWorkingDays(national, '2026-10-10', 0).date).toBe('2026-10-10');
    });

    it('is the next working day when the start day is off', () => {
      expect(addWorkingDays(national, '2026-03-08', 0).date).toBe('2026-03-09');
      expect(addWorkingDays(national, '2026-10-01', 0).date).toBe('2026-10-08');
    });
  });

  describe('local overrides', () => {
    it('a local closure on a weekday shifts the due date', () => {
      expect(addWorkingDays(national, '2026-09-29', 1).date).toBe('2026-09-30');
      const closed = buildCalendar(NATIONAL_BASE, [{ date: '2026-09-30', working: false }]);
      expect(isWorkingDay(closed, '2026-09-30')).toBe(false);
      expect(addWorkingDays(closed, '2026-09-29', 1).date).toBe('2026-10-08');
    });

    it('closing a make-up Saturday removes it from the working days', () => {
      const closed = buildCalendar(NATIONAL_BASE, [{ date: '2026-10-10', working: false }]);
      expect(isWorkingDay(closed, '2026-10-10')).toBe(false);
      expect(addWorkingDays(closed, '2026-09-30', 3).date).toBe('2026-10-12');
    });

    it('opening a Sunday or a holiday makes it a working day', () => {
      const opened = buildCalendar(NATIONAL_BASE, [
        { date: '2026-03-08', working: true },
        { date: '2026-10-02', working: true },
      ]);
      expect(addWorkingDays(opened, '2026-03-06', 1).date).toBe('2026-03-08');
      expect(addWorkingDays(opened, '2026-09-30', 1).date).toBe('2026-10-02');
    });

    it('the later override wins', () => {
      const cal = buildCalendar(NATIONAL_BASE, [
        { date: '2026-09-30', working: false },
        { date: '2026-09-30', working: true },
      ]);
      expect(isWorkingDay(cal, '2026-09-30')).toBe(true);
    });

    it('rejects an override with an invalid date', () => {
      expect(() => buildCalendar(NATIONAL_BASE, [{ date: '2026-09-31', working: false }])).toThrow(RangeError);
    });

    it('does not change the base data', () => {
      buildCalendar(NATIONAL_BASE, [{ date: '2026-09-30', working: false }]);
      expect(isWorkingDay(national, '2026-09-30')).toBe(true);
    });
  });

  describe('provisional results', () => {
    it('is final inside an announced year', () => {
      expect(addWorkingDays(national, '2026-03-02', 10).provisional).toBe(false);
    });

    it('is provisional when the result reaches an unannounced year', () => {
      expect(addWorkingDays(national, '2026-12-28', 5)).toEqual({ date: '2027-01-04', provisional: true });
    });

    it('is provisional when the start is in an unannounced year', () => {
      expect(addWorkingDays(national, '2027-03-01', 1).provisional).toBe(true);
    });

    it('is final once the next year is announced', () => {
      const cal = buildCalendar(NATIONAL_BASE, [], [2027]);
      expect(addWorkingDays(cal, '2026-12-28', 5).provisional).toBe(false);
    });
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 3651])('throws for days = %s', (days) => {
    expect(() => addWorkingDays(national, '2026-03-02', days)).toThrow(RangeError);
  });

  it('accepts the largest allowed number of days', () => {
    expect(addWorkingDays(national, '2026-03-02', 3650).provisional).toBe(true);
  });

  it.each(['2026-02-30', '2026-3-2', '', 'tomorrow'])('throws for the start date %j', (from) => {
    expect(() => addWorkingDays(national, from, 1)).toThrow(RangeError);
  });

  it('throws when the result would leave the supported years', () => {
    expect(() => addWorkingDays(national, '2200-12-31', 1)).toThrow(RangeError);
  });
});

describe('countWorkingDays', () => {
  it('counts working days after the start up to and including the end', () => {
    expect(countWorkingDays(national, '2026-09-30', '2026-10-10')).toBe(3);
    expect(countWorkingDays(national, '2026-02-13', '2026-02-24')).toBe(2);
    expect(countWorkingDays(national, '2026-03-06', '2026-03-09')).toBe(1);
  });

  it('is 0 when the end is not after the start', () => {
    expect(countWorkingDays(national, '2026-03-09', '2026-03-09')).toBe(0);
    expect(countWorkingDays(national, '2026-03-09', '2026-03-02')).toBe(0);
  });

  it('throws on an invalid date', () => {
    expect(() => countWorkingDays(national, '2026-03-09', '2026-03-32')).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it('addCalendarDays crosses month, leap day and year boundaries', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-03-01', 0)).toBe('2026-03-01');
    expect(() => addCalendarDays('2026-03-01', 0.5)).toThrow(RangeError);
  });

  it('yearsInRange lists every year touched', () => {
    expect(yearsInRange('2025-12-31', '2027-01-01')).toEqual([2025, 2026, 2027]);
    expect(yearsInRange('2026-01-01', '2026-12-31')).toEqual([2026]);
    expect(yearsInRange('2027-01-01', '2026-01-01')).toEqual([]);
  });

  it('missingYears lists the unannounced years', () => {
    expect(missingYears(national, 2025, 2028)).toEqual([2027, 2028]);
    expect(missingYears(national, 2004, 2026)).toEqual([]);
    expect(missingYears(national, 2003, 2003)).toEqual([2003]);
  });
});

describe('properties (2004–2030, 0–400 working days)', () => {
  const cal: WorkCalendar = national;

  it('the result is always a working day', () => {
    fc.assert(
      fc.property(anyDate, anyDays, (from, days) => {
        expect(isWorkingDay(cal, addWorkingDays(cal, from, days).date)).toBe(true);
      }),
    );
  });

  it('the result is monotonic in days, strictly from 1 on', () => {
    fc.assert(
      fc.property(anyDate, anyDays, anyDays, (from, a, b) => {
        const [n, m] = a <= b ? [a, b] : [b, a];
        const dn = addWorkingDays(cal, from, n).date;
        const dm = addWorkingDays(cal, from, m).date;
        expect(dn <= dm).toBe(true);
        if (n >= 1 && n < m) expect(dn < dm).toBe(true);
      }),
    );
  });

  it('the result is never before the start, and after it from 1 on', () => {
    fc.assert(
      fc.property(anyDate, anyDays, (from, days) => {
        const due = addWorkingDays(cal, from, days).date;
        expect(days === 0 ? due >= from : due > from).toBe(true);
      }),
    );
  });

  it('counting back gives the number of days added', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 400 }), (from, days) => {
        expect(countWorkingDays(cal, from, addWorkingDays(cal, from, days).date)).toBe(days);
      }),
    );
  });

  it('adding the counted days never passes the end, and lands on it when it is a working day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 600 }), (from, span) => {
        const to = addCalendarDays(from, span);
        const count = countWorkingDays(cal, from, to);
        fc.pre(count >= 1);
        const due = addWorkingDays(cal, from, count).date;
        expect(due <= to).toBe(true);
        if (isWorkingDay(cal, to)) expect(due).toBe(to);
      }),
    );
  });

  it('provisional is exactly "some touched year is unannounced"', () => {
    fc.assert(
      fc.property(anyDate, anyDays, (from, days) => {
        const due = addWorkingDays(cal, from, days);
        const touched = yearsInRange(from, due.date);
        expect(due.provisional).toBe(touched.some((y) => y > 2026));
      }),
    );
  });
});
