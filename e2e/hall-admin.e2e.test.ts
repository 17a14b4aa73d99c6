/**
 * Configuring the hall in /admin: the admin adds a ticket category and a window that serves it,
 * sees both listed (and the category offered to the public), opens the queue and satisfaction
 * figures; then an applicant rates a completed case from 我的办件 in the portal.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { call, login, startTestServer } from '../test/helpers/test-server.js';
import { signIn } from '../test/helpers/applicant.js';
import { act, findItem, intake, PERSON } from '../test/helpers/cases.js';
import { ARTIFACTS, browserSuite, openPage, pickOption, signInAs } from './browser.js';

let ctx: BrowserContext;
let page: Page;
let errors: string[];

const env = browserSuite(
  () => startTestServer({ now: '2026-11-16T02:00:00Z' }), // Monday 10:00 in Beijing
  async (b) => {
    ({ context: ctx, page, errors } = await openPage(b));
  },
);

describe('hall administration', () => {
  it('adds a ticket category and a window in /admin and sees them', async () => {
    await signInAs(page, env.server.url, 'admin', '/admin/items');
    await page.waitForURL(/\/admin\/items/);
    await page.getByTestId('menu-queue').click();
    await page.waitForURL(/\/admin\/queue/);
    await page.locator('[data-testid="cat-table"] tr[data-row-key="A"]').waitFor();

    await page.getByTestId('cat-new').click();
    await page.getByTestId('cat-prefix').fill('g');
    await page.getByTestId('cat-name').fill('公积金');
    await page.getByTestId('cat-nameEn').fill('Housing fund');
    await page.getByTestId('cat-minutes').fill('9');
    await page.getByTestId('cat-save').click();
    const row = page.locator('[data-testid="cat-table"] tr[data-row-key="G"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('公积金');
    const publicCats = await call(env.server.url, 'GET', '/api/public/queue/categories');
    expect(publicCats.body.find((c: { prefix: string }) => c.prefix === 'G')).toMatchObject({ name: '公积金', nameEn: 'Housing fund' });

    await page.getByTestId('tab-windows').click();
    await page.locator('[data-testid="win-table"] tr[data-row-key="8"]').waitFor();
    await page.getByTestId('win-new').click();
    expect(await page.getByTestId('win-number').inputValue()).toBe('9');
    await page.getByTestId('win-name').fill('公积金窗口');
    await pickOption(page, 'win-categories', '公积金');
    await page.keyboard.press('Escape');
    await page.getByTestId('win-save').click();
    const win = page.locator('[data-testid="win-table"] tr[data-row-key="9"]');
    await win.waitFor();
    expect(await win.textContent()).toContain('公积金窗口');
    expect(await win.textContent()).toContain('G 公积金');

    const admin = await login(env.server.url, 'admin');
    const windows = await admin.request('GET', '/api/admin/queue/windows');
    expect(windows.body.find((w: { number: number }) => w.number === 9)).toMatchObject({ name: '公积金窗口', categories: ['G'], active: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'hall-admin-windows.png'), fullPage: true });
  });

  it('shows the queue and satisfaction figures', async () => {
    // One served ticket and one pad rating, so the tables have rows.
    const desk = await login(env.server.url, 'desk1');
    await call(env.server.url, 'POST', '/api/public/queue/tickets', { category: 'A' });
    await desk.request('POST', '/api/queue/windows/1/sit');
    const called = await desk.request('POST', '/api/queue/windows/1/call-next');
    await desk.request('POST', `/api/queue/tickets/${called.body.called.id}/start`);
    env.server.clock.advance(6 * 60_000);
    await desk.request('POST', `/api/queue/tickets/${called.body.called.id}/finish`, {});
    expect((await call(env.server.url, 'POST', '/api/public/pad/1/ratings', { ticketId: called.body.called.id, level: 5 })).status).toBe(201);

    await page.getByTestId('tab-stats').click();
    const general = page.locator('[data-testid="stats-category"] .ant-table-row', { hasText: 'A 综合受理' });
    await general.waitFor();
    // One ticket, served for six minutes.
    expect(await general.locator('td').nth(1).textContent()).toBe('1');
    expect(await general.locator('td').nth(6).textContent()).toBe('6');
    await page.locator('[data-testid="sat-window"] .ant-table-row').first().waitFor();
    expect(await page.getByTestId('sat-total').textContent()).toContain('100%');
    await page.screenshot({ path: path.join(ARTIFACTS, 'hall-admin-stats.png'), fullPage: true });
  });

  it('changes the hall deadlines on the settings page', async () => {
    await page.getByTestId('menu-settings').click();
    await page.waitForURL(/\/admin\/settings/);
    const fix = page.getByTestId('settings-ratingFixDays');
    await expect.poll(() => fix.inputValue()).toBe('5');
    const admin = await login(env.server.url, 'admin');
    // Out of bounds: the form holds it back or clamps it; the server never stores 31.
    await fix.fill('31');
    await page.getByTestId('settings-save').click();
    await page.locator('.ant-message-notice, .ant-form-item-explain-error').first().waitFor();
    expect((await admin.request('GET', '/api/admin/settings')).body.ratingFixDays).toBeLessThanOrEqual(30);
    await fix.fill('7');
    await page.getByTestId('settings-consultationDueDays').fill('3');
    // The held-back limit (压件, issue 7) sits on the same page.
    expect(await page.getByTestId('settings-heldBackHours').inputValue()).toBe('24');
    await page.getByTestId('settings-heldBackHours').fill('48');
    await page.getByTestId('settings-save').click();
    await expect.poll(async () => (await admin.request('GET', '/api/admin/settings')).body).toMatchObject({ ratingFixDays: 7, consultationDueDays: 3, ratingContactHours: 24, heldBackHours: 48 });
  });

  it('lets the applicant rate a completed case from 我的办件 once', async () => {
    const desk = await login(env.server.url, 'desk1');
    const scjg = await login(env.server.url, 'approver-scjg');
    const phone = '13600007777';
    const item = await findItem(env.server, '食品经营许可');
    const caseNo = (await intake(desk, item, { applicant: { ...PERSON, phone } })).body.caseNo as string;
    for (const a of ['accept', 'review-pass', 'approve']) expect((await act(scjg, caseNo, a)).status).toBe(200);
    expect((await act(scjg, caseNo, 'complete', { data: { resultNo: 'JY-2026-0077' } })).status).toBe(200);

    const me = await signIn(env.server, phone);
    const [name, value] = me.cookie.split('=') as [string, string];
    await ctx.addCookies([{ name, value, url: env.server.url }]);
    await page.goto(`${env.server.url}/?mycase=${encodeURIComponent(caseNo)}`);
    await page.getByTestId('rate-form').waitFor();
    await page.getByTestId('rate-levels').getByText('不满意', { exact: true }).click();
    await page.getByTestId('rate-send').click();
    await page.getByText('请至少选择一项原因').waitFor();
    await page.getByTestId('rate-reasons').getByText('办理时间长、效率低').click();
    await page.getByTestId('rate-send').click();
    await page.locator('[data-testid="my-rating"][data-level="2"]').waitFor();
    expect(await page.getByTestId('my-rating').textContent()).toContain('办理时间长、效率低');
    expect((await me.request('POST', `/api/applicant/cases/${caseNo}/rating`, { level: 5 })).status).toBe(409);
    await page.screenshot({ path: path.join(ARTIFACTS, 'hall-admin-rating.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
