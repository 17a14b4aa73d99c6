import fc from 'fast-check';

/**
 * Schema-driven generators for the bad-input fuzz test: a valid value from a (JSON/OpenAPI) schema,
 * and the same value made invalid by a chain of hostile mutations whose last one always breaks the
 * schema (wrong type, missing required field, unknown field, violated bound, or a non-object body).
 */

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Sets an own, enumerable property even for `__proto__`, so that JSON.stringify sends it. */
export function setOwn(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = kind === 'array' ? [] : {};
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

const SQL = [
  "'; drop table cases; --",
  "' OR 1=1 --",
  "\" OR \"\"=\"",
  "1; DELETE FROM users WHERE 1=1",
  "Robert'); DROP TABLE departments;--",
  "' UNION SELECT password_hash FROM users --",
  '%\' AND pg_sleep(5) IS NULL --',
  '$$; truncate case_events; $$',
];

/** Strings to put where text is expected: they may or may not fit the field. */
export const HOSTILE_STRINGS: string[] = [
  '', ' ', '\u0000', 'a\u0000b', '市场\u0000监管', '\u0000'.repeat(64),
  '😀', '😀'.repeat(30), '👨‍👩‍👧‍👦', '𠮷野家', '\ud800', '\udfff', 'ab\ud83dcd', '\udc00\ud800',
  ...SQL,
  'NaN', 'Infinity', '-Infinity', '-1', '0', '1e309', '0x7fffffff', '9'.repeat(40), 'null', 'undefined', 'true', '[]', '{}',
  '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '../../../../etc/passwd', '%00', '%s%s%s%n', '\r\nSet-Cookie: x=1',
  '\u202egnp.exe', '\ufeff', '\u200b', ' '.repeat(300), 'A'.repeat(201),
];

export const HUGE_STRINGS: string[] = [
  'x'.repeat(100_001),
  '\u0000'.repeat(100_001),
  '😀'.repeat(60_000),
  ("'; drop table cases; --" + '\u0000').repeat(5_000),
  '\ud800'.repeat(50_000),
];

export const HOSTILE_NUMBERS: number[] = [
  -1, -0, 0.5, 1.5, -2147483649, 2147483648, 4294967296, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER,
  1e21, 1e308, -1e308, Number.MIN_VALUE, 3650.0001, 100000001,
];

/** Keys nobody documents: prototype pollution attempts, SQL and control characters. */
export const HOSTILE_KEYS: string[] = [
  '__proto__', 'constructor', 'prototype', 'isAdmin', 'role', 'id', 'centerId', 'version', 'status', '$where', '$gt',
  "'; drop table cases; --", '\u0000', 'a\u0000b', '😀', '\ud800', '', ' ', 'toString', 'hasOwnProperty', 'x'.repeat(2_000),
];

/** Values of every JSON type, hostile ones included. */
export const HOSTILE_VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2,
  '', '\u0000', "' OR 1=1 --", '😀\ud800', 'NaN',
  [], [null], [[[]]], ['x'], [{}], [JSON.parse('{"__proto__": null}')],
  {}, { isAdmin: true }, { $gt: '' }, { length: -1 }, { toString: 'x' },
  nested(200, 'array'), nested(200, 'object'),
];

/** A value whose JSON type differs from the schema's type. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, type: string | undefined): boolean {
  if (!type) return true;
  const t = jsonType(v);
  if (type === 'number') return t === 'number' || t === 'integer';
  return t === type;
}

export function fits(s: string, schema: JsonSchema): boolean {
  const len = [...s].length; // JSON-schema lengths count code points
  if (schema.minLength !== undefined && len < schema.minLength) return false;
  if (schema.maxLength !== undefined && len > schema.maxLength) return false;
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test(s)) return false;
  if (schema.enum && !schema.enum.includes(s)) return false;
  return true;
}

/** Real values per field or parameter name (item codes, case numbers…): valid requests then reach past the lookups. */
export type Hints = Record<string, readonly unknown[]>;

/** Days that exist, around the demo's "now" (2026-11-16). */
const realDay = fc.integer({ min: Date.UTC(2025, 10, 1), max: Date.UTC(2027, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));

/** A value the schema accepts; strings include the hostile ones that happen to fit. */
export function validValue(schema: JsonSchema, hints: Hints = {}): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return fc.oneof(...alt.map((a) => validValue(a, hints)));
  // OpenAPI 3.1: a nullable field is `type: [T, 'null']`.
  const type: unknown = schema.type;
  const types = Array.isArray(type) ? (type as string[]) : undefined;
  if (types) return fc.oneof(...types.map((type) => validValue({ ...schema, type }, hints)));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'string': {
      // Dates by pattern alone are mostly impossible ones (2602-44-44): mostly real days, so that valid requests get past the date check.
      // (A pattern is date-shaped if a real day, or month, fits it and letters do not.)
      const fitsPattern = (v: string) => new RegExp(schema.pattern!, 'u').test(v);
      if (schema.pattern && fitsPattern('2026-11-16') && !fitsPattern('abcd-ef-gh') && !fitsPattern('ABCD-EF-GH')) {
        return fc.oneof({ weight: 4, arbitrary: realDay }, { weight: 1, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) });
      }
      if (schema.pattern && fitsPattern('2026-11') && !fitsPattern('abcd-ef') && !fitsPattern('ABCD-EF') && !fitsPattern('2026-11-16')) {
        return fc.oneof({ weight: 4, arbitrary: realDay.map((d) => d.slice(0, 7)) }, { weight: 1, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) });
      }
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? min + 20, min + 20);
      const plain = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern)).filter((s) => fits(s, schema))
        : fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }).filter((s) => fits(s, schema));
      const hostile = HOSTILE_STRINGS.filter((s) => fits(s, schema));
      return hostile.length ? fc.oneof(plain, fc.constantFrom(...hostile)) : plain;
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
    case 'number': {
      const min = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1e-6 : schema.minimum ?? -1e6;
      const max = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1e-6 : schema.maximum ?? 1e6;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}, hints), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 2, 2)),
      });
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(props)) {
        const real = (hints[k] ?? []).filter((v) => typeof v !== 'string' || s.type !== 'string' || fits(v, s));
        model[k] = real.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: validValue(s, hints) }) : validValue(s, hints);
      }
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) }) as fc.Arbitrary<unknown>;
    }
    default:
      return fc.constantFrom<unknown>('x', 1, true, null);
  }
}

type Path = (string | number)[];
interface Site { path: Path; schema: JsonSchema }

/** Every place in `value` that the schema describes, the root first. */
function sites(value: unknown, schema: JsonSchema, path: Path = []): Site[] {
  const out: Site[] = [{ path, schema }];
  if (schema.type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, s] of Object.entries(schema.properties ?? {})) {
      if (Object.prototype.hasOwnProperty.call(value, k)) out.push(...sites((value as Record<string, unknown>)[k], s, [...path, k]));
    }
  } else if (schema.type === 'array' && Array.isArray(value) && schema.items) {
    value.forEach((v, i) => out.push(...sites(v, schema.items!, [...path, i])));
  }
  return out;
}

function get(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) v = (v as Record<string | number, unknown>)[p];
  return v;
}

/** Replaces the value at `path`; the root is replaced through the returned value. */
function put(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = get(root, path.slice(0, -1)) as Record<string, unknown>;
  setOwn(parent, path[path.length - 1]!, value);
  return root;
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

const describePath = (p: Path) => (p.length ? p.join('.') : '(body)');

/** Leaves the value valid or not: puts hostile text and numbers where text and numbers go. */
function decorate(root: unknown, schema: JsonSchema, [a, b]: [number, number, number], notes: string[]): unknown {
  const all = sites(root, schema);
  const site = pick(all, a);
  if (site.schema.type === 'string' || site.schema.enum) {
    const s = pick(HOSTILE_STRINGS, b);
    notes.push(`${describePath(site.path)}=hostile-string`);
    return put(root, site.path, s);
  }
  if (site.schema.type === 'integer' || site.schema.type === 'number') {
    notes.push(`${describePath(site.path)}=hostile-number`);
    return put(root, site.path, pick(HOSTILE_NUMBERS, b));
  }
  if (site.schema.type === 'array') {
    notes.push(`${describePath(site.path)}=many-items`);
    const arr = get(root, site.path) as unknown[];
    return put(root, site.path, arr.length ? Array.from({ length: (b % 3) * 60 + 1 }, () => arr[0]) : arr);
  }
  return root;
}

/** Always makes the value invalid. */
function breakIt(root: unknown, schema: JsonSchema, [kind, a, b]: [number, number, number], notes: string[]): unknown {
  const all = sites(root, schema);
  const objects = all.filter((s) => s.schema.type === 'object' && s.schema.additionalProperties === false);
  const withRequired = all.filter((s) => (s.schema.required?.length ?? 0) > 0);
  switch (kind % 6) {
    case 0: { // wrong type at some site
      const site = pick(all, a);
      const wrong = HOSTILE_VALUES.filter((v) => !typeMatches(v, site.schema.type) && !(site.schema.enum?.includes(v)));
      notes.push(`${describePath(site.path)}=wrong-type`);
      return put(root, site.path, pick(wrong, b));
    }
    case 1: { // a required field missing
      if (withRequired.length) {
        const site = pick(withRequired, a);
        const key = pick(site.schema.required!, b);
        const obj = get(root, site.path) as Record<string, unknown>;
        notes.push(`${describePath([...site.path, key])}=missing`);
        delete obj[key];
        return root;
      }
      return breakIt(root, schema, [2, a, b], notes);
    }
    case 2: { // an unknown field
      if (objects.length) {
        const site = pick(objects, a);
        const key = pick(HOSTILE_KEYS, b);
        const obj = get(root, site.path) as Record<string, unknown>;
        if (!(site.schema.properties && Object.prototype.hasOwnProperty.call(site.schema.properties, key))) {
          notes.push(`${describePath(site.path)}[${JSON.stringify(key).slice(0, 20)}]=unknown-field`);
          setOwn(obj, key, key === '__proto__' || key === 'constructor' ? { isAdmin: true, prototype: { isAdmin: true } } : pick(HOSTILE_VALUES, a + b));
          return root;
        }
      }
      return breakIt(root, schema, [0, a, b], notes);
    }
    case 3: { // a bound, pattern or enum violated
      const site = pick(all, a);
      const s = site.schema;
      const options: unknown[] = [];
      if (s.type === 'string' || s.enum) {
        if (s.maxLength !== undefined) options.push(pick(HUGE_STRINGS, b), 'y'.repeat(s.maxLength + 1));
        if ((s.minLength ?? 0) > 0) options.push('');
        options.push(...HOSTILE_STRINGS.filter((h) => !fits(h, s)));
      }
      if (s.type === 'integer' || s.type === 'number') {
        if (s.minimum !== undefined) options.push(s.minimum - 1);
        if (s.exclusiveMinimum !== undefined) options.push(s.exclusiveMinimum, -1);
        if (s.maximum !== undefined) options.push(s.maximum + 1, 1e308);
        if (s.type === 'integer') options.push(0.5, s.minimum !== undefined ? s.minimum + 0.25 : 1.25);
      }
      if (s.type === 'array' && s.maxItems !== undefined) {
        const arr = get(root, site.path) as unknown[];
        options.push(Array.from({ length: s.maxItems + 1 }, () => arr[0] ?? 'x'));
      }
      if (!options.length) return breakIt(root, schema, [0, a, b], notes);
      notes.push(`${describePath(site.path)}=out-of-bounds`);
      return put(root, site.path, pick(options, b));
    }
    case 4: { // the body is not an object at all
      const bodies: unknown[] = [[], [root], 'body', 42, -1, 1e308, true, false, nested(500, 'array'), ['__proto__'], HUGE_STRINGS[0]];
      notes.push('(body)=not-an-object');
      return pick(bodies, b);
    }
    default: { // an array where an object is expected, an object where an array is
      const site = pick(all, a);
      const v = get(root, site.path);
      notes.push(`${describePath(site.path)}=shape-swap`);
      if (site.schema.type === 'object') return put(root, site.path, [v]);
      if (site.schema.type === 'array') return put(root, site.path, { 0: (v as unknown[])[0] ?? null, length: 1 });
      return put(root, site.path, { value: v });
    }
  }
}

export interface BadBody { body: unknown; notes: string[] }

const step = fc.tuple(fc.nat(), fc.nat(), fc.nat());

/**
 * A body the schema refuses: a valid one, then 0–3 hostile decorations, then one breaking mutation.
 * `isValid` double-checks: should the mutations cancel out, an unknown root field is added.
 */
export function invalidBody(schema: JsonSchema, isValid: (v: unknown) => boolean): fc.Arbitrary<BadBody> {
  return fc.tuple(validValue(schema), fc.array(step, { maxLength: 3 }), step).map(([base, decorations, breaking]) => {
    const notes: string[] = [];
    let v: unknown = JSON.parse(JSON.stringify(base));
    for (const d of decorations) v = decorate(v, schema, d, notes);
    v = breakIt(v, schema, breaking, notes);
    if (isValid(JSON.parse(JSON.stringify(v)))) {
      notes.push('(body)[unknown]=fallback');
      if (v && typeof v === 'object' && !Array.isArray(v)) setOwn(v as Record<string, unknown>, "'; drop table cases; --", 1);
      else v = [v];
    }
    return { body: v, notes };
  });
}

/** Raw payloads that are not JSON at all (or are refused by the JSON parser): always a 4xx. */
export const RAW_INVALID: { data: string | Uint8Array; note: string }[] = [
  { data: '', note: 'empty' },
  { data: '{', note: 'truncated' },
  { data: '{"a":', note: 'truncated-value' },
  { data: "{'username': 'admin'}", note: 'single-quotes' },
  { data: '{"warningDays": NaN}', note: 'NaN-literal' },
  { data: '{"x": undefined}', note: 'undefined-literal' },
  { data: '[1,2,', note: 'truncated-array' },
  { data: '\u0000', note: 'NUL' },
  { data: 'undefined', note: 'undefined' },
  { data: '{"a":1}{"b":2}', note: 'two-documents' },
  { data: '{"__proto__": {"isAdmin": true}}', note: 'proto-poisoning' },
  { data: '{"a": {"__proto__": {"isAdmin": true}}}', note: 'nested-proto-poisoning' },
  { data: '{"constructor": {"prototype": {"isAdmin": true}}}', note: 'constructor-poisoning' },
  { data: '['.repeat(100_000), note: 'deep-unterminated' },
  { data: "'; drop table cases; --", note: 'sql' },
  { data: new Uint8Array([0xff, 0xfe, 0xfd, 0x00, 0xc3, 0x28]), note: 'invalid-utf8' },
  { data: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22]), note: 'utf8-lone-surrogate-unterminated' },
  { data: '\ufeff{"a":1', note: 'bom-truncated' },
];

/** JSON bodies that are well-formed however hostile: for routes that take no body they are still JSON. */
export const RAW_JSON_ODDITIES: string[] = [
  '['.repeat(5_000) + ']'.repeat(5_000),
  '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000),
  '1e400', '-1e400', 'null', '"\\u0000"', '"\\ud800"', '123456789012345678901234567890',
];

/** Content types Fastify has no parser for: 415 whatever the body. */
export const UNSUPPORTED_TYPES = [
  'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----fuzz', 'application/xml', 'application/octet-stream', 'image/png',
];

/** The business tables: a refused request must leave every one of them as it was (sessions and derived statistics are left out). */
export const BUSINESS_TABLES = [
  'centers', 'departments', 'users', 'items', 'item_versions', 'calendar_overrides', 'calendar_years', 'settings', 'admin_log',
  'login_throttle', 'case_counters', 'cases', 'case_tasks', 'case_events', 'idempotency_keys', 'outbox',
  'applicants', 'applicant_sessions', 'applicant_login_codes', 'uploads', 'case_files',
  'appointment_categories', 'appointment_slots', 'appointments',
  'supervision_notices', 'supervision_answers', 'supervision_notice_events', 'supervision_reviews',
  'warning_alerts', 'department_heads',
  'service_events', 'catalog_files',
  'queue_categories', 'hall_windows', 'queue_counters', 'queue_tickets', 'queue_calls', 'ratings', 'rating_followups', 'complaints',
];

const enc = encodeURIComponent;
/** Path segments, already URL-encoded, that name nothing real; some are not even valid UTF-8. */
export const HOSTILE_SEGMENTS = [
  enc("' OR 1=1 --"), enc("'; drop table cases; --"), '%00', 'a%00b', 'SCJG%00', '%ED%A0%80', '%FF%FE', '%C3%28', '%', '%zz', '..', '.',
  enc('../admin'), '%2e%2e', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', enc('😀'), enc('𠮷'), '-1', '0', 'NaN', 'Infinity',
  '1e309', '2027.5', '99999999999999999999', '%20', 'null', 'undefined', enc('[object Object]'), 'x'.repeat(101), 'x'.repeat(5000),
  enc('a/b'), '%252e', enc('<script>alert(1)</script>'), enc('${7*7}'), enc('\r\n'),
];

/**
 * An OpenAPI 3.0 schema as JSON Schema for Ajv and the generators: boolean `exclusiveMinimum`/`exclusiveMaximum`
 * (3.0) become the numeric form (draft 6+). Returns a deep copy.
 */
export function toJsonSchema<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(toJsonSchema) as T;
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'enum' || k === 'example' || k === 'default' ? v : toJsonSchema(v);
  for (const [ex, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[ex] === 'boolean') {
      if (out[ex] === true && typeof out[bound] === 'number') { out[ex] = out[bound]; delete out[bound]; } else delete out[ex];
    }
  }
  return out as T;
}
