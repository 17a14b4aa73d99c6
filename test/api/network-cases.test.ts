import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { rows } from '../helpers/applicant.js';
import { act, allMaterials, findItem, PERSON } from '../helpers/cases.js';

// The /station workplace's reads: my proxy cases (agent: its room's; station: its township's) and the items open at my place.
let s: TestServer;
const u: Record<string, Session> = {};
let welfare: Awaited<ReturnType<typeof findItem>>;
let permit: Awaited<ReturnType<typeof findItem>>;

const villager = { ...PERSON, name: '王小二', phone: '13700002222' };
const proxyBody = (item: { code: string; materials: { code: string }[] }, channel = 'village') => ({
  itemCode: item.code, applicant: villager, channel, materials: allMaterials(item), authorization: { kind: 'paper' },
});

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  for (const name of ['agent-hp-cg-dj', 'agent-hp-xk-sp', 'agent-hp-xk-lt', 'station-hp-cg', 'station-hp-xk', 'desk1', 'approver-mz']) u[name] = await login(s.url, name);
  welfare = await findItem(s, '最低生活保障审核确认');
  permit = await findItem(s, '乡村建设规划许可证核发');
});
afterAll(async () => { await s?.close(); });

const caseNos = (res: { body: { items: { caseNo: string }[] } }) => res.body.items.map((i) => i.caseNo);

describe('GET /api/network/cases', () => {
  it('an agent lists its room\'s proxy cases, a station its township\'s (its villages\' too), newest first, masked', async () => {
    const dj1 = (await u['agent-hp-cg-dj']!.request('POST', '/api/cases', proxyBody(welfare))).body.caseNo as string;
    s.clock.set('2026-11-16T02:05:00Z');
    const dj2 = (await u['agent-hp-cg-dj']!.request('POST', '/api/cases', proxyBody(welfare))).body.caseNo as string;
    const cg = (await u['station-hp-cg']!.request('POST', '/api/cases', proxyBody(welfare, 'township'))).body.caseNo as string;
    const sp = (await u['agent-hp-xk-sp']!.request('POST', '/api/cases', proxyBody(welfare))).body.caseNo as string;
    const lt = (await u['agent-hp-xk-lt']!.request('POST', '/api/cases', proxyBody(welfare))).body.caseNo as string;
    const desk = (await u.desk1!.request('POST', '/api/cases', { itemCode: welfare.code, applicant: villager, channel: 'window', materials: allMaterials(welfare) })).body.caseNo as string;
    for (const no of [dj1, dj2, cg, sp, lt, desk]) expect(no).toBeTruthy();

    const agent = await u['agent-hp-cg-dj']!.request('GET', '/api/network/cases');
    expect(agent.status).toBe(200);
    expect(caseNos(agent)).toEqual([dj2, dj1]);
    expect(agent.body.total).toBe(2);
    const row = agent.body.items[0];
    expect(row).toMatchObject({ item: { code: welfare.code, name: '最低生活保障审核确认' }, place: { code: 'HP-CG-DJ' }, applicantName: '王**', applicantPhone: '137****2222' });
    expect(JSON.stringify(agent.body)).not.toContain(villager.phone);
    expect(JSON.stringify(agent.body)).not.toContain(villager.idNumber);

    const cgStation = await u['station-hp-cg']!.request('GET', '/api/network/cases');
    expect(new Set(caseNos(cgStation))).toEqual(new Set([dj1, dj2, cg]));
    const xkStation = await u['station-hp-xk']!.request('GET', '/api/network/cases');
    expect(new Set(caseNos(xkStation))).toEqual(new Set([sp, lt]));
    expect(caseNos(await u['agent-hp-xk-sp']!.request('GET', '/api/network/cases'))).toEqual([sp]);

    const paged = await u['station-hp-cg']!.request('GET', '/api/network/cases?pageSize=2&page=2');
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items).toHaveLength(1);
    // Staff of the county have a queue of their own; this list is the network's.
    expect((await u.desk1!.request('GET', '/api/network/cases')).status).toBe(403);
  });

  it('filters by status and lists the results waiting to be handed back (completed, not delivered)', async () => {
    const no = (await u['agent-hp-xk-lt']!.request('POST', '/api/cases', proxyBody(welfare))).body.caseNo as string;
    const approver = u['approver-mz']!;
    for (const step of ['accept', 'review-pass', 'approve']) expect((await act(approver, no, step)).status, step).toBe(200);
    const before = await u['agent-hp-xk-lt']!.request('GET', '/api/network/cases?waiting=true');
    expect(caseNos(before)).toEqual([]);
    expect((await act(approver, no, 'complete', { data: { resultNo: 'MZ-NET-1' } })).status).toBe(200);
    const waiting = await u['agent-hp-xk-lt']!.request('GET', '/api/network/cases?waiting=true');
    expect(caseNos(waiting)).toEqual([no]);
    expect(waiting.body.items[0].completedAt).toBeTruthy();
    expect(caseNos(await u['station-hp-xk']!.request('GET', '/api/network/cases?waiting=true'))).toEqual([no]);
    expect(caseNos(await u['station-hp-cg']!.request('GET', '/api/network/cases?waiting=true'))).toEqual([]);
    const completed = await u['agent-hp-xk-lt']!.request('GET', '/api/network/cases?status=completed');
    expect(caseNos(completed)).toEqual([no]);
    const received = await u['agent-hp-xk-lt']!.request('GET', '/api/network/cases?status=received');
    expect(caseNos(received)).not.toContain(no);
    expect(received.body.items.length).toBeGreaterThan(0);
    expect((await u['agent-hp-xk-lt']!.request('GET', '/api/network/cases?status=bogus')).status).toBe(400);
  });
});

describe('GET /api/network/items', () => {
  it('lists the items open at the place with their checklists; ZRZY-004 only where it is opened', async () => {
    const dj = await u['agent-hp-cg-dj']!.request('GET', '/api/network/items');
    const sp = await u['agent-hp-xk-sp']!.request('GET', '/api/network/items');
    expect(dj.status).toBe(200);
    expect(dj.body.place).toEqual({ code: 'HP-CG-DJ', name: expect.any(String) });
    const djCodes = dj.body.items.map((i: { code: string }) => i.code);
    const spCodes = sp.body.items.map((i: { code: string }) => i.code);
    expect(djCodes).toContain(welfare.code);
    expect(spCodes).toContain(welfare.code);
    expect(djCodes).not.toContain(permit.code);
    expect(spCodes).toContain(permit.code);
    expect(dj.body.version).not.toBe(sp.body.version);
    expect(dj.headers.get('etag')).toBe(`"${dj.body.version}"`);
    const item = dj.body.items.find((i: { code: string }) => i.code === welfare.code);
    expect(item).toMatchObject({ name: '最低生活保障审核确认', promisedDays: welfare.promisedDays, department: { code: welfare.department.code } });
    expect(item.materials.map((m: { code: string; required: boolean }) => ({ code: m.code, required: m.required })))
      .toEqual(welfare.materials.map((m) => ({ code: m.code, required: m.required })));
    // The station of 溪口镇 has the opening of its township, the village below it inherits it.
    const xk = await u['station-hp-xk']!.request('GET', '/api/network/items');
    expect(xk.body.items.map((i: { code: string }) => i.code)).toContain(permit.code);
    expect((await u.desk1!.request('GET', '/api/network/items')).status).toBe(403);
  });

  it('changes its version when an item is opened at the place', async () => {
    const before = await u['agent-hp-cg-dj']!.request('GET', '/api/network/items');
    await rows(s, sql`insert into network_item_openings (item_id, center_id, created_at)
      select i.id, c.id, now() from items i, centers c where i.code = ${permit.code} and c.code = 'HP-CG'`);
    const after = await u['agent-hp-cg-dj']!.request('GET', '/api/network/items');
    expect(after.body.version).not.toBe(before.body.version);
    expect(after.body.items.map((i: { code: string }) => i.code)).toContain(permit.code);
    const again = await u['agent-hp-cg-dj']!.request('GET', '/api/network/items');
    expect(again.body.version).toBe(after.body.version);
  });
});

describe('GET /print/network/authorization', () => {
  it('prints a blank 授权委托书 for an item open here, and refuses one that is not', async () => {
    const ok = await u['agent-hp-xk-sp']!.request('GET', `/print/network/authorization?item=${permit.code}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/html');
    expect(ok.body).toContain('授权委托书');
    expect(ok.body).toContain('乡村建设规划许可证核发');
    for (const m of permit.materials) expect(ok.body).toContain(m.name);
    expect(ok.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const closed = await u['agent-hp-xk-lt']!.request('GET', `/print/network/authorization?item=NOPE-1`);
    expect(closed.status).toBe(404);
    expect((await u.desk1!.request('GET', `/print/network/authorization?item=${permit.code}`)).status).toBe(403);
  });
});
