import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, findItem, intake } from '../helpers/cases.js';
import { scanCases } from '../../src/modules/cases/cases.service.js';
import { refreshStats } from '../../src/modules/stats/stats.service.js';
import { loadCalendar } from '../../src/modules/calendar/calendar.service.js';
import { countWorkingDays } from '../../src/domain/working-days.js';
import { OPEN } from '../../src/domain/case-workflow.js';

let s: TestServer;
const FROM = '2026-11-10';
const TO = '2026-11-30';

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await s.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

interface CaseFact {
  id: number;
  case_no: string;
  department_id: number;
  dept_code: string;
  item_code: string;
  kind: string;
  status: string;
  received_at: string;
  accepted_date: string | null;
  completed_date: string | null;
  timeliness: string | null;
  decision: string | null;
  paused_days: number;
  warning_level: string;
}

/** The truth, straight from the cases table, computed here without the rollups' SQL. */
async function truth(dept?: string, from = FROM, to = TO) {
  const all = await rows<CaseFact>(sql`select c.id, c.case_no, c.department_id, d.code as dept_code, c.item_code, c.kind, c.status,
    c.received_at::text, c.accepted_date::text, c.completed_date::text, c.timeliness, c.decision, c.paused_days, c.warning_level
    from cases c join departments d on d.id = c.department_id`);
  const cases = all.filter((c) => dept === undefined || c.dept_code === dept);
  const cal = await loadCalendar(s.database.db);
  const local = (at: string) => new Date(new Date(at).getTime() + 8 * 3600_000);
  const inPeriod = (d: string | null) => d !== null && d >= from && d <= to;
  const lists: Record<string, string[]> = {};
  const put = (fig: string, c: CaseFact) => (lists[fig] ??= []).push(c.case_no);
  const used: number[] = [];
  const hours = new Array(24).fill(0);
  const weekdays = new Array(7).fill(0);
  for (const c of cases) {
    const receivedDay = local(c.received_at).toISOString().slice(0, 10);
    if (inPeriod(receivedDay)) {
      put('received', c);
      hours[local(c.received_at).getUTCHours()]++;
      weekdays[(local(c.received_at).getUTCDay() + 6) % 7]++;
    }
    if (inPeriod(c.accepted_date)) put('accepted', c);
    if (inPeriod(c.completed_date)) {
      put('completed', c);
      if (c.kind === 'immediate') put('immediate', c);
      if (c.timeliness === 'early') put('early', c);
      if (c.timeliness === 'on_time') put('on_time', c);
      if (c.timeliness === 'early' || c.timeliness === 'on_time') put('in_time', c);
      if (c.timeliness === 'late') put('late', c);
      if (c.decision === 'refused') put('refused', c);
      used.push(Math.max(0, countWorkingDays(cal, c.accepted_date!, c.completed_date!) - c.paused_days));
    }
    if ((OPEN as readonly string[]).includes(c.status)) {
      put('open', c);
      put(['normal', 'yellow', 'red'].includes(c.warning_level) ? `open_${c.warning_level}` : 'open_none', c);
    }
  }
  used.sort((a, b) => a - b);
  const n = (fig: string) => lists[fig]?.length ?? 0;
  return {
    lists, n, hours, weekdays,
    avg: used.length ? used.reduce((a, b) => a + b, 0) / used.length : null,
    p90: used.length ? used[Math.ceil(0.9 * used.length) - 1]! : null,
  };
}

async function fingerprint() {
  const out: Record<string, string> = {};
  for (const t of ['stats_case_facts', 'stats_daily', 'stats_hourly', 'stats_monthly', 'stats_workdays']) {
    const [r] = await rows<{ n: number; h: string }>(sql.raw(
      `select count(*)::int as n, coalesce(md5(string_agg(x::text, E'\\n' order by x::text)), '-') as h from ${t} x`));
    out[t] = `${r!.n}:${r!.h}`;
  }
  return out;
}

const at = (iso: string) => s.clock.set(iso);

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' }); // Monday 10:00 local
  const desk = await login(s.url, 'desk1');
  const food = await findItem(s, '食品经营许可');
  const shop = await findItem(s, '个体工商户设立登记');
  const approver = await login(s.url, `approver-${food.department.code.toLowerCase()}`);
  const newCase = async (item: typeof food) => (await intake(desk, item)).body.caseNo as string;

  // Monday: three food licences accepted, one left at received, two immediate registrations done on the spot.
  const foods = [await newCase(food), await newCase(food), await newCase(food), await newCase(food)];
  for (const no of foods.slice(0, 3)) expect((await act(approver, no, 'accept')).status).toBe(200);
  for (let i = 0; i < 2; i++) {
    const no = await newCase(shop);
    await act(desk, no, 'accept');
    await act(desk, no, 'approve');
    const done = await act(desk, no, 'complete', { data: { resultNo: `GT-${i}` } });
    expect(done.body.status).toBe('completed');
  }
  await refreshStats(s.database.db, s.clock);

  // Tuesday afternoon: one food licence approved and completed early, one refused.
  at('2026-11-17T07:30:00Z');
  const d2 = await login(s.url, 'desk1');
  const a2 = await login(s.url, `approver-${food.department.code.toLowerCase()}`);
  await act(a2, foods[0]!, 'approve');
  expect((await act(a2, foods[0]!, 'complete', { data: { resultNo: 'JY-1' } })).body.status).toBe('completed');
  expect((await act(a2, foods[1]!, 'refuse', { comment: '经营场所不符合要求' })).body.status).toBe('refused');
  await intake(d2, shop);
  await refreshStats(s.database.db, s.clock);

  // A week later, past the due date: a new food licence accepted; the third is still open and turns red.
  at('2026-11-24T01:10:00Z');
  const a3 = await login(s.url, `approver-${food.department.code.toLowerCase()}`);
  const d3 = await login(s.url, 'desk1');
  const late = await newCaseWith(d3, food);
  await act(a3, late, 'accept');
  await scanCases({ db: s.database.db, clock: s.clock, publicUrl: s.url });
  // And the Tuesday after, one more immediate registration.
  at('2026-11-25T09:00:00Z');
  const d4 = await login(s.url, 'desk1');
  const reg = await newCaseWith(d4, shop);
  await act(d4, reg, 'accept');
  await act(d4, reg, 'approve');
  await act(d4, reg, 'complete', { data: { resultNo: 'GT-9' } });
  await refreshStats(s.database.db, s.clock);
});

async function newCaseWith(desk: Session, item: Awaited<ReturnType<typeof findItem>>) {
  const res = await intake(desk, item);
  expect(res.status).toBe(201);
  return res.body.caseNo as string;
}

afterAll(async () => {
  await s?.close();
});

const FIGURE_OF: Record<string, (o: any) => number> = {
  received: (o) => o.totals.received,
  accepted: (o) => o.totals.accepted,
  completed: (o) => o.totals.completed,
  immediate: (o) => o.totals.immediate,
  early: (o) => o.totals.early,
  on_time: (o) => o.totals.onTime,
  in_time: (o) => o.totals.inTime,
  late: (o) => o.totals.late,
  refused: (o) => o.totals.refused,
  open: (o) => o.open.total,
  open_none: (o) => o.open.none,
  open_normal: (o) => o.open.normal,
  open_yellow: (o) => o.open.yellow,
  open_red: (o) => o.open.red,
};

describe('dashboard figures', () => {
  it('equal the counts computed directly from the cases, for the whole center and per department, over days and whole months', async () => {
    const sup = await login(s.url, 'supervisor');
    // Whole months are read from the monthly rollup, the days around them from the daily one.
    const periods = [[FROM, TO], ['2026-11-01', '2026-11-30'], ['2026-10-15', '2026-12-31'], ['2026-11-17', '2026-11-17']] as const;
    for (const [from, to] of periods) for (const dept of [undefined, 'SCJG']) {
      const q = `from=${from}&to=${to}${dept ? `&department=${dept}` : ''}`;
      const o = (await sup.request('GET', `/api/stats/overview?${q}`)).body;
      const t = await truth(dept, from, to);
      for (const [fig, get] of Object.entries(FIGURE_OF)) expect(get(o), `${fig} ${dept ?? ''}`).toBe(t.n(fig));
      expect(o.totals.received).toBeGreaterThan(0);
      expect(o.totals.avgDays).toBe(t.avg);
      expect(o.totals.p90Days).toBe(t.p90);
      expect(o.totals.onTimeRate).toBe(t.n('completed') ? t.n('in_time') / t.n('completed') : null);
      expect(o.totals.earlyRate).toBe(t.n('completed') ? t.n('early') / t.n('completed') : null);
      expect(o.totals.immediateRate).toBe(t.n('completed') ? t.n('immediate') / t.n('completed') : null);
      expect(o.overdueOpen).toBe(t.n('open_red'));
      expect(o.byHour.map((h: { received: number }) => h.received)).toEqual(t.hours);
      expect(o.byWeekday.map((h: { received: number }) => h.received)).toEqual(t.weekdays);
      expect(o.byDay.reduce((a: number, d: { received: number }) => a + d.received, 0)).toBe(t.n('received'));
      expect(o.byDay.reduce((a: number, d: { completed: number }) => a + d.completed, 0)).toBe(t.n('completed'));
    }
  });

  it('has the planted story: early, refused, late-open, immediate and the red case', async () => {
    const sup = await login(s.url, 'supervisor');
    const o = (await sup.request('GET', `/api/stats/overview?from=${FROM}&to=${TO}`)).body;
    expect(o.totals).toMatchObject({ received: 9, accepted: 7, completed: 5, immediate: 3, refused: 1 });
    expect(o.open.red).toBe(1);
    expect(o.todayCounts).toMatchObject({ received: 1, accepted: 1, completed: 1 });
    const food = o.byItem.find((i: { itemName: string }) => i.itemName === '食品经营许可');
    expect(food).toMatchObject({ completed: 2 });
    expect(o.byDepartment[0].rank).toBe(1);
  });

  it('counts satisfaction from the ratings of the period, leaving set-aside ones out, and follows the department filter', async () => {
    const [d] = await rows<{ id: number; code: string; center_id: number }>(sql`select id, code, center_id from departments where code = 'SCJG'`);
    const [other] = await rows<{ id: number; code: string }>(sql`select id, code from departments where code <> 'SCJG' order by id limit 1`);
    const r = (level: number, at: string, dept: number, aside = false) => sql`(${d!.center_id}, 'pad', ${level}, '[]'::jsonb, ${dept}, ${at}::timestamptz,
      ${aside ? sql`${at}::timestamptz` : sql`null`})`;
    await s.database.db.execute(sql`insert into ratings (center_id, channel, level, reasons, department_id, created_at, set_aside_at) values
      ${r(5, '2026-11-12T02:00:00Z', d!.id)}, ${r(3, '2026-11-12T03:00:00Z', d!.id)}, ${r(1, '2026-11-13T02:00:00Z', d!.id)},
      ${r(1, '2026-11-13T03:00:00Z', d!.id, true)}, ${r(2, '2026-11-09T15:59:00Z', d!.id)}, ${r(4, '2026-11-14T02:00:00Z', other!.id)}`);
    const sup = await login(s.url, 'supervisor');
    const all = (await sup.request('GET', `/api/stats/overview?from=${FROM}&to=${TO}`)).body;
    // 2026-11-09T15:59Z is 23:59 on the 9th in Beijing: before the period.
    expect(all.satisfaction).toEqual({ ratings: 4, satisfied: 3, bad: 1, rate: 0.75 });
    const scjg = (await sup.request('GET', `/api/stats/overview?from=${FROM}&to=${TO}&department=SCJG`)).body;
    expect(scjg.satisfaction).toEqual({ ratings: 3, satisfied: 2, bad: 1, rate: 2 / 3 });
    await s.database.db.execute(sql`delete from ratings`);
  });

  it('per day, per department and per item sums agree with the cases', async () => {
    const sup = await login(s.url, 'supervisor');
    const o = (await sup.request('GET', `/api/stats/overview?from=${FROM}&to=${TO}`)).body;
    const direct = await rows<{ day: string; n: number }>(sql`
      select ((received_at at time zone 'UTC') + interval '8 hours')::date::text as day, count(*)::int as n from cases group by 1`);
    for (const d of direct) expect(o.byDay.find((x: { day: string }) => x.day === d.day).received).toBe(d.n);
    const perDept = await rows<{ code: string; n: number }>(sql`
      select d.code, count(*)::int as n from cases c join departments d on d.id = c.department_id where c.completed_date is not null group by d.code`);
    for (const d of perDept) expect(o.byDepartment.find((x: { departmentCode: string }) => x.departmentCode === d.code).completed).toBe(d.n);
    const perItem = await rows<{ code: string; n: number }>(sql`select item_code as code, count(*)::int as n from cases group by 1`);
    for (const i of perItem) expect(o.byItem.find((x: { itemCode: string }) => x.itemCode === i.code).received).toBe(i.n);
  });

  it('each figure opens to exactly the cases behind it, masked, also as CSV', async () => {
    const sup = await login(s.url, 'leader');
    const t = await truth();
    for (const fig of Object.keys(FIGURE_OF)) {
      const list = (await sup.request('GET', `/api/stats/cases?figure=${fig}&from=${FROM}&to=${TO}&pageSize=200`)).body;
      expect(list.total, fig).toBe(t.n(fig));
      expect(list.cases.map((c: { caseNo: string }) => c.caseNo).sort(), fig).toEqual([...(t.lists[fig] ?? [])].sort());
      for (const c of list.cases) {
        expect(c.phone).toMatch(/\*{4}/);
        expect(c.applicant).toMatch(/\*/);
      }
    }
    const hour10 = (await sup.request('GET', `/api/stats/cases?figure=received&from=${FROM}&to=${TO}&hour=10`)).body;
    expect(hour10.total).toBe(t.hours[10]);
    const monday = (await sup.request('GET', `/api/stats/cases?figure=received&from=${FROM}&to=${TO}&weekday=1`)).body;
    expect(monday.total).toBe(t.weekdays[0]);
    const csv = await sup.request('GET', `/api/stats/cases.csv?figure=completed&from=${FROM}&to=${TO}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = String(csv.body).trim().split(/\r\n/);
    expect(lines.length).toBe(1 + t.n('completed'));
    expect(csv.body).not.toContain('13812345678');
  });

  it('refuses bad filters with a 4xx and other roles with 403', async () => {
    const sup = await login(s.url, 'supervisor');
    expect((await sup.request('GET', '/api/stats/overview?from=2026-11-30&to=2026-11-01')).status).toBe(400);
    expect((await sup.request('GET', '/api/stats/overview?from=2020-01-01&to=2026-11-01')).status).toBe(400);
    expect((await sup.request('GET', '/api/stats/overview?department=NOPE')).status).toBe(400);
    expect((await sup.request('GET', '/api/stats/overview?from=2026-02-31')).status).toBe(400);
    expect((await sup.request('GET', '/api/stats/cases?figure=bogus')).status).toBe(400);
    expect((await sup.request('GET', '/api/stats/cases?figure=completed&hour=3')).status).toBe(400);
    const desk = await login(s.url, 'desk1');
    expect((await desk.request('GET', '/api/stats/overview')).status).toBe(403);
  });

  it('a second refresh, or two at once, changes nothing', async () => {
    const before = await fingerprint();
    const again = await refreshStats(s.database.db, s.clock);
    expect(again).toMatchObject({ skipped: false, rebuilt: false, changedCases: 0 });
    expect(await fingerprint()).toEqual(before);
    const both = await Promise.all([refreshStats(s.database.db, s.clock), refreshStats(s.database.db, s.clock)]);
    for (const r of both) expect(r.changedCases).toBe(0);
    expect(await fingerprint()).toEqual(before);
  });

  it('a calendar edit rebuilds the used days with the new calendar', async () => {
    const admin = await login(s.url, 'admin');
    // Friday 2026-11-20 becomes a local closure: the early food licence (accepted Monday, completed Tuesday) is unaffected,
    // but the rebuild must still give the same figures as the direct count.
    expect((await admin.request('PUT', '/api/admin/calendar/overrides/2026-11-20', { working: false, reason: '停电闭厅' })).status).toBeLessThan(300);
    const r = await refreshStats(s.database.db, s.clock);
    expect(r.rebuilt).toBe(true);
    const sup = await login(s.url, 'supervisor');
    const o = (await sup.request('GET', `/api/stats/overview?from=${FROM}&to=${TO}`)).body;
    const t = await truth();
    expect(o.totals.completed).toBe(t.n('completed'));
    expect(o.totals.avgDays).toBe(t.avg);
    expect(o.totals.p90Days).toBe(t.p90);
  });
});
