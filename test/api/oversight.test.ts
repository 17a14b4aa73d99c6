import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, findItem, intake } from '../helpers/cases.js';
import { residentIdCheckChar } from '../../src/domain/identity.js';
import { departmentHeads } from '../../src/db/schema/index.js';
import { escalateOverdueNotices } from '../../src/modules/oversight/oversight.service.js';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
});
afterAll(async () => {
  await s?.close();
});

/** Moves the clock to a local (UTC+8) time; sessions are made afresh since they may have expired. */
function at(localDateTime: string) {
  s.clock.set(new Date(`${localDateTime}:00+08:00`));
}
const as = (username: string) => login(s.url, username);

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await s.database.db.execute(query) as unknown as { rows: T[] }).rows;
}

/** A valid resident ID number, different for each n. */
function residentId(n: number): string {
  const first17 = `110105199001${String(1 + (n % 28)).padStart(2, '0')}${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}
const person = (n: number, phone = `1390000${String(n).padStart(4, '0')}`) =>
  ({ kind: 'person', name: `申请人${n}`, idNumber: residentId(n), phone });

async function newCase(desk: Session, item: Awaited<ReturnType<typeof findItem>>, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await intake(desk, item, extra);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseNo as string;
}

async function ok(res: Promise<{ status: number; body: any }>) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
}

describe('irregularities and intermediary signals on planted data', () => {
  const planted: Record<string, string> = {};
  const AGENT_ID = residentId(900);
  const AGENT_PHONE = '13700001111';
  const FAST_ID = residentId(901);

  beforeAll(async () => {
    const food = await findItem(s, '食品经营许可');
    const special = await findItem(s, '特种设备使用登记');
    const immediate = await findItem(s, '个体工商户设立登记');
    const foodApprover = `approver-${food.department.code.toLowerCase()}`;
    const specialApprover = `approver-${special.department.code.toLowerCase()}`;

    // A: taken in at 22:30 on a Tuesday.
    at('2026-11-17T22:30');
    planted.afterHours = await newCase(await as('desk1'), food, { applicant: person(1) });
    at('2026-11-18T10:00');
    let desk = await as('desk1');
    let approver = await as(foodApprover);
    await ok(act(approver, planted.afterHours, 'accept'));
    // B: decided 3 minutes after intake.
    planted.quick = await newCase(desk, food, { applicant: person(2) });
    at('2026-11-18T10:01');
    await ok(act(approver, planted.quick, 'accept'));
    at('2026-11-18T10:03');
    await ok(act(approver, planted.quick, 'approve'));
    // C: paused and resumed twice. D: refused after its due date. E: paused once, approved in time (control).
    // F: refused on its due date (control). G: an immediate item decided at once (control).
    at('2026-11-18T10:10');
    planted.pauses = await newCase(desk, food, { applicant: person(3) });
    const late = await newCase(desk, food, { applicant: person(4) });
    const calm = await newCase(desk, food, { applicant: person(5) });
    const onTime = await newCase(desk, food, { applicant: person(6) });
    const immediateCase = await newCase(desk, immediate, { applicant: person(7) });
    planted.lateRefusal = late;
    at('2026-11-18T10:20');
    for (const no of [planted.pauses, late, calm, onTime]) await ok(act(approver, no, 'accept'));
    await ok(act(desk, immediateCase, 'accept'));
    await ok(act(desk, immediateCase, 'approve'));
    at('2026-11-18T11:00');
    await ok(act(approver, planted.pauses, 'pause', { comment: '现场核查', data: { kind: 'inspection' } }));
    await ok(act(approver, calm, 'pause', { comment: '现场核查', data: { kind: 'inspection' } }));
    at('2026-11-19T10:00');
    approver = await as(foodApprover);
    await ok(act(approver, planted.pauses, 'resume'));
    await ok(act(approver, calm, 'resume'));
    at('2026-11-19T11:00');
    await ok(act(approver, planted.pauses, 'pause', { comment: '补充核查', data: { kind: 'inspection' } }));
    at('2026-11-20T10:00');
    approver = await as(foodApprover);
    await ok(act(approver, planted.pauses, 'resume'));
    await ok(act(approver, calm, 'approve'));
    // H: approved on a Saturday morning (a day off, whatever the hour).
    at('2026-11-20T10:30');
    planted.dayOff = await newCase(await as('desk1'), food, { applicant: person(8) });
    approver = await as(foodApprover);
    await ok(act(approver, planted.dayOff, 'accept'));
    at('2026-11-21T10:00');
    approver = await as(foodApprover);
    await ok(act(approver, planted.dayOff, 'approve'));
    const due = (await approver.request('GET', `/api/cases/${onTime}`)).body.clock.dueDate as string;
    expect(due).toBe('2026-11-25');
    at(`${due}T16:00`);
    approver = await as(foodApprover);
    await ok(act(approver, onTime, 'refuse', { comment: '不符合条件' }));
    at('2026-11-26T10:00');
    approver = await as(foodApprover);
    expect((await approver.request('GET', `/api/cases/${late}`)).body.clock.dueDate).toBe('2026-11-25');
    await ok(act(approver, late, 'refuse', { comment: '不符合条件' }));

    // An agent taking in cases for five unrelated applicants; four applicants sharing one phone (below the threshold).
    at('2026-11-23T09:30');
    desk = await as('desk1');
    const agent = { name: '王中介', idNumber: AGENT_ID, phone: AGENT_PHONE, relation: '受托人' };
    for (let n = 10; n < 15; n++) await newCase(desk, food, { applicant: person(n), agent });
    for (let n = 20; n < 24; n++) await newCase(desk, food, { applicant: person(n, '13600002222') });

    // Speed: eight ordinary cases of one item take 5 working days; one agent's three take 1.
    const fastAgent = { name: '李快', idNumber: FAST_ID, phone: '13700003333', relation: '受托人' };
    const ordinary: string[] = [];
    const fast: string[] = [];
    for (let n = 30; n < 38; n++) ordinary.push(await newCase(desk, special, { applicant: person(n) }));
    for (let n = 40; n < 43; n++) fast.push(await newCase(desk, special, { applicant: person(n), agent: fastAgent }));
    approver = await as(specialApprover);
    for (const no of [...ordinary, ...fast]) await ok(act(approver, no, 'accept'));
    at('2026-11-24T10:00');
    approver = await as(specialApprover);
    for (const no of fast) {
      await ok(act(approver, no, 'approve'));
      await ok(act(approver, no, 'complete', { data: { resultNo: `TS-${no}` } }));
    }
    at('2026-11-30T10:00');
    approver = await as(specialApprover);
    for (const no of ordinary) {
      await ok(act(approver, no, 'approve'));
      await ok(act(approver, no, 'complete', { data: { resultNo: `TS-${no}` } }));
    }
    planted.fastFirst = fast[0]!;
  });

  it('finds the planted irregularities and nothing else, with the evidence', async () => {
    at('2026-12-01T10:00');
    const sup = await as('supervisor');
    const res = await sup.request('GET', '/api/supervision/irregularities?from=2026-11-17&to=2026-12-01');
    expect(res.status).toBe(200);
    const got = res.body.items.map((i: { kind: string; caseNo: string }) => `${i.kind} ${i.caseNo}`).sort();
    expect(got).toEqual([
      `after-hours ${planted.afterHours}`, `after-hours ${planted.dayOff}`, `late-refusal ${planted.lateRefusal}`, `quick-decision ${planted.quick}`, `repeated-pause ${planted.pauses}`,
    ].sort());
    const byKind = Object.fromEntries(res.body.items.filter((i: { caseNo: string }) => i.caseNo !== planted.dayOff).map((i: { kind: string }) => [i.kind, i]));
    const dayOff = res.body.items.find((i: { caseNo: string }) => i.caseNo === planted.dayOff);
    expect(dayOff.facts).toMatchObject({ date: '2026-11-21', time: '10:00', workingDay: 0 });
    expect(dayOff.events.map((e: { action: string }) => e.action)).toEqual(['approve']);
    expect(byKind['after-hours']).toMatchObject({ actor: '综合受理窗口一', facts: { date: '2026-11-17', time: '22:30' } });
    expect(byKind['after-hours'].events).toHaveLength(1);
    expect(byKind['after-hours'].events[0]).toMatchObject({ role: 'desk', at: '2026-11-17T14:30:00.000Z' });
    expect(byKind['quick-decision'].facts).toMatchObject({ minutes: 3, decision: 'approve' });
    expect(byKind['repeated-pause'].facts.stops).toBe(2);
    expect(byKind['repeated-pause'].events.map((e: { action: string }) => e.action)).toEqual(['pause', 'pause']);
    expect(byKind['late-refusal'].facts).toMatchObject({ dueDate: '2026-11-25', refusedOn: '2026-11-26' });
    expect(byKind['late-refusal'].department.code).toBeTruthy();

    // Filtered by kind; a period without the planted events is clean.
    const only = await sup.request('GET', '/api/supervision/irregularities?from=2026-11-17&to=2026-12-01&kind=quick-decision');
    expect(only.body.items.map((i: { caseNo: string }) => i.caseNo)).toEqual([planted.quick]);
    expect((await sup.request('GET', '/api/supervision/irregularities?from=2026-12-02&to=2026-12-05')).body.items).toEqual([]);

    // Settings move the thresholds: with office hours from 07:00 to 23:00 the evening intake is fine (a Saturday is not).
    expect((await sup.request('PUT', '/api/supervision/settings', { officeEnd: '23:00', officeStart: '07:00' })).status).toBe(200);
    const wider = await sup.request('GET', '/api/supervision/irregularities?from=2026-11-17&to=2026-12-01&kind=after-hours');
    expect(wider.body.items.map((i: { caseNo: string }) => i.caseNo)).toEqual([planted.dayOff]);
    expect((await sup.request('PUT', '/api/supervision/settings', { officeEnd: '06:00' })).status).toBe(400);
    await sup.request('PUT', '/api/supervision/settings', { officeStart: '08:00', officeEnd: '18:00' });

    // A reviewer marks one as reviewed with a note; the report shows the newest review.
    const key = byKind['quick-decision'].key as string;
    const review = await sup.request('POST', '/api/supervision/reviews', { key, note: '已核实：材料齐全，系预审通过件' });
    expect(review.status).toBe(201);
    const again = await sup.request('GET', '/api/supervision/irregularities?from=2026-11-17&to=2026-12-01&kind=quick-decision');
    expect(again.body.items[0].review).toMatchObject({ note: '已核实：材料齐全，系预审通过件', by: '电子监察室' });
    expect((await sup.request('POST', '/api/supervision/reviews', { key: 'nonsense', note: 'x' })).status).toBe(400);

    // Only supervisors and leaders.
    expect((await (await as('leader')).request('GET', '/api/supervision/irregularities')).status).toBe(200);
    expect((await (await as('desk1')).request('GET', '/api/supervision/irregularities')).status).toBe(403);
    expect((await (await as('approver-scjg')).request('GET', '/api/supervision/intermediaries')).status).toBe(403);
    expect((await sup.request('GET', '/api/supervision/irregularities?from=2026-12-05&to=2026-12-01')).status).toBe(400);
  });

  it('finds the planted intermediary signals, masked, and nothing else', async () => {
    at('2026-12-01T10:00');
    const sup = await as('supervisor');
    const res = await sup.request('GET', '/api/supervision/intermediaries?from=2026-11-17&to=2026-12-01');
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const secret of [AGENT_ID, AGENT_PHONE, FAST_ID, '13600002222', residentId(10)]) expect(text).not.toContain(secret);

    const frequent = res.body.frequentSubmitters;
    expect(frequent.map((f: { identity: { type: string; value: string } }) => `${f.identity.type} ${f.identity.value}`).sort()).toEqual([
      `agent-id ${AGENT_ID.slice(0, 6)}********${AGENT_ID.slice(14)}`, 'phone 137****1111',
    ].sort());
    for (const f of frequent) {
      expect(f.applicants).toBe(5);
      expect(f.cases).toHaveLength(5);
      expect(f.agentNames).toEqual(['王**']);
    }
    // Compared with the cases table directly: the agent's cases are exactly the five.
    const direct = await rows<{ n: number }>(sql`select count(distinct applicant_id_number)::int as n from cases where agent->>'idNumber' = ${AGENT_ID}`);
    expect(direct[0]!.n).toBe(5);

    expect(res.body.speedOutliers).toHaveLength(1);
    const o = res.body.speedOutliers[0];
    expect(o).toMatchObject({
      itemName: '特种设备使用登记', direction: 'faster', submitterMedian: 1, othersMedian: 5, submitterCases: 3, otherCases: 8,
      identity: { type: 'agent-id' },
    });
    expect(o.cases.map((c: { caseNo: string }) => c.caseNo)).toContain(planted.fastFirst);
    expect(o.cases.every((c: { usedDays: number }) => c.usedDays === 1)).toBe(true);

    // With a higher threshold the agent is below it; a period before the planting is clean.
    await sup.request('PUT', '/api/supervision/settings', { minApplicants: 6 });
    expect((await sup.request('GET', '/api/supervision/intermediaries?from=2026-11-17&to=2026-12-01')).body.frequentSubmitters).toEqual([]);
    await sup.request('PUT', '/api/supervision/settings', { minApplicants: 5 });
    const before = (await sup.request('GET', '/api/supervision/intermediaries?from=2026-11-17&to=2026-11-22')).body;
    expect(before.frequentSubmitters).toEqual([]);
    expect(before.speedOutliers).toEqual([]);

    const review = await sup.request('POST', '/api/supervision/reviews', { key: o.key, note: '约谈代办人' });
    expect(review.status).toBe(201);
    const after = (await sup.request('GET', '/api/supervision/intermediaries?from=2026-11-17&to=2026-12-01')).body;
    expect(after.speedOutliers[0].review.note).toBe('约谈代办人');
  });
});

describe('supervision notices (督办)', () => {
  it('issue → department sees and answers → escalation on the clock → close; everything kept', async () => {
    at('2026-12-07T10:00'); // Monday
    const food = await findItem(s, '食品经营许可');
    const deptCode = food.department.code;
    const deptId = (await rows<{ id: number }>(sql`select id from departments where code = ${deptCode}`))[0]!.id;
    const supervisorId = (await rows<{ id: number }>(sql`select id from users where username = 'supervisor'`))[0]!.id;
    await s.database.db.insert(departmentHeads).values({ departmentId: deptId, userId: supervisorId, phone: '13900009999', updatedAt: s.clock.now() })
      .onConflictDoUpdate({ target: departmentHeads.departmentId, set: { phone: '13900009999' } });
    const desk = await as('desk1');
    const caseNo = await newCase(desk, food, { applicant: person(60) });

    const sup = await as('supervisor');
    // Bad input changes nothing.
    expect((await sup.request('POST', '/api/supervision/notices', { subject: 'x', body: 'y' })).status).toBe(400);
    expect((await sup.request('POST', '/api/supervision/notices', { department: 'NOPE', subject: 'x', body: 'y' })).status).toBe(400);
    expect((await sup.request('POST', '/api/supervision/notices', { department: deptCode, subject: 'x', body: 'y', deadline: '2026-12-01' })).status).toBe(400);
    expect((await sup.request('POST', '/api/supervision/notices', { caseNo: '000000-00000-0', subject: 'x', body: 'y' })).status).toBe(400);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from supervision_notices`))[0]!.n).toBe(0);

    const issued = await sup.request('POST', '/api/supervision/notices', { caseNo, subject: '请说明办理进度', body: '该件受理后未见进展，请于期限内书面说明。' });
    expect(issued.status).toBe(201);
    const n = issued.body;
    // Default: 3 working days after Monday 7 December.
    expect(n).toMatchObject({ status: 'open', caseNo, deadline: '2026-12-10', department: { code: deptCode }, issuedBy: '电子监察室', overdue: false });
    const sms = await rows<{ recipient: string; body: string; template: string }>(sql`select recipient, body, template from outbox where template = 'supervision-notice'`);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.recipient).toBe('13900009999');
    expect(sms[0]!.body).toContain('2026-12-10');
    const byDept = await sup.request('POST', '/api/supervision/notices', { department: 'GA', subject: '窗口纪律', body: '请自查。', deadline: '2026-12-31' });
    expect(byDept.body).toMatchObject({ status: 'open', caseNo: null, deadline: '2026-12-31', department: { code: 'GA' } });

    // The department's approver sees it and only its own; other roles and departments do not.
    const own = await as(`approver-${deptCode.toLowerCase()}`);
    expect((await own.request('GET', '/api/supervision/notices')).body.map((x: { id: number }) => x.id)).toEqual([n.id]);
    const other = await as('approver-ga');
    expect((await other.request('GET', '/api/supervision/notices')).body.map((x: { id: number }) => x.id)).toEqual([byDept.body.id]);
    expect((await other.request('GET', `/api/supervision/notices/${n.id}`)).status).toBe(404);
    expect((await other.request('POST', `/api/supervision/notices/${n.id}/answers`, { body: '不是我们的' })).status).toBe(404);
    expect((await desk.request('GET', '/api/supervision/notices')).status).toBe(403);
    expect((await sup.request('POST', `/api/supervision/notices/${n.id}/answers`, { body: '监察不能答复' })).status).toBe(403);

    // On the deadline day it is still open; the day after, an unanswered notice escalates (once).
    at('2026-12-10T17:00');
    expect((await (await as('leader')).request('GET', `/api/supervision/notices/${n.id}`)).body.notice.status).toBe('open');
    at('2026-12-11T09:00');
    const leader = await as('leader');
    const escalated = (await leader.request('GET', '/api/supervision/notices?status=escalated')).body;
    expect(escalated.map((x: { id: number }) => x.id)).toEqual([n.id]);
    expect(escalated[0]).toMatchObject({ overdue: true });
    expect(await escalateOverdueNotices({ db: s.database.db, clock: s.clock })).toBe(0);
    await leader.request('GET', '/api/supervision/notices');
    const history = (await leader.request('GET', `/api/supervision/notices/${n.id}`)).body.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['issued', 'escalated']);

    // The department answers (late); a second answer is a new row, the first is kept.
    const a1 = await (await as(`approver-${deptCode.toLowerCase()}`)).request('POST', `/api/supervision/notices/${n.id}/answers`, { body: '已于今日完成现场核查。' });
    expect(a1.status).toBe(201);
    expect(a1.body.notice).toMatchObject({ status: 'answered', overdue: false });
    expect(a1.body.notice.escalatedAt).not.toBeNull();
    at('2026-12-11T10:00');
    const a2 = await (await as(`approver-${deptCode.toLowerCase()}`)).request('POST', `/api/supervision/notices/${n.id}/answers`, { body: '补充：已作出决定。' });
    expect(a2.body.answers.map((x: { body: string }) => x.body)).toEqual(['已于今日完成现场核查。', '补充：已作出决定。']);

    // Only a supervisor closes it; after that nothing more is accepted.
    expect((await leader.request('POST', `/api/supervision/notices/${n.id}/close`, {})).status).toBe(403);
    const sup2 = await as('supervisor');
    const closed = await sup2.request('POST', `/api/supervision/notices/${n.id}/close`, { note: '答复属实' });
    expect(closed.status).toBe(200);
    expect(closed.body.notice.status).toBe('closed');
    expect(closed.body.history.map((h: { action: string }) => h.action)).toEqual(['issued', 'escalated', 'answered', 'answered', 'closed']);
    expect((await sup2.request('POST', `/api/supervision/notices/${n.id}/close`, {})).status).toBe(409);
    expect((await (await as(`approver-${deptCode.toLowerCase()}`)).request('POST', `/api/supervision/notices/${n.id}/answers`, { body: '再答' })).status).toBe(409);

    const log = await rows<{ action: string }>(sql`select action from admin_log where action like 'supervision.notice.%' order by id`);
    expect(log.map((l) => l.action)).toEqual(['supervision.notice.issue', 'supervision.notice.issue', 'supervision.notice.close']);
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from supervision_answers where notice_id = ${n.id}`))[0]!.n).toBe(2);
    // Listing by case finds it.
    expect((await sup2.request('GET', `/api/supervision/notices?caseNo=${caseNo}`)).body.map((x: { id: number }) => x.id)).toEqual([n.id]);
  });
});
