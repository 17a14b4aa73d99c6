import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { rows } from '../helpers/applicant.js';
import { act, allMaterials, findItem, PERSON } from '../helpers/cases.js';

// 台帐: the papers of a proxy case travel village → township → county and the result back, each hop signed for.
let s: TestServer;
const u: Record<string, Session> = {};
let welfare: Awaited<ReturnType<typeof findItem>>;
const HOUR = 3_600_000;

const USERS = ['agent-hp-cg-dj', 'agent-hp-xk-sp', 'station-hp-cg', 'station-hp-xk', 'desk1', 'approver-mz', 'supervisor'];

/** Moves the clock by whole days; sessions do not last that long, so everyone signs in again. */
async function daysLater(hours: number) {
  s.clock.advance(hours * HOUR);
  for (const name of USERS) u[name] = await login(s.url, name);
}

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  for (const name of USERS) u[name] = await login(s.url, name);
  welfare = await findItem(s, '最低生活保障审核确认');
});
afterAll(async () => { await s?.close(); });

const villager = { ...PERSON, name: '李四', phone: '13700002222' };

async function proxyCase(agent: Session): Promise<string> {
  const res = await agent.request('POST', '/api/cases', {
    itemCode: welfare.code, applicant: villager, channel: 'village', materials: allMaterials(welfare), authorization: { kind: 'paper' },
  });
  expect(res.status).toBe(201);
  return res.body.caseNo;
}

const idsOf = (entries: { id: number; caseNo: string }[], caseNo: string) => entries.filter((e) => e.caseNo === caseNo).map((e) => e.id);

async function ledgerState() {
  return rows<{ id: number; state: string; holder: number; handover: number | null }>(s, sql`
    select id, state, holder_center_id as holder, handover_id as handover from ledger_entries order by id`);
}

async function tokenOf(id: number): Promise<string> {
  const [row] = await rows<{ token: string }>(s, sql`select token from ledger_handovers where id = ${id}`);
  return row!.token;
}

describe('the paper ledger (台帐)', () => {
  it('refuses a handover of papers not held here, to a place that is not a neighbour, or of nothing, changing nothing', async () => {
    const caseNo = await proxyCase(u['agent-hp-cg-dj']!);
    const view = await u['agent-hp-cg-dj']!.request('GET', '/api/ledger');
    const ids = idsOf(view.body.here, caseNo);
    expect(ids.length).toBeGreaterThan(0);
    const before = await ledgerState();

    const notHeld = await u['station-hp-cg']!.request('POST', '/api/ledger/handovers', { to: 'HP', carrier: '张站长', entryIds: ids });
    expect(notHeld.status).toBe(409);
    expect(notHeld.body.code).toBe('NOT_HELD_HERE');
    const mixed = await u['agent-hp-cg-dj']!.request('POST', '/api/ledger/handovers', { to: 'HP-CG', carrier: '王代办', entryIds: [ids[0], 2_000_000] });
    expect(mixed.status).toBe(409);
    expect(mixed.body.details[0].field).toBe('entryIds.1');
    const farAway = await u['agent-hp-cg-dj']!.request('POST', '/api/ledger/handovers', { to: 'HP-XK', carrier: '王代办', entryIds: ids });
    expect(farAway.status).toBe(422);
    expect(farAway.body.code).toBe('NOT_NEIGHBOUR');
    const unknownPlace = await u['agent-hp-cg-dj']!.request('POST', '/api/ledger/handovers', { to: 'NOWHERE', carrier: '王代办', entryIds: ids });
    expect(unknownPlace.status).toBe(422);
    const empty = await u['agent-hp-cg-dj']!.request('POST', '/api/ledger/handovers', { to: 'HP-CG', carrier: '王代办', entryIds: [] });
    expect(empty.status).toBe(400);
    const huge = await u['agent-hp-cg-dj']!.request('POST', '/api/ledger/handovers/99999999999/receive', {});
    expect(huge.status).toBe(400);
    const supervisorSends = await u.supervisor!.request('POST', '/api/ledger/handovers', { to: 'HP-CG', carrier: '监察', entryIds: ids });
    expect(supervisorSends.status).toBe(403);

    expect(await ledgerState()).toEqual(before);
    expect(await rows(s, sql`select id from ledger_handovers`)).toEqual([]);
  });

  it('carries the papers up to the county and the result back down to the village, where it is handed back and the case delivered', async () => {
    const agent = u['agent-hp-cg-dj']!;
    const station = u['station-hp-cg']!;
    const desk = u.desk1!;
    const receivedAt = s.clock.now();
    const caseNo = await proxyCase(agent);

    // At the village room: the papers are held here, and it exchanges papers with its township and the county.
    const room = await agent.request('GET', '/api/ledger');
    expect(room.status).toBe(200);
    expect(room.body.place).toEqual({ code: 'HP-CG-DJ', name: expect.any(String), level: 'village' });
    expect(room.body.neighbours.map((n: { code: string }) => n.code).sort()).toEqual(['HP', 'HP-CG']);
    const mine = room.body.here.filter((e: { caseNo: string }) => e.caseNo === caseNo);
    expect(mine.map((e: { name: string }) => e.name)).toEqual(welfare.materials.map((m) => m.name));
    expect(mine[0]).toMatchObject({ kind: 'material', state: 'held', applicantName: '李*', holder: { code: 'HP-CG-DJ' }, home: { code: 'HP-CG-DJ' }, heldHours: 0, batchNo: null });
    const ids = mine.map((e: { id: number }) => e.id);

    // Up to the township.
    s.clock.advance(2 * HOUR);
    const up = await agent.request('POST', '/api/ledger/handovers', { to: 'HP-CG', carrier: '王代办', note: '原件', entryIds: ids });
    expect(up.status).toBe(201);
    expect(up.body.batchNo).toMatch(/^JJ-20261116-\d{4}$/);
    expect(up.body).toMatchObject({ from: { code: 'HP-CG-DJ' }, to: { code: 'HP-CG' }, status: 'sent', carrier: '王代办', receivedAt: null });
    expect(up.body.entries.map((e: { state: string }) => e.state)).toEqual(ids.map(() => 'in_transit'));
    expect((await agent.request('GET', '/api/ledger')).body.sent.map((h: { id: number }) => h.id)).toContain(up.body.id);
    expect((await station.request('GET', '/api/ledger')).body.incoming.map((h: { id: number }) => h.id)).toContain(up.body.id);

    // The transfer list: for the two places, with the QR code the station scans.
    const list = await station.request('GET', up.body.printUrl);
    expect(list.status).toBe(200);
    expect(list.body).toContain(up.body.batchNo);
    expect(list.body).toContain('<svg');
    expect(list.body).toContain('李*');
    expect(list.body).not.toContain('李四');
    expect(list.body).toContain('2026年11月16日 12:00'); // sent at 04:00 UTC, printed in the center's zone
    expect((await u['station-hp-xk']!.request('GET', up.body.printUrl)).status).toBe(404);

    // Only the township receives it, and only with the list's own token.
    const receivePath = `/api/ledger/handovers/${up.body.id}/receive`;
    expect((await u['station-hp-xk']!.request('POST', receivePath, {})).status).toBe(404);
    expect((await u['agent-hp-xk-sp']!.request('POST', receivePath, {})).status).toBe(404);
    expect((await agent.request('POST', receivePath, {})).status).toBe(403);
    const wrong = await station.request('POST', receivePath, { token: 'not-the-token' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('HANDOVER_TOKEN_INVALID');
    s.clock.advance(1 * HOUR);
    const got = await station.request('POST', receivePath, { token: await tokenOf(up.body.id) });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ status: 'received', receivedBy: expect.any(String), receivedAt: s.clock.now().toISOString() });
    expect(got.body.entries.every((e: { state: string; holder: { code: string } }) => e.state === 'held' && e.holder.code === 'HP-CG')).toBe(true);
    expect((await station.request('POST', receivePath, {})).status).toBe(409);

    // On to the county, where the desk receives it from the list on screen.
    s.clock.advance(3 * HOUR);
    const toCounty = await station.request('POST', '/api/ledger/handovers', { to: 'HP', carrier: '张站长', entryIds: ids });
    expect(toCounty.status).toBe(201);
    expect((await desk.request('GET', toCounty.body.printUrl)).status).toBe(200);
    s.clock.advance(2 * HOUR);
    expect((await desk.request('POST', `/api/ledger/handovers/${toCounty.body.id}/receive`, {})).status).toBe(200);
    const county = await desk.request('GET', '/api/ledger');
    expect(county.body.place.code).toBe('HP');
    expect(idsOf(county.body.here, caseNo)).toEqual(ids);

    // Every hop of a paper.
    const traced = await desk.request('GET', `/api/ledger/cases/${caseNo}`);
    expect(traced.status).toBe(200);
    expect(traced.body.entries[0].hops.map((h: { from: { code: string }; to: { code: string } }) => `${h.from.code}→${h.to.code}`)).toEqual(['HP-CG-DJ→HP-CG', 'HP-CG→HP']);
    expect((await agent.request('GET', `/api/ledger/cases/${caseNo}`)).status).toBe(200);
    expect((await u['agent-hp-xk-sp']!.request('GET', `/api/ledger/cases/${caseNo}`)).status).toBe(404);

    // The department accepts 8 hours after the intake at the village, and completes: the result is on the ledger at the county.
    const approver = u['approver-mz']!;
    expect((await act(approver, caseNo, 'accept')).status).toBe(200);
    const acceptedAt = s.clock.now();
    await daysLater(24);
    expect((await act(u['approver-mz']!, caseNo, 'approve')).status).toBe(200);
    expect((await act(u['approver-mz']!, caseNo, 'complete', { data: { resultNo: 'MZ-2026-0001' } })).status).toBe(200);
    const completedAt = s.clock.now();
    const [agentNow, stationNow, deskNow] = [u['agent-hp-cg-dj']!, u['station-hp-cg']!, u.desk1!];
    const results = (await deskNow.request('GET', '/api/ledger')).body.here.filter((e: { caseNo: string; kind: string }) => e.caseNo === caseNo && e.kind === 'result');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ name: '最低生活保障金', holder: { code: 'HP' }, home: { code: 'HP-CG-DJ' }, state: 'held' });
    const resultId = results[0].id;

    // Back down: county → township (no SMS yet) → village (the villager is told once).
    const resultSms = () => rows<{ body: string }>(s, sql`select body from outbox where template = 'result-at-place' and recipient = ${villager.phone}`);
    const down1 = await deskNow.request('POST', '/api/ledger/handovers', { to: 'HP-CG', carrier: '县中心交通员', entryIds: [resultId] });
    expect(down1.status).toBe(201);
    expect((await stationNow.request('POST', `/api/ledger/handovers/${down1.body.id}/receive`, {})).status).toBe(200);
    expect(await resultSms()).toHaveLength(0);
    const down2 = await stationNow.request('POST', '/api/ledger/handovers', { to: 'HP-CG-DJ', carrier: '张站长', entryIds: [resultId] });
    s.clock.advance(4 * HOUR);
    expect((await agentNow.request('POST', `/api/ledger/handovers/${down2.body.id}/receive`, { token: await tokenOf(down2.body.id) })).status).toBe(200);
    expect((await agentNow.request('POST', `/api/ledger/handovers/${down2.body.id}/receive`, {})).status).toBe(409);
    const sms = await resultSms();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain(caseNo);
    expect(sms[0]!.body).toContain('办理结果已送达');

    // The case page shows the road apart from the promised clock; the way back is still running.
    const midway = (await deskNow.request('GET', `/api/cases/${caseNo}`)).body;
    expect(midway.transit.before).toEqual({ from: receivedAt.toISOString(), to: acceptedAt.toISOString(), hours: 8, running: false });
    expect(midway.transit.after).toMatchObject({ from: completedAt.toISOString(), to: null, hours: 4, running: true });

    // Handed back at the village: a wrong SMS code is refused, the signature is taken, and the case is delivered.
    const sent = await agentNow.request('POST', `/api/ledger/entries/${resultId}/return-code`);
    expect(sent.status).toBe(201);
    expect(sent.body.phone).not.toBe(villager.phone);
    expect((await agentNow.request('POST', `/api/ledger/entries/${resultId}/return-code`)).status).toBe(429);
    const [codeSms] = await rows<{ body: string }>(s, sql`select body from outbox where template = 'ledger-return-code' and recipient = ${villager.phone}`);
    const code = /签收码(\d{6})/.exec(codeSms!.body)![1]!;
    const badCode = await agentNow.request('POST', `/api/ledger/entries/${resultId}/return`, { proof: { kind: 'sms_code', code: code === '000000' ? '111111' : '000000' } });
    expect(badCode.status).toBe(400);
    expect((await stationNow.request('POST', `/api/ledger/entries/${resultId}/return`, { proof: { kind: 'signature', name: '李四' } })).status).toBe(404);
    s.clock.advance(1 * HOUR);
    const back = await agentNow.request('POST', `/api/ledger/entries/${resultId}/return`, { proof: { kind: 'signature', name: '李四' } });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ caseDelivered: true, entry: { state: 'returned', returnedAt: s.clock.now().toISOString() } });
    expect((await agentNow.request('POST', `/api/ledger/entries/${resultId}/return`, { proof: { kind: 'signature', name: '李四' } })).status).toBe(409);
    const delivered = (await deskNow.request('GET', `/api/cases/${caseNo}`)).body;
    expect(delivered.status).toBe('delivered');
    expect(delivered.transit.after).toEqual({ from: completedAt.toISOString(), to: s.clock.now().toISOString(), hours: 5, running: false });
    const timeline = (await deskNow.request('GET', `/api/cases/${caseNo}/timeline`)).body;
    expect(timeline.at(-1)).toMatchObject({ action: 'deliver', role: 'agent', data: { method: 'window', pickupName: '李四' } });
    const [proof] = await rows<{ proof: unknown }>(s, sql`select return_proof as proof from ledger_entries where id = ${resultId}`);
    expect(proof!.proof).toEqual({ kind: 'signature', by: '李四' });
    // The material papers are still at the county: a paper goes back only where it is held, at the applicant's place.
    const material = await agentNow.request('POST', `/api/ledger/entries/${ids[0]}/return`, { proof: { kind: 'signature', name: '李四' } });
    expect(material.status).toBe(409);
    expect(material.body.code).toBe('NOT_HELD_HERE');
  });

  it('hands a paper back at the station with the code sent to the applicant\'s phone, once', async () => {
    const station = u['station-hp-cg']!;
    const taken = await station.request('POST', '/api/cases', {
      itemCode: welfare.code, applicant: { ...villager, phone: '13700003333' }, channel: 'township', materials: allMaterials(welfare), authorization: { kind: 'paper' },
    });
    expect(taken.status).toBe(201);
    const [entry] = (await station.request('GET', '/api/ledger')).body.here.filter((e: { caseNo: string }) => e.caseNo === taken.body.caseNo);
    expect(entry.home.code).toBe('HP-CG');
    expect((await station.request('POST', `/api/ledger/entries/${entry.id}/return-code`)).status).toBe(201);
    const [codeSms] = await rows<{ body: string }>(s, sql`select body from outbox where template = 'ledger-return-code' and recipient = '13700003333'`);
    const code = /签收码(\d{6})/.exec(codeSms!.body)![1]!;
    const back = await station.request('POST', `/api/ledger/entries/${entry.id}/return`, { proof: { kind: 'sms_code', code } });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ caseDelivered: false, entry: { state: 'returned' } });
    const [proof] = await rows<{ proof: { kind: string; by: string } }>(s, sql`select return_proof as proof from ledger_entries where id = ${entry.id}`);
    expect(proof!.proof).toEqual({ kind: 'sms_code', by: expect.not.stringContaining('13700003333') });
    // The code was used: it does not hand back a second paper.
    const [other] = (await station.request('GET', '/api/ledger')).body.here.filter((e: { caseNo: string }) => e.caseNo === taken.body.caseNo);
    expect((await station.request('POST', `/api/ledger/entries/${other.id}/return`, { proof: { kind: 'sms_code', code } })).status).toBe(400);
  });

  it('shows the county who holds a paper too long', async () => {
    const caseNo = await proxyCase(u['agent-hp-xk-sp']!);
    await daysLater(50);
    const overdue = await u.supervisor!.request('GET', '/api/ledger/overdue?hours=48');
    expect(overdue.status).toBe(200);
    const group = overdue.body.groups.find((g: { entries: { caseNo: string }[] }) => g.entries.some((e) => e.caseNo === caseNo));
    const [agentName] = await rows<{ name: string }>(s, sql`select display_name as name from users where username = 'agent-hp-xk-sp'`);
    expect(group).toMatchObject({ place: { code: 'HP-XK-SP' }, state: 'held', holder: agentName!.name });
    expect(group.longestHours).toBeGreaterThanOrEqual(50);
    const fresh = await u.desk1!.request('GET', '/api/ledger/overdue?hours=1000');
    expect(fresh.body.groups.flatMap((g: { entries: { caseNo: string }[] }) => g.entries).some((e: { caseNo: string }) => e.caseNo === caseNo)).toBe(false);
    expect((await u['agent-hp-xk-sp']!.request('GET', '/api/ledger/overdue')).status).toBe(403);
    expect((await u.supervisor!.request('GET', '/api/ledger/overdue?hours=0')).status).toBe(400);
  });
});
