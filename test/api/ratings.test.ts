import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, findItem, intake, PERSON } from '../helpers/cases.js';
import { adminLog, cases, centers, outbox, ratingFollowups, ratings } from '../../src/db/schema/index.js';

// Monday 2026-11-16, 10:00 in Beijing.
let s: TestServer;
let desk: Session;
let scjg: Session;
let supervisor: Session;
let caseNo = '';

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  [desk, scjg, supervisor] = await Promise.all([login(s.url, 'desk1'), login(s.url, 'approver-scjg'), login(s.url, 'supervisor')]);
  const item = await findItem(s, '食品经营许可');
  const created = await intake(desk, item);
  expect(created.status).toBe(201);
  caseNo = created.body.caseNo;
});
afterAll(async () => s?.close());

async function centerName(): Promise<string> {
  const [row] = await s.database.db.select({ name: centers.name }).from(centers).where(eq(centers.level, 'county'));
  return row!.name;
}

/** A visit at window 1: ticket, call, start, finish (linked to the case when given). */
async function serve(linkCase?: string) {
  const t = await call(s.url, 'POST', '/api/public/queue/tickets', { category: 'A', mobile: '13700001111' });
  await desk.request('POST', '/api/queue/windows/1/sit');
  const called = await desk.request('POST', '/api/queue/windows/1/call-next');
  expect(called.body.called.ticketNo).toBe(t.body.ticketNo);
  await desk.request('POST', `/api/queue/tickets/${called.body.called.id}/start`);
  const done = await desk.request('POST', `/api/queue/tickets/${called.body.called.id}/finish`, linkCase ? { caseNo: linkCase } : {});
  expect(done.status).toBe(200);
  return called.body.called.id as number;
}

describe('the evaluation pad', () => {
  it('asks about the service the window just finished, once', async () => {
    const idle = await call(s.url, 'GET', '/api/public/pad/1');
    expect(idle.body.pending).toBeNull();
    const ticketId = await serve();
    const pad = await call(s.url, 'GET', '/api/public/pad/1');
    expect(pad.body.pending.ticketId).toBe(ticketId);
    expect(pad.body.reasons.length).toBeGreaterThan(3);

    const rated = await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId, level: 5 });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ level: 5, levelName: '非常满意', channel: 'pad', windowNumber: 1, staffName: expect.any(String) });
    expect((await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId, level: 1, reasons: ['attitude'] })).status).toBe(409);
    expect((await call(s.url, 'GET', '/api/public/pad/1')).body.pending).toBeNull();
    // Another window's pad cannot rate this service.
    expect((await call(s.url, 'POST', '/api/public/pad/2/ratings', { ticketId, level: 1, reasons: ['slow'] })).status).toBe(404);
  });

  it('stops asking ten minutes after the service', async () => {
    const ticketId = await serve();
    s.clock.advance(11 * 60_000);
    expect((await call(s.url, 'GET', '/api/public/pad/1')).body.pending).toBeNull();
    expect((await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId, level: 4 })).status).toBe(404);
  });
});

describe('a bad rating and its follow-up', () => {
  let followupId = 0;

  it('needs a reason, then opens a follow-up for the center (a hall visit), not the item\'s department, with its deadlines', async () => {
    const ticketId = await serve(caseNo);
    const before = (await s.database.db.select().from(ratings)).length;
    expect((await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId, level: 2 })).status).toBe(400);
    expect((await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId, level: 2, reasons: ['other'] })).status).toBe(400);
    expect((await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId, level: 6 })).status).toBe(400);
    expect((await s.database.db.select().from(ratings)).length).toBe(before);

    const ratedAt = s.clock.now();
    const bad = await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId, level: 1, reasons: ['attitude', 'other'], comment: '窗口人员态度冷淡' });
    expect(bad.status).toBe(201);
    expect(bad.body.caseNo).toBe(caseNo);

    // The pad rates the front desk's service: the center follows it up, the item's department does not see it.
    expect((await scjg.request('GET', '/api/ratings/followups')).body).toHaveLength(0);
    const list = await supervisor.request('GET', '/api/ratings/followups');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    const f = list.body[0];
    followupId = f.id;
    expect(f).toMatchObject({ status: 'open', handledBy: 'center', department: null, contactOverdue: false, fixOverdue: false });
    // Contact within 24 hours; put right within 5 working days (Mon 16 → Mon 23 November).
    expect(f.contactDueAt).toBe(new Date(ratedAt.getTime() + 24 * 3600_000).toISOString());
    expect(f.fixDueDate).toBe('2026-11-23');
    expect(f.rating.mobile).toBe('137****1111');
    // The rating itself keeps the item's department for the figures.
    const [r] = await s.database.db.select().from(ratings).where(eq(ratings.id, bad.body.id));
    expect(r!.departmentId).not.toBeNull();
    // No department's approver sees it or can act on it; the clerk it is about cannot answer it either.
    const ga = await login(s.url, 'approver-ga');
    expect((await ga.request('GET', '/api/ratings/followups')).body).toHaveLength(0);
    expect((await ga.request('POST', `/api/ratings/followups/${followupId}/contact`, { note: 'x' })).status).toBe(404);
    expect((await scjg.request('POST', `/api/ratings/followups/${followupId}/contact`, { note: 'x' })).status).toBe(404);
    expect((await desk.request('POST', `/api/ratings/followups/${followupId}/contact`, { note: 'x' })).status).toBe(403);
    // The supervisor works it.
    expect((await supervisor.request('POST', `/api/ratings/followups/${followupId}/contact`, { note: '已电话致歉并了解经过' })).body.status).toBe('contacted');
  });

  it('a supervisor re-routes it, with a reason kept; then the department answers and the applicant gets the SMS', async () => {
    s.clock.advance(25 * 3600_000);
    // Sessions lapse overnight, as they would at the counter.
    [desk, scjg, supervisor] = await Promise.all([login(s.url, 'desk1'), login(s.url, 'approver-scjg'), login(s.url, 'supervisor')]);

    expect((await desk.request('POST', `/api/ratings/followups/${followupId}/reroute`, { to: 'SCJG', reason: 'x' })).status).toBe(403);
    expect((await scjg.request('POST', `/api/ratings/followups/${followupId}/reroute`, { to: 'SCJG', reason: 'x' })).status).toBe(403);
    expect((await supervisor.request('POST', `/api/ratings/followups/${followupId}/reroute`, { to: 'SCJG' })).status).toBe(400);
    expect((await supervisor.request('POST', `/api/ratings/followups/${followupId}/reroute`, { to: 'NOPE', reason: 'x' })).status).toBe(400);
    expect((await supervisor.request('POST', `/api/ratings/followups/${followupId}/reroute`, { to: 'center', reason: 'x' })).status).toBe(409);
    const moved = await supervisor.request('POST', `/api/ratings/followups/${followupId}/reroute`, { to: 'SCJG', reason: '经核实系食品经营许可审查人员在窗口答复' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ handledBy: 'department', status: 'contacted' });
    expect(moved.body.history.at(-1)).toMatchObject({ what: 'reroute', by: expect.any(String), note: '市场监督管理局：经核实系食品经营许可审查人员在窗口答复' });

    const overdue = await scjg.request('GET', '/api/ratings/followups?overdue=false');
    expect(overdue.body.map((x: { id: number }) => x.id)).toEqual([followupId]);
    expect(overdue.body[0].department).toBe('市场监督管理局');
    // A supervisor only watches a department's follow-up.
    expect((await supervisor.request('POST', `/api/ratings/followups/${followupId}/answer`, { action: 'x', answer: 'y' })).status).toBe(403);

    expect((await scjg.request('POST', `/api/ratings/followups/${followupId}/answer`, { action: '已调整窗口人员' })).status).toBe(400);
    const answered = await scjg.request('POST', `/api/ratings/followups/${followupId}/answer`, {
      action: '增开食品经营许可专窗', answer: '已增开专窗，缩短等候时间，感谢监督。',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('answered');
    // Too late to re-route an answered one.
    expect((await supervisor.request('POST', `/api/ratings/followups/${followupId}/reroute`, { to: 'center', reason: 'x' })).status).toBe(409);

    const sms = await s.database.db.select().from(outbox).where(eq(outbox.template, 'rating-answer'));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.recipient).toBe('13700001111');
    const token = /\/f\/([\w-]+)/.exec(sms[0]!.body)![1]!;
    const seen = await call(s.url, 'GET', `/api/public/followups/${token}`);
    expect(seen.body.answer).toBe('已增开专窗，缩短等候时间，感谢监督。');
    const page = await call(s.url, 'GET', `/f/${token}`);
    expect(page.status).toBe(200);
    // Signed with the center's name, like every other SMS (it said 【政务服务中心】).
    const center = await centerName();
    expect(sms[0]!.body.startsWith(`【${center}】`)).toBe(true);
    expect(page.body).toContain(center);
    expect(page.body).toContain('<link rel="stylesheet" href="/landing.css">');
    expect((await call(s.url, 'POST', `/api/public/followups/${token}/reply`, { satisfied: true })).status).toBe(200);
    expect((await call(s.url, 'POST', `/api/public/followups/${token}/reply`, { satisfied: false })).status).toBe(409);
    const [row] = await s.database.db.select().from(ratingFollowups).where(eq(ratingFollowups.id, followupId));
    expect(row).toMatchObject({ status: 'closed', applicantSatisfied: true });
    const log = await s.database.db.select().from(adminLog).where(eq(adminLog.action, 'rating.followup.reroute'));
    expect(log).toHaveLength(1);
    expect(log[0]!.detail).toMatchObject({ fromDepartmentId: null, reason: '经核实系食品经营许可审查人员在窗口答复' });
  });

  it('lets only the center set an unfair rating aside, with the reason kept', async () => {
    const ticketId = await serve();
    const bad = await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId, level: 1, reasons: ['attitude'] });
    const [f] = await s.database.db.select().from(ratingFollowups).where(eq(ratingFollowups.ratingId, bad.body.id));
    expect((await desk.request('POST', `/api/ratings/followups/${f!.id}/set-aside`, { reason: '与服务无关' })).status).toBe(403);
    const aside = await supervisor.request('POST', `/api/ratings/followups/${f!.id}/set-aside`, { reason: '评价内容与本次服务无关（误操作）' });
    expect(aside.status).toBe(200);
    expect(aside.body.status).toBe('set_aside');
    const [r] = await s.database.db.select().from(ratings).where(eq(ratings.id, bad.body.id));
    expect(r!.setAsideReason).toBe('评价内容与本次服务无关（误操作）');
  });
});

describe('rating a case by the SMS link', () => {
  it('rates a decided case once with the link\'s secret', async () => {
    const item = await findItem(s, '食品经营许可');
    const other = (await intake(desk, item, { applicant: { ...PERSON, phone: '13600002222' } })).body.caseNo as string;
    const [c] = await s.database.db.select({ token: cases.cancelToken }).from(cases).where(eq(cases.caseNo, other));
    expect((await call(s.url, 'POST', `/api/public/cases/${other}/rating`, { token: c!.token, level: 4 })).status).toBe(409);
    for (const a of ['accept', 'review-pass', 'approve']) expect((await act(scjg, other, a)).status).toBe(200);
    expect((await act(scjg, other, 'complete', { data: { resultNo: 'JY-2026-0001' } })).status).toBe(200);
    expect((await call(s.url, 'POST', `/api/public/cases/${other}/rating`, { token: 'wrong-token', level: 4 })).status).toBe(404);
    const ok = await call(s.url, 'POST', `/api/public/cases/${other}/rating`, { token: c!.token, level: 4 });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ channel: 'sms', caseNo: other, itemName: '食品经营许可' });
    expect((await call(s.url, 'POST', `/api/public/cases/${other}/rating`, { token: c!.token, level: 5 })).status).toBe(409);
    expect((await call(s.url, 'GET', `/r/${other}?t=${c!.token}`)).status).toBe(200);
  });
});

describe('who follows a bad rating of a case up', () => {
  async function decided(phone: string) {
    const item = await findItem(s, '食品经营许可');
    const no = (await intake(desk, item, { applicant: { ...PERSON, phone } })).body.caseNo as string;
    for (const a of ['accept', 'review-pass', 'approve']) expect((await act(scjg, no, a)).status).toBe(200);
    expect((await act(scjg, no, 'complete', { data: { resultNo: `JY-${phone}` } })).status).toBe(200);
    const [c] = await s.database.db.select({ token: cases.cancelToken }).from(cases).where(eq(cases.caseNo, no));
    return { no, token: c!.token };
  }
  const followupOf = async (ratingId: number) => (await s.database.db.select().from(ratingFollowups).where(eq(ratingFollowups.ratingId, ratingId)))[0]!;

  it('the handling of the case goes to the item\'s department; a supervisor can send it to the center', async () => {
    const { no, token } = await decided('13600003333');
    const bad = await call(s.url, 'POST', `/api/public/cases/${no}/rating`, { token, level: 2, reasons: ['slow'] });
    expect(bad.status).toBe(201);
    const f = await followupOf(bad.body.id);
    const seen = (await scjg.request('GET', '/api/ratings/followups')).body.find((x: { id: number }) => x.id === f.id);
    expect(seen).toMatchObject({ handledBy: 'department', department: '市场监督管理局' });
    const moved = await supervisor.request('POST', `/api/ratings/followups/${f.id}/reroute`, { to: 'center', reason: '申请人反映的是受理窗口的告知问题' });
    expect(moved.status).toBe(200);
    expect(moved.body.handledBy).toBe('center');
    expect((await scjg.request('GET', '/api/ratings/followups')).body.some((x: { id: number }) => x.id === f.id)).toBe(false);
  });

  it('a case rating only about the queue goes to the center', async () => {
    const { no, token } = await decided('13600004444');
    const bad = await call(s.url, 'POST', `/api/public/cases/${no}/rating`, { token, level: 1, reasons: ['wait-long'] });
    expect(bad.status).toBe(201);
    expect((await followupOf(bad.body.id)).departmentId).toBeNull();
  });
});

describe('the pages SMS links open', () => {
  it('carry the center\'s name and the shared stylesheet, and add no inline style attributes', async () => {
    const center = await centerName();
    const item = await findItem(s, '食品经营许可');
    const no = (await intake(desk, item, { applicant: { ...PERSON, phone: '13600006666' } })).body.caseNo as string;
    const [c] = await s.database.db.select({ token: cases.cancelToken }).from(cases).where(eq(cases.caseNo, no));
    for (const path of [`/c/${no}?t=${c!.token}`, `/r/${no}?t=${c!.token}`, `/c/${no}?t=wrong-token`]) {
      const page = await call(s.url, 'GET', path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain(center);
      expect(page.body, path).toContain('<link rel="stylesheet" href="/landing.css">');
      expect(page.body, path).not.toMatch(/ style="/);
    }
    const css = await fetch(`${s.url}/landing.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toContain('#1d5fb8');
  });
});

describe('one rating request per case', () => {
  it('a case completed and then delivered sends exactly one rating link, with the delivery', async () => {
    const item = await findItem(s, '食品经营许可');
    const phone = '13600007777';
    const no = (await intake(desk, item, { applicant: { ...PERSON, phone } })).body.caseNo as string;
    for (const a of ['accept', 'review-pass', 'approve']) expect((await act(scjg, no, a)).status).toBe(200);
    expect((await act(scjg, no, 'complete', { data: { resultNo: 'JY-2026-0002' } })).status).toBe(200);
    const delivered = await act(desk, no, 'deliver', { data: { method: 'window', pickupName: PERSON.name, pickupIdNumber: PERSON.idNumber } });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    const sent = await s.database.db.select().from(outbox).where(eq(outbox.recipient, phone));
    const withLink = sent.filter((m) => m.body.includes(`/r/${no}?t=`));
    expect(withLink.map((m) => m.template)).toEqual(['delivered']);
    expect(sent.find((m) => m.template === 'completed')!.body).not.toContain('/r/');
  });
});

describe('satisfaction figures', () => {
  it('equal the ratings counted directly, leaving set-aside ones out', async () => {
    const res = await supervisor.request('GET', '/api/ratings/satisfaction?from=2026-11-16&to=2026-11-30');
    expect(res.status).toBe(200);
    const all = await s.database.db.select().from(ratings);
    const counted = all.filter((r) => r.setAsideAt === null);
    expect(res.body.total.ratings).toBe(counted.length);
    expect(res.body.total.bad).toBe(counted.filter((r) => r.level <= 2).length);
    const good = counted.filter((r) => r.level >= 3).length;
    expect(res.body.total.satisfactionRate).toBe(Math.round((good / counted.length) * 1000) / 10);
    const w1 = res.body.byWindow.find((g: { key: string }) => g.key === '1号窗口');
    expect(w1.ratings).toBe(counted.filter((r) => r.windowNumber === 1).length);
    const pad = await s.database.db.select().from(ratings).where(and(eq(ratings.channel, 'pad')));
    expect(pad.length).toBeGreaterThanOrEqual(3);
    expect((await desk.request('GET', '/api/ratings/satisfaction')).status).toBe(403);
  });
});
