import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../../src/domain/working-days.js';
import { isOverdueStay, OVERDUE_WORKING_HOURS, workingHoursBetween } from '../../src/domain/network-hours.js';

// 2026-10-01..07 is the National Day holiday; 2026-10-10 (Saturday) a make-up working day.
const cal = buildCalendar({ holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'], announcedYears: [2026] }, []);
const at = (s: string) => new Date(s);

describe('working hours of a paper\'s stay (超时滞留)', () => {
  it('counts only hours on working days, in the center\'s zone', () => {
    // Monday 09:00 → Thursday 16:00 in Shanghai: 15 + 24 + 24 + 16.
    expect(workingHoursBetween(cal, at('2026-11-02T01:00:00Z'), at('2026-11-05T08:00:00Z'), 'Asia/Shanghai')).toBe(79);
    // Friday 16:00 → Monday 09:00: the weekend is not counted.
    expect(workingHoursBetween(cal, at('2026-11-06T08:00:00Z'), at('2026-11-09T01:00:00Z'), 'Asia/Shanghai')).toBe(17);
    // Across the holiday week, with the make-up Saturday counted.
    expect(workingHoursBetween(cal, at('2026-09-30T16:00:00Z'), at('2026-10-10T16:00:00Z'), 'Asia/Shanghai')).toBe(3 * 24);
    // In New York the same instants are Friday 03:00 → Sunday 20:00: the rest of Friday only.
    expect(workingHoursBetween(cal, at('2026-11-06T08:00:00Z'), at('2026-11-09T01:00:00Z'), 'America/New_York')).toBe(21);
    expect(workingHoursBetween(cal, at('2026-11-05T08:00:00Z'), at('2026-11-02T01:00:00Z'), 'Asia/Shanghai')).toBe(0);
  });

  it('calls a stay overdue past 48 working hours, not at them', () => {
    expect(OVERDUE_WORKING_HOURS).toBe(48);
    expect(isOverdueStay(48)).toBe(false);
    expect(isOverdueStay(48.1)).toBe(true);
  });
});
