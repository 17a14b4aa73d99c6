/**
 * 咨询投诉 and 差评整改 in real browsers: a citizen complains on the portal from a phone, the desk
 * assigns it, the market-regulation approver answers in writing in /office, and the citizen reads
 * the answer and says it satisfied; a phoned complaint gets only the oral reply. A bad rating on the
 * window pad is answered in 差评整改, the answer goes out by SMS and its link shows it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { call, login, startTestServer } from '../test/helpers/test-server.js';
import { findItem, intake } from '../test/helpers/cases.js';
import { complaints, outbox, ratingFollowups } from '../src/db/schema/index.js';
import { ARTIFACTS, browserSuite, openPage, pickOption, portalNav, signInAs, type OpenedPage } from './browser.js';

const PHONE = '13911112222';

let citizen: Page;
let desk: Page;
let office: Page;
const errors: string[][] = [];

const env = browserSuite(
  () => startTestServer({ now: '2026-11-16T02:00:00Z' }), // Monday 10:00 in Beijing
  async (b) => {
    const opened = [await openPage(b, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }), await openPage(b), await openPage(b)];
    [citizen, desk, office] = opened.map((o) => o.page);
    errors.push(...opened.map((o) => o.errors));
  },
);

/** One more staff PC, its errors checked with the others'. */
async function staffPage(): Promise<OpenedPage> {
  const opened = await openPage(env.browser);
  errors.push(opened.errors);
  return opened;
}

const staffLogin = (p: Page, username: string, next: string) => signInAs(p, env.server.url, username, next, { arrive: true });

async function pick(p: Page, testId: string, option: string, search = false) {
  await pickOption(p, testId, option, { search });
}

/** Opens the complaint with this code from the list into the drawer. */
async function openComplaint(p: Page, code: string) {
  await p.getByTestId('cp-refresh').click();
  await p.locator(`tr[data-code="${code}"]`).click();
  await p.getByTestId('cp-detail').waitFor();
}

/** Signs the user in at a workplace, goes to its complaints page and opens the complaint. */
async function openComplaintAt(p: Page, username: string, workplace: string, code: string) {
  await staffLogin(p, username, workplace);
  await p.getByTestId('nav-complaints').click();
  await p.getByTestId('complaints-page').waitFor();
  await openComplaint(p, code);
}

describe('a complaint from the portal, answered in writing', () => {
  let code = '';

  it('is filed from a phone and answers a code and a due date', async () => {
    await citizen.goto(`${env.server.url}/`);
    await (await portalNav(citizen, 'complaint-link')).click();
    await citizen.getByTestId('complaint-form').waitFor();
    await citizen.getByTestId('complaint-kind').getByText('投诉').click();
    // A complaint cannot be anonymous: the option is only there for a consultation.
    await expect.poll(() => citizen.getByTestId('complaint-anonymous').count()).toBe(0);
    await pick(citizen, 'cp-about', '部门');
    await pick(citizen, 'cp-department', '市场监督管理局', true);
    await citizen.getByTestId('complaint-subject').fill('食品经营许可窗口让我跑了三次');
    await citizen.getByTestId('complaint-content').fill('材料清单前后说法不一致，请核实。');
    // Name and mobile are required for a complaint.
    await citizen.getByTestId('complaint-submit').click();
    await expect.poll(() => citizen.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    expect((await env.server.database.db.select().from(complaints)).length).toBe(0);
    await citizen.getByTestId('complaint-name').fill('李四');
    await citizen.getByTestId('complaint-phone').fill(PHONE);
    await citizen.getByTestId('complaint-submit').click();
    await citizen.getByTestId('complaint-done').waitFor();
    code = (await citizen.getByTestId('complaint-code').textContent())!.trim();
    expect(code).toMatch(/^TS[0-9A-Z]{8}$/);
    expect(await citizen.getByTestId('complaint-due').textContent()).toBe('2026-11-23'); // 5 working days
    const scrollWidth = await citizen.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await citizen.screenshot({ path: path.join(ARTIFACTS, 'complaint-portal-done.png'), fullPage: true });
    const [row] = await env.server.database.db.select().from(complaints).where(eq(complaints.code, code));
    expect(row).toMatchObject({ kind: 'complaint', channel: 'online', replyForm: 'written', about: 'department', contactPhone: PHONE, status: 'registered' });
  });

  it('is assigned at the desk to the market-regulation approver', async () => {
    await openComplaintAt(desk, 'desk1', '/desk', code);
    expect(await desk.getByTestId('cp-status').textContent()).toBe('待分办');
    await desk.getByTestId('cp-assign-handler').fill('approver-scjg');
    await desk.getByTestId('cp-assign-submit').click();
    await expect.poll(() => desk.getByTestId('cp-status').textContent()).toBe('办理中');
    await expect.poll(() => desk.getByTestId('cp-history').textContent()).toContain('分办');
    const [row] = await env.server.database.db.select().from(complaints).where(eq(complaints.code, code));
    expect(row!.status).toBe('assigned');
  });

  it('is answered in writing in /office, with the letter to print', async () => {
    await openComplaintAt(office, 'approver-scjg', '/office', code);
    expect(await office.getByTestId('cp-reply-form').textContent()).toBe('书面答复');
    expect(await office.getByTestId('cp-detail').textContent()).toContain('市场监督管理局');
    // Approvers answer; assigning is the center's.
    expect(await office.getByTestId('cp-assign-submit').count()).toBe(0);
    expect(await office.getByTestId('cp-reply-oral').count()).toBe(0);
    await office.getByTestId('cp-reply-text').fill('经核实，窗口已统一材料清单并对相关人员进行了批评教育。');
    await office.getByTestId('cp-reply-written').click();
    await expect.poll(() => office.getByTestId('cp-status').textContent()).toBe('已答复');
    const id = (await env.server.database.db.select().from(complaints).where(eq(complaints.code, code)))[0]!.id;
    expect(await office.getByTestId('cp-print').getAttribute('href')).toBe(`/print/complaint-reply/${id}`);
    await expect.poll(() => office.getByTestId('cp-history').textContent()).toContain('答复（书面答复）');
    expect(await office.getByTestId('cp-detail').textContent()).toContain('市场监督管理局');
    await office.screenshot({ path: path.join(ARTIFACTS, 'complaint-office-answered.png') });
    const letter = await office.request.get(`${env.server.url}/print/complaint-reply/${id}`);
    expect(letter.status()).toBe(200);
    expect(await letter.text()).toContain('统一材料清单');
  });

  it('is looked up by the citizen, who reads the reply and says 满意', async () => {
    await citizen.goto(`${env.server.url}/?complaintCode=${code}`);
    expect(await citizen.getByTestId('complaint-lookup-code').inputValue()).toBe(code);
    await citizen.getByTestId('complaint-lookup-phone').fill(PHONE);
    await citizen.getByTestId('complaint-lookup-submit').click();
    await citizen.getByTestId('complaint-answer').waitFor();
    expect(await citizen.getByTestId('complaint-reply').textContent()).toContain('统一材料清单');
    await citizen.getByTestId('complaint-satisfied-yes').click();
    await expect.poll(() => citizen.getByTestId('complaint-satisfied').textContent()).toBe('满意');
    expect(await citizen.getByTestId('complaint-satisfied-yes').count()).toBe(0);
    await citizen.screenshot({ path: path.join(ARTIFACTS, 'complaint-portal-lookup.png'), fullPage: true });
    const [row] = await env.server.database.db.select().from(complaints).where(eq(complaints.code, code));
    expect(row).toMatchObject({ status: 'closed', satisfied: true });
  });
});

describe('a complaint by phone, registered at the desk', () => {
  it('is answered orally: the written reply is not offered', async () => {
    await desk.goto(`${env.server.url}/desk/complaints`);
    await desk.getByTestId('cp-register').click();
    await desk.getByTestId('cp-channel').getByText('电话').click();
    await desk.getByTestId('cp-kind').getByText('投诉').click();
    await pick(desk, 'cp-about', '窗口');
    await desk.getByTestId('cp-window').fill('3');
    await desk.getByTestId('cp-contact-name').fill('王五');
    await desk.getByTestId('cp-contact-phone').fill('13922223333');
    await desk.getByTestId('cp-subject').fill('3号窗口午休无人');
    await desk.getByTestId('cp-content').fill('中午12点到3号窗口无人办理。');
    await desk.getByTestId('cp-register-submit').click();
    await desk.getByTestId('cp-detail').waitFor();
    expect(await desk.getByTestId('cp-reply-form').textContent()).toBe('口头答复');
    expect(await desk.getByTestId('cp-reply-written').count()).toBe(0);
    await desk.getByTestId('cp-reply-text').fill('已电话告知：午间设有轮岗窗口，已提醒3号窗口挂牌指引。');
    await desk.getByTestId('cp-reply-oral').click();
    await expect.poll(() => desk.getByTestId('cp-status').textContent()).toBe('已答复');
    expect(await desk.getByTestId('cp-print').count()).toBe(0);
    // Asked on the same call whether it satisfied.
    await desk.getByTestId('cp-feedback-yes').click();
    await expect.poll(() => desk.getByTestId('cp-satisfied').textContent()).toBe('满意');
    const [row] = await env.server.database.db.select().from(complaints).where(eq(complaints.subject, '3号窗口午休无人'));
    expect(row).toMatchObject({ channel: 'phone', replyForm: 'oral', windowNumber: 3, status: 'closed', satisfied: true });
  });
});

describe('a complaint re-routed (转办) by the supervisor in /office', () => {
  it('goes from the center to a department, with the reason in its history', async () => {
    const deskApi = await login(env.server.url, 'desk1');
    const c = await deskApi.request('POST', '/api/complaints', {
      kind: 'complaint', channel: 'phone', about: 'other', contactName: '陈十', contactPhone: '13922224444', subject: '户籍证明开具慢', content: '派出所开证明要等一周。',
    });
    expect(c.status).toBe(201);
    expect(c.body.handledBy).toBe('center');
    const { context: ctx, page: p } = await staffPage();
    await staffLogin(p, 'supervisor', '/office/complaints');
    await p.getByTestId('complaints-page').waitFor();
    await openComplaint(p, c.body.code);
    expect(await p.getByTestId('cp-handled-by').textContent()).toBe('中心（督查）');
    await pick(p, 'cp-reroute-to', '公安局', true);
    await p.getByTestId('cp-reroute-reason').fill('户籍证明由公安局出具');
    await p.getByTestId('cp-reroute-submit').click();
    await expect.poll(() => p.getByTestId('cp-handled-by').textContent()).toBe('公安局');
    await expect.poll(() => p.getByTestId('cp-history').textContent()).toContain('转办（公安局：户籍证明由公安局出具）');
    await p.screenshot({ path: path.join(ARTIFACTS, 'complaint-rerouted.png') });
    await ctx.close();
    // The desk does not re-route.
    await desk.goto(`${env.server.url}/desk/complaints`);
    await openComplaint(desk, c.body.code);
    expect(await desk.getByTestId('cp-reroute-submit').count()).toBe(0);
  });
});

describe('a bad rating on the window pad, followed up in 差评整改', () => {
  it('is the center\'s, re-routed (转办) to the department, which answers; the answer goes out by SMS and its link shows it', async () => {
    const deskApi = await login(env.server.url, 'desk1');
    const item = await findItem(env.server, '食品经营许可');
    const created = await intake(deskApi, item);
    expect(created.status).toBe(201);
    const t = await call(env.server.url, 'POST', '/api/public/queue/tickets', { category: 'A', mobile: '13700001111' });
    expect(t.status).toBe(201);
    await deskApi.request('POST', '/api/queue/windows/1/sit');
    const called = await deskApi.request('POST', '/api/queue/windows/1/call-next');
    expect(called.body.called.ticketNo).toBe(t.body.ticketNo);
    await deskApi.request('POST', `/api/queue/tickets/${called.body.called.id}/start`);
    expect((await deskApi.request('POST', `/api/queue/tickets/${called.body.called.id}/finish`, { caseNo: created.body.caseNo })).status).toBe(200);
    const bad = await call(env.server.url, 'POST', '/api/public/pad/1/ratings', { ticketId: called.body.called.id, level: 1, reasons: ['slow'], comment: '等了很久' });
    expect(bad.status).toBe(201);

    // A rating from the window pad is the center's (issue 15 item 9): the supervisor sees it as the
    // center's and re-routes it (转办) to the department, with a reason; the department answers.
    const { context: sup, page: sp } = await staffPage();
    await staffLogin(sp, 'supervisor', '/office/followups');
    const supRow = sp.locator('[data-testid="fu-table"] tbody tr', { hasText: '等了很久' });
    await expect.poll(() => supRow.getByTestId('fu-center').count()).toBe(1);
    await supRow.getByTestId('fu-reroute').click();
    await pick(sp, 'fu-reroute-to', '市场监督管理局', true);
    await sp.getByTestId('fu-reason').fill('等候时间长系该局审查环节所致');
    await sp.getByTestId('fu-step-submit').click();
    await expect.poll(() => supRow.textContent()).toContain('市场监督管理局');
    // A department's follow-up: the supervisor only watches it.
    expect(await supRow.getByTestId('fu-answer').count()).toBe(0);
    await sp.screenshot({ path: path.join(ARTIFACTS, 'followups-rerouted.png') });

    await office.goto(`${env.server.url}/office/followups`);
    await office.getByTestId('followups-page').waitFor();
    const row = office.locator('[data-testid="fu-table"] tbody tr', { hasText: '等了很久' });
    await expect.poll(() => row.getByTestId('fu-status').textContent()).toBe('待联系');
    await row.getByTestId('fu-answer').click();
    await office.getByTestId('fu-action').fill('增开食品经营许可专窗');
    await office.getByTestId('fu-answer-text').fill('已增开专窗，缩短等候时间，感谢监督。');
    await office.getByTestId('fu-step-submit').click();
    await expect.poll(() => row.getByTestId('fu-status').textContent()).toBe('已答复');
    await office.screenshot({ path: path.join(ARTIFACTS, 'followups-office.png') });

    const sms = await env.server.database.db.select().from(outbox).where(eq(outbox.template, 'rating-answer'));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.recipient).toBe('13700001111');
    const token = /\/f\/([\w-]+)/.exec(sms[0]!.body)![1]!;

    await citizen.goto(`${env.server.url}/f/${token}`);
    await expect.poll(() => citizen.locator('#answer').textContent()).toContain('已增开专窗，缩短等候时间，感谢监督。');
    await citizen.getByRole('button', { name: '满意', exact: true }).click();
    await expect.poll(() => citizen.locator('#result').textContent()).toBe('感谢您的反馈！');
    const [f] = await env.server.database.db.select().from(ratingFollowups);
    expect(f).toMatchObject({ status: 'closed', applicantSatisfied: true });

    await sup.close();
  });

  it('is read-only for a leader in /office', async () => {
    const { context: ctx, page: p } = await staffPage();
    await staffLogin(p, 'leader', '/office/complaints');
    await expect.poll(() => p.locator('[data-testid="cp-table"] tbody tr[data-code]').count()).toBe(3);
    expect(await p.getByTestId('cp-register').count()).toBe(0);
    await p.locator('[data-testid="cp-table"] tbody tr[data-code]').first().click();
    await p.getByTestId('cp-detail').waitFor();
    expect(await p.getByTestId('cp-feedback-yes').count() + (await p.getByTestId('cp-reply-text').count())).toBe(0);
    await p.goto(`${env.server.url}/office/followups`);
    await expect.poll(() => p.locator('[data-testid="fu-table"] tbody tr', { hasText: '等了很久' }).count()).toBe(1);
    expect(await p.locator('[data-testid^="fu-"][data-testid$="close"], [data-testid="fu-set-aside"]').count()).toBe(0);
    await ctx.close();
  });

  it('logged no browser errors', () => {
    expect(errors.flat()).toEqual([]);
  });
});
