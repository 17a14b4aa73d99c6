import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, findItem, intake, PERSON } from '../helpers/cases.js';
import { scanCases } from '../../src/modules/cases/cases.service.js';

let s: TestServer;
let desk: Session;
let closed = false;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-life-'));

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z', dataDir });
  desk = await login(s.url, 'desk1');
});
afterAll(async () => {
  if (!closed) await s?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const deps = () => ({ db: s.database.db, clock: s.clock, publicUrl: s.url });

async function approverFor(item: { department: { code: string } }) {
  return login(s.url, `approver-${item.department.code.toLowerCase()}`);
}

async function deemedItem() {
  const res = await s.database.db.execute(sql`select i.code from items i join item_versions v on v.item_id = i.id and v.version = i.published_version
    where v.deemed_approval and v.kind = 'promised' order by v.promised_days limit 1`);
  const code = (res as unknown as { rows: { code: string }[] }).rows[0]!.code;
  return (await call(s.url, 'GET', `/api/items/${code}`)).body;
}

describe('warnings and deemed approval', () => {
  it('turns yellow N working days before the due date and red after it; the queue filters by level', async () => {
    const item = await findItem(s, '食品经营许可');
    const approver = await approverFor(item);
    const no = (await intake(desk, item)).body.caseNo;
    await act(approver, no, 'accept');
    const level = async () => (await approver.request('GET', `/api/cases/${no}`)).body.clock;
    expect((await level()).warning).toBe('normal');
    const inQueue = async (warning: string) => {
      await scanCases(deps());
      const q = (await approver.request('GET', `/api/cases?warning=${warning}&pageSize=200`)).body;
      return q.items.some((i: { caseNo: string }) => i.caseNo === no);
    };
    expect(await inQueue('normal')).toBe(true);
    s.clock.set('2026-11-18T02:00:00Z'); // Wednesday: 3 working days left
    const a2 = await approverFor(item);
    expect((await a2.request('GET', `/api/cases/${no}`)).body.clock).toMatchObject({ daysLeft: 3, warning: 'yellow' });
    expect(await (async () => { await scanCases(deps()); return (await a2.request('GET', `/api/cases?warning=yellow&pageSize=200`)).body.items.some((i: { caseNo: string }) => i.caseNo === no); })()).toBe(true);
    s.clock.set('2026-11-24T02:00:00Z'); // Tuesday after the due date (Monday 23)
    const a3 = await approverFor(item);
    expect((await a3.request('GET', `/api/cases/${no}`)).body.clock).toMatchObject({ daysLeft: -1, warning: 'red' });
    await scanCases(deps());
    const red = (await a3.request('GET', `/api/cases?warning=red&pageSize=200`)).body.items.map((i: { caseNo: string }) => i.caseNo);
    expect(red).toContain(no);
    await act(a3, no, 'approve');
    await act(a3, no, 'complete', { data: { resultNo: 'JY-LATE-1' } });
    expect((await a3.request('GET', `/api/cases/${no}`)).body.clock.timeliness).toBe('late');
    s.clock.set('2026-11-16T02:00:00Z');
    desk = await login(s.url, 'desk1');
  });

  it('approves on the system\'s behalf when the promised limit of a deemed-approval item passes, once', async () => {
    const item = await deemedItem();
    const approver = await approverFor(item);
    const no = (await intake(desk, item)).body.caseNo;
    await act(approver, no, 'accept');
    const due = (await approver.request('GET', `/api/cases/${no}`)).body.clock.dueDate as string;
    s.clock.set(`${due}T02:00:00Z`);
    await scanCases(deps());
    expect((await (await approverFor(item)).request('GET', `/api/cases/${no}`)).body.status).toBe('accepted');
    s.clock.set(new Date(new Date(`${due}T02:00:00Z`).getTime() + 7 * 86_400_000));
    const first = await scanCases(deps());
    const second = await scanCases(deps());
    expect(first.deemed).toBeGreaterThanOrEqual(1);
    expect(second.deemed).toBe(0);
    const a = await approverFor(item);
    const view = (await a.request('GET', `/api/cases/${no}`)).body;
    expect(view).toMatchObject({ status: 'approved', decision: 'deemed' });
    const last = (await a.request('GET', `/api/cases/${no}/timeline`)).body.at(-1);
    expect(last).toMatchObject({ action: 'deem-approve', role: 'system', toStatus: 'approved' });
    expect(last.data.rule).toBe('deemed-approval');
    s.clock.set('2026-11-16T02:00:00Z');
    desk = await login(s.url, 'desk1');
  });
});

describe('side roads', () => {
  it('report up and back: the clock stops while the higher authority has it', async () => {
    const item = await findItem(s, '食品经营许可');
    const approver = await approverFor(item);
    const no = (await intake(desk, item)).body.caseNo;
    await act(approver, no, 'accept');
    expect((await act(approver, no, 'report-up', { comment: '报市局审查', data: { authority: '南岭市市场监督管理局' } })).body.status).toBe('reported');
    s.clock.set('2026-11-18T02:00:00Z');
    const a2 = await approverFor(item);
    expect((await a2.request('GET', `/api/cases/${no}`)).body.clock).toMatchObject({ running: false, pausedDays: 2, daysLeft: 5 });
    expect((await act(a2, no, 'report-back')).body.status).toBe('accepted');
    expect((await a2.request('GET', `/api/cases/${no}`)).body.clock).toMatchObject({ running: true, pausedDays: 2, dueDate: '2026-11-25' });
    s.clock.set('2026-11-16T02:00:00Z');
    desk = await login(s.url, 'desk1');
  });

  it('return needs an explicit answer; withdraw ends the case; neither can be undone', async () => {
    const item = await findItem(s, '食品经营许可');
    const approver = await approverFor(item);
    const a = (await intake(desk, item)).body.caseNo;
    await act(approver, a, 'accept');
    expect((await act(approver, a, 'return')).status).toBe(400);
    expect((await act(approver, a, 'return', { comment: '经营场所不在本县，请向所在地申请' })).body.status).toBe('returned');
    const again = await act(approver, a, 'approve');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_TRANSITION');
    const b = (await intake(desk, item)).body.caseNo;
    expect((await act(desk, b, 'withdraw', { comment: '申请人书面申请撤回' })).body.status).toBe('withdrawn');
  });
});

describe('public progress', () => {
  it('shows status, due date, days left and masked data for the right number and phone', async () => {
    const item = await findItem(s, '食品经营许可');
    const approver = await approverFor(item);
    const no = (await intake(desk, item)).body.caseNo;
    await act(approver, no, 'accept');
    const res = await call(s.url, 'GET', `/api/public/progress?caseNo=${no.replace(/-/g, '')}&phone=${PERSON.phone}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ caseNo: no, status: 'accepted', dueDate: '2026-11-23', daysLeft: 5, applicant: '张*', phone: '138****5678', paused: false });
    // Times and dates come through the hand-written progress statement as they are stored.
    expect(res.body).toMatchObject({ receivedAt: s.clock.now().toISOString(), acceptedAt: s.clock.now().toISOString(), pausedDays: 0, provisional: false, missingMaterials: [] });
    expect(JSON.stringify(res.body)).not.toContain(PERSON.idNumber);
    // The steps so far, by department or window, never by person.
    expect(res.body.steps).toEqual([
      { at: expect.any(String), action: 'receive', name: '窗口收件', status: 'received', department: '综合受理窗口' },
      { at: s.clock.now().toISOString(), action: 'accept', name: '受理', status: 'accepted', department: res.body.department },
    ]);
    expect(res.body).toMatchObject({ completedAt: null, deliveredAt: null });
    const staff = await Promise.all([desk, approver].map(async (u) => (await u.request('GET', '/api/auth/me')).body.user.displayName as string));
    for (const name of staff) expect(JSON.stringify(res.body)).not.toContain(name);
  });

  it('answers an unknown number, a bad check character and a wrong phone alike, and slows a burst of guesses', async () => {
    const item = await findItem(s, '食品经营许可');
    const no = (await intake(desk, item)).body.caseNo as string;
    const badCheck = no.slice(0, -1) + (no.endsWith('0') ? '1' : '0');
    const unknown = '261116-99999-' + no.slice(-1);
    const answers = await Promise.all([
      call(s.url, 'GET', `/api/public/progress?caseNo=${unknown}&phone=${PERSON.phone}`),
      call(s.url, 'GET', `/api/public/progress?caseNo=${badCheck}&phone=${PERSON.phone}`),
      call(s.url, 'GET', `/api/public/progress?caseNo=${no}&phone=13900000000`),
    ]);
    for (const a of answers) expect(a.status).toBe(404);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.body).toEqual(answers[0]!.body);
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await call(s.url, 'GET', `/api/public/progress?caseNo=${no}&phone=1390000${String(i).padStart(4, '0')}`)).status);
    expect(statuses).toContain(429);
    // Even the right answer waits while the address is slowed.
    expect((await call(s.url, 'GET', `/api/public/progress?caseNo=${no}&phone=${PERSON.phone}`)).status).toBe(429);
    s.clock.advance(6 * 60_000);
    expect((await call(s.url, 'GET', `/api/public/progress?caseNo=${no}&phone=${PERSON.phone}`)).status).toBe(200);
  });
});

describe('tampering', () => {
  it('audit:verify passes, then names the event edited behind the application\'s back', async () => {
    const item = await findItem(s, '个体工商户设立登记');
    const no = (await intake(desk, item)).body.caseNo;
    await act(desk, no, 'accept');
    await act(desk, no, 'approve');
    const env = { ...process.env, ...s.database.cliEnv };
    const verify = () => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], { env, encoding: 'utf8' });
    // PGlite holds its folder: the CLI runs after the server is gone; PostgreSQL is shared.
    const db = s.database.db;
    if (!process.env.DATABASE_URL) {
      await s.close();
      closed = true;
      const ok = verify();
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/every chain intact/);
      const { openDatabase } = await import('../../src/db/client.js');
      const again = await openDatabase({ dataDir });
      await tamper(again.db, no);
      await again.close();
    } else {
      const ok = verify();
      expect(ok.status, ok.stderr).toBe(0);
      await tamper(db, no);
    }
    const bad = verify();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`case ${no} at event 2: hash-mismatch`);
  });
});

async function tamper(db: TestServer['database']['db'], caseNo: string) {
  await db.execute(sql`alter table case_events disable trigger case_events_no_update`);
  await db.execute(sql`update case_events set actor_name = '某人' where seq = 2 and case_id = (select id from cases where case_no = ${caseNo})`);
  await db.execute(sql`alter table case_events enable trigger case_events_no_update`);
}
