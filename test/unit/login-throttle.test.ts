import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, afterFailure, retryAfterMs, type ThrottleState } from '../../src/domain/login-throttle.js';

describe('login throttling', () => {
  const t0 = new Date('2026-11-16T02:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  it('lets the first five failures through, then blocks for a growing but capped time', () => {
    let state: ThrottleState | undefined;
    const blocks: number[] = [];
    for (let i = 0; i < 14; i++) {
      state = afterFailure(state, at(i), ACCOUNT_POLICY);
      blocks.push(retryAfterMs(state, at(i)));
    }
    expect(blocks.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(blocks.slice(5, 9)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...blocks)).toBe(60_000);
  });

  it('forgets failures after the window', () => {
    let state: ThrottleState | undefined;
    for (let i = 0; i < 8; i++) state = afterFailure(state, at(i), ACCOUNT_POLICY);
    const later = afterFailure(state, at(16 * 60), ACCOUNT_POLICY);
    expect(later.failures).toBe(1);
    expect(retryAfterMs(later, at(16 * 60))).toBe(0);
  });
});
