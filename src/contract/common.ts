/**
 * Shapes every capability's contract shares. Files under src/contract/ hold the API's TypeBox
 * schemas for both sides: the server validates with them and documents them in OpenAPI, the web
 * app takes its types from them with `Static<>` (import '#contract/<file>.js', the package's
 * subpath import, which Node, tsx, Vite and both tsconfigs resolve alike). So nothing here may
 * import from Node, Fastify or the database.
 */
import { Type, type Static } from 'typebox';

export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
}, { $id: undefined, additionalProperties: true });
/** Every 4xx/5xx answer. `details` names fields for validation errors. */
export type ErrorBody = Static<typeof ErrorBody>;

/**
 * Years 2000–2100. The working-day calendar (src/domain/working-days.ts) counts from 1900 to 2200;
 * the margin keeps every date computed from an input (up to 3650 working days on, a month back)
 * inside it, where an input at its very edge would end in a 500.
 */
const YEAR = '(20\\d\\d|2100)';
/**
 * A calendar date. A pattern alone would let 2026-02-30 through to code that cannot read it (a
 * 500); ajv-formats' `date` (registered in src/http/validation.ts) checks month and day, leap years
 * included. Every date-valued input uses this one schema.
 */
export const DateString = Type.String({ format: 'date', pattern: `^${YEAR}-\\d{2}-\\d{2}$`, description: 'YYYY-MM-DD, a year from 2000 to 2100' });
/** A calendar month; every month-valued input uses this one schema. */
export const MonthString = Type.String({ pattern: `^${YEAR}-(0[1-9]|1[0-2])$`, maxLength: 7, description: 'YYYY-MM, a year from 2000 to 2100' });
export const Ok = Type.Object({ ok: Type.Boolean() });

/** A string enum with its literal type kept (and `enum` in the OpenAPI document). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
