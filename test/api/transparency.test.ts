import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type TestServer } from '../helpers/test-server.js';
import { act, intake } from '../helpers/cases.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import type { Db } from '../../src/db/client.js';
import { loadCalendar } from '../../src/modules/calendar/calendar.service.js';
import { addCalendarDays, addWorkingDays, countWorkingDays } from '../../src/domain/working-days.js';
import { localDate } from '../../src/domain/clock.js';

let s: TestServer;

async function q<T = Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Straight from the cases: per item, the used working days of the cases completed in the last 30 days. */
async function expectedTimes(today: string) {
  const db = s.database.db;
  const cal = await loadCalendar(db);
  const from = addCalendarDays(today, -29);
  const done = await q<{ itemCode: string; a: string; c: string; p: number }>(db, sql`select item_code as "itemCode", accepted_date::text as a, completed_date::text as c, paused_days as p
    from cases where completed_date >= ${from}::date and completed_date <= ${today}::date and accepted_date is not null`);
  const byItem = new Map<string, number[]>();
  for (const r of done) {
    const used = Math.max(0, countWorkingDays(cal, r.a, r.c) - r.p);
    byItem.set(r.itemCode, [...(byItem.get(r.itemCode) ?? []), used]);
  }
  const out = new Map<string, { completed: number; avgDays: number | null; p90Days: number | null }>();
  for (const [code, list] of byItem) {
    const sorted = [...list].sort((x, y) => x - y);
    out.set(code, {
      completed: list.length,
      avgDays: Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 10) / 10,
      p90Days: sorted[Math.ceil(0.9 * sorted.length) - 1]!,
    });
  }
  return { from, out, cal };
}

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z', seed: false });
  await seedDemo(s.database.db, s.clock.now(), { history: true });
}, 120_000);
afterAll(async () => { await s?.close(); });

describe('published processing times (GET /api/public/processing-times)', () => {
  it('gives every published item its promised limit, real 30-day average and P90 and the expected date, equal to a direct computation', async () => {
    const res = await call(s.url, 'GET', '/api/public/processing-times');
    expect(res.status).toBe(200);
    const today = '2026-11-16';
    const { from, out, cal } = await expectedTimes(today);
    expect(res.body.from).toBe(from);
    expect(res.body.to).toBe(today);
    const [{ n }] = await q<{ n: number }>(s.database.db, sql`select count(*)::int as n from items where status = 'published'`);
    expect(res.body.items).toHaveLength(n);
    let withData = 0;
    for (const item of res.body.items) {
      const e = out.get(item.itemCode) ?? { completed: 0, avgDays: null, p90Days: null };
      expect({ code: item.itemCode, completed: item.completed, avgDays: item.avgDays, p90Days: item.p90Days }).toEqual({ code: item.itemCode, ...e });
      expect(item.expectedDate).toBe(addWorkingDays(cal, today, item.promisedDays).date);
      expect(item.promisedDays).toBeLessThanOrEqual(item.statutoryDays || item.promisedDays);
      if (item.completed > 0) withData++;
    }
    expect(withData).toBeGreaterThan(10);
  });

  it('answers one item by code; an unknown item is 404 and bad input 400', async () => {
    const one = await call(s.url, 'GET', '/api/public/processing-times?item=SCJG-004');
    expect(one.status).toBe(200);
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0]).toMatchObject({ itemCode: 'SCJG-004', departmentName: '市场监督管理局', promisedDays: 1, statutoryDays: 3 });
    expect((await call(s.url, 'GET', '/api/public/processing-times?item=NOPE-999')).status).toBe(404);
    expect((await call(s.url, 'GET', `/api/public/processing-times?item=${'x'.repeat(200)}`)).status).toBe(400);
    expect((await call(s.url, 'GET', '/api/public/processing-times?foo=1')).status).toBe(400);
  });

  it('is computed at most every 10 minutes: a new completion shows after the cache expires', async () => {
    s.clock.set(new Date('2026-11-17T01:00:00Z'));
    const desk = await login(s.url, 'desk1');
    const item = (await call(s.url, 'GET', '/api/items/SCJG-004')).body;
    const made = await intake(desk, item, { applicant: { kind: 'organization', name: '和平县测试商贸有限公司', creditCode: '91350100M000100Y43', phone: '13912345678' } });
    expect(made.status).toBe(201);
    const caseNo = made.body.caseNo;
    expect((await act(desk, caseNo, 'accept')).status).toBe(200);
    s.clock.set(new Date('2026-11-18T01:00:00Z'));
    const before = (await call(s.url, 'GET', '/api/public/processing-times?item=SCJG-004')).body.items[0];
    const approver = await login(s.url, 'approver-scjg');
    expect((await act(approver, caseNo, 'approve')).status).toBe(200);
    expect((await act(approver, caseNo, 'complete', { data: { resultNo: 'TEST-0001' } })).status).toBe(200);
    const cached = (await call(s.url, 'GET', '/api/public/processing-times?item=SCJG-004')).body.items[0];
    expect(cached.completed).toBe(before.completed);
    s.clock.advance(10 * 60_000);
    const fresh = (await call(s.url, 'GET', '/api/public/processing-times?item=SCJG-004')).body;
    expect(fresh.items[0].completed).toBe(before.completed + 1);
    const { out } = await expectedTimes('2026-11-18');
    expect(fresh.items[0]).toMatchObject(out.get('SCJG-004')!);
  });
});

describe('transparency board (GET /api/public/transparency)', () => {
  it("shows today's intake and completions, equal to the cases, and every item's times", async () => {
    s.clock.set(new Date('2026-11-16T05:00:00Z'));
    const res = await call(s.url, 'GET', '/api/public/transparency');
    expect(res.status).toBe(200);
    const today = localDate(s.clock.now());
    expect(res.body.today).toBe(today);
    const [c] = await q<{ received: number; accepted: number; completed: number }>(s.database.db, sql`select
      count(*) filter (where to_char(received_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') = ${today})::int as received,
      count(*) filter (where accepted_date = ${today}::date)::int as accepted,
      count(*) filter (where completed_date = ${today}::date)::int as completed from cases`);
    expect(res.body.intake).toEqual(c);
    expect(c!.received).toBeGreaterThan(0);
    expect(res.body.centerName).toBe('和平县政务服务中心');
    expect(res.body.items.length).toBeGreaterThan(10);
  });

  it('carries no personal data', async () => {
    const [board, times] = await Promise.all([call(s.url, 'GET', '/api/public/transparency'), call(s.url, 'GET', '/api/public/processing-times')]);
    for (const body of [board.body, times.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/\d{17}[\dX]/);
      expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      expect(text).not.toMatch(/\d{6}-\d{5}-[\dX]/);
      expect(text).not.toMatch(/applicant|phone|idNumber|caseNo/i);
    }
  });
});
