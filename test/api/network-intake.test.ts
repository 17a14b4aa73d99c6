import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { rows } from '../helpers/applicant.js';
import { allMaterials, findItem, PERSON } from '../helpers/cases.js';

// 代办件: a station or agent takes an application into the county for items opened at its place.
let s: TestServer;
const u: Record<string, Session> = {};
let welfare: Awaited<ReturnType<typeof findItem>>;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  for (const name of ['agent-hp-cg-dj', 'agent-hp-xk-sp', 'station-hp-cg', 'station-hp-xk', 'desk1', 'approver-mz', 'supervisor']) u[name] = await login(s.url, name);
  welfare = await findItem(s, '最低生活保障审核确认');
});
afterAll(async () => { await s?.close(); });

const villager = { ...PERSON, name: '李四', phone: '13700001111' };
const proxyBody = (item: { code: string; materials: { code: string }[] }, extra: Record<string, unknown> = {}) => ({
  itemCode: item.code, applicant: villager, channel: 'village', materials: allMaterials(item), authorization: { kind: 'paper' }, ...extra,
});

describe('proxy intake (代办件)', () => {
  it('an agent takes a case into the county: marked as proxy, the villager gets the same SMS, the papers are on the ledger at the room', async () => {
    const res = await u['agent-hp-cg-dj']!.request('POST', '/api/cases', proxyBody(welfare));
    expect(res.status).toBe(201);
    const [row] = await rows<{ center: string; place: string; township: string; by: string; channel: string; auth: { kind: string } }>(s, sql`
      select c.code as center, p.code as place, t.code as township, us.username as by, k.channel, k.proxy_authorization as auth
      from cases k join centers c on c.id = k.center_id join centers p on p.id = k.proxy_center_id
      join centers t on t.id = k.proxy_township_id join users us on us.id = k.proxy_by where k.case_no = ${res.body.caseNo}`);
    expect(row).toEqual({ center: 'HP', place: 'HP-CG-DJ', township: 'HP-CG', by: 'agent-hp-cg-dj', channel: 'village', auth: { kind: 'paper' } });
    const sms = await rows<{ template: string }>(s, sql`select template from outbox where recipient = ${villager.phone} and template = 'received'`);
    expect(sms).toHaveLength(1);
    const ledger = await rows<{ name: string; holder: string; state: string }>(s, sql`
      select e.name, c.code as holder, e.state from ledger_entries e join centers c on c.id = e.holder_center_id
      join cases k on k.id = e.case_id where k.case_no = ${res.body.caseNo} order by e.id`);
    expect(ledger.map((l) => l.name)).toEqual(welfare.materials.map((m) => m.name));
    expect(new Set(ledger.map((l) => `${l.holder}/${l.state}`))).toEqual(new Set(['HP-CG-DJ/held']));
    // The county's department sees it in its queue like any other case.
    const queue = await u['approver-mz']!.request('GET', '/api/cases?pageSize=100');
    expect(queue.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(res.body.caseNo);
  });

  it('refuses an item not opened at the place, the wrong channel, and a missing authorization, changing nothing', async () => {
    const before = await rows<{ n: number }>(s, sql`select count(*)::int as n from cases`);
    const permit = await findItem(s, '乡村建设规划许可证核发'); // opened at 溪口镇 and 山前乡 only (受办分离)
    const closed = await u['agent-hp-cg-dj']!.request('POST', '/api/cases', proxyBody(permit));
    expect(closed.status).toBe(422);
    expect(closed.body.code).toBe('NOT_OPEN_HERE');
    expect(closed.body.message).toContain('和平县政务服务中心');
    const open = await u['agent-hp-xk-sp']!.request('POST', '/api/cases', proxyBody(permit));
    expect(open.status).toBe(201);
    const wrongChannel = await u['station-hp-cg']!.request('POST', '/api/cases', proxyBody(welfare));
    expect(wrongChannel.status).toBe(400);
    const unauthorized = await u['agent-hp-cg-dj']!.request('POST', '/api/cases', proxyBody(welfare, { authorization: undefined }));
    expect(unauthorized.status).toBe(400);
    expect(unauthorized.body.details[0].field).toBe('authorization');
    const deskWithAuthorization = await u.desk1!.request('POST', '/api/cases', { ...proxyBody(welfare), channel: 'window' });
    expect(deskWithAuthorization.status).toBe(400);
    const after = await rows<{ n: number }>(s, sql`select count(*)::int as n from cases`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });

  it('takes the SMS confirmation instead of paper: a code to the villager, read back once', async () => {
    const agent = u['agent-hp-cg-dj']!;
    const sent = await agent.request('POST', '/api/network/confirmations', { phone: villager.phone, itemCode: welfare.code });
    expect(sent.status).toBe(201);
    const [sms] = await rows<{ body: string }>(s, sql`select body from outbox where template = 'proxy-code' and recipient = ${villager.phone}`);
    const code = /确认码(\d{6})/.exec(sms!.body)![1]!;
    const wrong = await agent.request('POST', '/api/cases', proxyBody(welfare, { authorization: { kind: 'sms', confirmationId: sent.body.id, code: code === '000000' ? '111111' : '000000' } }));
    expect(wrong.status).toBe(400);
    const right = await agent.request('POST', '/api/cases', proxyBody(welfare, { authorization: { kind: 'sms', confirmationId: sent.body.id, code } }));
    expect(right.status).toBe(201);
    const again = await agent.request('POST', '/api/cases', proxyBody(welfare, { authorization: { kind: 'sms', confirmationId: sent.body.id, code } }));
    expect(again.status).toBe(400);
    // Another agent cannot use a confirmation it did not ask for.
    const other = await u['agent-hp-xk-sp']!.request('POST', '/api/network/confirmations', { phone: villager.phone, itemCode: welfare.code });
    const [otherSms] = await rows<{ body: string }>(s, sql`select body from outbox where template = 'proxy-code' and dedupe_key = ${`proxy-code:${other.body.id}`}`);
    const otherCode = /确认码(\d{6})/.exec(otherSms!.body)![1]!;
    const stolen = await agent.request('POST', '/api/cases', proxyBody(welfare, { authorization: { kind: 'sms', confirmationId: other.body.id, code: otherCode } }));
    expect(stolen.status).toBe(400);
  });

  it('an agent sees only its own room\'s cases, a station its township\'s; neither may act', async () => {
    const taken = await u['agent-hp-cg-dj']!.request('POST', '/api/cases', proxyBody(welfare));
    const no = taken.body.caseNo;
    expect((await u['agent-hp-cg-dj']!.request('GET', `/api/cases/${no}`)).status).toBe(200);
    expect((await u['station-hp-cg']!.request('GET', `/api/cases/${no}`)).status).toBe(200);
    expect((await u['agent-hp-xk-sp']!.request('GET', `/api/cases/${no}`)).status).toBe(404);
    expect((await u['station-hp-xk']!.request('GET', `/api/cases/${no}`)).status).toBe(404);
    const view = await u['agent-hp-cg-dj']!.request('GET', `/api/cases/${no}`);
    expect(view.body.allowedActions).toEqual([]);
    expect(view.body.applicant.phone).not.toBe(villager.phone);
    const acted = await u['agent-hp-cg-dj']!.request('POST', `/api/cases/${no}/actions`, { action: 'accept', expectedVersion: 1 });
    expect(acted.status).toBe(403);
    // A window case of the county is out of reach for both.
    const windowCase = await u.desk1!.request('POST', '/api/cases', { itemCode: welfare.code, applicant: PERSON, channel: 'window', materials: allMaterials(welfare) });
    expect((await u['station-hp-cg']!.request('GET', `/api/cases/${windowCase.body.caseNo}`)).status).toBe(404);
  });
});
