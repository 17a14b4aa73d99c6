import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { signIn } from '../helpers/applicant.js';
import { act, findItem, intake, PERSON } from '../helpers/cases.js';
import { adminLog, outbox, ratingFollowups, ratings } from '../../src/db/schema/index.js';

// Monday 2026-11-16, 10:00 in Beijing.
let s: TestServer;
let admin: Session;
let desk: Session;
let scjg: Session;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  [admin, desk, scjg] = await Promise.all([login(s.url, 'admin'), login(s.url, 'desk1'), login(s.url, 'approver-scjg')]);
});
afterAll(async () => s?.close());

/** A case of the given phone taken in, approved and completed (the completion SMS is written). */
async function completedCase(phone: string): Promise<string> {
  const item = await findItem(s, '食品经营许可');
  const created = await intake(desk, item, { applicant: { ...PERSON, phone } });
  expect(created.status).toBe(201);
  const caseNo = created.body.caseNo as string;
  for (const a of ['accept', 'review-pass', 'approve']) expect((await act(scjg, caseNo, a)).status).toBe(200);
  expect((await act(scjg, caseNo, 'complete', { data: { resultNo: 'JY-2026-0042' } })).status).toBe(200);
  return caseNo;
}

describe('hall configuration', () => {
  it('round-trips a ticket category and a window, with an admin log entry each', async () => {
    const cat = await admin.request('PUT', '/api/admin/queue/categories', {
      prefix: 'g', name: '公积金', nameEn: 'Housing fund', avgServiceMinutes: 9, appointmentCategory: 'SB', active: true, sortOrder: 70,
    });
    expect(cat.status).toBe(200);
    expect(cat.body.find((c: { prefix: string }) => c.prefix === 'G')).toEqual({
      prefix: 'G', name: '公积金', nameEn: 'Housing fund', avgServiceMinutes: 9, appointmentCategory: 'SB', active: true, sortOrder: 70,
    });
    const win = await admin.request('PUT', '/api/admin/queue/windows', { number: 9, name: '公积金窗口', categories: ['G', 'A'] });
    expect(win.status).toBe(200);
    expect((await admin.request('GET', '/api/admin/queue/windows')).body.find((w: { number: number }) => w.number === 9))
      .toMatchObject({ number: 9, name: '公积金窗口', active: true });
    // The new category is offered to the public at once.
    const open = await call(s.url, 'GET', '/api/public/queue/categories');
    expect(open.body.map((c: { prefix: string }) => c.prefix)).toContain('G');

    const log = await s.database.db.select().from(adminLog).where(eq(adminLog.action, 'queue.window'));
    expect(log.map((l) => l.target)).toContain('9');
    // An unknown category for a window changes nothing.
    expect((await admin.request('PUT', '/api/admin/queue/windows', { number: 9, categories: ['Z'] })).status).toBe(400);
    const after = (await admin.request('GET', '/api/admin/queue/windows')).body.find((w: { number: number }) => w.number === 9);
    expect([...after.categories].sort()).toEqual(['A', 'G']);
  });

  it('is for the admin only', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/admin/queue/categories', undefined], ['PUT', '/api/admin/queue/categories', { prefix: 'H', name: 'x' }],
      ['GET', '/api/admin/queue/windows', undefined], ['PUT', '/api/admin/queue/windows', { number: 10, categories: [] }],
      ['PUT', '/api/admin/settings', { ratingFixDays: 3 }],
    ] as const) {
      expect((await desk.request(method, path, body)).status, path).toBe(403);
      expect((await call(s.url, method, path, body)).status, path).toBe(401);
    }
    expect((await admin.request('GET', '/api/admin/queue/categories')).body.some((c: { prefix: string }) => c.prefix === 'H')).toBe(false);
  });

  it('keeps the hall settings within bounds and the follow-up deadline follows them', async () => {
    const defaults = await admin.request('GET', '/api/admin/settings');
    expect(defaults.body).toMatchObject({ ratingContactHours: 24, ratingFixDays: 5, complaintDueDays: 5, consultationDueDays: 2 });
    for (const bad of [{ ratingContactHours: 0 }, { ratingContactHours: 169 }, { ratingFixDays: 31 }, { complaintDueDays: 0 }, { consultationDueDays: 1.5 }, { consultationDueDays: '2' }]) {
      expect((await admin.request('PUT', '/api/admin/settings', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await admin.request('GET', '/api/admin/settings')).body).toEqual(defaults.body);

    const saved = await admin.request('PUT', '/api/admin/settings', { ratingContactHours: 48, ratingFixDays: 3, complaintDueDays: 7, consultationDueDays: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ratingContactHours: 48, ratingFixDays: 3, complaintDueDays: 7, consultationDueDays: 1, warningDays: defaults.body.warningDays });

    // A complaint registered now is due in 7 working days: Monday 16th → Wednesday 25th.
    const complaint = await call(s.url, 'POST', '/api/public/complaints', {
      kind: 'complaint', about: 'window', windowNumber: 1, subject: '窗口态度', content: '工作人员态度不好', contactName: '李四', contactPhone: '13600009999',
    });
    expect(complaint.status).toBe(201);
    expect(complaint.body.dueDate).toBe('2026-11-25');
  });
});

describe('rating a case by the SMS link and online', () => {
  it('puts the rating link last in the delivery SMS (the one that asks), and the link rates the case', async () => {
    const caseNo = await completedCase('13600003333');
    expect((await act(desk, caseNo, 'deliver', { data: { method: 'window', pickupName: PERSON.name, pickupIdNumber: PERSON.idNumber } })).status).toBe(200);
    const [sms] = await s.database.db.select().from(outbox).where(and(eq(outbox.template, 'delivered'), eq(outbox.recipient, '13600003333')));
    expect(sms).toBeDefined();
    const m = new RegExp(`/r/${caseNo}\\?t=([A-Za-z0-9_-]+)$`).exec(sms!.body);
    expect(m, sms!.body).not.toBeNull();
    expect(Array.from(sms!.body).length).toBeLessThanOrEqual(201);
    expect((await call(s.url, 'GET', `/r/${caseNo}?t=${m![1]}`)).status).toBe(200);
    const rated = await call(s.url, 'POST', `/api/public/cases/${caseNo}/rating`, { token: m![1], level: 5 });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ channel: 'sms', caseNo, level: 5 });
  });

  it('lets the signed-in applicant rate a decided case of theirs once; not another\'s', async () => {
    const phone = '13600004444';
    const item = await findItem(s, '食品经营许可');
    const open = (await intake(desk, item, { applicant: { ...PERSON, phone } })).body.caseNo as string;
    const done = await completedCase(phone);
    const stranger = await completedCase('13600005555');
    const me = await signIn(s, phone);

    const notYet = await me.request('GET', `/api/applicant/cases/${open}/rating`);
    expect(notYet.status).toBe(200);
    expect(notYet.body).toMatchObject({ ratable: false, rating: null });
    expect((await me.request('POST', `/api/applicant/cases/${open}/rating`, { level: 5 })).status).toBe(409);

    const before = await me.request('GET', `/api/applicant/cases/${done}/rating`);
    expect(before.body.ratable).toBe(true);
    expect(before.body.levels.map((l: { level: number }) => l.level)).toEqual([5, 4, 3, 2, 1]);
    expect(before.body.reasons.length).toBeGreaterThan(3);

    // Without the CSRF header nothing is recorded.
    expect((await call(s.url, 'POST', `/api/applicant/cases/${done}/rating`, { level: 4 }, { cookie: me.cookie })).status).toBe(403);
    // A bad rating needs a reason.
    expect((await me.request('POST', `/api/applicant/cases/${done}/rating`, { level: 2 })).status).toBe(400);
    expect((await me.request('POST', `/api/applicant/cases/${done}/rating`, { level: 2, reasons: ['nope'] })).status).toBe(400);
    expect(await s.database.db.select().from(ratings).where(eq(ratings.caseNo, done))).toHaveLength(0);

    const bad = await me.request('POST', `/api/applicant/cases/${done}/rating`, { level: 2, reasons: ['slow'], comment: '等了很久' });
    expect(bad.status).toBe(201);
    expect(bad.body).toMatchObject({ channel: 'online', caseNo: done, level: 2, reasons: ['slow'], comment: '等了很久' });
    // The follow-up's contact deadline follows the setting changed above (48 hours).
    const [f] = await s.database.db.select().from(ratingFollowups).where(eq(ratingFollowups.ratingId, bad.body.id));
    expect(f!.contactDueAt.getTime() - s.clock.now().getTime()).toBe(48 * 3600_000);

    expect((await me.request('POST', `/api/applicant/cases/${done}/rating`, { level: 5 })).status).toBe(409);
    const after = await me.request('GET', `/api/applicant/cases/${done}/rating`);
    expect(after.body).toMatchObject({ ratable: false, rating: { level: 2, levelName: '不满意', channel: 'online' } });

    expect((await me.request('GET', `/api/applicant/cases/${stranger}/rating`)).status).toBe(404);
    expect((await me.request('POST', `/api/applicant/cases/${stranger}/rating`, { level: 5 })).status).toBe(404);
    expect(await s.database.db.select().from(ratings).where(and(eq(ratings.caseNo, stranger), eq(ratings.channel, 'online')))).toHaveLength(0);
    expect((await call(s.url, 'POST', `/api/applicant/cases/${done}/rating`, { level: 5 })).status).toBe(401);
  });
});
