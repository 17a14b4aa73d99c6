import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTimeZone, localDate, localDateTime, localDayStart, localHour, localInstant, zoneOffsetMs } from '../../src/domain/time-zone.js';
import { slotInstant } from '../../src/domain/appointment-rules.js';

// The test process may run under any TZ (CI runs one suite with TZ=America/New_York): the answers
// below must not depend on it.
describe('local dates and times in a center\'s zone', () => {
  it('Shanghai: the day turns at 00:00 local (16:00 UTC), whatever was asked before', () => {
    expect(localDate(new Date('2026-12-07T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-12-07'); // 23:59:59.999
    expect(localDate(new Date('2026-12-07T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-12-08'); // 00:00
    expect(localDate(new Date('2026-12-07T15:59:00.000Z'), 'Asia/Shanghai')).toBe('2026-12-07'); // back across the cached day
    expect(localDate(new Date('2026-12-07T17:56:00.000Z'))).toBe('2026-12-08'); // default zone: 01:56 on the 8th
    expect(localDateTime(new Date('2026-11-17T05:33:00.000Z'), 'Asia/Shanghai')).toBe('2026-11-17 13:33');
    expect(localDateTime(new Date('2026-12-07T15:59:00.000Z'), 'Asia/Shanghai')).toBe('2026-12-07 23:59');
    expect(localDayStart('2026-12-08', 'Asia/Shanghai').toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(localHour(new Date('2026-11-17T05:33:00.000Z'), 'Asia/Shanghai')).toBe(13);
  });

  it('New York: the day turns at local midnight on either side of a DST change', () => {
    const ny = 'America/New_York';
    // Winter (UTC−5).
    expect(localDate(new Date('2026-12-08T04:59:59.999Z'), ny)).toBe('2026-12-07');
    expect(localDate(new Date('2026-12-08T05:00:00.000Z'), ny)).toBe('2026-12-08');
    // Summer (UTC−4).
    expect(localDate(new Date('2026-07-01T03:59:00.000Z'), ny)).toBe('2026-06-30');
    expect(localDate(new Date('2026-07-01T04:00:00.000Z'), ny)).toBe('2026-07-01');
    // 2026-03-08: clocks jump from 02:00 to 03:00; the day is 23 hours long.
    const start = localDayStart('2026-03-08', ny).getTime();
    const next = localDayStart('2026-03-09', ny).getTime();
    expect(new Date(start).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect((next - start) / 3600_000).toBe(23);
    expect(localDate(next - 1, ny)).toBe('2026-03-08');
    expect(localDate(next, ny)).toBe('2026-03-09');
    // 2026-11-01: clocks fall back; the day is 25 hours long.
    expect((localDayStart('2026-11-02', ny).getTime() - localDayStart('2026-11-01', ny).getTime()) / 3600_000).toBe(25);
    expect(zoneOffsetMs(new Date('2026-12-01T12:00:00Z'), ny)).toBe(-5 * 3600_000);
    expect(zoneOffsetMs(new Date('2026-07-01T12:00:00Z'), ny)).toBe(-4 * 3600_000);
    expect(localInstant('2026-07-01', 8 * 60 + 30, ny).toISOString()).toBe('2026-07-01T12:30:00.000Z');
  });

  it('a slot\'s instant is its local time in the center\'s zone', () => {
    expect(slotInstant('2026-12-08', '09:00').toISOString()).toBe('2026-12-08T01:00:00.000Z');
    expect(slotInstant('2026-12-08', '09:00', 'America/New_York').toISOString()).toBe('2026-12-08T14:00:00.000Z');
  });

  it('the cached day agrees with a fresh computation for any sequence of instants and zones', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe'];
    const fresh = (t: number, z: string) => {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: z, year: 'numeric', month: '2-digit', day: '2-digit' })
        .formatToParts(t).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day}`;
    };
    const instant = fc.oneof(
      fc.integer({ min: 0, max: 4_000_000_000_000 }),
      // Near a Shanghai or New York midnight, where a remembered day could wrongly be reused.
      fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.constantFrom(-8, 4, 5), fc.integer({ min: -2, max: 2 }))
        .map(([d, h, ms]) => d * 86_400_000 + h * 3600_000 + ms),
    );
    fc.assert(fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...zones)), { minLength: 1, maxLength: 20 }), (asks) => {
      for (const [t, z] of asks) expect(localDate(t, z)).toBe(fresh(t, z));
    }), { numRuns: 300 });
  });

  it('knows a zone name from a typo', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Asia/Shang_hai')).toBe(false);
  });

  it('refuses an invalid instant', () => {
    expect(() => localDate(new Date(NaN))).toThrow(RangeError);
  });
});
