import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { rows } from '../helpers/applicant.js';
import { allMaterials, findItem, PERSON } from '../helpers/cases.js';
import { COLUMNS, HEADER_ROW, SHEET_NAME } from '../../src/modules/network/report.service.js';
import { refreshStats } from '../../src/modules/stats/stats.service.js';

// The network's monthly report from known inputs: proxy intakes through the API at chosen instants,
// then the papers' hops written as the ledger would write them.
const NOW = '2026-11-16T02:00:00Z'; // Monday 10:00 in Asia/Shanghai
let s: TestServer;
const u: Record<string, Session> = {};
let n = 0; // materials per case of the item used
const caseNo: Record<string, string> = {};

async function take(who: string, at: string, channel: 'village' | 'township', name: string) {
  s.clock.set(at);
  const item = await findItem(s, '最低生活保障审核确认');
  n = item.materials.length;
  const res = await u[who]!.request('POST', '/api/cases', {
    itemCode: item.code, applicant: { ...PERSON, name, phone: '13700001111' }, channel, materials: allMaterials(item), authorization: { kind: 'paper' },
  });
  expect(res.status).toBe(201);
  return res.body.caseNo as string;
}

async function exec(q: ReturnType<typeof sql>) {
  await s.database.db.execute(q);
}

/** One batch of all a case's papers of a kind from one place to another; received when `receivedAt` is given. */
async function hop(no: string, kind: 'material' | 'result', from: string, to: string, sentAt: string, receivedAt: string | null) {
  const batch = `T-${no}-${kind}-${from}-${to}`;
  await exec(sql`insert into ledger_handovers (batch_no, from_center_id, to_center_id, carrier, status, token, sent_by, sent_at, received_by, received_at)
    select ${batch}, f.id, t.id, '测试', ${receivedAt ? 'received' : 'sent'}, ${batch}, 1, ${sentAt}::timestamptz, ${receivedAt ? 1 : null}, ${receivedAt}::timestamptz
    from centers f, centers t where f.code = ${from} and t.code = ${to}`);
  await exec(sql`insert into ledger_handover_entries (handover_id, entry_id)
    select h.id, e.id from ledger_handovers h, ledger_entries e where h.batch_no = ${batch} and e.case_no = ${no} and e.kind = ${kind}`);
  await exec(sql`update ledger_entries e set holder_center_id = case when ${receivedAt}::timestamptz is null then e.holder_center_id else t.id end,
      state = case when ${receivedAt}::timestamptz is null then 'in_transit' else 'held' end,
      handover_id = case when ${receivedAt}::timestamptz is null then h.id else null end,
      held_since = coalesce(${receivedAt}::timestamptz, ${sentAt}::timestamptz)
    from ledger_handovers h, centers t where h.batch_no = ${batch} and t.code = ${to} and e.case_no = ${no} and e.kind = ${kind}`);
}

async function result(no: string, completedAt: string, returnedAt: string | null) {
  await exec(sql`update cases set completed_at = ${completedAt}::timestamptz where case_no = ${no}`);
  await exec(sql`insert into ledger_entries (case_id, case_no, kind, name, copies, home_center_id, holder_center_id, state, held_since, created_by, created_at)
    select k.id, k.case_no, 'result', '办理结果', 1, k.proxy_center_id, k.center_id, 'held', ${completedAt}::timestamptz, 1, ${completedAt}::timestamptz
    from cases k where k.case_no = ${no}`);
  if (returnedAt) {
    await hop(no, 'result', 'HP', 'HP-CG', '2026-11-09T01:00:00Z', '2026-11-09T02:00:00Z');
    await hop(no, 'result', 'HP-CG', 'HP-CG-DJ', '2026-11-09T06:00:00Z', '2026-11-09T07:00:00Z');
    await exec(sql`update ledger_entries set state = 'returned', returned_at = ${returnedAt}::timestamptz, held_since = ${returnedAt}::timestamptz,
      return_proof = '{"kind":"signature","by":"李四"}'::jsonb where case_no = ${no} and kind = 'result'`);
  }
}

async function rate(no: string, level: number) {
  await exec(sql`insert into ratings (center_id, channel, level, reasons, case_no, created_at)
    select center_id, 'sms', ${level}, '[]'::jsonb, case_no, ${NOW}::timestamptz from cases where case_no = ${no}`);
}

beforeAll(async () => {
  s = await startTestServer({ now: NOW });
  for (const name of ['agent-hp-cg-dj', 'agent-hp-xk-sp', 'station-hp-cg', 'station-hp-xk', 'leader', 'supervisor', 'admin', 'desk1', 'approver-mz']) u[name] = await login(s.url, name);
  // Saturday 31 October 23:00 local: October. Sunday 1 November 01:00 local (still 31 October in UTC): November.
  caseNo.B = await take('agent-hp-cg-dj', '2026-10-31T15:00:00Z', 'village', '王五');
  caseNo.A = await take('agent-hp-cg-dj', '2026-10-31T17:00:00Z', 'village', '赵六');
  // Monday 2 November 09:00 local.
  caseNo.C = await take('agent-hp-cg-dj', '2026-11-02T01:00:00Z', 'village', '钱七');
  caseNo.D = await take('agent-hp-cg-dj', '2026-11-02T01:00:00Z', 'village', '孙八');
  caseNo.E = await take('agent-hp-xk-sp', '2026-11-02T01:00:00Z', 'village', '周九');
  caseNo.F = await take('station-hp-cg', '2026-11-02T01:00:00Z', 'township', '吴十');
  // One case at the county hall's window, the same Monday.
  s.clock.set('2026-11-02T02:00:00Z');
  const welfare = await findItem(s, '最低生活保障审核确认');
  const hall = await u.desk1!.request('POST', '/api/cases', { itemCode: welfare.code, applicant: { ...PERSON, name: '郑一', phone: '13700002222' }, channel: 'window', materials: allMaterials(welfare) });
  expect(hall.status).toBe(201);
  s.clock.set(NOW);
  // A: carried to the station on Monday 10:30 (10.5 working hours: Sunday is not one), and still there.
  await hop(caseNo.A!, 'material', 'HP-CG-DJ', 'HP-CG', '2026-11-02T01:30:00Z', '2026-11-02T02:30:00Z');
  // C: sat at the room until Thursday 11:00 (74 working hours: overdue), then at the county Thursday 16:00.
  await hop(caseNo.C!, 'material', 'HP-CG-DJ', 'HP-CG', '2026-11-05T01:00:00Z', '2026-11-05T03:00:00Z');
  await hop(caseNo.C!, 'material', 'HP-CG', 'HP', '2026-11-05T06:00:00Z', '2026-11-05T08:00:00Z');
  // C's result: completed Friday 10:00, handed back Tuesday 10:00 (48 working hours). A's result is not back yet.
  await result(caseNo.C!, '2026-11-06T02:00:00Z', '2026-11-10T02:00:00Z');
  await result(caseNo.A!, '2026-11-12T02:00:00Z', null);
  await rate(caseNo.C!, 5);
  await rate(caseNo.D!, 2);
}, 60_000);
afterAll(async () => { await s?.close(); });

const row = (report: any, code: string) => report.rows.find((r: any) => r.code === code);

describe('network monthly report (三级网络月报)', () => {
  it('counts each place\'s proxy cases, paper moves, transit times, overdue stays, returns and ratings from known inputs', async () => {
    const res = await u.leader!.request('GET', '/api/network/report?month=2026-11');
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.rows.map((x: any) => x.code)).toEqual(['HP', 'HP-CG', 'HP-CG-DJ', 'HP-SQ', 'HP-SQ-SM', 'HP-XK', 'HP-XK-LT', 'HP-XK-SP']);
    const dj = row(r, 'HP-CG-DJ');
    expect(dj).toMatchObject({
      level: 'village', parentCode: 'HP-CG', taken: 3, completed: 2, delivered: 0, appointments: 0,
      // A's and C's papers left the room in November.
      moved: 2 * n,
      intakeMeasured: 1, intakeAvgHours: 79, intakeMaxHours: 79,
      returnMeasured: 1, returnAvgHours: 48, returnMaxHours: 48,
      // C sat 74 working hours; D never left; B (October's) is still there in November.
      overdue: 3 * n,
      notReturned: 1,
      ratings: 2, ratingAvg: 3.5, satisfactionRate: 50,
    });
    // The station answers for the papers it sits on: A's since Monday, and its own case F's.
    expect(row(r, 'HP-CG')).toMatchObject({ level: 'township', parentCode: null, taken: 1, moved: n + 1, overdue: 2 * n, notReturned: 0, intakeMeasured: 0, intakeAvgHours: null });
    expect(row(r, 'HP-XK-SP')).toMatchObject({ taken: 1, overdue: n, moved: 0 });
    expect(row(r, 'HP-SQ-SM')).toMatchObject({ taken: 0, overdue: 0, ratings: 0, ratingAvg: null, satisfactionRate: null });
    // The county hall's reference row has no ledger figures, and is not in the network's totals.
    expect(row(r, 'HP')).toMatchObject({ level: 'county', taken: 1, overdue: null, moved: null });
    expect(r.totals).toMatchObject({ taken: 5, overdue: 3 * n + 2 * n + n, moved: 3 * n + 1, intakeMeasured: 1, intakeAvgHours: 79, ratings: 2, notReturned: 1 });
    expect(r.overdueRule).toContain('48');
    expect(r.overdueRuleEn).toContain('48 working hours');
  });

  it('cuts months in the center\'s zone: a case taken at 2026-10-31T17:00Z counts in November, one at 15:00Z in October', async () => {
    const oct = (await u.leader!.request('GET', '/api/network/report?month=2026-10')).body;
    expect(row(oct, 'HP-CG-DJ')).toMatchObject({ taken: 1, moved: 0, overdue: 0 });
    const list = (await u.leader!.request('GET', `/api/network/report/cases?month=2026-10&place=HP-CG-DJ`)).body;
    expect(list.cases.map((c: any) => c.caseNo)).toEqual([caseNo.B]);
    const nov = (await u.leader!.request('GET', `/api/network/report/cases?month=2026-11&place=HP-CG-DJ`)).body;
    expect(new Set(nov.cases.map((c: any) => c.caseNo))).toEqual(new Set([caseNo.A, caseNo.C, caseNo.D]));
  });

  it('drills down to a place\'s cases with their papers\' times, names masked', async () => {
    const res = await u.supervisor!.request('GET', '/api/network/report/cases?month=2026-11&place=HP-CG-DJ');
    expect(res.status).toBe(200);
    expect(res.body.place).toEqual({ code: 'HP-CG-DJ', name: '城关镇东街社区便民服务室', level: 'village' });
    const c = res.body.cases.find((x: any) => x.caseNo === caseNo.C);
    expect(c).toMatchObject({ applicant: '钱*', papers: n + 1, atCountyAt: '2026-11-05T08:00:00.000Z', intakeHours: 79, resultReturnedAt: '2026-11-10T02:00:00.000Z', returnHours: 48, overdueStays: n });
    expect(c.takenBy).toContain('代办员');
    expect(JSON.stringify(res.body)).not.toContain('钱七');
    const d = res.body.cases.find((x: any) => x.caseNo === caseNo.D);
    expect(d).toMatchObject({ atCountyAt: null, intakeHours: null, overdueStays: n });
    expect((await u.leader!.request('GET', '/api/network/report/cases?month=2026-11&place=HP')).status).toBe(404);
    expect((await u.leader!.request('GET', '/api/network/report/cases?month=2026-13&place=HP-CG-DJ')).status).toBe(400);
  });

  it('shows a station its township and villages, an agent its room, and refuses everyone else', async () => {
    const station = (await u['station-hp-cg']!.request('GET', '/api/network/report?month=2026-11')).body;
    expect(station.rows.map((x: any) => x.code)).toEqual(['HP-CG', 'HP-CG-DJ']);
    expect(station.totals.taken).toBe(4);
    const agent = (await u['agent-hp-xk-sp']!.request('GET', '/api/network/report?month=2026-11')).body;
    expect(agent.rows.map((x: any) => x.code)).toEqual(['HP-XK-SP']);
    expect((await u['agent-hp-xk-sp']!.request('GET', '/api/network/report/cases?month=2026-11&place=HP-CG-DJ')).status).toBe(404);
    expect((await u['station-hp-xk']!.request('GET', '/api/network/report/cases?month=2026-11&place=HP-CG-DJ')).status).toBe(404);
    expect((await u['station-hp-cg']!.request('GET', '/api/network/report/cases?month=2026-11&place=HP-CG-DJ')).status).toBe(200);
    for (const who of ['supervisor', 'admin']) expect((await u[who]!.request('GET', '/api/network/report?month=2026-11')).body.rows).toHaveLength(8);
    for (const who of ['desk1', 'approver-mz']) {
      expect((await u[who]!.request('GET', '/api/network/report?month=2026-11')).status).toBe(403);
      expect((await u[who]!.request('GET', '/api/network/report.xlsx?month=2026-11')).status).toBe(403);
    }
    const anonymous = await fetch(`${s.url}/api/network/report?month=2026-11`);
    expect(anonymous.status).toBe(401);
    expect((await u.leader!.request('GET', '/api/network/report?month=2026-1')).status).toBe(400);
    // Without a month: the center's current one.
    expect((await u.leader!.request('GET', '/api/network/report')).body.month).toBe('2026-11');
    expect((await fetch(`${s.url}/print/network/report`, { headers: { cookie: u.leader!.cookie } })).status).toBe(400);
  });

  it('the Excel file opens with the same rows and numbers, in Chinese or English', async () => {
    const api = (await u.leader!.request('GET', '/api/network/report?month=2026-11')).body;
    const res = await fetch(`${s.url}/api/network/report.xlsx?month=2026-11`, { headers: { cookie: u.leader!.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.getWorksheet(SHEET_NAME.zh)!;
    const col = (key: string) => COLUMNS.findIndex((c) => c.key === key) + 1;
    expect(ws.getRow(HEADER_ROW).getCell(col('taken')).value).toBe('代办件数');
    api.rows.forEach((line: any, i: number) => {
      const r = ws.getRow(HEADER_ROW + 1 + i);
      expect(r.getCell(col('code')).value).toBe(line.code);
      expect(r.getCell(col('taken')).value).toBe(line.taken);
      expect(r.getCell(col('overdue')).value).toBe(line.overdue ?? '—');
      expect(r.getCell(col('intakeAvgHours')).value).toBe(line.intakeAvgHours ?? '—');
    });
    const total = ws.getRow(HEADER_ROW + 1 + api.rows.length);
    expect(total.getCell(col('name')).value).toBe('网络合计');
    expect(total.getCell(col('taken')).value).toBe(5);
    // No applicant's name leaves in the file.
    const text = JSON.stringify(ws.getSheetValues());
    for (const name of ['王五', '赵六', '钱七', '孙八']) expect(text).not.toContain(name);
    const en = await fetch(`${s.url}/api/network/report.xlsx?month=2026-11&lang=en`, { headers: { cookie: u.leader!.cookie } });
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(Buffer.from(await en.arrayBuffer()) as any);
    expect(wbEn.getWorksheet(SHEET_NAME.en)!.getRow(HEADER_ROW).getCell(col('taken')).value).toBe('Proxy cases');
  });

  it('prints the month on an A4 page with a row per place', async () => {
    const res = await fetch(`${s.url}/print/network/report?month=2026-11`, { headers: { cookie: u.leader!.cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('2026年11月县乡村三级代办、预约工作月报');
    expect(html).toContain('统计期间：2026年11月1日至2026年11月30日');
    expect(html).toContain('data-code="HP-CG-DJ"');
    expect(html).toContain('size: A4 landscape');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const agent = await fetch(`${s.url}/print/network/report?month=2026-11`, { headers: { cookie: u['agent-hp-cg-dj']!.cookie } });
    const agentHtml = await agent.text();
    expect(agentHtml).toContain('data-code="HP-CG-DJ"');
    expect(agentHtml).not.toContain('data-code="HP-CG"');
    expect((await fetch(`${s.url}/print/network/report?month=2026-11`, { headers: { cookie: u.desk1!.cookie } })).status).toBe(403);
  });

  it('filters the dashboard\'s figures, drill-down and satisfaction by where the cases were taken (county / township / village)', async () => {
    await refreshStats(s.database.db, s.clock);
    const overview = async (level?: string) => {
      const res = await u.leader!.request('GET', `/api/stats/overview?from=2026-10-01&to=2026-11-16${level ? `&level=${level}` : ''}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    const [all, county, township, village] = [await overview(), await overview('county'), await overview('township'), await overview('village')];
    expect(all.totals.received).toBe(7);
    expect([county.totals.received, township.totals.received, village.totals.received]).toEqual([1, 1, 5]);
    // The days, hours and weekdays add up the same way as the totals.
    const sum = (o: any, k: string) => o[k].reduce((a: number, d: any) => a + d.received, 0);
    for (const o of [county, township, village]) {
      expect(sum(o, 'byDay')).toBe(o.totals.received);
      expect(sum(o, 'byHour')).toBe(o.totals.received);
      expect(sum(o, 'byWeekday')).toBe(o.totals.received);
    }
    expect(village.byDay.find((d: any) => d.day === '2026-10-31').received).toBe(1);
    expect(village.byDay.find((d: any) => d.day === '2026-11-01').received).toBe(1);
    expect(village.open.total).toBe(5);
    expect([county.satisfaction.ratings, township.satisfaction.ratings, village.satisfaction.ratings]).toEqual([0, 0, 2]);
    const list = await u.leader!.request('GET', '/api/stats/cases?figure=received&from=2026-10-01&to=2026-11-16&level=village&pageSize=50');
    expect(list.body.total).toBe(5);
    expect(new Set(list.body.cases.map((c: any) => c.caseNo))).toEqual(new Set([caseNo.A, caseNo.B, caseNo.C, caseNo.D, caseNo.E]));
    const open = await u.leader!.request('GET', '/api/stats/cases?figure=open&level=township');
    expect(open.body.cases.map((c: any) => c.caseNo)).toEqual([caseNo.F]);
    expect((await u.leader!.request('GET', '/api/stats/overview?level=city')).status).toBe(400);
  });
});
