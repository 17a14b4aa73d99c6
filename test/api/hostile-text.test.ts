import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, allMaterials, findItem, intake, PERSON } from '../helpers/cases.js';
import { verifyAudit } from '../../src/modules/audit/audit.service.js';

/**
 * Text the database cannot keep exactly is refused at the edge (400 naming the field) before
 * anything is hashed or stored: a lone UTF-16 surrogate (JSON's "\ud800" escape) would be stored
 * as U+FFFD while the audit hash was taken over the original, breaking the case's chain.
 */
let s: TestServer;
let desk: Session;
let scjg: Session;
let admin: Session;
let item: Awaited<ReturnType<typeof findItem>>;

const LONE = ['\ud800', 'x\udfff', '\udc00\ud800', '正常\ud83d'];

beforeAll(async () => {
  s = await startTestServer();
  desk = await login(s.url, 'desk1');
  scjg = await login(s.url, 'approver-scjg');
  admin = await login(s.url, 'admin');
  item = await findItem(s, '食品经营许可');
});
afterAll(async () => { await s?.close(); });

async function count(table: 'case_events' | 'cases'): Promise<number> {
  const res = await s.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return (res as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

function expectRefused(res: { status: number; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
}

async function expectChainsIntact() {
  const report = await verifyAudit(s.database.db);
  expect(report.broken).toEqual([]);
  expect(report.events).toBe(await count('case_events'));
}

describe('lone surrogates', () => {
  it('in an action comment: refused, the case unchanged, the chain intact', async () => {
    const caseNo = (await intake(desk, item)).body.caseNo as string;
    const events = await count('case_events');
    const version = (await desk.request('GET', `/api/cases/${caseNo}`)).body.version;
    for (const comment of LONE) {
      expectRefused(await desk.request('POST', `/api/cases/${caseNo}/actions`, { action: 'accept', expectedVersion: version, comment }), 'comment');
    }
    expect(await count('case_events')).toBe(events);
    expect((await desk.request('GET', `/api/cases/${caseNo}`)).body).toMatchObject({ status: 'received', version });
    // A well-formed pair (an emoji) is text like any other.
    expect((await act(desk, caseNo, 'accept', { comment: '收件 😀' })).status).toBe(200);
    await expectChainsIntact();
  });

  it('in the agent\'s name and a material note at intake: refused, no case made', async () => {
    const cases = await count('cases');
    const agent = { name: '李\ud800四', idNumber: PERSON.idNumber, phone: '13800000000', relation: '委托' };
    expectRefused(await intake(desk, item, { agent }), 'agent.name');
    const materials = allMaterials(item).map((m, i) => (i === 1 ? { ...m, note: '复印件\udc00' } : m));
    expectRefused(await intake(desk, item, { materials }), 'materials.1.note');
    expect(await count('cases')).toBe(cases);
    await expectChainsIntact();
  });

  it('in a supplement comment: refused, the case unchanged', async () => {
    const supplement = await intake(desk, item, { materials: item.materials.map((m) => ({ code: m.code, provided: false })) });
    expect(supplement.body.status).toBe('supplement');
    const events = await count('case_events');
    expectRefused(await desk.request('POST', `/api/cases/${supplement.body.caseNo}/actions`, { action: 'resupply', materials: allMaterials(item), comment: '补齐\ud800' }), 'comment');
    const accepted = (await intake(desk, item)).body.caseNo as string;
    expect((await act(scjg, accepted, 'accept')).status).toBe(200);
    const before = await count('case_events');
    expectRefused(await act(scjg, accepted, 'request-supplement', { comment: '请补正\udfff', data: { missing: [item.materials[0]!.code] } }), 'comment');
    expect(await count('case_events')).toBe(before);
    expect((await desk.request('GET', `/api/cases/${supplement.body.caseNo}`)).body.status).toBe('supplement');
    expect(before).toBeGreaterThan(events);
    await expectChainsIntact();
  });

  it('in a queue category\'s English name and a department\'s name: refused, nothing changed', async () => {
    const categories = (await admin.request('GET', '/api/admin/queue/categories')).body;
    expectRefused(await admin.request('PUT', '/api/admin/queue/categories', {
      prefix: 'G', name: '公积金', nameEn: 'Housing\ud800', avgServiceMinutes: 9, active: true, sortOrder: 70,
    }), 'nameEn');
    expect((await admin.request('GET', '/api/admin/queue/categories')).body).toEqual(categories);

    const name = async () => (await admin.request('GET', '/api/admin/departments')).body.find((d: { code: string }) => d.code === 'SCJG').name;
    const before = await name();
    expectRefused(await admin.request('PATCH', '/api/admin/departments/SCJG', { name: 'x\ud800' }), 'name');
    expect(await name()).toBe(before);
  });

  it('in an object key: refused before the handler sees it', async () => {
    const caseNo = (await intake(desk, item)).body.caseNo as string;
    const events = await count('case_events');
    const res = await desk.request('POST', `/api/cases/${caseNo}/actions`, { action: 'accept', comment: 'ok', '\ud800': 'x' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(await count('case_events')).toBe(events);
  });

  it('in a query string: a URL cannot carry one, and NUL there is refused naming the parameter', async () => {
    // %ED%A0%80 is U+D800 in CESU-8, not UTF-8: it is kept as the literal text, never decoded to a lone surrogate.
    const cesu = await desk.request('GET', '/api/cases?q=%ED%A0%80');
    expect(cesu.status).toBe(200);
    expectRefused(await desk.request('GET', '/api/cases?q=a%00b'), 'q');
    expectRefused(await call(s.url, 'GET', `/api/items?q=${encodeURIComponent('😀')}%00`), 'q');
    await expectChainsIntact();
  });
});
