import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { findItem, intake, PERSON } from '../helpers/cases.js';

let s: TestServer;
let caseNo: string;
const sessions: Record<string, Session> = {};

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  for (const u of ['desk1', 'desk2', 'approver-scjg', 'approver-ga', 'supervisor', 'leader', 'admin']) sessions[u] = await login(s.url, u);
  const item = await findItem(s, '食品经营许可');
  caseNo = (await intake(sessions.desk1!, item)).body.caseNo;
});
afterAll(async () => { await s?.close(); });

type Probe = (who: Session | undefined) => Promise<number>;
const req = (who: Session | undefined, method: string, path: string, body?: unknown) =>
  who ? who.request(method, path, body) : call(s.url, method, path, body);

const probes: Record<string, Probe> = {
  case: async (w) => (await req(w, 'GET', `/api/cases/${caseNo}`)).status,
  timeline: async (w) => (await req(w, 'GET', `/api/cases/${caseNo}/timeline`)).status,
  // A stale version: 409 proves the user got through to the case; nothing changes either way.
  action: async (w) => (await req(w, 'POST', `/api/cases/${caseNo}/actions`, { action: 'accept', expectedVersion: 999 })).status,
  receipt: async (w) => (await fetch(`${s.url}/print/cases/${caseNo}/receipt`, { headers: w ? { cookie: w.cookie } : {} })).status,
  queue: async (w) => {
    const res = await req(w, 'GET', `/api/cases?pageSize=200&mine=false`);
    if (res.status !== 200) return res.status;
    return res.body.items.some((i: { caseNo: string }) => i.caseNo === caseNo) ? 200 : 404;
  },
  intake: async (w) => (await req(w, 'POST', '/api/cases', { itemCode: 'X', applicant: PERSON, channel: 'window', materials: [] })).status,
};

// Expected answers: each role × own/other department × each endpoint. intake 400 = allowed through to validation.
const MATRIX: Record<string, Record<string, number>> = {
  desk1: { case: 200, timeline: 200, action: 409, receipt: 200, queue: 200, intake: 400 },
  desk2: { case: 200, timeline: 200, action: 409, receipt: 200, queue: 200, intake: 400 },
  'approver-scjg': { case: 200, timeline: 200, action: 409, receipt: 200, queue: 200, intake: 403 },
  'approver-ga': { case: 404, timeline: 404, action: 404, receipt: 404, queue: 404, intake: 403 },
  supervisor: { case: 200, timeline: 200, action: 403, receipt: 200, queue: 200, intake: 403 },
  leader: { case: 200, timeline: 200, action: 403, receipt: 200, queue: 200, intake: 403 },
  admin: { case: 403, timeline: 403, action: 403, receipt: 403, queue: 403, intake: 403 },
  anonymous: { case: 401, timeline: 401, action: 401, receipt: 401, queue: 401, intake: 401 },
};

describe('access to cases', () => {
  for (const [user, expected] of Object.entries(MATRIX)) {
    it(`${user}`, async () => {
      const who = user === 'anonymous' ? undefined : sessions[user];
      const got: Record<string, number> = {};
      for (const [name, probe] of Object.entries(probes)) got[name] = await probe(who);
      expect(got).toEqual(expected);
    });
  }

  it('nothing changed, and the other department\'s denials were logged', async () => {
    const view = (await sessions.desk1!.request('GET', `/api/cases/${caseNo}`)).body;
    expect(view).toMatchObject({ status: 'received', version: 1 });
    const res = await s.database.db.execute(sql`select count(*)::int as n from admin_log where action = 'case.access-denied' and target = ${caseNo}`);
    expect((res as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThanOrEqual(4);
  });

  it('a case of another center is as unknown as a case that does not exist', async () => {
    const wrongCheck = caseNo.slice(0, -1) + (caseNo.endsWith('1') ? '2' : '1');
    const a = await sessions.desk1!.request('GET', `/api/cases/${wrongCheck}`);
    const b = await sessions['approver-ga']!.request('GET', `/api/cases/${caseNo}`);
    expect(a.status).toBe(404);
    expect(b.body).toEqual(a.body);
  });
});

describe('personal data', () => {
  it('is whole on the case page for the staff who handle it, masked for supervisors and in lists', async () => {
    const desk = (await sessions.desk1!.request('GET', `/api/cases/${caseNo}`)).body;
    expect(desk.applicant).toMatchObject({ idNumber: PERSON.idNumber, phone: PERSON.phone });
    const sup = (await sessions.supervisor!.request('GET', `/api/cases/${caseNo}`)).body;
    expect(sup.applicant).toMatchObject({ idNumber: '110105********002X', phone: '138****5678' });
    const list = (await sessions['approver-scjg']!.request('GET', '/api/cases')).body;
    const row = list.items.find((i: { caseNo: string }) => i.caseNo === caseNo);
    expect(row).toMatchObject({ applicantIdNumber: '110105********002X', applicantPhone: '138****5678' });
    expect(JSON.stringify(list)).not.toContain(PERSON.idNumber);
  });
});
