import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { call, startTestServer, type TestServer } from '../helpers/test-server.js';
import { act, allMaterials, COMPANY, findItem, intake, PERSON } from '../helpers/cases.js';
import { PDF, uploadAs } from '../helpers/applicant.js';
import {
  BUSINESS_TABLES, HOSTILE_SEGMENTS, HOSTILE_STRINGS, HOSTILE_VALUES, HUGE_STRINGS, invalidBody, RAW_INVALID, RAW_JSON_ODDITIES,
  toJsonSchema, UNSUPPORTED_TYPES, validValue, type Hints, type JsonSchema,
} from './fuzz-body.js';

/**
 * The API contract (issue 14): every operation of the served OpenAPI document, as anonymous, as a desk
 * user, as an approver, as an admin (and as a signed-in applicant for /api/applicant/*), gets requests
 * that are valid by the documented schema (with real path values from the demo data, so they reach deep
 * code) and mutated ones (wrong types, 100k-character strings, NUL, lone surrogates, RTL marks, impossible
 * dates, negative and huge numbers, extra and missing fields and parameters, malformed JSON, wrong content
 * types, encoded `../` and `%00` in path parameters). It fails on
 *  - any 5xx;
 *  - an answer the document does not declare: an undeclared status, a content type the status does not
 *    list, a JSON body the declared schema (Ajv with ajv-formats) refuses;
 *  - a 4xx that changed a business table. Instead of hashing every table after every request (as
 *    bad-input.test.ts does once per endpoint), row triggers on the business tables count the rows each
 *    request inserts, updates or deletes; a 2xx may change them, a 4xx may not.
 * Failures are collected over the whole run and reported together (one line per operation, role and kind).
 *
 * FUZZ_RUNS: requests per operation and role (default 6: about half valid, half mutated; 6 takes about 75 s on PGlite, 60 s on PostgreSQL on a busy 2-core machine); FUZZ_SEED reproduces a
 * run; FUZZ_STATS=1 prints operations, requests and per-status counts.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false, logger: false }));

/** Legitimate writes of a refused request: counting failed sign-ins and wrong codes is what refuses the next ones. */
const THROTTLE_TABLES = new Set(['login_throttle', 'applicant_login_codes']);

type Role = 'anon' | 'desk' | 'approver' | 'admin' | 'supervisor' | 'applicant';
const STAFF: Record<Exclude<Role, 'anon' | 'applicant'>, string> = { desk: 'desk1', approver: 'approver-scjg', admin: 'admin', supervisor: 'supervisor' };
const APPLICANT_PHONE = PERSON.phone;

interface Creds { cookie: string; csrf: string }

let s: TestServer;
let doc: any;
/** An item with its materials, so that an intake body can be complete. */
let food: Awaited<ReturnType<typeof findItem>>;
const creds = new Map<Role, Creds>();
let relogins = 0;

// ─── Sessions ───────────────────────────────────────────────────────────────────────────────

/** Each sign-in from its own address: the fuzzer's failed logins may have throttled 127.0.0.1. */
async function signInStaff(role: keyof typeof STAFF): Promise<void> {
  const res = await s.app.inject({
    method: 'POST', url: '/api/auth/login', remoteAddress: `10.77.${relogins >> 8 & 255}.${relogins++ & 255}`,
    payload: { username: STAFF[role], password: 'onewindow-demo' },
  });
  if (res.statusCode !== 200) throw new Error(`login ${STAFF[role]}: ${res.statusCode} ${res.body}`);
  creds.set(role, { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken });
}

async function signInApplicant(): Promise<void> {
  const remoteAddress = `10.78.${relogins >> 8 & 255}.${relogins++ & 255}`;
  // One code a minute per phone: the server's clock moves on past that (the fuzzer may have asked for one).
  s.clock.advance(61_000);
  const sent = await s.app.inject({ method: 'POST', url: '/api/applicant/code', remoteAddress, payload: { phone: APPLICANT_PHONE } });
  if (sent.statusCode !== 200) throw new Error(`applicant code: ${sent.statusCode} ${sent.body}`);
  const [row] = await rows<{ body: string }>(`select body from outbox where template = 'login-code' and recipient = '${APPLICANT_PHONE}' order by id desc limit 1`);
  const code = /验证码为(\d{6})/.exec(row?.body ?? '')?.[1];
  const res = await s.app.inject({ method: 'POST', url: '/api/applicant/login', remoteAddress, payload: { phone: APPLICANT_PHONE, code } });
  if (res.statusCode !== 200) throw new Error(`applicant login: ${res.statusCode} ${res.body}`);
  creds.set('applicant', { cookie: String(res.headers['set-cookie']).split(';')[0]!, csrf: res.json().csrfToken });
}

/** Signs in again whoever a request logged out (logout, a password reset, a disabled account). */
async function keepSignedIn(): Promise<void> {
  for (const role of Object.keys(STAFF) as (keyof typeof STAFF)[]) {
    const me = await call(s.url, 'GET', '/api/auth/me', undefined, { cookie: creds.get(role)!.cookie });
    if (me.status !== 200) await signInStaff(role);
  }
  const me = await call(s.url, 'GET', '/api/applicant/me', undefined, { cookie: creds.get('applicant')!.cookie });
  if (me.status !== 200) await signInApplicant();
}

// ─── The database ───────────────────────────────────────────────────────────────────────────

async function rows<T>(query: string): Promise<T[]> {
  const res = await s.database.db.execute(sql.raw(query));
  return (res as unknown as { rows: T[] }).rows;
}

/** Row triggers that count, per business table, the rows changed since the last look. */
async function installChangeCounter(): Promise<void> {
  await rows(`create table if not exists fuzz_changes (tbl text primary key, n bigint not null)`);
  await rows(`create or replace function fuzz_count_change() returns trigger language plpgsql as $$
    begin
      -- Reaching for a case or a file another department owns is refused (403/404) and rightly logged.
      -- (Nested: plpgsql does not promise to short-circuit, and other tables have no "action".)
      if tg_table_name = 'admin_log' and tg_op = 'INSERT' then
        if new.action like '%.access-denied' then return null; end if;
      end if;
      insert into fuzz_changes values (tg_table_name, 1) on conflict (tbl) do update set n = fuzz_changes.n + 1;
      return null;
    end $$`);
  for (const t of BUSINESS_TABLES) {
    await rows(`drop trigger if exists fuzz_count_change on ${t}`);
    await rows(`create trigger fuzz_count_change after insert or update or delete on ${t} for each row execute function fuzz_count_change()`);
  }
}

async function takeChanges(): Promise<string[]> {
  const changed = await rows<{ tbl: string; n: number }>(`delete from fuzz_changes returning tbl, n`);
  return changed.map((r) => `${r.tbl}×${r.n}`).sort();
}

// ─── Operations ─────────────────────────────────────────────────────────────────────────────

interface Param { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }
interface Operation {
  method: string;
  path: string;
  params: Param[];
  body?: { type: 'json' | 'multipart'; schema: JsonSchema; required: boolean };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
}

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    if (path.startsWith('/api/docs')) continue;
    // A live feed (server-sent events) never finishes its answer: there is no response to check. Its
    // parameters are checked in test/api/queue.test.ts.
    if (path.endsWith('/stream')) continue;
    for (const [method, op] of Object.entries<any>(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params: Param[] = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .filter((p: any) => p.in === 'path' || p.in === 'query')
        .map((p: any) => ({ name: p.name, in: p.in, required: !!p.required || p.in === 'path', schema: p.schema ?? {} }));
      const content = op.requestBody?.content ?? {};
      const body = content['application/json']
        ? { type: 'json' as const, schema: content['application/json'].schema ?? {}, required: !!op.requestBody.required }
        : content['multipart/form-data']
          ? { type: 'multipart' as const, schema: content['multipart/form-data'].schema ?? {}, required: true }
          : undefined;
      out.push({ method: method.toUpperCase(), path, params, body, responses: op.responses ?? {} });
    }
  }
  return out;
}

function rolesFor(op: Operation): Role[] {
  const roles: Role[] = ['anon', 'desk', 'approver', 'admin'];
  if (op.path.startsWith('/api/applicant/')) roles.push('applicant');
  // Oversight is the supervisor's: without one those operations would only ever answer 403.
  if (/supervision|complaint|ratings|stats|bulletin/.test(op.path)) roles.push('supervisor');
  return roles;
}

const enc = (v: unknown): string => {
  const text = String(v);
  try {
    return encodeURIComponent(text);
  } catch {
    // A lone surrogate cannot be UTF-8: send the bytes a careless encoder would (CESU-8), invalid UTF-8.
    return [...text].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
};

/** Accounts the fuzzer signs in with: an admin request must not disable them or change their password. */
let protectedUserIds: number[] = [];

/** Real values for a path parameter, read from the database when the operation's turn comes (earlier 2xx may have made more). */
async function realValues(op: Operation, name: string): Promise<string[]> {
  const p = op.path;
  const q = async (query: string) => (await rows<{ v: unknown }>(query)).map((r) => String(r.v));
  if (name === 'caseNo') return q(`select case_no as v from cases order by id desc limit 6`);
  if (name === 'code') {
    if (p.includes('/departments/')) return q(`select code as v from departments order by id limit 4`);
    if (p.includes('/appointments/categories/')) return q(`select code as v from appointment_categories order by id limit 3`);
    if (p.includes('/appointments/')) return q(`select code as v from appointments order by id desc limit 3`);
    if (p.includes('/complaints/')) return q(`select code as v from complaints order by id desc limit 3`);
    return q(`select code as v from items where status = 'published' order by id limit 4`);
  }
  if (name === 'id') {
    if (p.includes('/admin/users/')) return q(`select id as v from users where id not in (${protectedUserIds.join(',')}) order by id limit 4`);
    if (p.includes('/supervision/notices/')) return q(`select id as v from supervision_notices order by id desc limit 3`);
    if (p.includes('/supervision/alerts/')) return q(`select id as v from warning_alerts order by id desc limit 3`);
    if (p.includes('/queue/tickets/')) return q(`select id as v from queue_tickets order by id desc limit 3`);
    if (p.includes('/ratings/followups/')) return q(`select id as v from rating_followups order by id desc limit 3`);
    if (p.includes('complaint')) return q(`select id as v from complaints order by id desc limit 3`);
    if (p.includes('/admin/events/')) return q(`select id as v from service_events order by id limit 3`);
    if (p.includes('/catalog-files/')) return q(`select id as v from catalog_files order by id limit 3`);
    if (p.includes('/files/')) return q(`select id as v from uploads order by id limit 3`);
  }
  if (name === 'token') {
    if (p.includes('queue')) return q(`select token as v from queue_tickets order by id desc limit 3`);
    return q(`select reply_token as v from rating_followups order by id desc limit 3`);
  }
  if (name === 'number' || name === 'window') return q(`select number as v from hall_windows order by number limit 3`);
  if (name === 'ref') return q(`select slug as v from service_events order by id limit 3`);
  if (name === 'year') return ['2026', '2027'];
  if (name === 'date') return ['2026-12-08', '2026-12-25', '2027-01-01'];
  return [];
}

/** Real values for body fields and query parameters, by name (see validValue). */
async function hintsNow(): Promise<Hints> {
  const q = async (query: string) => (await rows<{ v: unknown }>(query)).map((r) => r.v);
  const items = await q(`select code as v from items where status = 'published' order by id limit 4`);
  const departments = await q(`select code as v from departments order by id limit 4`);
  const caseNos = await q(`select case_no as v from cases order by id desc limit 4`);
  const today = '2026-11-16';
  return {
    itemCode: [food.code, ...items], item: items, materials: [allMaterials(food)], expectedVersion: [1, 2, 3, 4], items: [items.slice(0, 2)], department: departments, caseNo: caseNos, resultCaseNos: [caseNos.slice(0, 1)],
    center: await q(`select code as v from centers order by id`),
    category: [...await q(`select code as v from appointment_categories order by id limit 3`), ...await q(`select prefix as v from queue_categories order by id limit 3`)],
    slotId: await q(`select id as v from appointment_slots where date >= '${today}' order by id limit 4`),
    appointmentCode: await q(`select code as v from appointments order by id desc limit 2`),
    ticketId: await q(`select id as v from queue_tickets order by id desc limit 2`),
    taskId: await q(`select id as v from case_tasks order by id desc limit 2`),
    uploadIds: [await q(`select id as v from uploads order by id limit 1`)],
    window: await q(`select number as v from hall_windows order by number limit 2`),
    windowNumber: await q(`select number as v from hall_windows order by number limit 2`),
    applicant: [PERSON, COMPANY], phone: [PERSON.phone], mobile: [PERSON.phone], contactPhone: [PERSON.phone], idNumber: [PERSON.idNumber],
    creditCode: [COMPANY.creditCode], from: ['2026-11-01', today], to: [today, '2026-12-31'], date: [today, '2026-11-17'], day: [today],
    month: ['2026-11', '2026-10'], year: [2026], channel: ['window'],
  };
}

// ─── Requests ───────────────────────────────────────────────────────────────────────────────

interface Outgoing {
  method: string;
  path: string;
  role: Role;
  data?: string | Uint8Array | FormData;
  contentType?: string;
  dropCsrf?: boolean;
  notes: string[];
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8'];
/** Path values that stay inside the route: a client normalises a bare `..`, so it goes out encoded. */
const PATH_MUTANTS = [
  ...HOSTILE_SEGMENTS.filter((v) => v !== '..' && v !== '.'),
  '..%2F..%2Fetc%2Fpasswd', '%2E%2E%2F%2E%2E%2F', '..%5C..%5C', 'a%00', '%00', '%E2%80%AE', '%ED%A0%80', '%F0%9F%98%80', 'x'.repeat(4000),
];
/** Query values that break a parameter (or may): wrong types, impossible dates, NUL, RTL, lone surrogates, long text. */
const QUERY_MUTANTS = [
  'abc', '', '-1', '0', '-2147483649', '2147483648', '99999999999999999999', '1e309', '1.5', 'NaN', 'true', 'null',
  '2026-02-30', '2026-13-01', '0000-00-00', '2026-2-3', '9999-12-31T99:99', '+275760-09-13', '%00', 'a%00b', '%E2%80%AEabc', '%ED%A0%80',
  '%FF', '%', '%zz', '..%2F..%2F', enc("' OR 1=1 --"), 'x'.repeat(5000), enc('😀'.repeat(500)),
];

function queryString(pairs: [string, string][]): string {
  return pairs.length ? '?' + pairs.map(([k, v]) => `${k}=${v}`).join('&') : '';
}

function multipart(fields: Record<string, unknown>, withFile: boolean, fileBytes: Uint8Array = PDF, fileType = 'application/pdf'): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (k !== 'file') form.append(k, String(v));
  if (withFile) form.append('file', new Blob([fileBytes as BlobPart], { type: fileType }), 'a.pdf');
  return form;
}

/** A request valid by the document: real or generated path values, query and body as the schemas describe. */
function validArb(op: Operation, role: Role, real: Map<string, string[]>, hints: Hints): fc.Arbitrary<Outgoing> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const pathArbs = pathParams.map((p) => {
    const values = real.get(p.name) ?? [];
    const generated = validValue(p.schema).map((v) => enc(v));
    return values.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values.map(enc)) }, { weight: 1, arbitrary: generated }) : generated;
  });
  const queryValue = (p: Param) => validValue({ type: 'object', properties: { [p.name]: p.schema }, required: [p.name] }, hints).map((o) => (o as Record<string, unknown>)[p.name]);
  const queryArbs = queryParams.map((p) => (p.required ? queryValue(p).map((v) => [v]) : fc.option(queryValue(p), { nil: undefined }).map((v) => (v === undefined ? [] : [v]))));
  const bodyArb: fc.Arbitrary<Pick<Outgoing, 'data' | 'contentType'>> = !op.body
    ? fc.constant({})
    : op.body.type === 'json'
      ? validValue(op.body.schema, hints).map((v) => ({ data: JSON.stringify(v), contentType: 'application/json' }))
      : validValue({ ...op.body.schema, properties: Object.fromEntries(Object.entries(op.body.schema.properties ?? {}).filter(([k]) => k !== 'file')) })
        .map((v) => ({ data: multipart(v as Record<string, unknown>, true) }));
  return fc.tuple(fc.tuple(...pathArbs), fc.tuple(...queryArbs), bodyArb).map(([pathValues, queryValues, body]) => {
    let path = op.path;
    pathParams.forEach((p, i) => { path = path.replace(`{${p.name}}`, pathValues[i]!); });
    const pairs: [string, string][] = [];
    queryParams.forEach((p, i) => { for (const v of queryValues[i] as unknown[]) pairs.push([p.name, enc(v)]); });
    return { method: op.method, path: path + queryString(pairs), role, ...body, notes: ['valid'] };
  });
}

/** The same request with one to three mutations. */
function mutatedArb(op: Operation, role: Role, real: Map<string, string[]>, hints: Hints): fc.Arbitrary<Outgoing> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const isValidBody = op.body?.type === 'json' ? ajv.compile(op.body.schema) : () => true;
  type Mutation = (o: Outgoing) => Outgoing;
  const mutations: fc.Arbitrary<Mutation>[] = [];
  if (pathParams.length) {
    mutations.push(fc.tuple(fc.nat(pathParams.length - 1), fc.constantFrom(...PATH_MUTANTS)).map(([i, v]) => (o: Outgoing) => {
      const name = pathParams[i]!.name;
      // Rebuild from the template: the other segments keep their values.
      const segments = op.path.split('/');
      const at = segments.indexOf(`{${name}}`);
      const [bare, query = ''] = o.path.split('?');
      const now = bare!.split('/');
      now[at] = v;
      return { ...o, path: now.join('/') + (query ? '?' + query : ''), notes: [...o.notes, `path:${name}=${v.slice(0, 30)}`] };
    }));
  }
  const withQuery = (o: Outgoing, edit: (pairs: [string, string][]) => [string, string][], note: string): Outgoing => {
    const [bare, query = ''] = o.path.split('?');
    const pairs = query ? query.split('&').map((kv) => kv.split('=') as [string, string]) : [];
    return { ...o, path: bare + queryString(edit(pairs)), notes: [...o.notes, note] };
  };
  if (queryParams.length) {
    mutations.push(fc.tuple(fc.constantFrom(...queryParams.map((p) => p.name)), fc.constantFrom(...QUERY_MUTANTS)).map(([name, v]) => (o: Outgoing) =>
      withQuery(o, (pairs) => [...pairs.filter(([k]) => k !== name), [name, v]], `query:${name}=${v.slice(0, 30)}`)));
    mutations.push(fc.constantFrom(...queryParams.map((p) => p.name)).map((name) => (o: Outgoing) =>
      withQuery(o, (pairs) => [...pairs, [name, '1'], [name, 'x']], `query:${name}-twice`)));
    const required = queryParams.filter((p) => p.required);
    if (required.length) {
      mutations.push(fc.constantFrom(...required.map((p) => p.name)).map((name) => (o: Outgoing) =>
        withQuery(o, (pairs) => pairs.filter(([k]) => k !== name), `query:${name}-missing`)));
    }
  }
  mutations.push(fc.constantFrom('__proto__', 'constructor', 'x', enc("'; drop table cases; --"), '%00').map((k) => (o: Outgoing) =>
    withQuery(o, (pairs) => [...pairs, [k, '1']], `query:extra-${k}`)));
  if (op.body?.type === 'json') {
    mutations.push(fc.tuple(invalidBody(op.body.schema, (v) => isValidBody(v)), fc.constantFrom(...JSON_TYPES)).map(([b, ct]) => (o: Outgoing) =>
      ({ ...o, data: JSON.stringify(b.body), contentType: ct, notes: [...o.notes, `body:${b.notes.join('|')}`] })));
    mutations.push(fc.constantFrom(...RAW_INVALID).map((r) => (o: Outgoing) => ({ ...o, data: r.data, contentType: 'application/json', notes: [...o.notes, `raw:${r.note}`] })));
    const fields = Object.keys(op.body.schema.properties ?? {});
    mutations.push(fc.tuple(fc.constantFrom(...HUGE_STRINGS), fc.constantFrom(...(fields.length ? fields : ['x']))).map(([h, field]) => (o: Outgoing) => {
      let base: unknown = {};
      try { base = JSON.parse(typeof o.data === 'string' ? o.data : '{}'); } catch { /* already broken */ }
      const obj = base && typeof base === 'object' && !Array.isArray(base) ? base : {};
      return { ...o, data: JSON.stringify({ ...obj, [field]: h }), contentType: 'application/json', notes: [...o.notes, `body:${field}=huge-string`] };
    }));
    mutations.push(fc.constant((o: Outgoing) => ({ ...o, data: undefined, contentType: undefined, notes: [...o.notes, 'body:none'] })));
  }
  if (op.body?.type === 'multipart') {
    mutations.push(fc.constantFrom<[string, Uint8Array, string]>(
      ['json', new TextEncoder().encode('{"file":"x"}'), 'application/json'],
      ['exe', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'application/pdf'],
      ['empty', new Uint8Array(), 'application/pdf'],
    ).map(([what, bytes, type]) => (o: Outgoing) => ({
      ...o,
      ...(what === 'json' ? { data: bytes, contentType: type } : { data: multipart({ materialCode: '../../x\u0000' }, true, bytes, type) }),
      notes: [...o.notes, `multipart:${what}`],
    })));
    mutations.push(fc.constant((o: Outgoing) => ({ ...o, data: multipart({ purpose: 'x'.repeat(1000) }, false), notes: [...o.notes, 'multipart:no-file'] })));
  }
  // Any operation: a body of the wrong content type, malformed JSON where none belongs, or an odd one.
  mutations.push(fc.tuple(fc.constantFrom(...UNSUPPORTED_TYPES, 'text/plain', 'application/json; charset=utf-16'), fc.constantFrom<unknown>({}, 'a=1', ...HOSTILE_VALUES.slice(0, 8)))
    .map(([ct, v]) => (o: Outgoing) => ({ ...o, data: typeof v === 'string' ? v : JSON.stringify(v), contentType: ct, notes: [...o.notes, `content-type:${ct}`] })));
  if (!op.body) {
    mutations.push(fc.constantFrom(...RAW_JSON_ODDITIES, ...RAW_INVALID.map((r) => r.data).filter((d): d is string => typeof d === 'string'))
      .map((d) => (o: Outgoing) => ({ ...o, data: d, contentType: 'application/json', notes: [...o.notes, 'unexpected-json'] })));
  }
  if (op.method !== 'GET') mutations.push(fc.constant((o: Outgoing) => ({ ...o, dropCsrf: true, notes: [...o.notes, 'no-csrf'] })));
  return fc.tuple(validArb(op, role, real, hints), fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 3 }))
    .map(([o, ms]) => ms.reduce((acc, m) => m(acc), { ...o, notes: ['mutated'] }));
}

function requestArb(op: Operation, role: Role, real: Map<string, string[]>, hints: Hints): fc.Arbitrary<Outgoing> {
  return fc.oneof(validArb(op, role, real, hints), mutatedArb(op, role, real, hints));
}

interface Answer { status: number; contentType: string; text: string }

async function send(o: Outgoing): Promise<Answer> {
  // GET and DELETE bodies: fetch refuses a body on GET; send those without it.
  const headers: Record<string, string> = {};
  const who = o.role === 'anon' ? undefined : creds.get(o.role);
  if (who) {
    headers.cookie = who.cookie;
    if (!o.dropCsrf) headers['x-csrf-token'] = who.csrf;
  }
  const withBody = o.method !== 'GET' && o.data !== undefined;
  if (withBody && o.contentType) headers['content-type'] = o.contentType;
  const res = await fetch(s.url + o.path, { method: o.method, headers, body: withBody ? (o.data as BodyInit) : undefined, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

// ─── The contract ───────────────────────────────────────────────────────────────────────────

const validators = new Map<string, ValidateFunction>();

/** What is wrong with the answer, by the document; undefined if nothing. */
function breach(op: Operation, res: Answer): { kind: string; detail: string } | undefined {
  if (res.status >= 500) return { kind: '5xx', detail: res.text.slice(0, 300) };
  const declared = op.responses[String(res.status)] ?? op.responses[`${String(res.status)[0]}XX`] ?? op.responses.default;
  if (!declared) return { kind: `undeclared ${res.status}`, detail: `declared: ${Object.keys(op.responses).join(',')}; body ${res.text.slice(0, 200)}` };
  const content = declared.content ?? {};
  const types = Object.keys(content);
  const mime = res.contentType.split(';')[0]!.trim().toLowerCase();
  if (!types.length) return res.text.length ? { kind: `${res.status} body not declared`, detail: `${mime}: ${res.text.slice(0, 200)}` } : undefined;
  const match = types.find((t) => t === mime) ?? types.find((t) => t === '*/*' || (t.endsWith('/*') && mime.startsWith(t.slice(0, -1))));
  if (!match) return { kind: `${res.status} content type ${mime || '(none)'}`, detail: `declared: ${types.join(',')}; body ${res.text.slice(0, 120)}` };
  if (match === 'application/json' || match.endsWith('+json')) {
    let body: unknown;
    try { body = JSON.parse(res.text); } catch { return { kind: `${res.status} not JSON`, detail: res.text.slice(0, 200) }; }
    const key = `${op.method} ${op.path} ${res.status} ${match}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(content[match]!.schema ?? {});
      validators.set(key, validate);
    }
    if (!validate(body)) {
      const errors = (validate.errors ?? []).slice(0, 4).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
      return { kind: `${res.status} schema: ${errors[0]}`, detail: `${errors.join('; ')}\n      body ${res.text.slice(0, 300)}` };
    }
  }
  return undefined;
}

/** The setup's own answers (deep states the fuzzer rarely reaches) are held to the contract too. */
const setupBreaches: string[] = [];
function checkSetup(method: string, template: string, res: { status: number; body: unknown; headers: Headers }): void {
  const op = operations().find((o) => o.method === method && o.path === template);
  if (!op) { setupBreaches.push(`${method} ${template}: not in the document`); return; }
  const b = breach(op, { status: res.status, contentType: res.headers.get('content-type') ?? '', text: JSON.stringify(res.body) });
  if (b) setupBreaches.push(`${method} ${template} [${b.kind}] ${b.detail}`);
}

function describeOut(o: Outgoing): string {
  const data = o.data === undefined ? '' : typeof o.data === 'string' ? o.data.slice(0, 200) : o.data instanceof FormData ? '<form>' : `<${o.data.length} bytes>`;
  return `${o.method} ${o.path.slice(0, 160)} as ${o.role} ct=${o.contentType ?? '-'} [${o.notes.join(', ').slice(0, 200)}] body=${JSON.stringify(data)}`;
}

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  doc = toJsonSchema((await call(s.url, 'GET', '/api/docs/json')).body);
  for (const role of Object.keys(STAFF) as (keyof typeof STAFF)[]) await signInStaff(role);
  protectedUserIds = (await rows<{ id: number }>(`select id from users where username in ('admin', 'desk1', 'approver-scjg', 'supervisor')`)).map((r) => r.id);
  // Entities the demo data has none of, so that valid requests find something real.
  const desk = creds.get('desk')!;
  const approver = creds.get('approver')!;
  const staff = (c: Creds) => (method: string, path: string, body?: unknown) => call(s.url, method, path, body, { cookie: c.cookie, 'x-csrf-token': c.csrf });
  food = await findItem(s, '食品经营许可');
  const deskSession = { ...desk, request: staff(desk) };
  const made = [
    await intake(deskSession, food, { applicant: COMPANY }),
    await intake(deskSession, food, { applicant: PERSON }),
    await staff(desk)('POST', '/api/cases', {
      itemCode: food.code, applicant: PERSON, channel: 'window', materials: allMaterials(food).map((m, i) => ({ ...m, provided: i > 0 })),
    }),
  ];
  for (const r of made) expect(r.status, JSON.stringify(r.body)).toBe(201);
  for (const r of made) checkSetup('POST', '/api/cases', r);
  expect((await staff(approver)('POST', `/api/cases/${made[0]!.body.caseNo}/actions`, { action: 'accept', expectedVersion: 1 })).status).toBe(200);
  // Cases in the states whose clocks differ: decided and completed (timeliness set), returned, and one still open.
  const approverSession = { ...approver, request: staff(approver) };
  const more = [await intake(deskSession, food), await intake(deskSession, food), await intake(deskSession, food)];
  for (const r of more) expect(r.status, JSON.stringify(r.body)).toBe(201);
  const [done, returned, open] = more.map((r) => r.body.caseNo as string);
  for (const [no, action, body] of [
    [done, 'accept', {}], [done, 'approve', {}], [done, 'complete', { data: { resultNo: 'JY-FUZZ-1' } }],
    [returned, 'accept', {}], [returned, 'return', { comment: '经营场所不在本县' }], [open, 'accept', {}],
  ] as const) {
    const r = await act(approverSession, no!, action, body);
    checkSetup('POST', '/api/cases/{caseNo}/actions', r);
    expect(r.status, `${action} ${JSON.stringify(r.body)}`).toBe(200);
  }
  const complaint = await call(s.url, 'POST', '/api/public/complaints', {
    kind: 'complaint', about: 'window', windowNumber: 3, contactName: '李四', contactPhone: '13500001111', subject: '排队时间长', content: '上午排了两个小时',
  });
  expect(complaint.status, JSON.stringify(complaint.body)).toBe(201);
  checkSetup('POST', '/api/public/complaints', complaint);
  const notice = await staff(creds.get('supervisor')!)('POST', '/api/supervision/notices', { caseNo: made[0]!.body.caseNo, subject: '请说明办理进度', body: '请于期限内书面说明。' });
  expect(notice.status, JSON.stringify(notice.body)).toBe(201);
  checkSetup('POST', '/api/supervision/notices', notice);
  const generated = await staff(creds.get('admin')!)('POST', '/api/admin/appointments/categories/SS/generate', { days: 6 });
  expect(generated.status, JSON.stringify(generated.body)).toBe(200);
  checkSetup('POST', '/api/admin/appointments/categories/{code}/generate', generated);
  const [slot] = await rows<{ id: number }>(`select s.id from appointment_slots s join appointment_categories c on c.id = s.category_id where c.code = 'SS' and s.date > '2026-11-16' order by s.id limit 1`);
  const booked = await call(s.url, 'POST', '/api/public/appointments', { category: 'SS', slotId: slot?.id, name: '李四', mobile: PERSON.phone });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  checkSetup('POST', '/api/public/appointments', booked);
  // Tickets: one served and rated low (a follow-up), one waiting.
  expect((await call(s.url, 'POST', '/api/public/queue/tickets', { category: 'A', mobile: '13700001111' })).status).toBe(201);
  expect((await call(s.url, 'POST', '/api/public/queue/tickets', { category: 'A' })).status).toBe(201);
  expect((await staff(desk)('POST', '/api/queue/windows/1/sit')).status).toBe(200);
  const called = await staff(desk)('POST', '/api/queue/windows/1/call-next');
  expect(called.status, JSON.stringify(called.body)).toBe(200);
  checkSetup('POST', '/api/queue/windows/{number}/call-next', called);
  const ticketId = called.body.called.id as number;
  for (const step of ['start', 'finish']) {
    const r = await staff(desk)('POST', `/api/queue/tickets/${ticketId}/${step}`, {});
    expect(r.status, `${step} ${JSON.stringify(r.body)}`).toBe(200);
    checkSetup('POST', '/api/queue/tickets/{id}/{step}', r);
  }
  const rated = await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId, level: 1, reasons: ['attitude'] });
  checkSetup('POST', '/api/public/pad/{window}/ratings', rated);
  if (rated.status !== 201) console.warn(`api-contract setup: pad rating ${rated.status} ${JSON.stringify(rated.body)}`);
  await signInApplicant();
  const form = new FormData();
  form.append('purpose', 'sample');
  form.append('materialCode', food.materials[0]!.code);
  form.append('file', new Blob([PDF as BlobPart], { type: 'application/pdf' }), 'sample.pdf');
  const admin = creds.get('admin')!;
  const catalogFile = await fetch(`${s.url}/api/admin/items/${food.code}/files`, { method: 'POST', body: form, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
  expect(catalogFile.status, await catalogFile.clone().text()).toBe(201);
  const applicant = creds.get('applicant')!;
  const upload = await uploadAs(s.url, applicant.cookie, applicant.csrf, { name: 'id.pdf', bytes: PDF, type: 'application/pdf' }, food.materials[0]!.code);
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  checkSetup('POST', '/api/applicant/uploads', upload);
  await installChangeCounter();
  await takeChanges();
}, 120_000);
afterAll(async () => { await s?.close(); });

describe('the API contract', () => {
  it('every operation answers as its OpenAPI document declares, never a 5xx, and a 4xx changes nothing', async () => {
    const started = Date.now();
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const failures = new Map<string, { count: number; example: string }>();
    const statuses = new Map<string, number>();
    let sent = 0;
    let writes = 0;
    const succeeded = new Set<string>();
    const fail = (key: string, example: string) => {
      const f = failures.get(key);
      if (f) f.count++; else failures.set(key, { count: 1, example });
    };
    const slowest: [number, string][] = [];
    for (const [i, op] of ops.entries()) {
      const opStarted = Date.now();
      const real = new Map<string, string[]>();
      for (const p of op.params.filter((x) => x.in === 'path')) real.set(p.name, await realValues(op, p.name));
      const hints = await hintsNow();
      for (const role of rolesFor(op)) {
        const plans = fc.sample(requestArb(op, role, real, hints), { numRuns: RUNS, seed: SEED + i * 7 + role.length });
        for (const o of plans) {
          const res = await send(o);
          sent++;
          const changed = await takeChanges();
          const statusKey = `${res.status}`;
          statuses.set(statusKey, (statuses.get(statusKey) ?? 0) + 1);
          const what = `${describeOut(o)}\n      → ${res.status} ${res.contentType} ${res.text.slice(0, 200)}`;
          const b = breach(op, res);
          if (res.status < 300) succeeded.add(`${op.method} ${op.path}`);
          if (res.status < 300 && changed.length) writes++;
          if (b) fail(`${op.method} ${op.path} [${b.kind}]`, `${what}\n      ${b.detail}`);
          if (res.status >= 400 && res.status < 500) {
            const business = changed.filter((c) => !THROTTLE_TABLES.has(c.split('×')[0]!));
            if (business.length) fail(`${op.method} ${op.path} [${res.status} changed ${business.join(',')}]`, what);
          }
        }
      }
      if (op.method !== 'GET') await keepSignedIn();
      await takeChanges();
      slowest.push([Date.now() - opStarted, `${op.method} ${op.path}`]);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (process.env.FUZZ_STATS) {
      console.log(`api-contract: ${ops.length} operations, ${sent} requests in ${seconds} s (seed ${SEED}, ${RUNS} per operation and role, ${relogins} sign-ins)\n` +
        [...statuses].sort().map(([k, v]) => `  ${k}: ${v}`).join('\n') +
        `\n  slowest: ${slowest.sort((a, b) => b[0] - a[0]).slice(0, 6).map(([ms, k]) => `${k} ${ms} ms`).join(', ')}` +
        `\n  2xx that wrote: ${writes}; operations with a 2xx: ${succeeded.size}; never a 2xx:\n` +
        ops.filter((op) => !succeeded.has(`${op.method} ${op.path}`)).map((op) => `    ${op.method} ${op.path}`).join('\n'));
    }
    // The change counter works: some valid requests wrote.
    expect(writes).toBeGreaterThan(0);
    for (const b of setupBreaches) fail(`setup: ${b.split(' [')[0]}`, b);
    const report = [...failures].sort().map(([k, f]) => `${k} ×${f.count}\n      ${f.example}`).join('\n');
    expect(failures.size, `seed ${SEED}: ${failures.size} breaches of the contract\n${report}`).toBe(0);
  }, 300_000);
});
