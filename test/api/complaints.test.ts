import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { adminLog, complaints, outbox } from '../../src/db/schema/index.js';
import { escalateOverdue } from '../../src/modules/complaints/complaints.service.js';

// Monday 2026-11-16, 10:00 in Beijing.
let s: TestServer;
let desk: Session;
let supervisor: Session;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  [desk, supervisor] = await Promise.all([login(s.url, 'desk1'), login(s.url, 'supervisor')]);
});
afterAll(async () => s?.close());

const count = async () => (await s.database.db.select().from(complaints)).length;

describe('the public online form', () => {
  it('takes an anonymous consultation, but a complaint needs a contact; bad input writes nothing', async () => {
    const before = await count();
    expect((await call(s.url, 'POST', '/api/public/complaints', { kind: 'complaint', about: 'window', anonymous: true, subject: '态度', content: '窗口态度差' })).status).toBe(400);
    expect((await call(s.url, 'POST', '/api/public/complaints', { kind: 'complaint', about: 'window', contactName: '李四', subject: '态度', content: '窗口态度差' })).status).toBe(400);
    expect((await call(s.url, 'POST', '/api/public/complaints', { kind: 'complaint', about: 'window', contactName: '李四', contactPhone: '123', subject: '态度', content: 'x' })).status).toBe(400);
    expect((await call(s.url, 'POST', '/api/public/complaints', { kind: 'complaint', about: 'department', department: 'NOPE', contactName: '李四', contactPhone: '13500001111', subject: 'x', content: 'x' })).status).toBe(400);
    expect(await count()).toBe(before);

    const q = await call(s.url, 'POST', '/api/public/complaints', { kind: 'consultation', about: 'other', anonymous: true, subject: '办证时间', content: '周六能办身份证吗？' });
    expect(q.status).toBe(201);
    expect(q.body.code).toMatch(/^ZX[2-9A-HJ-NP-Z]{8}$/);
    // Two working days for a consultation: Mon 16 → Wed 18.
    expect(q.body.dueDate).toBe('2026-11-18');
    const seen = await call(s.url, 'GET', `/api/public/complaints/${q.body.code}`);
    expect(seen.body).toMatchObject({ status: 'registered', kind: 'consultation', reply: null });
  });

  it('a written complaint gets a written reply, announced by SMS, and the complainant rates it', async () => {
    const c = await call(s.url, 'POST', '/api/public/complaints', {
      kind: 'complaint', about: 'window', windowNumber: 3, contactName: '李四', contactPhone: '13500001111', subject: '排队时间长', content: '上午排了两个小时',
    });
    expect(c.status).toBe(201);
    expect(c.body.dueDate).toBe('2026-11-23'); // five working days
    expect((await call(s.url, 'GET', `/api/public/complaints/${c.body.code}?phone=13500009999`)).status).toBe(404);

    const list = await desk.request('GET', '/api/complaints?kind=complaint');
    const row = list.body.find((x: { code: string }) => x.code === c.body.code);
    expect(row).toMatchObject({ replyForm: 'written', status: 'registered', contactPhone: '135****1111' });
    expect((await desk.request('POST', `/api/complaints/${row.id}/assign`, { handler: 'approver-scjg' })).body.handlerName).toBeTruthy();
    const scjg = await login(s.url, 'approver-scjg');
    expect((await scjg.request('POST', `/api/complaints/${row.id}/reply`, { text: '已当面致歉', form: 'oral' })).status).toBe(400);
    const answered = await scjg.request('POST', `/api/complaints/${row.id}/reply`, { text: '已增开窗口并调整叫号规则。', form: 'written' });
    expect(answered.body.status).toBe('answered');
    const sms = await s.database.db.select().from(outbox).where(eq(outbox.template, 'complaint-reply'));
    expect(sms.map((m) => m.recipient)).toEqual(['13500001111']);
    expect(sms[0]!.body).toContain(c.body.code);
    expect(sms[0]!.body.startsWith('【和平县政务服务中心】')).toBe(true);

    const mine = await call(s.url, 'GET', `/api/public/complaints/${c.body.code}?phone=13500001111`);
    expect(mine.body).toMatchObject({ status: 'answered', reply: '已增开窗口并调整叫号规则。' });
    const letter = await scjg.request('GET', `/print/complaint-reply/${row.id}`);
    expect(letter.status).toBe(200);
    expect(letter.body).toContain('投诉答复书');
    expect(letter.body).toContain('已增开窗口并调整叫号规则。');

    expect((await call(s.url, 'POST', `/api/public/complaints/${c.body.code}/feedback`, { phone: '13500001111', satisfied: true })).body.status).toBe('closed');
    expect((await call(s.url, 'POST', `/api/public/complaints/${c.body.code}/feedback`, { phone: '13500001111', satisfied: false })).status).toBe(409);
  });
});

describe('complaints taken in person or by phone', () => {
  it('an oral one gets a recorded oral reply; overdue ones escalate once, on the clock', async () => {
    const phoned = await desk.request('POST', '/api/complaints', {
      kind: 'complaint', channel: 'phone', about: 'staff', staffName: '王窗口', contactName: '赵六', contactPhone: '13600003333', subject: '推诿', content: '说不归他们管',
    });
    expect(phoned.status).toBe(201);
    expect(phoned.body).toMatchObject({ replyForm: 'oral', contactPhone: '13600003333' });
    // About a staff member, no department named: the center's supervisors answer it (see the item 9 tests below).
    expect((await supervisor.request('POST', `/api/complaints/${phoned.body.id}/reply`, { text: '书面答复', form: 'written' })).status).toBe(400);

    const walkIn = await desk.request('POST', '/api/complaints', {
      kind: 'complaint', channel: 'in_person', about: 'window', windowNumber: 2, contactName: '钱七', contactPhone: '13600004444', subject: '插队', content: '有人插队',
    });
    const oral = await desk.request('POST', `/api/complaints/${walkIn.body.id}/reply`, { text: '已当面说明叫号规则并致歉', form: 'oral' });
    expect(oral.body.status).toBe('answered');
    expect((await desk.request('POST', `/api/complaints/${walkIn.body.id}/feedback`, { satisfied: true })).body.status).toBe('closed');

    // Friday 27th: the phoned complaint (due Monday 23rd) is overdue; the answered one is not.
    s.clock.advance(11 * 24 * 3600_000);
    expect(await escalateOverdue({ db: s.database.db, clock: s.clock })).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdue({ db: s.database.db, clock: s.clock })).toBe(0);
    const sup = await login(s.url, 'supervisor');
    const overdue = await sup.request('GET', '/api/complaints?overdue=true');
    const ids = overdue.body.map((x: { id: number }) => x.id);
    expect(ids).toContain(phoned.body.id);
    expect(ids).not.toContain(walkIn.body.id);
    const one = await sup.request('GET', `/api/complaints/${phoned.body.id}`);
    expect(one.body.escalated).toBe(true);
    expect(one.body.history.map((h: { what: string }) => h.what)).toEqual(['registered', 'routed', 'escalated']);
  });

  it('keeps other departments and the public out', async () => {
    expect((await call(s.url, 'GET', '/api/complaints')).status).toBe(401);
    const ga = await login(s.url, 'approver-ga');
    const rows = (await ga.request('GET', '/api/complaints')).body as unknown[];
    expect(rows).toHaveLength(0);
    expect(supervisor).toBeTruthy();
  });
});

describe('who answers: the center for the front desk, the windows and the hall; re-routing (issue 15 item 9)', () => {
  // The clock moved on above: fresh sessions.
  beforeAll(async () => { [desk, supervisor] = await Promise.all([login(s.url, 'desk1'), login(s.url, 'supervisor')]); });
  const register = (body: Record<string, unknown>) => desk.request('POST', '/api/complaints', {
    kind: 'complaint', channel: 'phone', contactName: '孙八', contactPhone: '13600005555', subject: '态度', content: '综合受理窗口工作人员态度生硬', ...body,
  });

  it('a complaint about the front desk clerk goes to the center even when the item\'s department is named', async () => {
    const scjg = await login(s.url, 'approver-scjg');
    const clerk = await register({ about: 'staff', staffName: '综合受理窗口一', department: 'SCJG' });
    expect(clerk.status).toBe(201);
    expect(clerk.body).toMatchObject({ handledBy: 'center', department: null });
    const window = await register({ about: 'window', windowNumber: 1, department: 'SCJG' });
    expect(window.body.handledBy).toBe('center');
    const hall = await call(s.url, 'POST', '/api/public/complaints', {
      kind: 'complaint', about: 'hall', contactName: '周九', contactPhone: '13600006666', subject: '空调', content: '大厅太冷',
    });
    expect(hall.status).toBe(201);
    const seen = (await scjg.request('GET', '/api/complaints')).body.map((x: { id: number }) => x.id);
    expect(seen).not.toContain(clerk.body.id);
    expect(seen).not.toContain(window.body.id);
    // A department's own staff member is the department's to answer.
    const theirs = await register({ about: 'staff', staffName: '张审批', department: 'SCJG' });
    expect(theirs.body).toMatchObject({ handledBy: 'department', department: '市场监督管理局' });
    expect((await scjg.request('GET', `/api/complaints/${theirs.body.id}`)).body).toMatchObject({ handledBy: 'department', department: '市场监督管理局' });

    // The clerk's colleagues do not answer a complaint about the front desk; the supervisor does.
    expect((await desk.request('POST', `/api/complaints/${clerk.body.id}/reply`, { text: '已处理', form: 'oral' })).status).toBe(403);
    expect((await supervisor.request('POST', `/api/complaints/${clerk.body.id}/reply`, { text: '已约谈该窗口人员并当面致歉', form: 'oral' })).body.status).toBe('answered');
  });

  it('a supervisor re-routes an unanswered one to a department or to the center, with the reason kept', async () => {
    const c = await register({ about: 'other', subject: '证照', content: '营业执照打印有误', contactPhone: '13600007777' });
    expect(c.body.handledBy).toBe('center');
    expect((await desk.request('POST', `/api/complaints/${c.body.id}/reroute`, { to: 'SCJG', reason: 'x' })).status).toBe(403);
    expect((await supervisor.request('POST', `/api/complaints/${c.body.id}/reroute`, { to: 'NOPE', reason: 'x' })).status).toBe(400);
    expect((await supervisor.request('POST', `/api/complaints/${c.body.id}/reroute`, { to: 'SCJG' })).status).toBe(400);
    expect((await desk.request('POST', `/api/complaints/${c.body.id}/assign`, { handler: 'supervisor' })).body.status).toBe('assigned');

    const moved = await supervisor.request('POST', `/api/complaints/${c.body.id}/reroute`, { to: 'SCJG', reason: '证照内容由市场监管局出具' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ handledBy: 'department', department: '市场监督管理局', status: 'registered', handlerName: null });
    expect(moved.body.history.at(-1)).toMatchObject({ what: 'rerouted', note: '市场监督管理局：证照内容由市场监管局出具' });
    const scjg = await login(s.url, 'approver-scjg');
    expect((await scjg.request('GET', '/api/complaints')).body.map((x: { id: number }) => x.id)).toContain(c.body.id);
    expect((await supervisor.request('POST', `/api/complaints/${c.body.id}/reroute`, { to: 'SCJG', reason: 'x' })).status).toBe(409);

    const back = await supervisor.request('POST', `/api/complaints/${c.body.id}/reroute`, { to: 'center', reason: '实为窗口打印环节问题' });
    expect(back.body).toMatchObject({ handledBy: 'center', department: null });
    expect((await scjg.request('GET', `/api/complaints/${c.body.id}`)).status).toBe(404);
    const log = await s.database.db.select().from(adminLog).where(eq(adminLog.action, 'complaint.reroute'));
    expect(log.map((l) => (l.detail as { reason: string }).reason)).toEqual(['证照内容由市场监管局出具', '实为窗口打印环节问题']);

    await supervisor.request('POST', `/api/complaints/${c.body.id}/reply`, { text: '已重新打印', form: 'oral' });
    expect((await supervisor.request('POST', `/api/complaints/${c.body.id}/reroute`, { to: 'SCJG', reason: 'x' })).status).toBe(409);
  });
});
