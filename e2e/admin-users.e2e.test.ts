/**
 * 用户与角色 and 短信发件箱 in the browser: the administrator creates a desk account, that person
 * signs in; the administrator disables the account (its open session ends at once and signing in is
 * refused), resets the password with a generated one shown once and enables it again. Then the SMS
 * outbox lists messages in every state and filters them. Screenshots of both pages at 1366×768 go to
 * test-artifacts/admin-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { call, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { claimDue, enqueueSms, markFailed, markRetry, markSent } from '../src/modules/sms/sms.repository.js';
import { renderSms, type SmsParams, type SmsTemplate } from '../src/modules/sms/sms-templates.js';
import { closeAll, ensureWebBuilt, field, launchBrowser, openPage, signInAs } from './browser.js';

const TIMEOUT = 60_000;
const ARTIFACTS = path.resolve('test-artifacts');

const row = (page: Page, username: string) => page.locator(`[data-testid="user-row"][data-username="${username}"]`);

const newPage = (browser: Browser) => openPage(browser);

const signIn = (page: Page, url: string, username: string, password: string) => signInAs(page, url, username, undefined, { password });

/**
 * Searches the user list. A dialog that is still closing keeps focus inside itself (antd's focus
 * lock) until its animation ends, so an Enter typed meanwhile never reaches the search box: wait
 * until no dialog is visible, then press again until the address carries the query.
 */
async function searchUsers(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.locator('.ant-modal-wrap:visible').count(), { timeout: 30_000 }).toBe(0);
  const box = field(page, 'users-search');
  await box.fill(text);
  await expect
    .poll(async () => {
      if (page.url().includes(`q=${encodeURIComponent(text)}`)) return true;
      await box.focus();
      await box.press('Enter');
      return page.url().includes(`q=${encodeURIComponent(text)}`);
    }, { timeout: 30_000, interval: 500 })
    .toBe(true);
}

/** The open popconfirm's confirm button (antd renders it in a portal). */
async function confirm(page: Page): Promise<void> {
  const ok = page.locator('.ant-popover:not(.ant-popover-hidden) [data-testid="confirm-ok"]');
  await ok.waitFor();
  await ok.click();
}

async function seedOutbox(s: TestServer): Promise<void> {
  const db = s.database.db;
  const now = s.clock.now();
  const base = { itemName: '食品经营许可', centerName: '和平县政务服务中心' };
  const messages: (Omit<SmsParams, 'itemName' | 'centerName'> & { template: SmsTemplate; phone: string })[] = [
    { template: 'received', caseNo: '261116-00001-3', phone: '13812345678' },
    { template: 'accepted', caseNo: '261116-00001-3', phone: '13812345678', dueDate: '2026-11-30' },
    { template: 'supplement', caseNo: '261116-00002-1', phone: '13912345678', materials: ['食品安全管理制度'] },
    { template: 'completed', caseNo: '261116-00003-X', phone: '13700001111' },
    { template: 'refused', caseNo: '261116-00004-8', phone: '13600002222', reason: '经营场所不符合要求' },
  ];
  for (const [i, m] of messages.entries()) {
    const { template, phone, ...params } = m;
    const body = renderSms(template, { ...base, ...params, progressUrl: 'https://ow.example.cn/p?no=x' });
    await enqueueSms(db, { caseId: i + 1, recipient: phone, template, body, dedupeKey: `e2e:${i}`, now });
  }
  // Through the worker's own steps: two sent, one waiting for a retry, one given up, one still pending.
  const claimed = await claimDue(db, now, 60_000, 4);
  expect(claimed).toHaveLength(4);
  await markSent(db, claimed[0]!.id, 1, now);
  await markSent(db, claimed[1]!.id, 1, now);
  await markRetry(db, claimed[2]!.id, 2, new Date(now.getTime() + 8_000), 'gateway HTTP 503: service unavailable');
  await markFailed(db, claimed[3]!.id, 6, 'gateway rejected: invalid recipient (code 40012)');
}

describe('admin manages users; the SMS outbox', () => {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    await seedOutbox(server);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(() => closeAll(browser, server), 60_000);

  it('creates a desk user who signs in, disables them, resets the password and enables them again', async () => {
    const url = server!.url;
    const admin = await newPage(browser!);
    const page = admin.page;

    await signIn(page, url, 'admin', 'onewindow-demo');
    await page.waitForURL(/\/admin\/items/);
    await page.getByTestId('menu-users').click();
    await page.waitForURL(/\/admin\/users/);
    await row(page, 'admin').waitFor();
    await row(page, 'desk1').waitFor();
    // The admin's own row cannot be disabled.
    expect(await page.getByTestId('user-disable-admin').isDisabled()).toBe(true);

    // Filter: approvers only.
    await page.getByTestId('users-role').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '审批人员' }).click();
    await page.waitForURL(/role=approver/);
    await page.locator('[data-testid="user-row"][data-username="approver-scjg"]').waitFor();
    await expect.poll(async () => page.locator('[data-testid="user-row"][data-username="desk1"]').count()).toBe(0);
    await page.getByTestId('users-reset-filters').click();
    await page.waitForURL((u) => !u.search.includes('role='));
    await row(page, 'desk1').waitFor();

    // Create a desk account with a password set by hand.
    await page.getByTestId('new-user').click();
    await field(page, 'user-username').fill('desk9');
    await field(page, 'user-displayName').fill('综合受理窗口九');
    await page.locator('[data-testid="user-password-mode"] label', { hasText: '手动设置' }).click();
    // A weak password is refused before anything is sent.
    await field(page, 'user-password').fill('desk9');
    await field(page, 'user-password2').fill('desk9');
    await page.getByTestId('user-save').click();
    const tooShort = page.locator('.ant-form-item-explain-error', { hasText: '密码至少 10 个字符' });
    await tooShort.first().waitFor();
    await field(page, 'user-password').fill('window-nine-2026');
    await field(page, 'user-password2').fill('window-nine-2026');
    await expect.poll(async () => tooShort.count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-users-create.png') });
    await page.getByTestId('user-save').click();
    await page.getByText('用户已创建').first().waitFor();
    await searchUsers(page, 'desk9');
    await row(page, 'desk9').waitFor();
    await expect.poll(async () => page.getByTestId('user-row').count()).toBe(1);
    expect(await row(page, 'desk9').textContent()).toContain('窗口人员');

    // The new person signs in, in a browser of their own: the admin knows this password, so the
    // sign-in page first asks for one of their own (the server refuses everything else until then).
    const clerk = await newPage(browser!);
    await signIn(clerk.page, url, 'desk9', 'window-nine-2026');
    await clerk.page.getByTestId('password-change').waitFor();
    expect((await clerk.context.request.get(`${url}/api/cases?mine=false`)).status()).toBe(403);
    await clerk.page.screenshot({ path: path.join(ARTIFACTS, 'admin-users-first-password.png') });
    await field(clerk.page, 'password-current').fill('window-nine-2026');
    await field(clerk.page, 'password-new').fill('clerk-nine-own-2026');
    await field(clerk.page, 'password-confirm').fill('clerk-nine-own-2026');
    await clerk.page.getByTestId('password-change-submit').click();
    await clerk.page.waitForURL(/\/desk/);
    const me = await clerk.context.request.get(`${url}/api/auth/me`);
    expect(me.status()).toBe(200);
    expect((await me.json()).user).toMatchObject({ username: 'desk9', role: 'desk', displayName: '综合受理窗口九' });

    // The admin disables them: their open session ends at once, and signing in again is refused.
    await page.getByTestId('user-disable-desk9').click();
    await confirm(page);
    await page.getByText('已停用 综合受理窗口九').first().waitFor();
    await row(page, 'desk9').locator('.ant-tag', { hasText: '已停用' }).waitFor();
    expect((await clerk.context.request.get(`${url}/api/auth/me`)).status()).toBe(401);
    await signIn(clerk.page, url, 'desk9', 'clerk-nine-own-2026');
    await clerk.page.getByTestId('login-error').waitFor();
    expect(clerk.page.url()).toContain('/login');

    // A new password, generated and shown once.
    await page.getByTestId('user-reset-desk9').click();
    await page.getByTestId('reset-save').click();
    const shown = page.getByTestId('generated-password');
    await shown.waitFor();
    const generated = (await shown.textContent())!.trim();
    expect(generated).toMatch(/^\S{4}-\S{4}-\S{4}$/);
    await page.getByTestId('reset-save').waitFor({ state: 'hidden' });
    await page.waitForTimeout(400); // the dialog's opening animation
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-users-password.png') });
    await page.getByTestId('generated-close').click();
    await shown.waitFor({ state: 'hidden' });

    // Enabled again, the person signs in with the new password only.
    await page.getByTestId('user-enable-desk9').click();
    await confirm(page);
    await page.getByText('已启用 综合受理窗口九').first().waitFor();
    await row(page, 'desk9').locator('.ant-tag', { hasText: '启用' }).waitFor();
    await signIn(clerk.page, url, 'desk9', 'clerk-nine-own-2026');
    await clerk.page.getByTestId('login-error').waitFor();
    await signIn(clerk.page, url, 'desk9', generated);
    // A reset password is the admin's too: changed first, again.
    await clerk.page.getByTestId('password-change').waitFor();
    await field(clerk.page, 'password-current').fill(generated);
    await field(clerk.page, 'password-new').fill('clerk-nine-own-2027');
    await field(clerk.page, 'password-confirm').fill('clerk-nine-own-2027');
    await clerk.page.getByTestId('password-change-submit').click();
    await clerk.page.waitForURL(/\/desk/);
    expect((await clerk.context.request.get(`${url}/api/auth/me`)).status()).toBe(200);

    // An approver needs a department: the field appears with the role, and the account gets it.
    await page.getByTestId('new-user').click();
    await field(page, 'user-username').fill('approver-e2e');
    await field(page, 'user-displayName').fill('市场监管审批员（测试）');
    await page.getByTestId('user-role').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '审批人员' }).click();
    await page.getByTestId('user-save').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '审批人员必须选择部门' }).first().waitFor();
    await page.getByTestId('user-department').click();
    await page.keyboard.type('SCJG');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: 'SCJG' }).click();
    await page.getByTestId('user-save').click();
    await shown.waitFor();
    const approverPassword = (await shown.textContent())!.trim();
    await page.getByTestId('generated-close').click();
    await shown.waitFor({ state: 'hidden' });
    await searchUsers(page, 'e2e');
    await row(page, 'approver-e2e').waitFor();
    expect(await row(page, 'approver-e2e').textContent()).toContain('市场监督管理局');
    const approverLogin = await call(url, 'POST', '/api/auth/login', { username: 'approver-e2e', password: approverPassword });
    expect(approverLogin.status).toBe(200);
    expect(approverLogin.body.user.department.code).toBe('SCJG');

    // The whole list, as an administrator first sees it; then in English.
    await page.goto(`${url}/admin/users`);
    await row(page, 'desk9').waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-users.png') });
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByRole('heading', { name: 'Users & roles' }).waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-users-en.png') });
    await page.getByTestId('lang-switch').getByText('中文').click();

    expect(admin.errors).toEqual([]);
    expect(clerk.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await clerk.context.close();
    await admin.context.close();
  }, 180_000);

  it('lists the SMS outbox with statuses, attempts, errors and case numbers, filters and refreshes', async () => {
    const url = server!.url;
    const { context, page, errors } = await newPage(browser!);
    await signIn(page, url, 'admin', 'onewindow-demo');
    await page.waitForURL(/\/admin\/items/);
    await page.getByTestId('menu-sms').click();
    await page.waitForURL(/\/admin\/sms/);

    const table = page.getByTestId('sms-table');
    const rows = table.locator('tbody tr.ant-table-row');
    await expect.poll(async () => rows.count(), { timeout: TIMEOUT }).toBe(5);
    const text = (await table.textContent()) ?? '';
    for (const s of ['已发送', '待发送', '等待重试', '发送失败', '138****5678', '261116-00004-8', '不予许可', 'gateway rejected']) expect(text).toContain(s);
    expect(text).not.toContain('13812345678');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-sms.png') });

    // Filter: failed only.
    await page.locator('[data-testid="sms-status"] label', { hasText: '发送失败' }).click();
    await page.waitForURL(/status=failed/);
    await expect.poll(async () => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('发送失败');
    expect(await rows.first().textContent()).toContain('6');

    // A new message shows after a refresh.
    await page.locator('[data-testid="sms-status"] label', { hasText: '全部' }).click();
    await expect.poll(async () => rows.count()).toBe(5);
    await enqueueSms(server!.database.db, {
      caseId: 9, recipient: '13500003333', template: 'delivered', body: renderSms('delivered', { caseNo: '261116-00009-5', itemName: '食品经营许可', centerName: '和平县政务服务中心' }),
      dedupeKey: 'e2e:late', now: server!.clock.now(),
    });
    await page.getByTestId('sms-refresh').click();
    await expect.poll(async () => rows.count()).toBe(6);
    expect(await rows.first().textContent()).toContain('261116-00009-5');

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
