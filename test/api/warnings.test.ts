import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { login, startTestServer, type TestServer } from '../helpers/test-server.js';
import { act, COMPANY, findItem, intake } from '../helpers/cases.js';
import { rescanAllCases, scanCases } from '../../src/modules/cases/cases.service.js';
import { queueWarningDigests } from '../../src/modules/warnings/warnings.service.js';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' }); // Monday, 10:00 local
});
afterAll(async () => {
  await s?.close();
});

const deps = () => ({ db: s.database.db, clock: s.clock, publicUrl: s.url });
const as = (username: string) => login(s.url, username); // sessions expire when the clock jumps: log in afresh
const at = (iso: string) => s.clock.set(iso);

async function rows<T = Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await s.database.db.execute(query) as unknown as { rows: T[] }).rows;
}

async function caseRow(no: string) {
  return (await rows<{ id: number; warning_level: string; next_level_date: string | null; status: string }>(
    sql`select id, warning_level, next_level_date::text, status from cases where case_no = ${no}`))[0]!;
}

async function alertsOf(no: string) {
  return rows<{ level: string; task_id: number | null; department_id: number }>(sql`
    select a.level, a.task_id, a.department_id from warning_alerts a join cases c on c.id = a.case_id where c.case_no = ${no} order by a.id`);
}

async function newAcceptedCase(name = '食品经营许可') {
  const item = await findItem(s, name);
  const approverName = `approver-${item.department.code.toLowerCase()}`;
  const no = (await intake(await as('desk1'), item)).body.caseNo as string;
  expect((await act(await as(approverName), no, 'accept')).status).toBe(200);
  return { item, no, approverName };
}

describe('warning levels kept by the scan over cases due for a change', () => {
  it('goes normal → yellow → red across working days, with one alert per level; a second scan changes nothing; completion clears it', async () => {
    at('2026-11-16T02:00:00Z');
    const { no, approverName } = await newAcceptedCase(); // promised 5 working days: due Monday 23rd
    expect(await caseRow(no)).toMatchObject({ warning_level: 'normal', next_level_date: '2026-11-18' });
    await scanCases(deps());
    expect(await scanCases(deps())).toMatchObject({ updated: 0, alerts: 0, deemed: 0 });

    at('2026-11-17T02:00:00Z'); // Tuesday: 4 working days left, nothing due
    expect(await scanCases(deps())).toMatchObject({ updated: 0, alerts: 0 });
    expect((await caseRow(no)).warning_level).toBe('normal');

    at('2026-11-18T02:00:00Z'); // Wednesday: 3 left → yellow
    const first = await scanCases(deps());
    expect(first.updated).toBeGreaterThanOrEqual(1);
    expect(first.alerts).toBeGreaterThanOrEqual(1);
    expect(await caseRow(no)).toMatchObject({ warning_level: 'yellow', next_level_date: '2026-11-24' });
    expect((await alertsOf(no)).map((a) => a.level)).toEqual(['yellow']);
    expect(await scanCases(deps())).toMatchObject({ updated: 0, alerts: 0, deemed: 0, tasks: 0 });

    at('2026-11-21T02:00:00Z'); // Saturday after Friday: still yellow, the weekend is not counted
    await scanCases(deps());
    expect((await caseRow(no)).warning_level).toBe('yellow');

    at('2026-11-23T02:00:00Z'); // Monday, the due date: 0 left, yellow
    await scanCases(deps());
    expect((await caseRow(no)).warning_level).toBe('yellow');

    at('2026-11-24T02:00:00Z'); // Tuesday: overdue → red, nothing left to change
    await scanCases(deps());
    expect(await caseRow(no)).toMatchObject({ warning_level: 'red', next_level_date: null });
    expect((await alertsOf(no)).map((a) => a.level)).toEqual(['yellow', 'red']);
    // Two servers scanning at once still raise each alert once.
    await rows(sql`update cases set next_level_date = '2026-11-24' where case_no = ${no}`);
    await Promise.all([scanCases(deps()), scanCases(deps())]);
    expect((await alertsOf(no)).map((a) => a.level)).toEqual(['yellow', 'red']);

    const approver = await as(approverName);
    await act(approver, no, 'approve');
    expect((await caseRow(no)).warning_level).toBe('red');
    await act(approver, no, 'complete', { data: { resultNo: 'W-1' } });
    expect(await caseRow(no)).toMatchObject({ warning_level: 'none', next_level_date: null, status: 'completed' });
  });

  it('a pause freezes the level (the scan does not look at the case); resuming reschedules it', async () => {
    at('2026-11-16T02:00:00Z');
    const { no, approverName } = await newAcceptedCase();
    at('2026-11-17T02:00:00Z');
    expect((await act(await as(approverName), no, 'pause', { comment: '组织听证', data: { kind: 'hearing' } })).status).toBe(200);
    expect(await caseRow(no)).toMatchObject({ warning_level: 'normal', next_level_date: null, status: 'paused' });
    at('2026-11-30T02:00:00Z'); // far past the original due date
    await scanCases(deps());
    expect(await caseRow(no)).toMatchObject({ warning_level: 'normal', next_level_date: null });
    expect(await alertsOf(no)).toEqual([]);
    const approver = await as(approverName);
    expect((await act(approver, no, 'resume')).status).toBe(200);
    const view = (await approver.request('GET', `/api/cases/${no}`)).body.clock;
    // 4 working days were left when it stopped: Dec 1–4, so yellow from Dec 1 (3 left).
    expect(view).toMatchObject({ daysLeft: 4, warning: 'normal', dueDate: '2026-12-04' });
    expect(await caseRow(no)).toMatchObject({ warning_level: 'normal', next_level_date: '2026-12-01' });
  });

  it('a step that itself makes a case yellow leaves it due today, and the scan raises the alert', async () => {
    at('2026-11-16T02:00:00Z');
    const item = await findItem(s, '食品经营许可');
    const no = (await intake(await as('desk1'), item)).body.caseNo as string;
    at('2026-11-16T02:00:00Z');
    await act(await as(`approver-${item.department.code.toLowerCase()}`), no, 'accept');
    // Accepted and then paused and resumed late enough to be inside the warning window at once.
    await rows(sql`update cases set promised_days = 2 where case_no = ${no}`);
    const approver = await as(`approver-${item.department.code.toLowerCase()}`);
    await act(approver, no, 'pause', { comment: '检验', data: { kind: 'inspection' } });
    expect(await caseRow(no)).toMatchObject({ warning_level: 'yellow', next_level_date: '2026-11-16' });
    await act(approver, no, 'resume'); // a later step before the scan keeps it due
    expect(await caseRow(no)).toMatchObject({ warning_level: 'yellow', next_level_date: '2026-11-16' });
    await scanCases(deps());
    expect((await alertsOf(no)).map((a) => a.level)).toEqual(['yellow']);
    expect((await caseRow(no)).next_level_date).toBe('2026-11-19'); // due the 18th: the day after (deemed approval looks)
  });

  it('joint tasks get their own level and alerts, addressed to the task\'s department', async () => {
    at('2026-11-16T02:00:00Z');
    const item = await findItem(s, '我要开餐馆（营业执照+食品经营许可）');
    const no = (await intake(await as('desk1'), item, { applicant: COMPANY })).body.caseNo as string;
    await act(await as('desk1'), no, 'accept');
    const [task] = await rows<{ id: number; due_date: string; department_id: number; warning_level: string; next_level_date: string | null }>(sql`
      select t.id, t.due_date::text, t.department_id, t.warning_level, t.next_level_date::text from case_tasks t join cases c on c.id = t.case_id
      where c.case_no = ${no} and t.status = 'active' order by t.id limit 1`);
    expect(task!.next_level_date).not.toBeNull();
    at(`${task!.due_date}T02:00:00Z`); // the task's due date: 0 days left
    await scanCases(deps());
    const [after] = await rows<{ warning_level: string }>(sql`select warning_level from case_tasks where id = ${task!.id}`);
    expect(after!.warning_level).toBe('yellow');
    const alerts = await alertsOf(no);
    expect(alerts).toContainEqual({ level: 'yellow', task_id: task!.id, department_id: task!.department_id });
    const [dept] = await rows<{ code: string }>(sql`select code from departments where id = ${task!.department_id}`);
    const own = await as(`approver-${dept!.code.toLowerCase()}`);
    const list = (await own.request('GET', '/api/supervision/alerts?level=yellow&pageSize=200')).body;
    expect(list.items.some((a: { caseNo: string; task: { id: number } | null }) => a.caseNo === no && a.task?.id === task!.id)).toBe(true);
    // The department passes its task: its warning is cleared in the step's own statement.
    expect((await act(own, no, 'task-pass', { comment: '同意' })).status).toBe(200);
    const [passed] = await rows<{ warning_level: string; next_level_date: string | null }>(sql`select warning_level, next_level_date from case_tasks where id = ${task!.id}`);
    expect(passed).toEqual({ warning_level: 'none', next_level_date: null });
  });

  it('a change of the warning days recomputes every open case', async () => {
    at('2026-11-16T02:00:00Z');
    const { no } = await newAcceptedCase();
    expect((await caseRow(no)).warning_level).toBe('normal');
    const admin = await as('admin');
    expect((await admin.request('PUT', '/api/admin/settings', { warningDays: 5 })).status).toBe(200);
    expect((await caseRow(no)).next_level_date).toBe('2026-11-16'); // marked in the settings transaction
    await scanCases(deps());
    expect((await caseRow(no)).warning_level).toBe('yellow');
    expect((await admin.request('PUT', '/api/admin/settings', { warningDays: 3 })).status).toBe(200);
    await rescanAllCases(deps());
    expect(await caseRow(no)).toMatchObject({ warning_level: 'normal', next_level_date: '2026-11-18' });
    // Its yellow alert was raised while the setting said so; it stays on record.
    expect((await alertsOf(no)).map((a) => a.level)).toEqual(['yellow']);
  });
});

describe('alerts API', () => {
  it('approvers see their department\'s alerts, supervisors all; unread and level filters; read once', async () => {
    at('2026-11-25T02:00:00Z');
    const sup = await as('supervisor');
    const all = (await sup.request('GET', '/api/supervision/alerts?pageSize=200')).body;
    const [direct] = await rows<{ n: number; unread: number }>(sql`select count(*)::int as n, count(*) filter (where read_at is null)::int as unread from warning_alerts`);
    expect(all.total).toBe(direct!.n);
    expect(all.unread).toBe(direct!.unread);
    expect(all.total).toBeGreaterThan(0);
    const alert = all.items.find((a: { task: unknown }) => a.task === null) as { id: number; department: { code: string }; level: string };
    const own = await as(`approver-${alert.department.code.toLowerCase()}`);
    const mine = (await own.request('GET', '/api/supervision/alerts?pageSize=200')).body;
    const [ownCount] = await rows<{ n: number }>(sql`select count(*)::int as n from warning_alerts a join departments d on d.id = a.department_id where d.code = ${alert.department.code}`);
    expect(mine.total).toBe(ownCount!.n);
    expect(mine.items.every((a: { department: { code: string } }) => a.department.code === alert.department.code)).toBe(true);
    const other = (await rows<{ code: string }>(sql`select code from departments where code <> ${alert.department.code} order by code limit 1`))[0]!.code;
    const stranger = await as(`approver-${other.toLowerCase()}`);
    expect((await stranger.request('POST', `/api/supervision/alerts/${alert.id}/read`)).status).toBe(404);
    expect((await (await as('desk1')).request('GET', '/api/supervision/alerts')).status).toBe(403);

    const levelOnly = (await own.request('GET', `/api/supervision/alerts?level=${alert.level}&pageSize=200`)).body;
    expect(levelOnly.items.every((a: { level: string }) => a.level === alert.level)).toBe(true);
    const read = await own.request('POST', `/api/supervision/alerts/${alert.id}/read`);
    expect(read.status).toBe(200);
    at('2026-11-25T03:00:00Z');
    const again = await own.request('POST', `/api/supervision/alerts/${alert.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    const unread = (await own.request('GET', '/api/supervision/alerts?unread=true&pageSize=200')).body;
    expect(unread.items.some((a: { id: number }) => a.id === alert.id)).toBe(false);
    expect(unread.total).toBe(mine.unread - 1);

    const counts = (await sup.request('GET', '/api/supervision/alerts/counts')).body;
    const [byLevel] = await rows<{ y: number; r: number }>(sql`select count(*) filter (where level = 'yellow')::int as y, count(*) filter (where level = 'red')::int as r from warning_alerts`);
    expect(counts.departments.reduce((n: number, d: { yellow: number }) => n + d.yellow, 0)).toBe(byLevel!.y);
    expect(counts.departments.reduce((n: number, d: { red: number }) => n + d.red, 0)).toBe(byLevel!.r);
    const [openRed] = await rows<{ n: number }>(sql`select count(*)::int as n from cases where warning_level = 'red'`);
    expect(counts.departments.reduce((n: number, d: { openRed: number }) => n + d.openRed, 0)).toBe(openRed!.n);
    expect((await own.request('GET', '/api/supervision/alerts/counts')).body.departments).toHaveLength(1);
  });
});

describe('the daily digest to department heads', () => {
  it('one SMS per head per working day from 08:30, with the counts, queued once however often it runs', async () => {
    at('2026-11-26T00:20:00Z'); // Thursday 08:20 local: too early
    expect(await queueWarningDigests(deps())).toEqual({ queued: 0 });
    at('2026-11-26T00:40:00Z');
    const [heads] = await rows<{ n: number }>(sql`select count(*)::int as n from department_heads`);
    expect(heads!.n).toBeGreaterThan(0);
    const first = await queueWarningDigests(deps());
    expect(first.queued).toBe(heads!.n);
    expect(await queueWarningDigests(deps())).toEqual({ queued: 0 });
    const sms = await rows<{ recipient: string; body: string; dept: number }>(sql`
      select o.recipient, o.body, h.department_id as dept from outbox o join department_heads h on o.dedupe_key = 'warning-digest:' || h.user_id || ':2026-11-26'`);
    expect(sms).toHaveLength(heads!.n);
    for (const m of sms) {
      const [c] = await rows<{ y: number; r: number; open: number }>(sql`
        select count(*) filter (where level = 'yellow')::int as y, count(*) filter (where level = 'red')::int as r,
          (select count(*)::int from cases where department_id = ${m.dept} and warning_level = 'red') as open
        from warning_alerts where department_id = ${m.dept} and raised_at >= '2026-11-25T00:30:00Z' and raised_at < '2026-11-26T00:30:00Z'`);
      expect(m.body).toContain(`新增黄牌${c!.y}件，新增红牌${c!.r}件，当前超期未办结${c!.open}件`);
    }
    at('2026-11-28T01:00:00Z'); // Saturday: no digest
    expect(await queueWarningDigests(deps())).toEqual({ queued: 0 });
  });
});

describe('held-back results (压件)', () => {
  it('lists decided-not-completed and completed-not-delivered-nor-notified cases after 24 hours, with who holds them', async () => {
    at('2026-12-01T02:00:00Z');
    const { no: decided, approverName, item } = await newAcceptedCase();
    await act(await as(approverName), decided, 'approve');
    const { no: completed } = await newAcceptedCase();
    const approver = await as(approverName);
    await act(approver, completed, 'approve');
    await act(approver, completed, 'complete', { data: { resultNo: 'HB-1' } });
    const { no: delivered } = await newAcceptedCase();
    await act(approver, delivered, 'approve');
    await act(approver, delivered, 'complete', { data: { resultNo: 'HB-2' } });
    await act(await as('desk1'), delivered, 'deliver', { data: { method: 'post', trackingNo: 'EMS0000000001' } });

    at('2026-12-02T01:00:00Z'); // 23 hours later
    const early = (await (await as('supervisor')).request('GET', '/api/supervision/held-back')).body;
    expect(early.heldBackHours).toBe(24);
    expect(early.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(decided);

    at('2026-12-02T03:00:00Z'); // 25 hours later
    const list = (await (await as('supervisor')).request('GET', '/api/supervision/held-back')).body.items as { caseNo: string; stage: string; hours: number; heldBy: { name: string; action: string }; department: { code: string } }[];
    const byNo = new Map(list.map((i) => [i.caseNo, i]));
    expect(byNo.get(decided)).toMatchObject({ stage: 'decided', hours: 25, heldBy: { action: 'approve' }, department: { code: item.department.code } });
    expect(byNo.get(decided)!.heldBy.name).not.toBe('');
    expect(byNo.get(completed)).toMatchObject({ stage: 'completed', heldBy: { action: 'complete' } });
    expect(byNo.has(delivered)).toBe(false);

    // The applicant was told (the completion SMS went out): no longer held back.
    await rows(sql`update outbox set status = 'sent' where template = 'completed' and case_id = (select id from cases where case_no = ${completed})`);
    const own = (await (await as(approverName)).request('GET', '/api/supervision/held-back')).body.items.map((i: { caseNo: string }) => i.caseNo);
    expect(own).toContain(decided);
    expect(own).not.toContain(completed);
    const other = (await rows<{ code: string }>(sql`select code from departments where code <> ${item.department.code} order by code limit 1`))[0]!.code;
    const theirs = (await (await as(`approver-${other.toLowerCase()}`)).request('GET', '/api/supervision/held-back')).body.items.map((i: { caseNo: string }) => i.caseNo);
    expect(theirs).not.toContain(decided);

    expect((await (await as('admin')).request('PUT', '/api/admin/settings', { heldBackHours: 48 })).status).toBe(200);
    const later = (await (await as('supervisor')).request('GET', '/api/supervision/held-back')).body;
    expect(later.heldBackHours).toBe(48);
    expect(later.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(decided);
  });
});

describe('hostile input on the supervision endpoints', () => {
  it('answers 4xx, never 5xx, and writes nothing', async () => {
    at('2026-12-02T03:00:00Z');
    const sup = await as('supervisor');
    const [before] = await rows<{ n: number; r: number }>(sql`select count(*)::int as n, count(read_at)::int as r from warning_alerts`);
    const paths = [
      '/api/supervision/alerts?level=green', '/api/supervision/alerts?page=0', '/api/supervision/alerts?pageSize=100000',
      `/api/supervision/alerts?department=${'x'.repeat(500)}`, '/api/supervision/alerts?unread=maybe', '/api/supervision/alerts?__proto__=1',
      "/api/supervision/alerts?department='%3B%20drop%20table%20cases%3B--",
    ];
    for (const p of paths) {
      const res = await sup.request('GET', p);
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.status, p).toBeLessThan(500);
    }
    expect((await sup.request('GET', "/api/supervision/alerts?department='%3B--")).status).toBe(200);
    for (const id of ['0', '-1', 'abc', '99999999999', '1e3', '%00']) {
      const res = await sup.request('POST', `/api/supervision/alerts/${id}/read`);
      expect(res.status, id).toBeGreaterThanOrEqual(400);
      expect(res.status, id).toBeLessThan(500);
    }
    expect((await sup.request('POST', '/api/supervision/alerts/2147483647/read')).status).toBe(404);
    const [after] = await rows<{ n: number; r: number }>(sql`select count(*)::int as n, count(read_at)::int as r from warning_alerts`);
    expect(after).toEqual(before);
  });
});
