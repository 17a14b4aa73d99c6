import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { caseNoCheckChar, formatCaseNo, parseCaseNo } from '../../src/domain/case-number.js';

describe('case numbers', () => {
  it('are date-prefixed with a sequence and a check character', () => {
    const no = formatCaseNo('2026-11-16', 42);
    expect(no).toMatch(/^261116-00042-[\dX]$/);
    expect(parseCaseNo(no)).toBe(no);
    expect(parseCaseNo(no.replace(/-/g, ' '))).toBe(no);
    expect(parseCaseNo(no.toLowerCase())).toBe(no);
  });

  it('reject every single-digit mistake and every swap of neighbouring digits', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{11}$/), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
      const good = body + caseNoCheckChar(body);
      const changed = body.slice(0, pos) + String((Number(body[pos]) + delta) % 10) + body.slice(pos + 1);
      expect(parseCaseNo(changed + good[11])).toBeUndefined();
      if (pos < 10 && body[pos] !== body[pos + 1]) {
        const swapped = body.slice(0, pos) + body[pos + 1] + body[pos] + body.slice(pos + 2);
        expect(parseCaseNo(swapped + good[11])).toBeUndefined();
      }
    }));
  });

  it('reads the printed form, with a wrong check character refused there too', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{11}$/), fc.constantFrom(...'0123456789X'), (body, check) => {
      const printed = `${body.slice(0, 6)}-${body.slice(6)}-${check}`;
      const right = caseNoCheckChar(body) === check;
      expect(parseCaseNo(printed)).toBe(right ? printed : undefined);
      // The printed form and the loose forms are read alike.
      expect(parseCaseNo(` ${body}${check.toLowerCase()} `)).toBe(right ? printed : undefined);
    }), { numRuns: 2000 });
  });

  it('refuses malformed input', () => {
    for (const s of ['', '261116', '261116-00042', 'abcdefghijkl', '261116-00042-Y']) expect(parseCaseNo(s)).toBeUndefined();
  });
});
