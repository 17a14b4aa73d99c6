/**
 * Live checks of the applicant and pickup fields, with the validators the server runs
 * (GB 11643 ID numbers, GB 32100 credit codes, mainland mobiles). While the clerk is still typing
 * (`final` false) an unfinished number is not an error yet; a wrong character or a complete but
 * invalid number is, at once.
 */
import { isValidMobile, validateCreditCode, validateResidentId } from '@domain/identity';
import { localDate } from '@domain/clock';
import type { DeskKey } from './messages';

/** The center's date (China Standard Time), the same day the server uses for birth-date checks. */
export function centerToday(now: number = Date.now()): string {
  return localDate(new Date(now));
}

const FULL_WIDTH_DIGITS = /[０-９Ｘｘ]/g;

/** Full-width digits from a Chinese IME, spaces and a lower-case x would all be rejected by the server. */
export function normalizeIdInput(value: string): string {
  return value
    .replace(FULL_WIDTH_DIGITS, (c) => (c === 'Ｘ' || c === 'ｘ' ? 'X' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/\s+/g, '')
    .toUpperCase()
    .slice(0, 18);
}

export function normalizePhoneInput(value: string): string {
  return value
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s-]+/g, '')
    .slice(0, 11);
}

export function idNumberError(value: string, final: boolean, today = centerToday()): DeskKey | null {
  if (!value) return final ? 'v.idRequired' : null;
  if (/[^0-9X]/.test(value) || /X./.test(value)) return 'v.idChars';
  if (value.length < 18) return final ? 'v.idLength' : null;
  switch (validateResidentId(value, today)) {
    case undefined:
      return null;
    case 'region':
      return 'v.idRegion';
    case 'birth-date':
      return 'v.idBirth';
    case 'check-digit':
      return 'v.idCheck';
    default:
      return 'v.idFormat';
  }
}

/** Birth date and sex read from a valid ID number, shown so the clerk can compare with the card. */
export function idNumberFacts(value: string): { birth: string; female: boolean } | null {
  if (value.length !== 18 || validateResidentId(value) !== undefined) return null;
  return { birth: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`, female: Number(value[16]) % 2 === 0 };
}

const CREDIT_CODE_CHARS = /^[0-9A-HJ-NP-RTUWXY]*$/;

export function creditCodeError(value: string, final: boolean): DeskKey | null {
  if (!value) return final ? 'v.ccRequired' : null;
  if (!CREDIT_CODE_CHARS.test(value)) return 'v.ccChars';
  if (value.length < 18) return final ? 'v.ccLength' : null;
  return validateCreditCode(value) === undefined ? null : validateCreditCode(value) === 'check-digit' ? 'v.ccCheck' : 'v.ccFormat';
}

export function phoneError(value: string, final: boolean): DeskKey | null {
  if (!value) return final ? 'v.phoneRequired' : null;
  if (/\D/.test(value)) return 'v.phoneChars';
  if (value[0] !== '1' || (value.length >= 2 && !/[3-9]/.test(value[1]!))) return 'v.phoneFormat';
  if (value.length < 11) return final ? 'v.phoneLength' : null;
  return isValidMobile(value) ? null : 'v.phoneFormat';
}

export function textError(value: string, final: boolean, max: number, requiredKey: DeskKey): DeskKey | null {
  const v = value.trim();
  if (!v) return final ? requiredKey : null;
  return Array.from(v).length > max ? 'v.tooLong' : null;
}
