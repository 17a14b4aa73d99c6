import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import type { Db } from '../../src/db/client.js';
import { COLUMNS, HEADER_ROW, SHEET_NAME } from '../../src/modules/bulletin/bulletin.service.js';

const NOW = '2026-11-16T02:00:00Z';
const TODAY = '2026-11-16';
let s: TestServer;
let supervisor: Session;

async function q<T = Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

interface CaseRow {
  departmentId: number; status: string; receivedLocal: string; completedDate: string | null; timeliness: string | null; dueDate: string | null;
}

/** The bulletin's figures computed straight from the cases, in JavaScript, without the module's SQL. */
function expected(rows: CaseRow[], departmentId: number, month: string) {
  const mine = rows.filter((r) => r.departmentId === departmentId);
  const inMonth = (d: string | null) => d !== null && d.slice(0, 7) === month;
  const done = mine.filter((r) => inMonth(r.completedDate));
  const late = done.filter((r) => r.timeliness === 'late').length;
  const overdueOpen = mine.filter((r) => ['accepted', 'reviewed', 'approved'].includes(r.status) && inMonth(r.dueDate) && r.dueDate! < TODAY).length;
  return {
    received: mine.filter((r) => r.receivedLocal.slice(0, 7) === month).length,
    completed: done.length,
    onTime: done.filter((r) => r.timeliness === 'early' || r.timeliness === 'on_time').length,
    early: done.filter((r) => r.timeliness === 'early').length,
    late,
    overdue: late + overdueOpen,
  };
}

let rows: CaseRow[];
let depts: { id: number; code: string }[];

beforeAll(async () => {
  s = await startTestServer({ now: NOW, seed: false });
  await seedDemo(s.database.db, s.clock.now(), { history: true });
  supervisor = await login(s.url, 'supervisor');
  const db = s.database.db;
  rows = await q<CaseRow>(db, sql`select department_id as "departmentId", status, to_char(received_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "receivedLocal",
    completed_date::text as "completedDate", timeliness, due_date::text as "dueDate" from cases`);
  depts = await q(db, sql`select id, code from departments order by id`);
  // Two warnings and a notice with an answer, planted in October for the first department.
  const [d] = depts;
  const [c1, c2] = await q<{ id: number }>(db, sql`select id from cases c where department_id = ${d!.id}
    and not exists (select 1 from warning_alerts w where w.case_id = c.id) order by id limit 2`);
  const [sup] = await q<{ id: number; center_id: number }>(db, sql`select id, center_id from users where username = 'supervisor'`);
  await db.execute(sql`insert into warning_alerts (case_id, department_id, level, raised_at, raised_date)
    values (${c1!.id}, ${d!.id}, 'yellow', '2026-10-12T02:00:00Z', '2026-10-12'), (${c1!.id}, ${d!.id}, 'red', '2026-10-20T02:00:00Z', '2026-10-20'),
           (${c2!.id}, ${d!.id}, 'red', '2026-11-02T02:00:00Z', '2026-11-02')`);
  const [n] = await q<{ id: number }>(db, sql`insert into supervision_notices (center_id, department_id, issued_by, issued_at, deadline, subject, body, status, answered_at)
    values (${sup!.center_id}, ${d!.id}, ${sup!.id}, '2026-10-15T02:00:00Z', '2026-10-20', '督办', '请说明超期原因', 'answered', '2026-10-16T02:00:00Z') returning id`);
  await db.execute(sql`insert into supervision_answers (notice_id, answered_by, answered_at, body) values (${n!.id}, ${sup!.id}, '2026-10-16T02:00:00Z', '已整改')`);
  // October, first department: two complaints and a consultation (not counted); three ratings, one bad,
  // and one bad rating set aside as unfair (not counted). One rating on 1 November belongs to November.
  const center = sup!.center_id;
  const complaint = (kind: string, code: string, at: string) => sql`(${center}, ${code}, ${kind}, 'online', 'written', 'department', ${d!.id},
    '李四', '13500001111', '排队', '排队时间长', 'registered', '2026-10-30', ${at}::timestamptz, '[]'::jsonb)`;
  await db.execute(sql`insert into complaints (center_id, code, kind, channel, reply_form, about, department_id, contact_name, contact_phone,
    subject, content, status, due_date, created_at, history) values
    ${complaint('complaint', 'TSBULLET01', '2026-10-08T02:00:00Z')}, ${complaint('complaint', 'TSBULLET02', '2026-10-31T16:30:00Z')},
    ${complaint('consultation', 'ZXBULLET01', '2026-10-09T02:00:00Z')}`);
  const rating = (level: number, at: string, aside: boolean) => sql`(${center}, 'pad', ${level}, '[]'::jsonb, ${d!.id}, ${at}::timestamptz,
    ${aside ? sql`${at}::timestamptz` : sql`null`}, ${aside ? '与服务无关' : null})`;
  await db.execute(sql`insert into ratings (center_id, channel, level, reasons, department_id, created_at, set_aside_at, set_aside_reason) values
    ${rating(5, '2026-10-10T02:00:00Z', false)}, ${rating(4, '2026-10-11T02:00:00Z', false)}, ${rating(1, '2026-10-12T02:00:00Z', false)},
    ${rating(1, '2026-10-13T02:00:00Z', true)}, ${rating(2, '2026-11-01T02:00:00Z', false)}`);
}, 120_000);
afterAll(async () => { await s?.close(); });

describe('monthly bulletin (督查通报)', () => {
  it('is for supervisors and leaders only and refuses a bad month', async () => {
    const desk = await login(s.url, 'desk1');
    expect((await desk.request('GET', '/api/bulletin?month=2026-10')).status).toBe(403);
    expect((await supervisor.request('GET', '/api/bulletin?month=2026-13')).status).toBe(400);
    expect((await supervisor.request('GET', '/api/bulletin')).status).toBe(400);
    const leader = await login(s.url, 'leader');
    expect((await leader.request('GET', '/api/bulletin?month=2026-10')).status).toBe(200);
  });

  for (const month of ['2026-10', '2026-11']) {
    it(`${month}: every department's figures equal counts computed directly from the cases`, async () => {
      const res = await supervisor.request('GET', `/api/bulletin?month=${month}`);
      expect(res.status).toBe(200);
      const b = res.body;
      expect(b.departments).toHaveLength(depts.length);
      let totalCompleted = 0;
      for (const line of b.departments) {
        const e = expected(rows, line.departmentId, month);
        expect({ received: line.received, completed: line.completed, onTime: line.onTime, early: line.early, late: line.late, overdue: line.overdue }).toEqual(e);
        expect(line.onTimeRate).toBe(e.completed ? Math.round((e.onTime / e.completed) * 1000) / 10 : null);
        const first = line.departmentId === depts[0]!.id;
        // 2026-10-31T16:30Z is 00:30 on 1 November in Beijing: the second complaint counts in November.
        expect(line.complaints).toBe(first ? 1 : 0);
        expect(line.ratings).toBe(first ? (month === '2026-10' ? 3 : 1) : 0);
        expect(line.satisfactionRate).toBe(first ? (month === '2026-10' ? 66.7 : 0) : null);
        totalCompleted += e.completed;
      }
      expect(b.totals.completed).toBe(totalCompleted);
      expect(totalCompleted).toBeGreaterThan(100);
      // Rank: by on-time rate, then early rate, then volume; the unranked have no completed case.
      const ranked = b.departments.filter((l: any) => l.rank !== null);
      ranked.forEach((l: any, i: number) => {
        expect(l.rank).toBe(i + 1);
        if (i > 0) {
          const p = ranked[i - 1];
          const key = (x: any) => [x.onTime / x.completed, x.early / x.completed, x.completed];
          const [a, c] = [key(p), key(l)];
          expect(a[0]! > c[0]! || (a[0] === c[0] && (a[1]! > c[1]! || (a[1] === c[1] && a[2]! >= c[2]!)))).toBe(true);
        }
      });
      for (const l of b.departments.filter((x: any) => x.rank === null)) expect(l.completed).toBe(0);
      const first = ranked[0];
      expect(b.redFlag).toEqual(first.overdue === 0 ? { code: first.code, name: first.name } : null);
    });
  }

  it('counts the warnings and supervision notices of the month, equal to the tables', async () => {
    const db = s.database.db;
    for (const month of ['2026-10', '2026-11']) {
      const b = (await supervisor.request('GET', `/api/bulletin?month=${month}`)).body;
      const warn = await q<{ d: number; level: string; n: number }>(db, sql`select department_id as d, level, count(*)::int as n from warning_alerts
        where to_char(raised_date, 'YYYY-MM') = ${month} group by 1, 2`);
      const notes = await q<{ d: number; n: number; answered: number }>(db, sql`select department_id as d, count(*)::int as n, count(answered_at)::int as answered
        from supervision_notices where to_char(issued_at at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month} group by 1`);
      for (const line of b.departments) {
        const w = (level: string) => warn.find((x) => x.d === line.departmentId && x.level === level)?.n ?? 0;
        const n = notes.find((x) => x.d === line.departmentId);
        expect([line.warningsYellow, line.warningsRed, line.notices, line.noticesAnswered]).toEqual([w('yellow'), w('red'), n?.n ?? 0, n?.answered ?? 0]);
      }
      expect(b.totals.warningsYellow + b.totals.warningsRed).toBe(warn.reduce((a, x) => a + x.n, 0));
    }
    // The planted October notice and its answer.
    const oct = (await supervisor.request('GET', '/api/bulletin?month=2026-10')).body.departments.find((l: any) => l.departmentId === depts[0]!.id);
    expect([oct.notices, oct.noticesAnswered, oct.noticesEscalated]).toEqual([1, 1, 0]);
    expect(oct.warningsYellow).toBeGreaterThanOrEqual(1);
    expect(oct.warningsRed).toBeGreaterThanOrEqual(1);
  });

  it('the Excel file holds the same numbers as the API', async () => {
    const api = (await supervisor.request('GET', '/api/bulletin?month=2026-10')).body;
    const res = await fetch(`${s.url}/api/bulletin.xlsx?month=2026-10`, { headers: { cookie: supervisor.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.getWorksheet(SHEET_NAME)!;
    expect(ws).toBeTruthy();
    const col = (header: string) => COLUMNS.findIndex((c) => c.header === header) + 1;
    expect(ws.getRow(HEADER_ROW).getCell(col('办结数')).value).toBe('办结数');
    api.departments.forEach((line: any, i: number) => {
      const row = ws.getRow(HEADER_ROW + 1 + i);
      const e = expected(rows, line.departmentId, '2026-10');
      expect(row.getCell(col('部门编码')).value).toBe(line.code);
      expect(row.getCell(col('收件数')).value).toBe(e.received);
      expect(row.getCell(col('办结数')).value).toBe(e.completed);
      expect(row.getCell(col('按期办结数')).value).toBe(e.onTime);
      expect(row.getCell(col('提前办结数')).value).toBe(e.early);
      expect(row.getCell(col('超期件数')).value).toBe(e.overdue);
      expect(row.getCell(col('按期办结率(%)')).value).toBe(line.onTimeRate ?? '—');
      expect(row.getCell(col('提前办结率(%)')).value).toBe(line.earlyRate ?? '—');
      expect(row.getCell(col('红色预警')).value).toBe(line.warningsRed);
      expect(row.getCell(col('督办件数')).value).toBe(line.notices);
      expect(row.getCell(col('排名')).value).toBe(line.rank ?? '—');
      expect(row.getCell(col('投诉')).value).toBe(line.complaints);
      expect(row.getCell(col('评价数')).value).toBe(line.ratings);
      expect(row.getCell(col('满意率(%)')).value).toBe(line.satisfactionRate ?? '—');
      expect(row.getCell(col('流动红旗')).value).toBe(api.redFlag?.code === line.code ? '★' : '');
    });
    const total = ws.getRow(HEADER_ROW + 1 + api.departments.length);
    expect(total.getCell(col('部门')).value).toBe('合计');
    expect(total.getCell(col('办结数')).value).toBe(api.totals.completed);
    expect(total.getCell(col('收件数')).value).toBe(rows.filter((r) => r.receivedLocal.startsWith('2026-10')).length);
  });

  it('gives the cases behind a figure as CSV: BOM, one line per case, personal data masked', async () => {
    const api = (await supervisor.request('GET', '/api/bulletin?month=2026-10')).body;
    const busiest = [...api.departments].sort((a: any, b: any) => b.completed - a.completed)[0];
    for (const figure of ['completed', 'early', 'overdue', 'received'] as const) {
      const res = await fetch(`${s.url}/api/bulletin/cases.csv?month=2026-10&department=${busiest.code}&figure=${figure}`, { headers: { cookie: supervisor.cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.slice(3));
      const lines = text.trimEnd().split('\r\n');
      expect(lines[0]).toContain('办件编号');
      expect(lines.length - 1).toBe(busiest[figure === 'completed' ? 'completed' : figure === 'early' ? 'early' : figure === 'overdue' ? 'overdue' : 'received']);
      expect(text).not.toMatch(/\d{17}[\dX]/);
      expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
    }
    expect((await supervisor.request('GET', '/api/bulletin/cases.csv?month=2026-10&figure=nonsense')).status).toBe(400);
    expect((await supervisor.request('GET', '/api/bulletin/cases.csv?month=2026-10&department=NOPE&figure=late')).status).toBe(404);
  });

  it('prints the bulletin as an A4 page with the same numbers', async () => {
    const api = (await supervisor.request('GET', '/api/bulletin?month=2026-10')).body;
    const res = await fetch(`${s.url}/print/bulletin?month=2026-10`, { headers: { cookie: supervisor.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2026年10月督查通报');
    expect(html).toContain('data-action="print"');
    const first = api.departments[0];
    const row = new RegExp(`<tr data-code="${first.code}"><td>${first.rank}</td><td class="name">[^<]*(?:<span[^>]*>[^<]*</span>)?</td><td>${first.received}</td><td>${first.completed}</td><td>${first.onTime}</td>`);
    expect(html).toMatch(row);
    expect((await fetch(`${s.url}/print/bulletin?month=2026-10`)).status).toBe(401);
  });
});
