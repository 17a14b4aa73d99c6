import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../../src/domain/clock.js';

const reference = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

describe('localDate (China Standard Time)', () => {
  it('turns at 16:00 UTC, whatever was asked before', () => {
    expect(localDate(new Date('2026-11-29T15:59:59.999Z'))).toBe('2026-11-29');
    expect(localDate(new Date('2026-11-29T16:00:00.000Z'))).toBe('2026-11-30');
    expect(localDate(new Date('2026-11-29T15:59:59.999Z'))).toBe('2026-11-29');
    expect(localDate(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(localDate(new Date('1969-12-31T16:00:00.000Z'))).toBe('1970-01-01');
  });

  it('equals the direct computation for any sequence of instants', () => {
    // From 1992: China observed daylight saving time 1986–1991, which the zone database (and so
    // localDate) knows and a fixed +8 h reference does not.
    const instant = fc.oneof(
      fc.integer({ min: 700_000_000_000, max: 5_000_000_000_000 }),
      // Near a day's edge, where a remembered day could wrongly be reused.
      fc.tuple(fc.integer({ min: 8_100, max: 40_000 }), fc.integer({ min: -2, max: 2 })).map(([d, ms]) => d * 86_400_000 - 8 * 3600_000 + ms),
    );
    fc.assert(fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (times) => {
      for (const t of times) expect(localDate(new Date(t))).toBe(reference(new Date(t)));
    }), { numRuns: 500 });
  });

  it('refuses an invalid date as before', () => {
    expect(() => localDate(new Date(NaN))).toThrow(RangeError);
  });
});
