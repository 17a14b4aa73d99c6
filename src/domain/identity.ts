/**
 * Identity numbers the centre handles: resident ID numbers (GB 11643-1999), unified social credit codes
 * (GB 32100-2015) and mainland mobile numbers, with the masks used wherever they appear outside the case
 * handler's own screen (lists, logs, exports).
 */

import { isValidDate } from './working-days.js';

export type ResidentIdProblem = 'format' | 'region' | 'birth-date' | 'check-digit';
export type CreditCodeProblem = 'format' | 'check-digit';

/** GB 11643-1999: weight of position i (1-based) is 2^(18-i) mod 11. */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** ISO 7064 MOD 11-2 check character indexed by (weighted sum mod 11). */
const RESIDENT_ID_CHECK_CHARS = '10X98765432';
/** Uppercase X only: the standard prints X, and accepting x would let two spellings of one person coexist. */
const RESIDENT_ID_PATTERN = /^\d{17}[\dX]$/;
/** Region codes (GB/T 2260) start with 1–8; 9 and 0 are not assigned to any province-level area. */
const RESIDENT_ID_REGION_PATTERN = /^[1-8]/;
const MIN_BIRTH_YEAR = 1900;

/** GB 32100-2015 alphabet: digits and uppercase letters without I, O, Z, S, V (easily misread). */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Positions 3–8 carry the administrative region code of the registering authority, always digits. */
const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * `today` ('YYYY-MM-DD') rejects birth dates in the future; without it that check is skipped,
 * because the domain layer does not read the clock.
 */
export function validateResidentId(id: string, today?: string): ResidentIdProblem | undefined {
  if (!RESIDENT_ID_PATTERN.test(id)) return 'format';
  if (!RESIDENT_ID_REGION_PATTERN.test(id)) return 'region';
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isPlausibleBirthDate(birthDate, today)) return 'birth-date';
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return 'check-digit';
  return undefined;
}

export function isValidResidentId(id: string, today?: string): boolean {
  return validateResidentId(id, today) === undefined;
}

export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('a resident ID check char needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK_CHARS[sum % 11]!;
}

export function validateCreditCode(code: string): CreditCodeProblem | undefined {
  if (!CREDIT_CODE_PATTERN.test(code)) return 'format';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'check-digit';
  return undefined;
}

export function isValidCreditCode(code: string): boolean {
  return validateCreditCode(code) === undefined;
}

export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a credit code check char needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new RangeError(`not a credit code character: ${JSON.stringify(first17[i])}`);
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  // 31 - (sum mod 31) is 31 when the sum divides evenly, and the standard writes that as 0.
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function isValidMobile(phone: string): boolean {
  return MOBILE_PATTERN.test(phone);
}

/** Keeps the region (first 6) and the last 4, enough for a person to recognise their own number. */
export function maskIdNumber(id: string): string {
  return maskMiddle(id, 6, 4);
}

/** Keeps the carrier prefix (first 3) and the last 4. */
export function maskPhone(phone: string): string {
  return maskMiddle(phone, 3, 4);
}

/** Keeps the first character (the surname, or its first character for compound surnames). */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Too short to keep both ends and still hide something: hide it all rather than leak it. */
function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  const chars = Array.from(value);
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  const hidden = chars.length - keepStart - keepEnd;
  return chars.slice(0, keepStart).join('') + '*'.repeat(hidden) + chars.slice(chars.length - keepEnd).join('');
}

function isPlausibleBirthDate(date: string, today: string | undefined): boolean {
  if (!isValidDate(date) || Number(date.slice(0, 4)) < MIN_BIRTH_YEAR) return false;
  // ISO dates of equal length order the same as strings.
  return today === undefined || date <= today;
}
