import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { allMaterials, COMPANY, findItem, intake, PERSON } from '../helpers/cases.js';
import {
  BUSINESS_TABLES as TABLES, HOSTILE_SEGMENTS, HOSTILE_STRINGS, HOSTILE_VALUES, invalidBody, RAW_INVALID, RAW_JSON_ODDITIES, UNSUPPORTED_TYPES, validValue, type JsonSchema,
} from './fuzz-body.js';

/**
 * Bad input (issue: "fast-check generates malformed and hostile bodies for every mutating endpoint in
 * the OpenAPI document: never a 5xx, never a change in the database").
 *
 * Every generated request is built to be refused: its body breaks the documented schema, or it is not
 * JSON, or its content type has no parser, or it carries a wrong/missing CSRF token, no session or the
 * wrong role (only then may the body be a valid one), or, for a route without a body, it names an entity
 * that does not exist. So every answer must be a 4xx `{code, message}` without a stack trace, and the
 * database must be exactly as before (sessions are left out: logging in writes them; admin_log rows of
 * 'case.access-denied' are left out: reading a case another department owns legitimately writes one).
 *
 * FUZZ_RUNS (default 25 per endpoint) and FUZZ_SEED widen or reproduce a run; FUZZ_STATS=1 prints the
 * answers per endpoint and status.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const fcOptions = { numRuns: RUNS, endOnFailure: true, ...(SEED !== undefined ? { seed: SEED } : {}) };

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;
// The server's body validator: strict types, unknown fields refused.
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }));

let s: TestServer;
let admin: Session;
let desk: Session;
let scjg: Session;
/** Only ever asked to log out with a request that must be refused; its own, so a slip shows as a 4xx failure, not as chaos. */
let leaver: Session;
let itemCode: string;
let caseNos: string[];
let baseline: Record<string, string>;


async function rows<T>(query: string): Promise<T[]> {
  const res = await s.database.db.execute(sql.raw(query));
  return (res as unknown as { rows: T[] }).rows;
}

/** Row count and an md5 over every row's text, per table. */
async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of TABLES) {
    const where = t === 'admin_log' ? ` where x.action <> 'case.access-denied'` : '';
    const [r] = await rows<{ n: number; h: string }>(
      `select count(*)::int as n, coalesce(md5(string_agg(x::text, E'\\n' order by x::text)), '-') as h from ${t} x${where}`,
    );
    out[t] = `${r!.n}:${r!.h}`;
  }
  return out;
}

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  [admin, desk, scjg, leaver] = await Promise.all([login(s.url, 'admin'), login(s.url, 'desk1'), login(s.url, 'approver-scjg'), login(s.url, 'supervisor')]);
  const food = await findItem(s, '食品经营许可');
  itemCode = food.code;
  const a = await intake(desk, food, { applicant: COMPANY });
  const b = await intake(desk, food, { applicant: PERSON });
  const c = await desk.request('POST', '/api/cases', {
    itemCode: food.code, applicant: PERSON, channel: 'window', materials: allMaterials(food).map((m, i) => ({ ...m, provided: i > 0 })),
  });
  for (const r of [a, b, c]) expect(r.status, JSON.stringify(r.body)).toBe(201);
  caseNos = [a.body.caseNo, b.body.caseNo, c.body.caseNo];
  const accepted = await scjg.request('POST', `/api/cases/${caseNos[0]}/actions`, { action: 'accept', expectedVersion: 1 });
  expect(accepted.status).toBe(200);
  baseline = await fingerprint();
});
afterAll(async () => { await s?.close(); });

// ─── Requests ───────────────────────────────────────────────────────────────────────────────

interface Sent { status: number; text: string; body: any }

interface Outgoing {
  method: string;
  path: string;
  data?: string | Uint8Array;
  contentType?: string;
  cookie?: string;
  csrf?: string;
  headers?: Record<string, string>;
}

async function send(o: Outgoing): Promise<Sent> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.contentType !== undefined) headers['content-type'] = o.contentType;
  if (o.cookie !== undefined) headers.cookie = o.cookie;
  if (o.csrf !== undefined) headers['x-csrf-token'] = o.csrf;
  const res = await fetch(s.url + o.path, { method: o.method, headers, body: o.data as BodyInit | undefined });
  const text = await res.text();
  let body: unknown = undefined;
  try { body = JSON.parse(text); } catch { /* checked below */ }
  return { status: res.status, text, body };
}

function describeOut(o: Outgoing, notes: string[]): string {
  const data = o.data === undefined ? '' : typeof o.data === 'string' ? o.data : `<${o.data.length} bytes>`;
  return `${o.method} ${o.path.slice(0, 200)} ct=${o.contentType ?? '-'} cookie=${o.cookie ? 'yes' : 'no'} ` +
    `csrf=${o.csrf === undefined ? '-' : o.csrf.slice(0, 12)} [${notes.join(', ')}] body=${JSON.stringify(data.slice(0, 300))}`;
}

/** A refusal: 4xx, JSON `{code, message}`, nothing of the server's insides. */
function expectRefusal(res: Sent, what: string): void {
  const ctx = `${what}\n  → ${res.status} ${res.text.slice(0, 500)}`;
  expect(res.status, ctx).toBeGreaterThanOrEqual(400);
  expect(res.status, ctx).toBeLessThan(500);
  expectCleanError(res, ctx);
}

function expectCleanError(res: Sent, ctx: string): void {
  expect(typeof res.body?.code, ctx).toBe('string');
  expect(typeof res.body?.message, ctx).toBe('string');
  expect(res.text, ctx).not.toMatch(/at \/|\.ts:\d|\.js:\d|node_modules/);
}

// ─── Operations from the OpenAPI document ───────────────────────────────────────────────────

type Guard = 'open' | 'any-session' | 'role';
type AuthMode = 'ok' | 'no-csrf' | 'wrong-csrf' | 'anon' | 'bogus-cookie' | 'other-role';
const AUTH_MODES: AuthMode[] = ['ok', 'no-csrf', 'wrong-csrf', 'anon', 'bogus-cookie', 'other-role'];

interface Operation {
  method: string;
  path: string;
  params: string[];
  bodySchema?: JsonSchema;
  guard: Guard;
}

/** Who may call it, from the path; anything unknown is treated as open, so only a broken body or non-JSON is relied on. */
function guardOf(method: string, path: string): Guard {
  if (path === '/api/auth/logout') return 'any-session';
  if (path.startsWith('/api/admin/') || path.startsWith('/api/cases') || path.startsWith('/print/cases')) return 'role';
  return 'open';
}

function sessionsFor(path: string): { own: Session[]; other: Session } {
  if (path === '/api/auth/logout') return { own: [leaver], other: leaver };
  if (path.startsWith('/api/admin/')) return { own: [admin], other: desk };
  if (path === '/api/cases') return { own: [desk], other: scjg };
  if (path.startsWith('/api/cases/') || path.startsWith('/print/cases')) return { own: [desk, scjg], other: admin };
  return { own: [admin, desk, scjg], other: admin };
}

const enc = encodeURIComponent;
/** Well-formed but nonexistent values, per parameter name. */
const ABSENT: Record<string, string[]> = {
  code: ['NO-SUCH-ITEM', 'ZZ9', 'SCJGX', 'scjg', 'A0'],
  date: ['2026-02-30', '2026-13-45', '0000-00-00', '9999-99-99', '2026-2-3', '2099-01-01', '1900-01-01'],
  year: ['2003', '2101', '0', '-2027', '1e3', '0x7eb'],
  caseNo: ['261116-0001-X', '000000-000000-0', 'ZZZZZZ', '261116-99999'],
  paper: ['receipt2', 'RECEIPT', 'constructor'],
};

function validSegments(op: { path: string }, param: string): string[] {
  if (param === 'code') return op.path.includes('/departments/') ? ['SCJG'] : [enc(itemCode)];
  if (param === 'date') return ['2026-12-08'];
  if (param === 'year') return ['2027'];
  if (param === 'caseNo') return caseNos.map(enc);
  if (param === 'paper') return ['receipt', 'supplement', 'not-accepted'];
  return [];
}

let docCache: any;
async function openApi(): Promise<any> {
  docCache ??= (await call(s.url, 'GET', '/api/docs/json')).body;
  return docCache;
}

async function operations(methods: string[]): Promise<Operation[]> {
  const doc = await openApi();
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    if (path.startsWith('/api/docs')) continue;
    for (const [method, op] of Object.entries<any>(item)) {
      if (!methods.includes(method)) continue;
      const params = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name as string);
      out.push({ method: method.toUpperCase(), path, params, bodySchema: op.requestBody?.content?.['application/json']?.schema, guard: guardOf(method, path) });
    }
  }
  return out;
}

interface Plan { out: Outgoing; notes: string[] }

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'application/json;charset=UTF-8'];

/** One request to a mutating operation that the server must refuse. */
function planArb(op: Operation): fc.Arbitrary<Plan> {
  const { own, other } = sessionsFor(op.path);
  const paramArbs = op.params.map((p) => {
    const valid = validSegments(op, p);
    const hostile = [...HOSTILE_SEGMENTS, ...(ABSENT[p] ?? [])];
    return fc.oneof(
      { weight: 3, arbitrary: valid.length ? fc.constantFrom(...valid).map((v) => ({ v, hostile: false })) : fc.constantFrom({ v: 'x', hostile: true }) },
      { weight: 2, arbitrary: fc.constantFrom(...hostile).map((v) => ({ v, hostile: true })) },
    );
  });
  const isValid = op.bodySchema ? ajv.compile(op.bodySchema) : () => true;

  type Payload = { data?: string | Uint8Array; contentType?: string; refuses: boolean; note: string };
  const json = (v: unknown) => JSON.stringify(v);
  const rawInvalid = fc.constantFrom(...RAW_INVALID).map((r): Payload => ({ data: r.data, contentType: 'application/json', refuses: true, note: `raw:${r.note}` }));
  const unsupported = fc.tuple(fc.constantFrom(...UNSUPPORTED_TYPES), fc.constantFrom<unknown>({}, { a: 1 }, 'a=1&b=2', ...HOSTILE_VALUES.slice(0, 10)))
    .map(([ct, v]): Payload => ({ data: typeof v === 'string' ? v : json(v), contentType: ct, refuses: true, note: `unsupported:${ct.split(';')[0]}` }));
  const broken = (types: string[]) => fc.tuple(invalidBody(op.bodySchema!, (v) => isValid(v)), fc.constantFrom(...types))
    .map(([b, ct]): Payload => ({ data: json(b.body), contentType: ct, refuses: true, note: `invalid:${b.notes.join('|')}` }));
  const payload: fc.Arbitrary<Payload> = op.bodySchema
    ? fc.oneof(
      { weight: 6, arbitrary: broken([...JSON_TYPES, 'text/plain']) },
      { weight: 1, arbitrary: rawInvalid },
      { weight: 1, arbitrary: unsupported },
      { weight: 1, arbitrary: fc.constant<Payload>({ refuses: true, note: 'no-body' }) },
      // A valid body goes out only with a credential problem (see below).
      { weight: 1, arbitrary: validValue(op.bodySchema).map((v): Payload => ({ data: json(v), contentType: 'application/json', refuses: false, note: 'valid-body' })) },
    )
    : fc.oneof(
      fc.constantFrom(...HOSTILE_VALUES, {}).map((v): Payload => ({ data: json(v), contentType: 'application/json', refuses: false, note: 'json' })),
      fc.constantFrom(...RAW_JSON_ODDITIES).map((d): Payload => ({ data: d, contentType: 'application/json', refuses: false, note: 'json-oddity' })),
      fc.constantFrom(...HOSTILE_STRINGS.slice(0, 12)).map((d): Payload => ({ data: d, contentType: 'text/plain', refuses: false, note: 'text' })),
      rawInvalid,
      unsupported,
      fc.constant<Payload>({ refuses: false, note: 'no-body' }),
    );

  return fc.tuple(fc.tuple(...paramArbs), fc.constantFrom(...AUTH_MODES), fc.nat(own.length - 1), fc.nat(5), payload, fc.nat())
    .map(([params, mode, who, wrongKind, payload, fallback]) => {
      const notes = [`auth:${mode}`];
      let path = op.path;
      op.params.forEach((name, i) => { path = path.replace(`{${name}}`, params[i]!.v); });
      const hostileParam = params.some((p) => p.hostile);
      const me = own[who]!;
      const out: Outgoing = { method: op.method, path };
      const authRefuses = op.guard !== 'open' && (
        mode === 'no-csrf' || mode === 'wrong-csrf' || (op.guard === 'role' && (mode === 'anon' || mode === 'bogus-cookie' || mode === 'other-role')));
      switch (mode) {
        case 'ok': if (op.guard !== 'open') { out.cookie = me.cookie; out.csrf = me.csrf; } break;
        case 'no-csrf': out.cookie = me.cookie; break;
        case 'wrong-csrf': {
          out.cookie = me.cookie;
          const wrongs = ['', (me.csrf.startsWith('x') ? 'y' : 'x') + me.csrf.slice(1), me.csrf + 'x', me.csrf.slice(0, -1), other.csrf, "' OR 1=1 --"];
          out.csrf = wrongs[wrongKind % wrongs.length]!;
          if (out.csrf === me.csrf) out.csrf = 'nope';
          break;
        }
        case 'anon': break;
        case 'bogus-cookie': out.cookie = ['ow_session=garbage', 'ow_session=', `ow_session=${"'; drop table sessions; --"}`, 'ow_session=%00'][wrongKind % 4]!; break;
        case 'other-role': out.cookie = other.cookie; out.csrf = other.csrf; break;
      }
      let p = payload;
      // Without a body schema a nonexistent entity refuses the request (except a PUT, which may create it).
      const paramRefuses = !op.bodySchema && hostileParam && op.method !== 'PUT';
      if (!p.refuses && !authRefuses && !paramRefuses) {
        const r = RAW_INVALID[fallback % RAW_INVALID.length]!;
        p = { data: r.data, contentType: 'application/json', refuses: true, note: `raw:${r.note}(forced)` };
      }
      notes.push(p.note);
      if (hostileParam) notes.push('hostile-param');
      out.data = p.data;
      out.contentType = p.contentType;
      return { out, notes };
    });
}

describe('bad input to every mutating endpoint', () => {
  it('lists the mutating operations of the OpenAPI document', async () => {
    const ops = await operations(['post', 'put', 'patch', 'delete']);
    const names = ops.map((o) => `${o.method} ${o.path}`);
    for (const n of [
      'POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/cases', 'POST /api/cases/{caseNo}/actions', 'POST /api/public/cases/{caseNo}/cancel',
      'POST /api/admin/items', 'PUT /api/admin/items/{code}/draft', 'POST /api/admin/items/{code}/publish', 'POST /api/admin/items/{code}/retire',
      'POST /api/admin/departments', 'PATCH /api/admin/departments/{code}', 'POST /api/admin/departments/{code}/retire',
      'PUT /api/admin/calendar/overrides/{date}', 'DELETE /api/admin/calendar/overrides/{date}', 'PUT /api/admin/calendar/years/{year}', 'PUT /api/admin/settings',
    ]) expect(names).toContain(n);
    // Every documented body is an object that refuses unknown fields: the fuzzer relies on it.
    for (const o of ops) if (o.bodySchema) expect(o.bodySchema.additionalProperties, `${o.method} ${o.path}`).toBe(false);
  });

  it('never answers a 5xx and never changes the database', async () => {
    const ops = await operations(['post', 'put', 'patch', 'delete']);
    let sent = 0;
    const stats = new Map<string, number>();
    for (const op of ops) {
      const bodyCheck = op.bodySchema ? ajv.compile(op.bodySchema) : undefined;
      await fc.assert(fc.asyncProperty(planArb(op), async ({ out, notes }) => {
        const what = describeOut(out, notes);
        // Belt and braces: a JSON body declared invalid really is invalid for the documented schema.
        if (bodyCheck && notes.some((n) => n.startsWith('invalid:')) && out.contentType?.toLowerCase().startsWith('application/json')) {
          expect(bodyCheck(JSON.parse(out.data as string)), what).toBe(false);
        }
        const res = await send(out);
        sent++;
        const key = `${op.method} ${op.path} ${res.status} ${res.body?.code}`;
        stats.set(key, (stats.get(key) ?? 0) + 1);
        expectRefusal(res, what);
      }), fcOptions);
      expect(await fingerprint(), `database after ${op.method} ${op.path}`).toEqual(baseline);
    }
    if (process.env.FUZZ_STATS) console.log([...stats].sort().map(([k, v]) => `${v}\t${k}`).join('\n'));
    expect(sent).toBeGreaterThanOrEqual(ops.length * RUNS);
    // The server runs in this process: nothing leaked onto Object.prototype.
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, 50_000);
});

describe('targeted bad input', () => {
  const raw = (method: string, path: string, data: string | Uint8Array | undefined, contentType: string | undefined, who?: Session, headers?: Record<string, string>) =>
    send({ method, path, data, contentType, cookie: who?.cookie, csrf: who?.csrf, headers });

  it('refuses prototype pollution at login and elsewhere', async () => {
    for (const body of [
      '{"__proto__": {"isAdmin": true}}',
      '{"username": "admin", "password": "onewindow-demo", "__proto__": {"role": "admin"}}',
      '{"username": "admin", "password": "x", "constructor": {"prototype": {"isAdmin": true}}}',
      '{"username": {"__proto__": {"isAdmin": true}}, "password": "x"}',
      '{"username": "admin", "password": "x", "prototype": {"isAdmin": true}}',
    ]) {
      const res = await raw('POST', '/api/auth/login', body, 'application/json');
      expectRefusal(res, body);
      expect(res.status).toBe(400);
    }
    expectRefusal(await raw('PUT', '/api/admin/settings', '{"__proto__": {"warningDays": 9}}', 'application/json', admin), 'settings proto');
    expectRefusal(await raw('POST', '/api/cases', '{"constructor": {"prototype": {"version": 99}}}', 'application/json', desk), 'cases constructor');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('answers a 2 MB body with 413 and a code, announced or streamed', async () => {
    const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) });
    for (const [method, path, who] of [
      ['POST', '/api/auth/login', undefined], ['POST', '/api/cases', desk], ['PUT', '/api/admin/settings', admin],
      ['POST', `/api/admin/items/${enc(itemCode)}/publish`, admin], ['POST', `/api/cases/${caseNos[1]}/actions`, scjg],
    ] as const) {
      const res = await raw(method, path, big, 'application/json', who);
      expect(res.status, `${method} ${path}`).toBe(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      expectCleanError(res, path);
    }
    // Chunked, without a Content-Length: the limit is counted while reading.
    const chunk = new TextEncoder().encode('{"a":"' + 'y'.repeat(64 * 1024));
    let left = 40;
    const stream = new ReadableStream<Uint8Array>({ pull(c) { if (left-- > 0) c.enqueue(chunk); else c.close(); } });
    const res = await fetch(s.url + '/api/admin/settings', {
      method: 'PUT', body: stream, duplex: 'half', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses invalid UTF-8, text/plain and other content types', async () => {
    const loginBody = JSON.stringify({ username: 'admin', password: 'onewindow-demo' });
    const bad = [
      new Uint8Array([0x7b, 0x22, 0x75, 0x73, 0x65, 0x72, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
      new TextEncoder().encode('\ufeff{"warningDays": "4"}'), // a BOM, then a wrong type
    ];
    for (const b of bad) expectRefusal(await raw('POST', '/api/auth/login', b, 'application/json'), `utf8 ${[...b].join(',')}`);
    for (const b of bad) expectRefusal(await raw('PUT', '/api/admin/settings', b, 'application/json', admin), `utf8 settings ${[...b].join(',')}`);
    // A valid login, but sent as text: the body is a string, not an object.
    const asText = await raw('POST', '/api/auth/login', loginBody, 'text/plain');
    expectRefusal(asText, 'login as text/plain');
    expect(asText.status).toBe(400);
    const form = await raw('POST', '/api/auth/login', 'username=admin&password=onewindow-demo', 'application/x-www-form-urlencoded');
    expectRefusal(form, 'login as a form');
    expect(form.status).toBe(415);
    expectRefusal(await raw('POST', '/api/cases', JSON.stringify({ itemCode }), 'text/plain', desk), 'cases as text/plain');
    expectRefusal(await raw('POST', '/api/cases', JSON.stringify({ itemCode }), 'application/json; charset=utf-16', desk), 'cases as utf-16');
    expectRefusal(await raw('PUT', '/api/admin/settings', '{"warningDays": 4}', 'application/jsonx', admin), 'jsonx');
    expectRefusal(await raw('PUT', '/api/admin/settings', '{"warningDays": 4', 'application/json', admin), 'truncated');
  });

  it('answers hostile headers without a 5xx', async () => {
    // Right credentials, but an Origin that is not this server (browsers send "null" from sandboxed pages and file://).
    const body = JSON.stringify({ username: 'admin', password: 'onewindow-demo' });
    for (const origin of ['null', 'not a url', 'http://[::1', 'javascript:alert(1)', 'http://', '%00', "'; drop table users; --", 'https://evil.example']) {
      const res = await raw('POST', '/api/auth/login', body, 'application/json', undefined, { origin });
      expectRefusal(res, `origin ${origin}`);
      expect(res.body.code, `origin ${origin}`).toBe('CSRF_FAILED');
    }
    const badCase = JSON.stringify({ itemCode: '' });
    for (const key of ['x'.repeat(201), "'; drop table idempotency_keys; --", '😀'.repeat(60)]) {
      const res = await raw('POST', '/api/cases', badCase, 'application/json', desk, { 'idempotency-key': enc(key) });
      expectRefusal(res, `idempotency-key ${key.slice(0, 20)}`);
    }
    for (const cookie of [`ow_session=${'a'.repeat(5000)}`, 'ow_session=%00', 'ow_session="', 'ow_session=a; ow_session=b', '=;;=;', '__proto__=1; ow_session=x']) {
      const res = await raw('PUT', '/api/admin/settings', '{"warningDays": 4}', 'application/json', undefined, { cookie });
      expectRefusal(res, `cookie ${cookie.slice(0, 20)}`);
    }
  });

  it('keeps NUL bytes out of the database: 4xx, not a 5xx, for bodies that are otherwise valid', async () => {
    const attempts: [Session, string, string, unknown][] = [
      [admin, 'PATCH', '/api/admin/departments/SCJG', { name: '市场\u0000监管局' }],
      [admin, 'POST', '/api/admin/departments', { code: 'NULTEST', name: 'a\u0000b' }],
      [admin, 'PUT', '/api/admin/calendar/overrides/2026-12-08', { working: false, reason: '\u0000' }],
      [desk, 'POST', '/api/cases', { itemCode, applicant: { ...PERSON, name: '张\u0000三' }, channel: 'window', materials: [] }],
      [desk, 'POST', '/api/cases', { itemCode: `${itemCode}\u0000`, applicant: PERSON, channel: 'window', materials: [] }],
      [scjg, 'POST', `/api/cases/${caseNos[1]}/actions`, { action: 'accept', expectedVersion: 1, comment: 'ok\u0000' }],
      [scjg, 'POST', `/api/cases/${caseNos[2]}/actions`, { action: 'request-supplement', expectedVersion: 1, data: { missing: ['\u0000'] } }],
    ];
    for (const [who, method, path, body] of attempts) {
      const res = await raw(method, path, JSON.stringify(body), 'application/json', who);
      expectRefusal(res, `${method} ${path} ${JSON.stringify(body)}`);
    }
    expect(await fingerprint()).toEqual(baseline);
  });

  it('answers schema-valid but absurd numbers without a 5xx', async () => {
    const attempts: [Session, string, unknown][] = [
      [scjg, `/api/cases/${caseNos[1]}/actions`, { action: 'accept', expectedVersion: 2 ** 31 }],
      [scjg, `/api/cases/${caseNos[1]}/actions`, { action: 'accept', expectedVersion: 1e21 }],
      [scjg, `/api/cases/${caseNos[1]}/actions`, { action: 'accept', expectedVersion: 1e308 }],
      [scjg, `/api/cases/${caseNos[0]}/actions`, { action: 'task-pass', expectedVersion: 2, data: { taskId: 2 ** 31 } }],
      [scjg, `/api/cases/${caseNos[0]}/actions`, { action: 'task-pass', expectedVersion: 2, data: { taskId: 1e300 } }],
      [scjg, `/api/cases/${caseNos[0]}/actions`, { action: 'task-refuse', expectedVersion: 2, data: { taskId: 9007199254740993 } }],
    ];
    for (const [who, path, body] of attempts) {
      const res = await raw('POST', path, JSON.stringify(body), 'application/json', who);
      expectRefusal(res, `${path} ${JSON.stringify(body)}`);
    }
    expect(await fingerprint()).toEqual(baseline);
  });
});

describe('hostile query strings and path segments on reads', () => {
  const SQL_Q = ["' OR 1=1 --", "'; drop table cases; --", '%', '_', '\\', "%' OR '1'='1", '\u0000', 'a\u0000b', '😀', 'x'.repeat(101), "' UNION SELECT password_hash FROM users --"];

  it('searches with SQL fragments find nothing and never fail', async () => {
    for (const q of [...SQL_Q.map(enc), '%ED%A0%80', '%FF%FE', '%', '%C0%A7%20OR%201%3D1']) {
      const items = await call(s.url, 'GET', `/api/items?q=${q}`);
      expect(items.status, `items q=${q}`).toBeLessThan(500);
      if (items.status === 200 && q.includes('OR%20')) expect(items.body.total, `items q=${q}`).toBe(0);
      if (items.status >= 400) expectCleanError({ ...items, text: JSON.stringify(items.body) }, `items q=${q}`);
      for (const who of [desk, scjg]) {
        const cases = await who.request('GET', `/api/cases?q=${q}&mine=false`);
        expect(cases.status, `cases q=${q}`).toBeLessThan(500);
        if (cases.status === 200 && q.includes('OR%20')) expect(cases.body.total, `cases q=${q}`).toBe(0);
        if (cases.status >= 400) expectCleanError({ ...cases, text: JSON.stringify(cases.body) }, `cases q=${q}`);
      }
      const admins = await admin.request('GET', `/api/admin/items?q=${q}`);
      expect(admins.status, `admin items q=${q}`).toBeLessThan(500);
    }
    for (const [caseNo, phone] of [
      ["' OR 1=1 --", "' OR 1=1 --"], [caseNos[0]!, "' OR '1'='1"], [caseNos[0]!, '\u0000'], ['\u0000', '13912345678'],
      ["'; drop table cases; --", '1'], [caseNos[0]!, '%'], [`${caseNos[0]}' --`, '13912345678'], ['x'.repeat(31), '1'.repeat(21)],
    ]) {
      const res = await call(s.url, 'GET', `/api/public/progress?caseNo=${enc(caseNo!)}&phone=${enc(phone!)}`);
      expect(res.status, `progress ${caseNo} ${phone}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `progress ${caseNo} ${phone}`).toBeLessThan(500);
      expectCleanError({ ...res, text: JSON.stringify(res.body) }, `progress ${caseNo} ${phone}`);
    }
  });

  it('every documented read answers hostile parameters without a 5xx', async () => {
    // A live feed (server-sent events) never finishes its answer; its parameters are checked in test/api/queue.test.ts.
    const ops = (await operations(['get'])).filter((op) => !op.path.endsWith('/stream'));
    const doc = await openApi();
    for (const op of ops) {
      const queryNames: string[] = (doc.paths[op.path].get.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
      const { own } = sessionsFor(op.path);
      const segment = (p: string) => fc.oneof(
        fc.constantFrom(...(validSegments(op, p).length ? validSegments(op, p) : ['x'])),
        fc.constantFrom(...HOSTILE_SEGMENTS, ...(ABSENT[p] ?? [])),
      );
      const queryValue = fc.oneof(
        fc.constantFrom(...HOSTILE_STRINGS.filter((v) => !/[\ud800-\udfff]/.test(v.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))).map(enc)),
        fc.constantFrom('%00', '%ED%A0%80', '%FF', '%', '-1', '0', '1e309', '2026-02-30', '9999-12-31', '2100', 'true', 'x'.repeat(5000)),
      );
      const arb = fc.record({
        params: fc.tuple(...op.params.map(segment)),
        query: fc.array(fc.tuple(fc.constantFrom(...queryNames, '__proto__', 'constructor', "'; drop table cases; --", 'x'), queryValue), { maxLength: 4 }),
        who: fc.nat(own.length),
      });
      await fc.assert(fc.asyncProperty(arb, async ({ params, query, who }) => {
        let path = op.path;
        op.params.forEach((name, i) => { path = path.replace(`{${name}}`, params[i]!); });
        if (query.length) path += '?' + query.map(([k, v]) => `${enc(k)}=${v}`).join('&');
        const session = own[who];
        const res = await send({ method: 'GET', path, cookie: session?.cookie });
        const what = `GET ${path.slice(0, 300)} as ${session ? 'user' : 'anon'}\n  → ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, what).toBeLessThan(500);
        if (res.status >= 400) expectCleanError(res, what);
        else expect(res.text, what).not.toMatch(/at \/|\.ts:\d|node_modules/);
      }), { ...fcOptions, numRuns: Math.max(5, Math.ceil(RUNS / 2)) });
    }
  }, 180_000);

  it('left the database as it was', async () => {
    expect(await fingerprint()).toEqual(baseline);
  });
});
