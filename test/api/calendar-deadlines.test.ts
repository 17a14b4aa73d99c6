/**
 * Issue 15 item 10: a calendar change that moves an open case's due date tells the applicant (one SMS
 * with the new date) and records it on the case's timeline with the reason, through the case engine's
 * hash chain, in the calendar change's own transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { cases, outbox } from '../../src/db/schema/index.js';
import { verifyAudit } from '../../src/modules/audit/audit.service.js';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, COMPANY, findItem, intake } from '../helpers/cases.js';

let s: TestServer;
let admin: Session;
let desk: Session;
let scjg: Session;
let caseNo: string;

beforeAll(async () => {
  // Tuesday 2026-12-08, 10:00 in the center: a 5-working-day item accepted today is due Tuesday 12-15.
  s = await startTestServer({ now: '2026-12-08T02:00:00Z' });
  [admin, desk, scjg] = await Promise.all(['admin', 'desk1', 'approver-scjg'].map((u) => login(s.url, u)));
  const item = await findItem(s, '食品经营许可');
  caseNo = (await intake(desk, item)).body.caseNo;
  expect((await act(scjg, caseNo, 'accept')).status).toBe(200);
});
afterAll(async () => { await s?.close(); });

async function dueMovedSms() {
  const [c] = await s.database.db.select({ id: cases.id }).from(cases).where(eq(cases.caseNo, caseNo));
  return s.database.db.select().from(outbox).where(and(eq(outbox.caseId, c!.id), eq(outbox.template, 'due-moved'))).orderBy(outbox.id);
}

async function caseView() {
  return (await scjg.request('GET', `/api/cases/${caseNo}`)).body;
}

async function moves() {
  const timeline = (await scjg.request('GET', `/api/cases/${caseNo}/timeline`)).body as { action: string; comment: string | null; data: any }[];
  return timeline.filter((e) => e.action === 'deadline-moved');
}

describe('a calendar change that moves due dates', () => {
  it('accepted today with a limit of 5 working days: due 12-15', async () => {
    expect((await caseView()).clock.dueDate).toBe('2026-12-15');
  });

  it('a closure on a working day before the due date: one SMS with the new date, one timeline entry with the reason', async () => {
    const before = await caseView();
    const put = await admin.request('PUT', '/api/admin/calendar/overrides/2026-12-10', { working: false, reason: '台风停止办公' });
    expect(put.status).toBe(200);
    expect(put.body.movedCases).toBeGreaterThanOrEqual(1);

    const after = await caseView();
    expect(after.clock.dueDate).toBe('2026-12-16');
    expect(after.version).toBe(before.version + 1);
    const sms = await dueMovedSms();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain('2026年12月16日');
    expect(sms[0]!.body).toContain('台风停止办公');
    const entries = await moves();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ comment: '台风停止办公', data: { date: '2026-12-10', working: false, fromDueDate: '2026-12-15', dueDate: '2026-12-16' } });
    // The stored due date (timeliness at completion reads it) moved too.
    const [row] = await s.database.db.select({ due: cases.dueDate }).from(cases).where(eq(cases.caseNo, caseNo));
    expect(row!.due).toBe('2026-12-16');
    const report = await verifyAudit(s.database.db);
    expect(report.broken).toEqual([]);
  });

  it('a closure after the due date: no SMS, no timeline entry', async () => {
    const put = await admin.request('PUT', '/api/admin/calendar/overrides/2026-12-18', { working: false, reason: '年终盘点' });
    expect(put.status).toBe(200);
    expect((await caseView()).clock.dueDate).toBe('2026-12-16');
    expect(await dueMovedSms()).toHaveLength(1);
    expect(await moves()).toHaveLength(1);
  });

  it('removing the closure moves the date back, with another SMS and entry', async () => {
    expect((await admin.request('DELETE', '/api/admin/calendar/overrides/2026-12-10')).status).toBe(200);
    expect((await caseView()).clock.dueDate).toBe('2026-12-15');
    const sms = await dueMovedSms();
    expect(sms).toHaveLength(2);
    expect(sms[1]!.body).toContain('2026年12月15日');
    const entries = await moves();
    expect(entries).toHaveLength(2);
    expect(entries[1]!.data).toMatchObject({ fromDueDate: '2026-12-16', dueDate: '2026-12-15' });
    expect(entries[1]!.comment).toContain('台风停止办公');
    expect((await verifyAudit(s.database.db)).broken).toEqual([]);
  });
});

describe('a joint case: the task deadlines the progress page shows move too', () => {
  it('the active stage task and the case move, recorded on one entry, one SMS', async () => {
    const item = await findItem(s, '我要开餐馆（营业执照+食品经营许可）');
    const joint = (await intake(desk, item, { applicant: COMPANY })).body.caseNo as string;
    expect((await act(desk, joint, 'accept')).status).toBe(200);
    expect((await act(scjg, joint, 'task-pass', { comment: '同意' })).status).toBe(200); // stage 1 done, stage 2 starts today
    const before = (await scjg.request('GET', `/api/cases/${joint}`)).body;
    const task = before.tasks.find((t: { status: string; stage: number }) => t.status === 'active' && t.stage === 2);
    expect(task.dueDate > '2026-12-10').toBe(true);
    // A closure on the task's own last day: both dates move past it.
    const closed = task.dueDate as string;
    expect((await admin.request('PUT', `/api/admin/calendar/overrides/${closed}`, { working: false, reason: '停电检修' })).status).toBe(200);

    const after = (await scjg.request('GET', `/api/cases/${joint}`)).body;
    const moved = after.tasks.find((t: { id: number }) => t.id === task.id);
    const expectedTaskDue = (await call(s.url, 'GET', `/api/calendar/add-working-days?from=${task.startedDate ?? '2026-12-08'}&days=7`)).body.date;
    expect(moved.dueDate).toBe(expectedTaskDue);
    expect(moved.dueDate > closed).toBe(true);
    expect(after.clock.dueDate > before.clock.dueDate).toBe(true);
    const progress = await call(s.url, 'GET', `/api/public/progress?caseNo=${joint}&phone=${COMPANY.phone}`);
    expect(progress.status).toBe(200);
    expect(progress.body.stages.find((x: { stage: number }) => x.stage === 2).dueDate).toBe(moved.dueDate);

    const timeline = (await scjg.request('GET', `/api/cases/${joint}/timeline`)).body as { action: string; comment: string; data: any }[];
    const entries = timeline.filter((e) => e.action === 'deadline-moved');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.comment).toBe('停电检修');
    // Stage 2 runs three departments in parallel: each task moved the same way.
    const activeBefore = before.tasks.filter((t: { status: string }) => t.status === 'active');
    expect(activeBefore).toHaveLength(3);
    expect(entries[0]!.data.tasks).toEqual(activeBefore.map(() => ({ stageName: '许可', from: task.dueDate, to: moved.dueDate })));
    const [c] = await s.database.db.select({ id: cases.id }).from(cases).where(eq(cases.caseNo, joint));
    const sms = await s.database.db.select().from(outbox).where(and(eq(outbox.caseId, c!.id), eq(outbox.template, 'due-moved')));
    expect(sms).toHaveLength(1);
    expect((await verifyAudit(s.database.db)).broken).toEqual([]);
  });
});
