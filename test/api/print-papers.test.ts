/**
 * The printed case papers on the real server: each carries the center's name, the case number as
 * text and as a QR code to the public progress page, a date and a seal area; the new ones exist
 * only once the case's state allows them; access and masking follow the case page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, COMPANY, findItem, intake, PERSON } from '../helpers/cases.js';

const CENTER = '和平县政务服务中心';
/** A valid resident ID (GB 11643) that is not the applicant's, so a leak of it is visible. */
const PICKUP_ID = '350102198506121235';
const PICKUP_ID_MASKED = '350102********1235';

let s: TestServer;
let desk: Session;
let scjg: Session;
let ga: Session;
let supervisor: Session;
let item: Awaited<ReturnType<typeof findItem>>;
let caseNo: string;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  [desk, scjg, ga, supervisor] = await Promise.all(['desk1', 'approver-scjg', 'approver-ga', 'supervisor'].map((u) => login(s.url, u)));
  item = await findItem(s, '食品经营许可');
  const res = await intake(desk, item);
  expect(res.status).toBe(201);
  caseNo = res.body.caseNo;
});
afterAll(async () => { await s?.close(); });

async function paper(who: Session | undefined, path: string, accept?: string) {
  const headers: Record<string, string> = {};
  if (who) headers.cookie = who.cookie;
  if (accept) headers.accept = accept;
  const res = await fetch(`${s.url}/print/cases/${path}`, { headers });
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { /* a page */ }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json };
}

/** The frame every paper shares; the QR must encode the progress address printed in the footer. */
async function expectFrame(html: string, no: string) {
  expect(html).toContain(CENTER);
  expect(html).toContain(`<b class="case-no">${no}</b>`);
  expect(html).toMatch(/<div class="doc-qr"><svg[^>]*>/);
  expect(html).toMatch(/class="seal-mark"/);
  expect(html).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  const url = html.match(/访问 (\S+?)，凭办件编号/)?.[1];
  // PUBLIC_URL is unset here: the link is the origin the paper was asked from, as every other link is.
  expect(url).toBe(`${s.url}/?progress=${no}`);
  const svg = html.match(/<div class="doc-qr">(<svg[\s\S]*?<\/svg>)/)![1];
  expect(svg.trim()).toBe((await QRCode.toString(url!, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })).trim());
}

const zh = (date: string) => `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

describe('收件回执', () => {
  it('prints the case, the materials and the frame; full personal data for the desk, masked for a supervisor', async () => {
    const res = await paper(desk, `${caseNo}/receipt`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/text\/html/);
    await expectFrame(res.text, caseNo);
    expect(res.text).toContain('收件回执');
    expect(res.text).toContain('@page { size: A4');
    for (const m of item.materials) expect(res.text).toContain(m.name);
    expect(res.text).toContain(PERSON.idNumber);
    expect(res.text).toContain(PERSON.phone);
    expect(res.text).toContain(`${item.promisedDays}个工作日`);

    const masked = await paper(supervisor, `${caseNo}/receipt`);
    expect(masked.status).toBe(200);
    expect(masked.text).toContain('110105********002X');
    expect(masked.text).toContain('138****5678');
    expect(masked.text).not.toContain(PERSON.idNumber);
    expect(masked.text).not.toContain(PERSON.phone);
  });

  it('comes as an 80 mm slip, and only the known layouts are accepted', async () => {
    const slip = await paper(desk, `${caseNo}/receipt?layout=slip`);
    expect(slip.status).toBe(200);
    await expectFrame(slip.text, caseNo);
    expect(slip.text).toContain('@page { size: 80mm auto');
    expect(slip.text).not.toContain('size: A4');
    // No four-column table on a 72 mm roll.
    expect(slip.text).not.toContain('<table');
    expect((await paper(desk, `${caseNo}/receipt?layout=a4`)).text).toContain('@page { size: A4');
    for (const bad of ['letter', 'SLIP', '', 'a4&layout=slip']) {
      const res = await paper(desk, `${caseNo}/receipt?layout=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.json.code).toBe('VALIDATION_FAILED');
    }
    expect((await paper(desk, `${caseNo}/receipt?size=a4`)).status).toBe(400);
  });
});

describe('受理通知书', () => {
  it('is refused with 409 before acceptance: JSON for a client, a page for a browser', async () => {
    const res = await paper(desk, `${caseNo}/acceptance`);
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: 'CONFLICT', status: 'received', paper: 'acceptance' });
    expect(res.json.message).toContain('尚未受理');
    const page = await paper(desk, `${caseNo}/acceptance`, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8');
    expect(page.status).toBe(409);
    expect(page.type).toMatch(/text\/html/);
    expect(page.text).toContain('尚未受理');
    expect(page.text).not.toMatch(/\.ts:\d|node_modules/);
  });

  it('after acceptance: accepted date, promised limit, the due date as the case page has it, legal wording, progress and pickup', async () => {
    expect((await act(scjg, caseNo, 'accept')).status).toBe(200);
    const view = (await desk.request('GET', `/api/cases/${caseNo}`)).body;
    expect(view.clock.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const res = await paper(desk, `${caseNo}/acceptance`);
    expect(res.status).toBe(200);
    await expectFrame(res.text, caseNo);
    expect(res.text).toContain('受理通知书');
    expect(res.text).toContain('2026年11月16日');
    expect(res.text).toContain(`${item.promisedDays}个工作日`);
    expect(res.text).toContain(`承诺办结日期</th><td colspan="3"><b>${zh(view.clock.dueDate)}</b>`);
    expect(res.text).not.toContain('暂定');
    expect(res.text).toContain('《中华人民共和国行政许可法》第三十二条');
    expect(res.text).toContain('第四十二条');
    expect(res.text).toContain('查询办理进度');
    expect(res.text).toContain('统一出件窗口领取');
    expect(res.text).toContain('市场监督管理局');
    // The slip is for papers handed over the counter only.
    expect((await paper(desk, `${caseNo}/acceptance?layout=slip`)).status).toBe(400);
  });

  it('lists the departments of each stage on a joint case', async () => {
    const joint = await findItem(s, '我要开餐馆（营业执照+食品经营许可）');
    const no = (await intake(desk, joint, { applicant: COMPANY })).body.caseNo as string;
    expect((await act(desk, no, 'accept')).status).toBe(200);
    const res = await paper(desk, `${no}/acceptance`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('联办部门');
    for (const [i, stage] of joint.stages.entries()) expect(res.text).toContain(`第${i + 1}阶段 ${stage.name}`);
    expect(res.text).toContain('市场监督管理局（牵头）');
  });

  it('marks a due date in a year whose holidays are not announced as provisional', async () => {
    s.clock.set('2026-12-28T02:00:00Z');
    try {
      // Sessions of six weeks ago have expired: log in again.
      const desk = await login(s.url, 'desk2');
      const no = (await intake(desk, item, { applicant: COMPANY })).body.caseNo as string;
      expect((await act(desk, no, 'accept')).status).toBe(200);
      const view = (await desk.request('GET', `/api/cases/${no}`)).body;
      expect(view.clock.dueDate.startsWith('2027-')).toBe(true);
      const res = await paper(desk, `${no}/acceptance`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(zh(view.clock.dueDate));
      expect(res.text).toContain('暂定：2027年节假日安排尚未公布');
      expect(res.text).toContain(COMPANY.creditCode);
    } finally {
      s.clock.set('2026-11-16T02:00:00Z');
      // Logging in at the later date purged the sessions that had expired by then.
      [desk, scjg, ga, supervisor] = await Promise.all(['desk1', 'approver-scjg', 'approver-ga', 'supervisor'].map((u) => login(s.url, u)));
    }
  });
});

describe('出件单', () => {
  it('is refused with 409 until there is a result', async () => {
    const res = await paper(desk, `${caseNo}/pickup`);
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ code: 'CONFLICT', status: 'accepted', paper: 'pickup' });
  });

  it('once completed: a 取件通知单 with the result number and blanks for the pickup person', async () => {
    expect((await act(scjg, caseNo, 'approve')).status).toBe(200);
    expect((await act(scjg, caseNo, 'complete', { data: { resultNo: 'JY13501000099999' } })).status).toBe(200);
    const res = await paper(desk, `${caseNo}/pickup`);
    expect(res.status).toBe(200);
    await expectFrame(res.text, caseNo);
    expect(res.text).toContain('取件通知单');
    expect(res.text).toContain('JY13501000099999');
    expect(res.text).toContain('准予许可');
    expect(res.text).toContain('领取人签字');
  });

  it('once delivered at the window: who took it (ID masked), when, and both signatures, A4 and slip', async () => {
    const delivered = await act(desk, caseNo, 'deliver', { data: { method: 'window', pickupName: '王五', pickupIdNumber: PICKUP_ID } });
    expect(delivered.status).toBe(200);
    for (const layout of ['', '?layout=slip']) {
      const res = await paper(desk, `${caseNo}/pickup${layout}`);
      expect(res.status, layout).toBe(200);
      await expectFrame(res.text, caseNo);
      expect(res.text).toContain('出件单');
      expect(res.text).toContain('领取凭证');
      expect(res.text).toContain('食品经营许可');
      expect(res.text).toContain('JY13501000099999');
      expect(res.text).toContain('窗口领取');
      expect(res.text).toContain('王五');
      expect(res.text).toContain(PICKUP_ID_MASKED);
      expect(res.text).not.toContain(PICKUP_ID);
      expect(res.text).toContain('2026年11月16日 10:00');
      expect(res.text).toContain('领取人签字');
      expect(res.text).toContain('出件经办人');
      if (layout) {
        expect(res.text).toContain('@page { size: 80mm auto');
        expect(res.text).not.toContain('<table');
      }
    }
    expect((await paper(desk, `${caseNo}/pickup?layout=roll`)).status).toBe(400);
  });

  it('once posted: the tracking number instead of a pickup person', async () => {
    const no = (await intake(desk, item)).body.caseNo as string;
    for (const [who, action, body] of [[scjg, 'accept', {}], [scjg, 'approve', {}], [scjg, 'complete', { data: { resultNo: 'JY-POST-1' } }],
      [desk, 'deliver', { data: { method: 'post', trackingNo: 'EMS1234567890' } }]] as const) {
      expect((await act(who, no, action, body)).status, action).toBe(200);
    }
    const res = await paper(desk, `${no}/pickup?layout=slip`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('邮寄送达');
    expect(res.text).toContain('EMS1234567890');
    expect(res.text).not.toContain('领取人签字');
  });
});

describe('补正 and 不予受理 papers share the frame', () => {
  it('prints the missing materials and the refusal with the same header, QR, date and seal', async () => {
    const missing = item.materials.find((m) => m.required)!;
    const sup = await intake(desk, item, { materials: item.materials.map((m) => ({ code: m.code, provided: m.code !== missing.code })) });
    expect(sup.body.status).toBe('supplement');
    const res = await paper(desk, `${sup.body.caseNo}/supplement`);
    expect(res.status).toBe(200);
    await expectFrame(res.text, sup.body.caseNo);
    expect(res.text).toContain('补正材料告知书');
    expect(res.text).toContain(missing.name);

    expect((await act(desk, sup.body.caseNo, 'not-accept', { comment: '申请事项不属于本机关职权范围' })).status).toBe(200);
    const na = await paper(supervisor, `${sup.body.caseNo}/not-accepted`);
    expect(na.status).toBe(200);
    await expectFrame(na.text, sup.body.caseNo);
    expect(na.text).toContain('不予受理告知书');
    expect(na.text).toContain('申请事项不属于本机关职权范围');
    expect(na.text).toContain('110105********002X');
  });
});

describe('access', () => {
  it('an approver of another department gets the same 404 as for an unknown case, for every paper', async () => {
    const wrongCheck = caseNo.slice(0, -1) + (caseNo.endsWith('1') ? '2' : '1');
    for (const name of ['receipt', 'acceptance', 'supplement', 'not-accepted', 'pickup']) {
      const other = await paper(ga, `${caseNo}/${name}`);
      const unknown = await paper(desk, `${wrongCheck}/${name}`);
      expect(other.status, name).toBe(404);
      expect(other.json, name).toEqual(unknown.json);
      expect(other.text).not.toContain(CENTER);
    }
    // A browser gets a page that says no more than "not found" either way.
    const a = await paper(ga, `${caseNo}/pickup`, 'text/html');
    const b = await paper(desk, `${wrongCheck}/pickup`, 'text/html');
    expect(a.status).toBe(404);
    expect(a.text).toBe(b.text);
  });

  it('the public cancel page keeps a crafted token inside its data attribute', async () => {
    const res = await fetch(`${s.url}/c/${caseNo}?t=${encodeURIComponent('"></button><script>alert(1)</script>')}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('data-token="&quot;&gt;&lt;/button&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('keeps the roles as they are: anonymous 401, administrator 403', async () => {
    expect((await paper(undefined, `${caseNo}/pickup`)).status).toBe(401);
    const admin = await login(s.url, 'admin');
    expect((await paper(admin, `${caseNo}/acceptance`)).status).toBe(403);
  });
});
