import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { login, type Session } from '../helpers/test-server.js';
import { act, allMaterials, COMPANY, findItem, PERSON } from '../helpers/cases.js';
import { JPG, PDF, PNG, rows, signIn, startApplicantServer, type ApplicantServer, type ApplicantSession } from '../helpers/applicant.js';
import { verifyAudit } from '../../src/modules/audit/audit.service.js';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import { invalidBody, validValue, type JsonSchema } from '../fault/fuzz-body.js';

let s: ApplicantServer;
let desk: Session;
let desk2: Session;
let yb: Session;
let scjg: Session;
let supervisor: Session;
let me: ApplicantSession;
let stranger: ApplicantSession;

const PHONE = '13500000001';
let strangersUpload = '';
const strangerUploadId = () => strangersUpload;
const ME = { kind: 'person', name: '王小明', idNumber: PERSON.idNumber } as const;

/** Moves the clock; staff and applicants sign in again as they would after a night (sessions last 12 hours). */
async function setClock(at: string) {
  s.clock.set(at);
  [desk, desk2, yb, scjg, supervisor] = await Promise.all(['desk1', 'desk2', 'approver-yb', 'approver-scjg', 'supervisor'].map((u) => login(s.url, u)));
  me = await signIn(s, PHONE);
  stranger = await signIn(s, '13500000002');
}

beforeAll(async () => {
  s = await startApplicantServer({ now: '2026-11-16T02:00:00Z' });
  await setClock('2026-11-16T02:00:00Z'); // Monday 16 November 2026, 10:00 in China
});
afterAll(async () => { await s?.close(); });

const smsOf = (caseNo: string) => rows<{ template: string; body: string; recipient: string }>(s,
  sql`select o.template, o.body, o.recipient from outbox o join cases c on c.id = o.case_id where c.case_no = ${caseNo} order by o.id`);
const myCase = async (caseNo: string) => (await me.request('GET', `/api/applicant/cases/${caseNo}`)).body;
const download = async (id: string, who: { cookie: string }) => (await fetch(`${s.url}/api/files/${id}`, { headers: { cookie: who.cookie } })).status;

async function upload(who: ApplicantSession, bytes: Uint8Array, name: string, code?: string): Promise<string> {
  const res = await who.upload({ name, bytes }, code);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

describe('an online application through pre-review', () => {
  let caseNo: string;
  let form: string;
  let idCard: string;
  let idCardAgain: string;

  it('is submitted with two uploads into pre-review, without a clock and without an SMS', async () => {
    form = await upload(me, PDF, '转移接续申请表.pdf', 'M01');
    idCard = await upload(me, JPG, '身份证.jpg', 'M02');
    const res = await me.request('POST', '/api/applicant/applications', {
      itemCode: 'YB-006', applicant: ME, materials: [{ code: 'M01', uploadIds: [form] }, { code: 'M02', uploadIds: [idCard] }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', version: 1 });
    caseNo = res.body.caseNo;
    expect(caseNo.startsWith('261116-')).toBe(true);

    const mine = await me.request('GET', '/api/applicant/cases');
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({
      caseNo, status: 'submitted', statusLabel: { zh: '网上预审', en: 'Online pre-review' }, channel: 'online', visits: 0,
      item: { code: 'YB-006', name: '基本医疗保险关系转移接续' }, department: { code: 'YB' },
      clock: { acceptedDate: null, dueDate: null, daysLeft: null, running: false, pausedDays: 0, promisedDays: 7 },
    });
    expect(await smsOf(caseNo)).toEqual([]);
    // What was filled in is offered again next time.
    expect((await me.request('GET', '/api/applicant/me')).body.applicant.profile).toEqual(ME);
  });

  it('waits in the desk\'s pre-review queue, where any desk of the center sees it with its files', async () => {
    for (const d of [desk, desk2]) {
      const queue = await d.request('GET', '/api/cases?status=submitted');
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(caseNo);
    }
    const view = await desk.request('GET', `/api/cases/${caseNo}`);
    expect(view.body).toMatchObject({ status: 'submitted', channel: 'online', clock: { dueDate: null, running: false } });
    expect(view.body.allowedActions.sort()).toEqual(['prereview-accept', 'prereview-return', 'withdraw']);
    expect(view.body.materials.every((m: { provided: boolean }) => m.provided)).toBe(true);
    // The department cannot act before the desk has taken it in.
    expect((await yb.request('GET', `/api/cases/${caseNo}`)).body.allowedActions).toEqual([]);
    const early = await act(yb, caseNo, 'accept');
    expect(early.status).toBe(409);

    const files = await desk.request('GET', `/api/cases/${caseNo}/files`);
    expect(files.status).toBe(200);
    expect(files.body).toEqual([
      expect.objectContaining({ id: form, materialCode: 'M01', materialName: '基本医疗保险关系转移接续申请表', mediaType: 'application/pdf', current: true, seq: 1 }),
      expect.objectContaining({ id: idCard, materialCode: 'M02', mediaType: 'image/jpeg', current: true, seq: 1 }),
    ]);
    expect((await scjg.request('GET', `/api/cases/${caseNo}/files`)).status).toBe(404);
  });

  it('lets the applicant and the staff who reach the case download its files, and nobody else', async () => {
    expect(await download(form, me)).toBe(200);
    expect(await download(form, desk)).toBe(200);
    expect(await download(form, desk2)).toBe(200);
    expect(await download(idCard, yb)).toBe(200);
    expect(await download(idCard, supervisor)).toBe(200);
    expect(await download(form, scjg)).toBe(404);
    expect(await download(form, stranger)).toBe(404);
    const denied = await rows(s, sql`select 1 from admin_log where action = 'file.access-denied' and target = ${form}`);
    expect(denied).toHaveLength(1);
  });

  it('writes each read by staff into the case\'s access log; inline=1 serves a preview the browser shows', async () => {
    const views = () => rows<{ user_id: number; detail: { fileId: string; how: string } }>(s,
      sql`select user_id, detail from admin_log where action = 'case.file-view' and target = ${caseNo} order by id`);
    const before = (await views()).length;
    expect(before).toBeGreaterThan(0); // the downloads above
    const res = await fetch(`${s.url}/api/files/${form}?inline=1`, { headers: { cookie: desk.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename=/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).not.toMatch(/sandbox/);
    expect(csp).not.toMatch(/script-src/);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'self'/);
    const attachment = await fetch(`${s.url}/api/files/${form}`, { headers: { cookie: desk.cookie } });
    expect(attachment.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    expect(attachment.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect((await fetch(`${s.url}/api/files/${form}?inline=yes`, { headers: { cookie: desk.cookie } })).status).toBe(400);

    const logged = (await views()).slice(before);
    const deskId = (await desk.request('GET', '/api/auth/me')).body.user.id;
    expect(logged).toEqual([
      { user_id: deskId, detail: { fileId: form, how: 'preview' } },
      { user_id: deskId, detail: { fileId: form, how: 'download' } },
    ]);
    // The applicant's own reads are not staff access.
    expect((await fetch(`${s.url}/api/files/${form}?inline=1`, { headers: { cookie: me.cookie } })).status).toBe(200);
    expect(await views()).toHaveLength(before + 2);
  });

  it('is returned by the desk once, with the list of what to fix, and the applicant is told', async () => {
    expect((await act(desk, caseNo, 'prereview-return', { comment: '照片不清晰' })).status).toBe(400);
    expect((await act(desk, caseNo, 'prereview-return', { data: { missing: ['M02'] } })).status).toBe(400);
    expect((await act(desk, caseNo, 'prereview-return', { comment: 'x', data: { missing: ['M99'] } })).status).toBe(400);
    const returned = await act(desk, caseNo, 'prereview-return', { comment: '身份证照片不清晰，请重新上传正反面', data: { missing: ['M02'] } });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.status).toBe('prereview_returned');

    const sms = await smsOf(caseNo);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ template: 'prereview-returned', recipient: PHONE });
    expect(sms[0]!.body).toContain('1.居民身份证或社会保障卡');
    expect(sms[0]!.body).toContain('身份证照片不清晰');

    const view = await myCase(caseNo);
    expect(view).toMatchObject({
      status: 'prereview_returned',
      toFix: { materials: [{ code: 'M02', name: '居民身份证或社会保障卡' }], comment: '身份证照片不清晰，请重新上传正反面' },
      nextStep: { zh: expect.stringContaining('重新提交') },
      clock: { dueDate: null, running: false },
    });
    expect(view.allowedActions.sort()).toEqual(['resubmit', 'withdraw']);
    expect(view.materials.find((m: { code: string }) => m.code === 'M02')).toMatchObject({ provided: false, files: [{ id: idCard }] });
    expect(view.timeline.at(-1)).toMatchObject({ action: 'prereview-return', by: { zh: '综合受理窗口' }, comment: '身份证照片不清晰，请重新上传正反面' });
    // Not the desk's to take in now, nor anyone else's to resubmit.
    expect((await act(desk, caseNo, 'prereview-accept')).status).toBe(409);
    expect((await stranger.request('POST', `/api/applicant/cases/${caseNo}/actions`, { action: 'resubmit', materials: [] })).status).toBe(404);
  });

  it('is fixed online and resubmitted: the new file replaces the returned one', async () => {
    s.clock.advance(20 * 3600_000); // Tuesday morning
    await setClock(s.clock.now().toISOString());
    const view = await myCase(caseNo);
    const resubmit = (body: Record<string, unknown>) => me.request('POST', `/api/applicant/cases/${caseNo}/actions`, { action: 'resubmit', expectedVersion: view.version, ...body });

    const nothing = await resubmit({ materials: [] });
    expect(nothing.status).toBe(422);
    expect(nothing.body.code).toBe('MATERIALS_MISSING');
    strangersUpload = await upload(stranger, PNG, 'id.png');
    const notMine = await resubmit({ materials: [{ code: 'M02', uploadIds: [strangersUpload] }] });
    expect(notMine.status).toBe(400);
    expect(notMine.body.details[0].field).toBe('materials.0.uploadIds.0');

    idCardAgain = await upload(me, PNG, '身份证正反面.png', 'M02');
    const stale = await me.request('POST', `/api/applicant/cases/${caseNo}/actions`, { action: 'resubmit', expectedVersion: view.version - 1, materials: [{ code: 'M02', uploadIds: [idCardAgain] }] });
    expect(stale.status).toBe(409);
    const ok = await resubmit({ materials: [{ code: 'M02', uploadIds: [idCardAgain] }], comment: '已重新上传' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe('submitted');

    const files = (await desk.request('GET', `/api/cases/${caseNo}/files`)).body;
    expect(files.map((f: { id: string; current: boolean }) => [f.id, f.current])).toEqual([[form, true], [idCard, false], [idCardAgain, true]]);
    const mine = await myCase(caseNo);
    expect(mine.materials.find((m: { code: string }) => m.code === 'M02')).toMatchObject({ provided: true, files: [{ id: idCardAgain }] });
    expect(mine.toFix).toBeNull();
    // The replaced file stays readable to the case's staff: it is part of the record.
    expect(await download(idCard, desk)).toBe(200);
  });

  it('is taken in by the desk: received, the clock still stopped until the department accepts', async () => {
    const taken = await act(desk2, caseNo, 'prereview-accept');
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body.status).toBe('received');
    const sms = await smsOf(caseNo);
    expect(sms.map((x) => x.template)).toEqual(['prereview-returned', 'prereview-accepted']);
    // The clerk who took it in finds it among their own.
    expect((await desk2.request('GET', '/api/cases')).body.items.map((i: { caseNo: string }) => i.caseNo)).toContain(caseNo);
    expect((await desk.request('GET', '/api/cases?status=submitted')).body.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(caseNo);
    const view = (await yb.request('GET', `/api/cases/${caseNo}`)).body;
    expect(view.status).toBe('received');
    expect(view.clock).toMatchObject({ acceptedDate: null, dueDate: null, running: false });
    expect(view.allowedActions).toContain('accept');
  });

  it('is accepted by the department the next day: the promised limit counts from then', async () => {
    await setClock('2026-11-18T02:00:00Z'); // Wednesday
    const accepted = await act(yb, caseNo, 'accept');
    expect(accepted.status).toBe(200);
    // 7 working days from Wednesday 18 November: Friday 27 November.
    const view = (await yb.request('GET', `/api/cases/${caseNo}`)).body;
    expect(view.clock).toMatchObject({ acceptedDate: '2026-11-18', dueDate: '2026-11-27', daysLeft: 7, running: true });
    expect((await smsOf(caseNo)).at(-1)).toMatchObject({ template: 'accepted', recipient: PHONE });
    const mine = await myCase(caseNo);
    expect(mine).toMatchObject({ status: 'accepted', clock: { dueDate: '2026-11-27', daysLeft: 7, running: true }, visits: 0 });
    expect(mine.allowedActions).toEqual(['cancel']);

    const timeline = (await yb.request('GET', `/api/cases/${caseNo}/timeline`)).body;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'prereview-return', 'resubmit', 'prereview-accept', 'accept']);
    expect(timeline[0]).toMatchObject({ role: 'applicant', actorName: '王小明', fromStatus: null, toStatus: 'submitted' });
    expect(timeline[0].data.files).toEqual({ M01: [form], M02: [idCard] });
    expect(timeline[2]).toMatchObject({ role: 'applicant', toStatus: 'submitted', data: { files: { M02: [idCardAgain] } } });
    const audit = await verifyAudit(s.database.db);
    expect(audit.broken).toEqual([]);
  });

  it('counts the one trip to collect the result, and offers the result and the uploads for reuse (材料共用)', async () => {
    await act(yb, caseNo, 'approve');
    await act(yb, caseNo, 'complete', { data: { resultNo: 'YB-ZY-2026-0001' } });
    const delivered = await act(desk, caseNo, 'deliver', { data: { method: 'window', pickupName: '王小明', pickupIdNumber: PERSON.idNumber } });
    expect(delivered.status).toBe(200);
    expect((await myCase(caseNo)).visits).toBe(1);

    const materials = await me.request('GET', '/api/applicant/materials');
    expect(materials.status).toBe(200);
    expect(materials.body.results).toEqual([expect.objectContaining({
      caseNo, resultNo: 'YB-ZY-2026-0001', resultName: '基本医疗保险参保凭证', item: { code: 'YB-006', name: '基本医疗保险关系转移接续' },
    })]);
    const byId = new Map(materials.body.uploads.map((u: { id: string }) => [u.id, u]));
    expect(byId.get(form)).toMatchObject({ materialCode: 'M01', materialNames: ['基本医疗保险关系转移接续申请表'], usedIn: [caseNo] });
    expect(byId.get(idCardAgain)).toMatchObject({ materialNames: ['居民身份证或社会保障卡'], usedIn: [caseNo] });
    expect(byId.has(strangerUploadId())).toBe(false);

    // A second application attaches the earlier identity card and the issued result instead of new uploads.
    const again = await me.request('POST', '/api/applicant/applications', {
      itemCode: 'YB-006', applicant: ME, materials: [{ code: 'M01', resultCaseNos: [caseNo] }, { code: 'M02', uploadIds: [idCardAgain] }],
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    const second = (await desk.request('GET', `/api/cases/${again.body.caseNo}`)).body;
    expect(second.materials.find((m: { code: string }) => m.code === 'M01').note).toContain('YB-ZY-2026-0001');
    const files = (await desk.request('GET', `/api/cases/${again.body.caseNo}/files`)).body;
    expect(files.map((f: { id: string; materialCode: string }) => [f.materialCode, f.id])).toEqual([['M02', idCardAgain]]);
    // Someone else's result cannot be borrowed.
    const borrowed = await stranger.request('POST', '/api/applicant/applications', {
      itemCode: 'YB-006', applicant: { ...ME, name: '李四' }, materials: [{ code: 'M01', resultCaseNos: [caseNo] }, { code: 'M02', uploadIds: [strangerUploadId()] }],
    });
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.details.map((d: { field: string }) => d.field)).toEqual(['materials.0.resultCaseNos.0']);
  });
});

describe('what an online application must have', () => {
  const countCases = async () => (await rows<{ n: number }>(s, 'select count(*)::int as n from cases'))[0]!.n;

  it('refuses items that are not offered online, missing materials, bad identities and other people\'s files, creating nothing', async () => {
    strangersUpload = await upload(stranger, PDF, 'mine.pdf');
    const a = await upload(me, PDF, 'a.pdf');
    const b = await upload(me, PNG, 'b.png');
    const before = await countCases();
    const apply = (body: Record<string, unknown>) => me.request('POST', '/api/applicant/applications', {
      itemCode: 'YB-006', applicant: ME, materials: [{ code: 'M01', uploadIds: [a] }, { code: 'M02', uploadIds: [b] }], ...body,
    });

    const atWindowOnly = await apply({ itemCode: 'SCJG-007', materials: [] });
    expect(atWindowOnly.status).toBe(422);
    expect(atWindowOnly.body.code).toBe('ONLINE_NOT_ALLOWED');
    expect((await apply({ itemCode: 'NO-SUCH' })).status).toBe(400);
    const missing = await apply({ materials: [{ code: 'M01', uploadIds: [a] }] });
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ code: 'MATERIALS_MISSING', details: [{ field: 'materials.M02' }] });
    expect((await apply({ materials: [{ code: 'M01', uploadIds: [a] }, { code: 'M02', uploadIds: [] }] })).status).toBe(400);
    expect((await apply({ materials: [{ code: 'M01', uploadIds: [a] }, { code: 'M01', uploadIds: [b] }, { code: 'M02', uploadIds: [b] }] })).status).toBe(400);
    expect((await apply({ materials: [{ code: 'M01', uploadIds: [a] }, { code: 'M09', uploadIds: [b] }] })).status).toBe(400);
    expect((await apply({ materials: [{ code: 'M01', uploadIds: [a] }, { code: 'M02', uploadIds: [strangersUpload] }] })).status).toBe(400);
    expect((await apply({ materials: [{ code: 'M01', uploadIds: [a] }, { code: 'M02', uploadIds: ['AAAAAAAAAAAAAAAAAAAAAA'] }] })).status).toBe(400);
    const badId = await apply({ applicant: { ...ME, idNumber: '110105194912310021' } });
    expect(badId.status).toBe(400);
    expect(badId.body.details[0].field).toBe('applicant.idNumber');
    // An organisation: a valid credit code and its contact person.
    const company = { kind: 'organization', name: COMPANY.name, creditCode: COMPANY.creditCode };
    const noContact = await apply({ applicant: company });
    expect(noContact.status).toBe(400);
    expect(noContact.body.details[0].field).toBe('agent');
    expect((await apply({ applicant: { ...company, creditCode: '91350100M000100Y44' }, agent: { name: '李经理', idNumber: PERSON.idNumber, relation: '经办人' } })).status).toBe(400);
    expect((await apply({ applicant: { ...ME, phone: '13900000000' } })).status).toBe(400);
    expect(await countCases()).toBe(before);

    const org = await apply({ applicant: company, agent: { name: '李经理', idNumber: PERSON.idNumber, relation: '经办人' } });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    const view = (await desk.request('GET', `/api/cases/${org.body.caseNo}`)).body;
    // Every SMS goes to the signed-in number; the contact person is the case's agent.
    expect(view.applicant).toMatchObject({ kind: 'organization', creditCode: COMPANY.creditCode, phone: PHONE });
    expect(view.agent).toMatchObject({ name: '李经理', relation: '经办人', phone: PHONE });
  });

  it('can be withdrawn by the applicant in pre-review, and only then', async () => {
    const a = await upload(me, PDF, 'a.pdf');
    const b = await upload(me, JPG, 'b.jpg');
    const created = await me.request('POST', '/api/applicant/applications', {
      itemCode: 'YB-006', applicant: ME, materials: [{ code: 'M01', uploadIds: [a] }, { code: 'M02', uploadIds: [b] }],
    });
    const no = created.body.caseNo;
    expect((await me.request('POST', `/api/applicant/cases/${no}/actions`, { action: 'withdraw' })).status).toBe(400);
    const withdrawn = await me.request('POST', `/api/applicant/cases/${no}/actions`, { action: 'withdraw', comment: '信息填错，重新申请' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await myCase(no)).allowedActions).toEqual([]);
    expect((await me.request('POST', `/api/applicant/cases/${no}/actions`, { action: 'resubmit', materials: [] })).status).toBe(409);
  });
});

describe('my cases', () => {
  it('lists the cases handed in at a window under my number too, with the trips each needed', async () => {
    await setClock('2026-11-23T02:00:00Z');
    const applicant = await signIn(s, PERSON.phone);
    const item = await findItem(s, '食品经营许可');
    // At the window with a material missing (one trip), supplied later (a second), collected at the window (a third).
    const partial = await desk.request('POST', '/api/cases', {
      itemCode: item.code, applicant: PERSON, channel: 'window', materials: allMaterials(item).map((m, i) => ({ ...m, provided: i > 0 })),
    });
    expect(partial.body.status).toBe('supplement');
    const three = partial.body.caseNo as string;
    expect((await act(desk, three, 'resupply', { materials: allMaterials(item) })).status).toBe(200);
    await act(scjg, three, 'accept');
    await act(scjg, three, 'approve');
    await act(scjg, three, 'complete', { data: { resultNo: 'JY13501000099999' } });
    await act(desk, three, 'deliver', { data: { method: 'window', pickupName: '张三', pickupIdNumber: PERSON.idNumber } });
    // At the window, the result posted: one trip.
    const one = (await desk.request('POST', '/api/cases', { itemCode: item.code, applicant: PERSON, channel: 'window', materials: allMaterials(item) })).body.caseNo as string;
    await act(scjg, one, 'accept');
    await act(scjg, one, 'approve');
    await act(scjg, one, 'complete', { data: { resultNo: 'JY13501000088888' } });
    await act(desk, one, 'deliver', { data: { method: 'post', trackingNo: 'SF1234567890' } });
    // Somebody else's case is not mine.
    await desk.request('POST', '/api/cases', { itemCode: item.code, applicant: { ...PERSON, phone: '13912345670' }, channel: 'window', materials: allMaterials(item) });

    const list = await applicant.request('GET', '/api/applicant/cases');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    const visits = Object.fromEntries(list.body.items.map((c: { caseNo: string; visits: number }) => [c.caseNo, c.visits]));
    expect(visits).toEqual({ [three]: 3, [one]: 1 });
    expect(list.body.items.every((c: { channel: string; clock: { acceptedDate: string } }) => c.channel === 'window' && c.clock.acceptedDate === '2026-11-23')).toBe(true);
    const detail = await applicant.request('GET', `/api/applicant/cases/${three}`);
    expect(detail.body).toMatchObject({ status: 'delivered', resultNo: 'JY13501000099999', visits: 3, applicant: { idNumber: '110105********002X', phone: '138****5678' } });
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).toEqual(['receive', 'resupply', 'accept', 'approve', 'complete', 'deliver']);
    // Not my number: as if it did not exist.
    expect((await me.request('GET', `/api/applicant/cases/${three}`)).status).toBe(404);
    expect((await applicant.request('GET', '/api/applicant/cases/261123-00001-X')).status).toBe(404);
  });
});

describe('hostile input from a signed-in applicant', () => {
  // The fault suite's fuzzer reaches applicant routes only without an applicant session; this runs
  // its body generators with one, against every applicant POST with a JSON body in the OpenAPI document.
  const tables = ['cases', 'case_events', 'case_files', 'outbox', 'uploads', 'applicants', 'applicant_sessions'];
  const fingerprint = async () => {
    const out: Record<string, string> = {};
    for (const t of tables) {
      const [r] = await rows<{ h: string }>(s, `select count(*) || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '-') as h from ${t} x`);
      out[t] = r!.h;
    }
    return out;
  };

  it('never answers a 5xx, and a body that breaks the schema changes nothing', async () => {
    await setClock('2026-11-24T02:00:00Z');
    const doc = (await (await fetch(s.url + '/api/docs/json')).json()) as { paths: Record<string, Record<string, any>> };
    const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
    const mine = (await me.request('GET', '/api/applicant/cases')).body.items.map((c: { caseNo: string }) => c.caseNo) as string[];
    const segments = [...mine.slice(0, 2), '261116-00001-X', "' OR 1=1 --", '..', '%00', 'x'.repeat(30), '%ED%A0%80'];
    const ops = Object.entries(doc.paths).filter(([p, item]) => p.startsWith('/api/applicant/') && item.post?.requestBody?.content?.['application/json'])
      .filter(([p]) => p !== '/api/applicant/code' && p !== '/api/applicant/login');
    expect(ops.map(([p]) => p).sort()).toEqual(['/api/applicant/applications', '/api/applicant/cases/{caseNo}/actions', '/api/applicant/cases/{caseNo}/rating']);
    for (const [p, item] of ops) {
      const schema = item.post.requestBody.content['application/json'].schema as JsonSchema;
      const isValid = ajv.compile(schema);
      const before = await fingerprint();
      await fc.assert(fc.asyncProperty(invalidBody(schema, (v) => isValid(v)), fc.constantFrom(...segments), async (bad, seg) => {
        const res = await me.request('POST', p.replace('{caseNo}', seg), JSON.stringify(bad.body));
        const what = `${p} ${seg} ${bad.notes.join('|')} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
        expect(res.status, what).toBeGreaterThanOrEqual(400);
        expect(res.status, what).toBeLessThan(500);
        expect(typeof res.body.code, what).toBe('string');
      }), { numRuns: 40 });
      expect(await fingerprint(), p).toEqual(before);
      // Bodies the schema accepts: whatever the outcome, never a 5xx.
      await fc.assert(fc.asyncProperty(validValue(schema), fc.constantFrom(...segments), async (body, seg) => {
        const res = await me.request('POST', p.replace('{caseNo}', seg), JSON.stringify(body));
        expect(res.status, `${p} ${seg} ${JSON.stringify(body).slice(0, 300)} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toBeLessThan(500);
      }), { numRuns: 40 });
    }
  }, 60_000);
});

describe('a retried submission (Idempotency-Key)', () => {
  it('answers the same key and body with the first case, refuses it with another body, and makes one case', async () => {
    await setClock('2026-11-25T02:00:00Z');
    const form = await upload(me, PDF, '申请表.pdf', 'M01');
    const idCard = await upload(me, PNG, '身份证.png', 'M02');
    const body = { itemCode: 'YB-006', applicant: ME, materials: [{ code: 'M01', uploadIds: [form] }, { code: 'M02', uploadIds: [idCard] }] };
    const count = async () => (await rows<{ n: number }>(s, sql`select count(*)::int as n from cases where applicant_phone = ${PHONE}`))[0]!.n;
    const before = await count();
    const key = { 'idempotency-key': 'draft-7f3a9c' };

    const first = await me.request('POST', '/api/applicant/applications', body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', version: 1 });
    const again = await me.request('POST', '/api/applicant/applications', body, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    // Even after the case moved on, a late retry answers the first result, not a new case.
    expect((await act(desk, first.body.caseNo, 'prereview-accept')).status).toBe(200);
    expect((await me.request('POST', '/api/applicant/applications', body, key)).body).toEqual(first.body);
    expect(await count()).toBe(before + 1);

    const changed = await me.request('POST', '/api/applicant/applications', { ...body, materials: [...body.materials].reverse() }, key);
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await count()).toBe(before + 1);

    // Keys are per account: another applicant's same key is theirs alone, and a staff key never meets an applicant's.
    const theirForm = await upload(stranger, PDF, 'a.pdf');
    const theirId = await upload(stranger, JPG, 'b.jpg');
    const theirs = await stranger.request('POST', '/api/applicant/applications', {
      ...body, applicant: { kind: 'person', name: '李四', idNumber: PERSON.idNumber },
      materials: [{ code: 'M01', uploadIds: [theirForm] }, { code: 'M02', uploadIds: [theirId] }],
    }, key);
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(201);
    expect(theirs.body.caseNo).not.toBe(first.body.caseNo);

    // A refused submission does not keep its key: the fixed body may use it.
    const refusedKey = { 'idempotency-key': 'draft-refused' };
    const refused = await me.request('POST', '/api/applicant/applications', { ...body, materials: [{ code: 'M01', uploadIds: [form] }] }, refusedKey);
    expect(refused.status).toBe(422);
    const fresh = await upload(me, PDF, '申请表2.pdf', 'M01');
    const fixed = await me.request('POST', '/api/applicant/applications', { ...body, materials: [{ code: 'M01', uploadIds: [fresh] }, { code: 'M02', uploadIds: [idCard] }] }, refusedKey);
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(201);
    expect(await count()).toBe(before + 2);

    const tooLong = await me.request('POST', '/api/applicant/applications', body, { 'idempotency-key': 'k'.repeat(201) });
    expect(tooLong.status).toBe(400);
    expect(await count()).toBe(before + 2);
  });
});
