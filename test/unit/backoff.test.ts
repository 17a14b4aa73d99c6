import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelay, nextAttemptAt } from '../../src/domain/backoff.js';

const policy = { baseDelayMs: 2000, maxDelayMs: 300_000 };

describe('retry backoff', () => {
  it('doubles from the base delay and stops at the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => backoffDelay(n, policy));
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
  });

  it('treats zero or negative attempts as the first and survives huge counts', () => {
    expect(backoffDelay(0, policy)).toBe(2000);
    expect(backoffDelay(-3, policy)).toBe(2000);
    expect(backoffDelay(5000, policy)).toBe(300_000);
  });

  it('never shrinks and never passes the cap', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 200 }),
      (base, max, n) => {
        const p = { baseDelayMs: base, maxDelayMs: max };
        const d = backoffDelay(n, p);
        expect(d).toBeLessThanOrEqual(max);
        expect(d).toBeGreaterThan(0);
        expect(backoffDelay(n + 1, p)).toBeGreaterThanOrEqual(d);
      },
    ));
  });

  it('honours a longer Retry-After, within the cap', () => {
    const now = new Date('2026-11-16T02:00:00Z');
    const at = (attempts: number, retryAfter?: number) => nextAttemptAt(now, attempts, policy, retryAfter).getTime() - now.getTime();
    expect(at(1)).toBe(2000);
    expect(at(1, 500)).toBe(2000);
    expect(at(1, 30_000)).toBe(30_000);
    expect(at(1, 86_400_000)).toBe(300_000);
  });
});
