import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, allMaterials, COMPANY, findItem, intake, PERSON } from '../helpers/cases.js';
import { parseCaseNo } from '../../src/domain/case-number.js';
import { verifyAudit } from '../../src/modules/audit/audit.service.js';

let s: TestServer;
let desk: Session;
let scjg: Session;
/** Moves the clock; sessions last 12 hours, so the staff log in again as they would. */
async function setClock(at: string) {
  s.clock.set(at);
  desk = await login(s.url, 'desk1');
  scjg = await login(s.url, 'approver-scjg');
}

beforeAll(async () => {
  // Monday 16 November 2026, 10:00 in China.
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  await setClock('2026-11-16T02:00:00Z');
});
afterAll(async () => { await s?.close(); });

async function rows<T>(query: string): Promise<T[]> {
  const res = await s.database.db.execute(sql.raw(query));
  return (res as unknown as { rows: T[] }).rows;
}

async function sms(caseNo: string) {
  return rows<{ template: string; body: string; recipient: string }>(`select o.template, o.body, o.recipient from outbox o join cases c on c.id = o.case_id where c.case_no = '${caseNo}' order by o.id`);
}

describe('a promised item, start to finish', () => {
  it('is received, accepted, paused, resumed, approved, completed and delivered, with the clock and every step recorded', async () => {
    const item = await findItem(s, '食品经营许可');
    const received = await intake(desk, item, { applicant: COMPANY });
    expect(received.status).toBe(201);
    expect(received.body).toMatchObject({ status: 'received', version: 1, missingMaterials: [] });
    const caseNo = received.body.caseNo as string;
    expect(parseCaseNo(caseNo)).toBe(caseNo);
    expect(caseNo.startsWith('261116-')).toBe(true);
    expect(received.body.links.receipt).toBe(`/print/cases/${caseNo}/receipt`);

    const accepted = await act(scjg, caseNo, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    let view = (await scjg.request('GET', `/api/cases/${caseNo}`)).body;
    // 5 promised working days from Monday 16 Nov: Monday 23 Nov.
    expect(view.clock).toMatchObject({ acceptedDate: '2026-11-16', dueDate: '2026-11-23', daysLeft: 5, warning: 'normal', running: true, pausedDays: 0 });
    expect(view.allowedActions).toEqual(expect.arrayContaining(['review-pass', 'approve', 'refuse', 'pause']));
    expect(view.allowedActions).not.toContain('deliver');

    expect((await act(scjg, caseNo, 'pause', { comment: '现场核查经营场所', data: { kind: 'site-survey', expectedDays: 3 } })).status).toBe(200);
    await setClock('2026-11-19T02:00:00Z'); // Thursday: three working days later
    view = (await scjg.request('GET', `/api/cases/${caseNo}`)).body;
    expect(view.clock).toMatchObject({ running: false, pausedDays: 3, dueDate: '2026-11-26', daysLeft: 5 });
    expect((await act(scjg, caseNo, 'resume')).status).toBe(200);
    view = (await scjg.request('GET', `/api/cases/${caseNo}`)).body;
    expect(view.clock).toMatchObject({ running: true, pausedDays: 3, dueDate: '2026-11-26', daysLeft: 5 });

    expect((await act(scjg, caseNo, 'review-pass')).status).toBe(200);
    expect((await act(scjg, caseNo, 'approve')).status).toBe(200);
    expect((await act(scjg, caseNo, 'complete', { data: {} })).status).toBe(400);
    expect((await act(scjg, caseNo, 'complete', { data: { resultNo: 'JY13501000012345' } })).status).toBe(200);
    view = (await scjg.request('GET', `/api/cases/${caseNo}`)).body;
    expect(view.clock.timeliness).toBe('early');
    expect(view.resultNo).toBe('JY13501000012345');

    const badPickup = await act(desk, caseNo, 'deliver', { data: { method: 'window', pickupName: '李四', pickupIdNumber: '110105194912310021' } });
    expect(badPickup.status).toBe(400);
    expect(badPickup.body.details[0].field).toBe('data.pickupIdNumber');
    const delivered = await act(desk, caseNo, 'deliver', { data: { method: 'window', pickupName: '李四', pickupIdNumber: '11010519491231002X' } });
    expect(delivered.status).toBe(200);
    expect(delivered.body.status).toBe('delivered');

    const timeline = (await scjg.request('GET', `/api/cases/${caseNo}/timeline`)).body;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['receive', 'accept', 'pause', 'resume', 'review-pass', 'approve', 'complete', 'deliver']);
    expect(timeline[0]).toMatchObject({ fromStatus: null, toStatus: 'received', role: 'desk' });
    expect(timeline[7].data.pickupIdNumber).toBe('110105********002X');
    // At the window the printed receipt is the applicant's record; the first SMS is the acceptance.
    expect((await sms(caseNo)).map((m) => m.template)).toEqual(['accepted', 'paused', 'resumed', 'completed', 'delivered']);
    const acceptedSms = (await sms(caseNo))[0]!;
    expect(acceptedSms.body).toContain(caseNo);
    // PUBLIC_URL is unset: the cancel link points at the origin the approver used, not at localhost.
    expect(acceptedSms.body).toContain(`${s.url}/c/${caseNo}?t=`);
    expect(acceptedSms.body).toContain('2026年11月23日');
    expect(acceptedSms.recipient).toBe(COMPANY.phone);
    await setClock('2026-11-16T02:00:00Z');
  });
});

describe('intake', () => {
  it('an incomplete application becomes a supplement case with every missing material at once, completed by resupply', async () => {
    const item = await findItem(s, '食品经营许可');
    const required = item.materials.filter((m) => m.required);
    expect(required.length).toBeGreaterThanOrEqual(2);
    const res = await intake(desk, item, { materials: item.materials.map((m) => ({ code: m.code, provided: false })) });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('supplement');
    expect(res.body.missingMaterials.map((m: { code: string }) => m.code)).toEqual(required.map((m) => m.code));
    const notice = await fetch(`${s.url}${res.body.links.supplementNotice}`, { headers: { cookie: desk.cookie } });
    const html = await notice.text();
    for (const m of required) expect(html).toContain(m.name);
    const partial = await act(desk, res.body.caseNo, 'resupply', { materials: [{ code: required[0]!.code, provided: true }] });
    expect(partial.status).toBe(422);
    expect(partial.body.code).toBe('MATERIALS_MISSING');
    const done = await desk.request('POST', `/api/cases/${res.body.caseNo}/actions`, { action: 'resupply', materials: allMaterials(item) });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('received');
    expect((await sms(res.body.caseNo)).map((m) => m.template)).toEqual(['supplement', 'received']);
  });

  it('tells an applicant who is not at the window that the case was received, by SMS', async () => {
    const item = await findItem(s, '食品经营许可');
    const township = await intake(desk, item, { channel: 'township' });
    const window = await intake(desk, item, { channel: 'window' });
    expect((await sms(township.body.caseNo)).map((m) => m.template)).toEqual(['received']);
    expect(await sms(window.body.caseNo)).toEqual([]);
  });

  it('refuses invalid identity numbers, phones and materials, naming the field, and writes nothing', async () => {
    const item = await findItem(s, '个体工商户设立登记');
    const before = await rows<{ n: number }>('select count(*)::int as n from cases');
    const bad: [Record<string, unknown>, string][] = [
      [{ applicant: { ...PERSON, idNumber: '110105194912310021' } }, 'applicant.idNumber'],
      [{ applicant: { ...PERSON, phone: '12345678901' } }, 'applicant.phone'],
      [{ applicant: { ...COMPANY, creditCode: '91350100M000100Y44' } }, 'applicant.creditCode'],
      [{ applicant: { kind: 'organization', name: 'x', phone: '13812345678' } }, 'applicant.creditCode'],
      [{ agent: { name: '王五', idNumber: '11010519491231002X', phone: '1381234567', relation: '村代办员' } }, 'agent.phone'],
      [{ materials: [{ code: 'NOPE', provided: true }] }, 'materials.0.code'],
      [{ itemCode: 'NO-SUCH' }, 'itemCode'],
      [{ channel: 'fax' }, 'channel'],
      [{ extra: 1 }, 'extra'],
    ];
    for (const [patch, field] of bad) {
      const res = await intake(desk, item, patch);
      expect(res.status, field).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field), JSON.stringify(res.body)).toContain(field);
    }
    expect(await rows<{ n: number }>('select count(*)::int as n from cases')).toEqual(before);
  });

  it('an application that cannot be accepted gets a written notice with the reason', async () => {
    const item = await findItem(s, '个体工商户设立登记');
    const res = await intake(desk, item);
    expect((await act(desk, res.body.caseNo, 'not-accept')).status).toBe(400);
    const na = await act(desk, res.body.caseNo, 'not-accept', { comment: '申请事项不属于本中心受理范围' });
    expect(na.body.status).toBe('not_accepted');
    const html = await (await fetch(`${s.url}/print/cases/${res.body.caseNo}/not-accepted`, { headers: { cookie: desk.cookie } })).text();
    expect(html).toContain('不予受理告知书');
    expect(html).toContain('申请事项不属于本中心受理范围');
  });

  it('the same Idempotency-Key returns the first answer; another body with it is 422', async () => {
    const item = await findItem(s, '个体工商户设立登记');
    const key = 'retry-' + Math.random();
    const first = await intake(desk, item, {}, { 'idempotency-key': key });
    const again = await intake(desk, item, {}, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await intake(desk, item, { urgent: true }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect((await rows<{ n: number }>(`select count(*)::int as n from cases where case_no = '${first.body.caseNo}'`))[0]!.n).toBe(1);
  });

  it('50 concurrent intakes with one Idempotency-Key make one case', async () => {
    const item = await findItem(s, '结婚登记');
    const before = (await rows<{ n: number }>('select count(*)::int as n from cases'))[0]!.n;
    const key = 'burst-' + Math.random();
    const results = await Promise.all(Array.from({ length: 50 }, () => intake(desk, item, {}, { 'idempotency-key': key })));
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(new Set(created.map((r) => r.body.caseNo)).size).toBe(1);
    expect((await rows<{ n: number }>('select count(*)::int as n from cases'))[0]!.n).toBe(before + 1);
  });
});

describe('an immediate item', () => {
  it('is accepted, approved and completed at the window in one sitting, due the same day', async () => {
    const item = await findItem(s, '个体工商户设立登记');
    expect(item.kind).toBe('immediate');
    const { body } = await intake(desk, item);
    await act(desk, body.caseNo, 'accept');
    const view = (await desk.request('GET', `/api/cases/${body.caseNo}`)).body;
    expect(view.clock).toMatchObject({ dueDate: '2026-11-16', daysLeft: 0 });
    expect((await act(desk, body.caseNo, 'approve')).status).toBe(200);
    expect((await act(desk, body.caseNo, 'complete', { data: { resultNo: '92350100MA00000001' } })).body.status).toBe('completed');
    expect((await desk.request('GET', `/api/cases/${body.caseNo}`)).body.clock.timeliness).toBe('on_time');
  });
});

describe('concurrency', () => {
  it('20 approvers clicking approve on one version: exactly one wins, one event', async () => {
    const item = await findItem(s, '食品经营许可');
    const { body } = await intake(desk, item);
    await act(scjg, body.caseNo, 'accept');
    const version = (await scjg.request('GET', `/api/cases/${body.caseNo}`)).body.version;
    const results = await Promise.all(Array.from({ length: 20 }, () =>
      scjg.request('POST', `/api/cases/${body.caseNo}/actions`, { action: 'approve', expectedVersion: version })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(19);
    const stale = results.find((r) => r.status === 409)!;
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const events = (await scjg.request('GET', `/api/cases/${body.caseNo}/timeline`)).body;
    expect(events.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(1);
  });

  it('a stale expectedVersion answers 409 with the current version', async () => {
    const item = await findItem(s, '食品经营许可');
    const { body } = await intake(desk, item);
    const res = await scjg.request('POST', `/api/cases/${body.caseNo}/actions`, { action: 'accept', expectedVersion: 0 });
    expect(res.status).toBe(409);
    expect(res.body.currentVersion).toBe(1);
  });
});

describe('a joint item', () => {
  it('runs its stages with a task per department, in parallel inside a stage, and completes once', async () => {
    const item = await findItem(s, '我要开餐馆（营业执照+食品经营许可）');
    expect(item.kind).toBe('joint');
    const { body } = await intake(desk, item, { applicant: COMPANY });
    const lead = await login(s.url, `approver-${item.department.code.toLowerCase()}`);
    await act(desk, body.caseNo, 'accept');
    for (const [i, stage] of item.stages.entries()) {
      const view = (await lead.request('GET', `/api/cases/${body.caseNo}`)).body;
      const active = view.tasks.filter((t: { status: string }) => t.status === 'active');
      expect(active.map((t: { stage: number }) => t.stage)).toEqual(stage.departments.map(() => i + 1));
      for (const d of stage.departments) {
        const approver = await login(s.url, `approver-${d.code.toLowerCase()}`);
        const res = await act(approver, body.caseNo, 'task-pass', { comment: '同意' });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
    }
    const done = (await lead.request('GET', `/api/cases/${body.caseNo}`)).body;
    expect(done.status).toBe('approved');
    expect(done.tasks.every((t: { status: string }) => t.status === 'passed')).toBe(true);
    expect((await act(lead, body.caseNo, 'complete', { data: { resultNo: 'LB-2026-0001' } })).body.status).toBe('completed');
    expect((await act(desk, body.caseNo, 'deliver', { data: { method: 'post', trackingNo: 'EMS1234567890' } })).body.status).toBe('delivered');
  });

  it('a refused task goes to the lead department, which may refuse the case', async () => {
    const item = await findItem(s, '我要开餐馆（营业执照+食品经营许可）');
    const { body } = await intake(desk, item, { applicant: COMPANY });
    await act(desk, body.caseNo, 'accept');
    const lead = await login(s.url, `approver-${item.department.code.toLowerCase()}`);
    expect((await lead.request('GET', `/api/cases/${body.caseNo}`)).body.allowedActions).not.toContain('refuse');
    const firstDept = item.stages[0]!.departments[0]!.code.toLowerCase();
    const approver = await login(s.url, `approver-${firstDept}`);
    expect((await act(approver, body.caseNo, 'task-refuse', { comment: '名称不符合规定' })).status).toBe(200);
    const view = (await lead.request('GET', `/api/cases/${body.caseNo}`)).body;
    expect(view.allowedActions).toEqual(expect.arrayContaining(['refuse', 'request-supplement']));
    expect((await act(lead, body.caseNo, 'refuse', { comment: '企业名称不符合规定' })).body.status).toBe('refused');
  });
});

describe('cancel within 30 minutes', () => {
  it('the desk may cancel on the applicant\'s word within 30 minutes, not after', async () => {
    const item = await findItem(s, '食品经营许可');
    const a = (await intake(desk, item)).body.caseNo;
    await act(scjg, a, 'accept');
    s.clock.advance(29 * 60_000);
    expect((await act(desk, a, 'cancel')).body.status).toBe('cancelled');
    const b = (await intake(desk, item)).body.caseNo;
    await act(scjg, b, 'accept');
    s.clock.advance(31 * 60_000);
    expect((await act(desk, b, 'cancel')).status).toBe(403);
    s.clock.set('2026-11-16T02:00:00Z');
  });

  it('the applicant cancels through the link in the SMS', async () => {
    const item = await findItem(s, '食品经营许可');
    const no = (await intake(desk, item)).body.caseNo;
    await act(scjg, no, 'accept');
    const accepted = (await sms(no)).find((m) => m.template === 'accepted')!;
    const link = accepted.body.match(/\/c\/([\d-X]+)\?t=([\w-]+)/)!;
    expect(link).not.toBeNull();
    expect((await fetch(`${s.url}/c/${link[1]}?t=${link[2]}`)).status).toBe(200);
    expect((await call(s.url, 'POST', `/api/public/cases/${no}/cancel`, { token: 'wrong-token' })).status).toBe(404);
    const ok = await call(s.url, 'POST', `/api/public/cases/${no}/cancel`, { token: link[2] });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('cancelled');
    const last = (await scjg.request('GET', `/api/cases/${no}/timeline`)).body.at(-1);
    expect(last).toMatchObject({ action: 'cancel', role: 'applicant' });
  });
});

describe('the record', () => {
  it('events cannot be updated or deleted by the application', async () => {
    const refusal = async (statement: ReturnType<typeof sql>) => {
      const err = await s.database.db.execute(statement).then(() => undefined, (e: Error & { cause?: Error }) => e);
      return String(err?.cause?.message ?? err?.message);
    };
    expect(await refusal(sql`update case_events set comment = 'x'`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from case_events`)).toMatch(/append-only/);
    expect(await refusal(sql`truncate case_events cascade`)).toMatch(/append-only/);
    const report = await verifyAudit(s.database.db);
    expect(report.broken).toEqual([]);
    expect(report.events).toBeGreaterThan(10);
  });
});

describe('a step on a case that another server process changed meanwhile', () => {
  it('is decided again on the row in the database, never on the copy this process kept', async () => {
    const item = await findItem(s, '食品经营许可');
    const caseNo = (await intake(desk, item)).body.caseNo as string;
    const post = (body: Record<string, unknown>) => scjg.request('POST', `/api/cases/${caseNo}/actions`, body);
    expect((await post({ action: 'accept' })).body).toMatchObject({ status: 'accepted', version: 2 });
    // Another process review-passes it: written behind this process's back.
    await rows(`update cases set status = 'reviewed', version = 3 where case_no = '${caseNo}'`);
    // On the kept copy (accepted, version 2) these would be allowed; on the real row they are not.
    const again = await post({ action: 'review-pass' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
    const stale = await post({ action: 'approve', expectedVersion: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await post({ action: 'approve' })).body).toMatchObject({ status: 'approved', version: 4 });
    const [row] = await rows<{ status: string; version: number; event_count: number }>(`select status, version, event_count from cases where case_no = '${caseNo}'`);
    expect(row).toMatchObject({ status: 'approved', version: 4, event_count: 3 });
  });
});
