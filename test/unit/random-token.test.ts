import { describe, expect, it } from 'vitest';
import { randomToken } from '../../src/lib/random-token.js';

describe('randomToken', () => {
  it('gives URL-safe tokens of the asked size, never the same twice, across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const t = randomToken(12);
      expect(t).toMatch(/^[A-Za-z0-9_-]{16}$/);
      seen.add(t);
    }
    expect(seen.size).toBe(5000);
    expect(Buffer.from(randomToken(32), 'base64url')).toHaveLength(32);
    expect(Buffer.from(randomToken(10_000), 'base64url')).toHaveLength(10_000);
  });

  it('spreads its bytes evenly (no zeroed or reused pool bytes)', () => {
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 2000; i++) for (const b of Buffer.from(randomToken(24), 'base64url')) counts[b]++;
    // 48,000 bytes: each value is expected 187.5 times; a reused or zeroed pool would skew value 0 or repeat tokens.
    expect(Math.max(...counts)).toBeLessThan(300);
    expect(Math.min(...counts)).toBeGreaterThan(100);
  });
});
