import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  creditCodeCheckChar,
  isValidCreditCode,
  isValidMobile,
  isValidResidentId,
  maskIdNumber,
  maskName,
  maskPhone,
  residentIdCheckChar,
  validateCreditCode,
  validateResidentId,
} from '../../src/domain/identity.js';

const RESIDENT_CHECK_CHARS = '0123456789X'.split('');
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Replaces the last character with every other candidate. */
function otherCheckChars(value: string, candidates: string[]): string[] {
  return candidates.filter((c) => c !== value.at(-1)).map((c) => value.slice(0, -1) + c);
}

describe('resident ID (GB 11643-1999)', () => {
  it('computes the well-known sample 11010519491231002X', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(isValidResidentId('11010519491231002X')).toBe(true);
  });

  it('accepts IDs built with the computed check char', () => {
    const first17 = '44030419900307123';
    const id = first17 + residentIdCheckChar(first17);
    expect(id).toBe('44030419900307123X');
    expect(isValidResidentId(id)).toBe(true);
  });

  it('rejects every wrong check char', () => {
    for (const wrong of otherCheckChars('11010519491231002X', RESIDENT_CHECK_CHARS)) {
      expect(validateResidentId(wrong)).toBe('check-digit');
    }
  });

  it('requires an uppercase X', () => {
    expect(validateResidentId('11010519491231002x')).toBe('format');
  });

  it.each(['', '1101051949123100', '1101051949123100211', '11010519491231002Y', '1101051949123100X2', ' 11010519491231002X'])(
    'rejects the malformed %j',
    (id) => {
      expect(validateResidentId(id)).toBe('format');
    },
  );

  it('rejects region codes starting with 0 or 9', () => {
    for (const first of ['0', '9']) {
      const first17 = first + '1010519491231002';
      expect(validateResidentId(first17 + residentIdCheckChar(first17))).toBe('region');
    }
  });

  it.each(['110105194902300', '110105189912310', '110105199013010', '110105200102290'])(
    'rejects the impossible birth date in %s…',
    (prefix15) => {
      const first17 = prefix15 + '12';
      expect(validateResidentId(first17 + residentIdCheckChar(first17))).toBe('birth-date');
    },
  );

  it('accepts a leap-day birth', () => {
    const first17 = '11010520000229123';
    expect(isValidResidentId(first17 + residentIdCheckChar(first17))).toBe(true);
  });

  it('rejects a birth date after today when today is given', () => {
    const first17 = '11010520260601123';
    const id = first17 + residentIdCheckChar(first17);
    expect(validateResidentId(id, '2026-05-31')).toBe('birth-date');
    expect(validateResidentId(id, '2026-06-01')).toBeUndefined();
    expect(validateResidentId(id)).toBeUndefined();
  });

  it('residentIdCheckChar throws on anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100A')).toThrow(RangeError);
  });

  const validFirst17 = fc
    .tuple(
      fc.integer({ min: 1, max: 8 }),
      fc.stringMatching(/^\d{5}$/),
      fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.stringMatching(/^\d{3}$/),
    )
    .map(([region, rest, birth, seq]) => `${region}${rest}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`);

  it('property: the computed check char validates and every other one fails', () => {
    fc.assert(
      fc.property(validFirst17, (first17) => {
        const id = first17 + residentIdCheckChar(first17);
        expect(isValidResidentId(id, '2026-01-01')).toBe(true);
        for (const wrong of otherCheckChars(id, RESIDENT_CHECK_CHARS)) {
          expect(isValidResidentId(wrong, '2026-01-01')).toBe(false);
        }
      }),
    );
  });

  it('property: changing one digit of a valid ID breaks the check', () => {
    fc.assert(
      fc.property(validFirst17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (first17, pos, delta) => {
        const id = first17 + residentIdCheckChar(first17);
        const changed = String((Number(id[pos]) + delta) % 10);
        const typo = id.slice(0, pos) + changed + id.slice(pos + 1);
        expect(isValidResidentId(typo)).toBe(false);
      }),
    );
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it('validates the commonly cited 91350100M000100Y43', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });

  it('writes a check value of 31 as 0', () => {
    // Found by search: the weighted sum of this prefix is a multiple of 31.
    const first17 = findPrefixWithSumMultipleOf31();
    expect(creditCodeCheckChar(first17)).toBe('0');
    expect(isValidCreditCode(first17 + '0')).toBe(true);
  });

  it('rejects every wrong check char', () => {
    for (const wrong of otherCheckChars('91350100M000100Y43', CREDIT_ALPHABET.split(''))) {
      expect(validateCreditCode(wrong)).toBe('check-digit');
    }
  });

  it.each([
    ['lowercase', '91350100m000100Y43'],
    ['letter I', '91350100I000100Y43'],
    ['letter O', '91350100O000100Y43'],
    ['letter Z', '91350100Z000100Y43'],
    ['letter S', '91350100S000100Y43'],
    ['letter V', '91350100V000100Y43'],
    ['letter in the region code', '913501A0M000100Y43'],
    ['too short', '91350100M000100Y4'],
    ['too long', '91350100M000100Y433'],
    ['empty', ''],
  ])('rejects %s', (_, code) => {
    expect(validateCreditCode(code)).toBe('format');
  });

  it('creditCodeCheckChar throws on a wrong length or character', () => {
    expect(() => creditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => creditCodeCheckChar('91350100M000100I4')).toThrow(RangeError);
  });

  const alphabetChar = fc.constantFrom(...CREDIT_ALPHABET.split(''));
  const validFirst17 = fc
    .tuple(
      fc.array(alphabetChar, { minLength: 2, maxLength: 2 }),
      fc.stringMatching(/^\d{6}$/),
      fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
    )
    .map(([head, region, tail]) => head.join('') + region + tail.join(''));

  it('property: the computed check char validates and every other one fails', () => {
    fc.assert(
      fc.property(validFirst17, (first17) => {
        const code = first17 + creditCodeCheckChar(first17);
        expect(isValidCreditCode(code)).toBe(true);
        for (const wrong of otherCheckChars(code, CREDIT_ALPHABET.split(''))) {
          expect(isValidCreditCode(wrong)).toBe(false);
        }
      }),
    );
  });
});

function findPrefixWithSumMultipleOf31(): string {
  for (let n = 0; ; n++) {
    const first17 = '91350100' + String(n).padStart(9, '0');
    if (creditCodeCheckChar(first17) === '0') return first17;
  }
}

describe('mobile numbers', () => {
  it.each(['13812345678', '19912345678', '15000000000'])('accepts %s', (phone) => {
    expect(isValidMobile(phone)).toBe(true);
  });

  it.each(['12812345678', '1381234567', '138123456789', '+8613812345678', '138 1234 5678', '23812345678', ''])(
    'rejects %j',
    (phone) => {
      expect(isValidMobile(phone)).toBe(false);
    },
  );
});

describe('masks', () => {
  it('masks an ID number, keeping the first 6 and last 4', () => {
    expect(maskIdNumber('110105199001011234')).toBe('110105********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('masks a phone number, keeping the first 3 and last 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('hides short values entirely rather than leaking them', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskPhone('')).toBe('');
  });

  it('masks names after the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张')).toBe('张');
    expect(maskName('')).toBe('');
  });

  it('counts a name character outside the BMP as one character', () => {
    expect(maskName('𠮷田')).toBe('𠮷*');
    expect(maskName('王𠮷')).toBe('王*');
  });

  it('property: a masked ID keeps its length and never shows the birth date', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
      }),
    );
  });
});
