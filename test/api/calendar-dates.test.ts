import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { DateString as DateSchema, MonthString as MonthSchema } from '../../src/http/schemas.js';

const DateString = DateSchema as { pattern?: string };
const MonthString = MonthSchema as { pattern?: string };

/**
 * Every documented date or month input is a real calendar date: an impossible one is a 400 naming
 * the field (never a 500 from code that cannot read it), and a leap day is a date.
 */
let s: TestServer;
const as: Record<string, Session> = {};
let category = '';
let complaintId = 0;

beforeAll(async () => {
  s = await startTestServer();
  for (const u of ['admin', 'desk1', 'supervisor', 'leader']) as[u] = await login(s.url, u);
  const cats = await call(s.url, 'GET', '/api/public/appointments/categories');
  category = cats.body[0].code;
  const complaint = await as.desk1!.request('POST', '/api/complaints', {
    kind: 'complaint', channel: 'phone', about: 'staff', staffName: '王窗口', contactName: '赵六', contactPhone: '13600003333', subject: '推诿', content: '说不归他们管',
  });
  expect(complaint.status).toBe(201);
  complaintId = complaint.body.id;
});
afterAll(async () => { await s?.close(); });

// Real dates outside the years the working-day calendar counts in are refused as well.
const BAD_DATES = ['2026-13-45', '2026-02-30', '2025-02-29', '2026-04-31', '2026-00-10', '0001-01-01', '1999-12-31', '2101-01-01', '9999-12-31'];
const BAD_MONTHS = ['2026-13', '2026-00', '2026-1', '1999-12', '2101-01', '9999-12'];

interface Probe {
  /** who may call the route, so that the role is not what refuses */
  user?: string;
  /** the request with `v` in the date field */
  request(v: string): { method: string; path: string; body?: unknown };
  /** a good value (default 2024-02-29, a leap day) */
  good?: string;
}

const q = (v: string) => encodeURIComponent(v);

/** Keyed "METHOD path field" as the OpenAPI document names them. */
const PROBES: Record<string, Probe> = {
  'GET /api/calendar/add-working-days from': { user: 'desk1', request: (v) => ({ method: 'GET', path: `/api/calendar/add-working-days?from=${q(v)}&days=1` }) },
  'PUT /api/admin/calendar/overrides/{date} date': { user: 'admin', request: (v) => ({ method: 'PUT', path: `/api/admin/calendar/overrides/${q(v)}`, body: { working: false, reason: '测试' } }) },
  'DELETE /api/admin/calendar/overrides/{date} date': { user: 'admin', request: (v) => ({ method: 'DELETE', path: `/api/admin/calendar/overrides/${q(v)}` }) },
  // Slots, deadlines and due dates must lie ahead (the clock stands at 2026-11-16): the leap day after it.
  'POST /api/admin/appointments/categories/{code}/generate from': { user: 'admin', good: '2028-02-29', request: (v) => ({ method: 'POST', path: `/api/admin/appointments/categories/${category}/generate`, body: { from: v, days: 1 } }) },
  'PUT /api/admin/appointments/categories/{code}/days/{date} date': { user: 'admin', good: '2028-02-29', request: (v) => ({ method: 'PUT', path: `/api/admin/appointments/categories/${category}/days/${q(v)}`, body: { periods: [] } }) },
  'GET /api/admin/appointments/slots from': { user: 'admin', request: (v) => ({ method: 'GET', path: `/api/admin/appointments/slots?category=${category}&from=${q(v)}` }) },
  'GET /api/admin/appointments/slots to': { user: 'admin', request: (v) => ({ method: 'GET', path: `/api/admin/appointments/slots?category=${category}&from=2024-02-01&to=${q(v)}` }) },
  'GET /api/public/appointments/slots from': { request: (v) => ({ method: 'GET', path: `/api/public/appointments/slots?category=${category}&from=${q(v)}` }) },
  'GET /api/public/appointments/slots to': { request: (v) => ({ method: 'GET', path: `/api/public/appointments/slots?category=${category}&from=2024-02-01&to=${q(v)}` }) },
  'GET /api/appointments date': { user: 'desk1', request: (v) => ({ method: 'GET', path: `/api/appointments?date=${q(v)}` }) },
  'POST /api/supervision/notices deadline': { user: 'supervisor', good: '2028-02-29', request: (v) => ({ method: 'POST', path: '/api/supervision/notices', body: { department: 'SCJG', subject: '督办', body: '请答复', deadline: v } }) },
  'GET /api/supervision/irregularities from': { user: 'supervisor', request: (v) => ({ method: 'GET', path: `/api/supervision/irregularities?from=${q(v)}&to=2024-03-01` }) },
  'GET /api/supervision/irregularities to': { user: 'supervisor', request: (v) => ({ method: 'GET', path: `/api/supervision/irregularities?from=2024-02-01&to=${q(v)}` }) },
  'GET /api/supervision/intermediaries from': { user: 'supervisor', request: (v) => ({ method: 'GET', path: `/api/supervision/intermediaries?from=${q(v)}&to=2024-03-01` }) },
  'GET /api/supervision/intermediaries to': { user: 'supervisor', request: (v) => ({ method: 'GET', path: `/api/supervision/intermediaries?from=2024-02-01&to=${q(v)}` }) },
  'GET /api/queue/tickets day': { user: 'desk1', request: (v) => ({ method: 'GET', path: `/api/queue/tickets?day=${q(v)}` }) },
  'GET /api/queue/stats from': { user: 'admin', request: (v) => ({ method: 'GET', path: `/api/queue/stats?from=${q(v)}&to=2024-03-01` }) },
  'GET /api/queue/stats to': { user: 'admin', request: (v) => ({ method: 'GET', path: `/api/queue/stats?from=2024-02-01&to=${q(v)}` }) },
  'GET /api/ratings/satisfaction from': { user: 'admin', request: (v) => ({ method: 'GET', path: `/api/ratings/satisfaction?from=${q(v)}&to=2024-03-01` }) },
  'GET /api/ratings/satisfaction to': { user: 'admin', request: (v) => ({ method: 'GET', path: `/api/ratings/satisfaction?from=2024-02-01&to=${q(v)}` }) },
  'POST /api/complaints/{id}/assign dueDate': { user: 'admin', good: '2028-02-29', request: (v) => ({ method: 'POST', path: `/api/complaints/${complaintId}/assign`, body: { handler: 'desk1', dueDate: v } }) },
  'GET /api/stats/overview from': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/stats/overview?from=${q(v)}&to=2024-03-01` }) },
  'GET /api/stats/overview to': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/stats/overview?from=2024-02-01&to=${q(v)}` }) },
  'GET /api/stats/cases from': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/stats/cases?figure=received&from=${q(v)}&to=2024-03-01` }) },
  'GET /api/stats/cases to': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/stats/cases?figure=received&from=2024-02-01&to=${q(v)}` }) },
  'GET /api/stats/cases.csv from': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/stats/cases.csv?figure=received&from=${q(v)}&to=2024-03-01` }) },
  'POST /api/network/service-days date': { user: 'admin', good: '2026-12-29', request: (v) => ({ method: 'POST', path: '/api/network/service-days', body: { village: 'HP-CG-DJ', date: v, startTime: '09:00', endTime: '11:30', staff: '城关镇民政办' } }) },
  'GET /api/network/service-days from': { request: (v) => ({ method: 'GET', path: `/api/network/service-days?village=HP-CG-DJ&from=${q(v)}` }) },
  'GET /api/network/service-days to': { request: (v) => ({ method: 'GET', path: `/api/network/service-days?village=HP-CG-DJ&from=2024-02-01&to=${q(v)}` }) },
  'GET /api/stats/cases.csv to': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/stats/cases.csv?figure=received&from=2024-02-01&to=${q(v)}` }) },
};

const MONTH_PROBES: Record<string, Probe> = {
  'GET /api/bulletin month': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/bulletin?month=${q(v)}` }) },
  'GET /api/bulletin.xlsx month': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/bulletin.xlsx?month=${q(v)}` }) },
  'GET /api/bulletin/cases.csv month': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/bulletin/cases.csv?month=${q(v)}&figure=received` }) },
  'GET /api/network/report month': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/network/report?month=${q(v)}` }) },
  'GET /api/network/report.xlsx month': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/network/report.xlsx?month=${q(v)}` }) },
  'GET /api/network/report/cases month': { user: 'leader', request: (v) => ({ method: 'GET', path: `/api/network/report/cases?month=${q(v)}&place=HP-CG-DJ` }) },
  'GET /print/network/report month': { user: 'leader', request: (v) => ({ method: 'GET', path: `/print/network/report?month=${q(v)}` }) },
  'GET /print/bulletin month': { user: 'leader', request: (v) => ({ method: 'GET', path: `/print/bulletin?month=${q(v)}` }) },
};


interface Schema { type?: string; format?: string; pattern?: string; properties?: Record<string, Schema>; items?: Schema }

/** Every "METHOD path field" whose schema is a date or a month, in parameters and (nested) bodies. */
async function documentedDateInputs() {
  const doc = (await call(s.url, 'GET', '/api/docs/json')).body as {
    paths: Record<string, Record<string, { parameters?: { name: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  };
  const dates: string[] = [];
  const months: string[] = [];
  const see = (key: string, schema: Schema) => {
    if (schema.format === 'date' || /^\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$$/.test(schema.pattern ?? '')) dates.push(key);
    if (schema.pattern === MonthString.pattern || schema.pattern?.endsWith('-(0[1-9]|1[0-2])$')) months.push(key);
  };
  const walk = (prefix: string, schema: Schema, path: string) => {
    for (const [name, child] of Object.entries(schema.properties ?? {})) {
      see(`${prefix} ${path}${name}`, child);
      walk(prefix, child, `${path}${name}.`);
    }
    if (schema.items) walk(prefix, schema.items, path);
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const prefix = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) see(`${prefix} ${p.name}`, p.schema);
      for (const c of Object.values(op.requestBody?.content ?? {})) walk(prefix, c.schema, '');
    }
  }
  return { dates: dates.sort(), months: months.sort() };
}

async function send(probe: Probe, v: string) {
  const r = probe.request(v);
  return probe.user ? as[probe.user]!.request(r.method, r.path, r.body) : call(s.url, r.method, r.path, r.body);
}

const fieldOf = (key: string) => key.split(' ').pop()!;

async function expectRefused(key: string, probe: Probe, v: string) {
  const res = await send(probe, v);
  expect(res.status, `${key} = ${v}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.details.map((d: { field: string }) => d.field), `${key} = ${v}`).toContain(fieldOf(key));
}

async function expectAccepted(key: string, probe: Probe, v: string) {
  const res = await send(probe, v);
  expect(res.status, `${key} = ${v}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
}

describe('date inputs', () => {
  it('the document lists each date and month input once, as a date (format: date) or a month', async () => {
    const { dates, months } = await documentedDateInputs();
    expect(dates).toEqual(Object.keys(PROBES).sort());
    expect(months).toEqual(Object.keys(MONTH_PROBES).sort());
    const doc = (await call(s.url, 'GET', '/api/docs/json')).body;
    const from = doc.paths['/api/ratings/satisfaction'].get.parameters.find((p: { name: string }) => p.name === 'from');
    expect(from.schema).toMatchObject({ format: 'date', pattern: DateString.pattern });
  });

  it('refuses impossible dates with 400 naming the field', async () => {
    for (const [key, probe] of Object.entries(PROBES)) {
      for (const v of BAD_DATES) await expectRefused(key, probe, v);
    }
  });

  it('takes a leap day', async () => {
    for (const [key, probe] of Object.entries(PROBES)) await expectAccepted(key, probe, probe.good ?? '2024-02-29');
  });

  it('answers the first and last day of the range without a 500', async () => {
    const failed: string[] = [];
    for (const [key, probe] of Object.entries(PROBES)) {
      for (const v of ['2000-01-01', '2100-12-31']) {
        const res = await send(probe, v);
        if (res.status >= 500) failed.push(`${key} = ${v}: ${res.status}`);
      }
    }
    expect(failed).toEqual([]);
  });

  it('refuses impossible months and takes a real one', async () => {
    for (const [key, probe] of Object.entries(MONTH_PROBES)) {
      for (const v of BAD_MONTHS) await expectRefused(key, probe, v);
      await expectAccepted(key, probe, '2024-02');
    }
  });
});
