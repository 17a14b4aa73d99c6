/**
 * Case numbers (办件编号): `YYMMDD-NNNNN-C` — the local date of intake, a per-center daily
 * sequence, and an ISO 7064 MOD 11-2 check character (as on resident ID cards), which catches
 * every single wrong digit and every swap of two neighbouring digits read over the phone.
 */
const WEIGHTS_MOD_11_2 = Array.from({ length: 11 }, (_, i) => 2 ** (11 - i) % 11);

export function caseNoCheckChar(digits: string): string {
  if (!/^\d{11}$/.test(digits)) throw new RangeError('a case number body is 11 digits');
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += Number(digits[i]) * WEIGHTS_MOD_11_2[i]!;
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

export function formatCaseNo(localDate: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99_999) throw new RangeError('sequence out of range');
  const body = localDate.slice(2, 4) + localDate.slice(5, 7) + localDate.slice(8, 10) + String(sequence).padStart(5, '0');
  return `${body.slice(0, 6)}-${body.slice(6)}-${caseNoCheckChar(body)}`;
}

const CANONICAL = /^\d{6}-\d{5}-[\dX]$/;

/**
 * Reads a case number as typed or spoken (spaces, dashes, lower-case x, full-width digits) and
 * returns its canonical form, or undefined when it is malformed or its check character is wrong.
 */
export function parseCaseNo(input: string): string | undefined {
  // Most come as printed (every link and lookup of the platform): check those without rewriting.
  if (CANONICAL.test(input)) {
    const body = input.slice(0, 6) + input.slice(7, 12);
    return caseNoCheckChar(body) === input[13] ? input : undefined;
  }
  const compact = input
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－—_]/g, '')
    .toUpperCase();
  if (!/^\d{11}[\dX]$/.test(compact)) return undefined;
  const body = compact.slice(0, 11);
  if (caseNoCheckChar(body) !== compact[11]) return undefined;
  return `${body.slice(0, 6)}-${body.slice(6)}-${compact[11]}`;
}
