/**
 * Issue 5, the walk through the center in real browsers, one session per role and every step through
 * the UIs: the front desk (desk1) takes in a complete 食品经营许可 application; the approver
 * (approver-scjg) accepts, passes the review, approves and completes it with the licence number; the
 * desk's delivery window (统一出件) hands the result to a pickup person; the applicant's phone finally
 * shows the case as delivered (已出件) on the public progress page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { login, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { findItem, PERSON } from '../test/helpers/cases.js';
import { closeAll, ensureWebBuilt, field, textarea, launchBrowser, openPage, signInThrough, STAFF_VIEWPORT } from './browser.js';

const NOW = '2026-11-16T02:00:00Z'; // Monday 16 November 2026, 10:00 in China
const ARTIFACTS = path.resolve('test-artifacts');
const APPLICANT = { name: '林走查', idNumber: PERSON.idNumber, phone: '13700005555' };
const RESULT_NO = 'JY13501000000555';


let s: TestServer;
let browser: Browser;

interface Role {
  page: Page;
  errors: string[];
}

const newRole = (viewport = STAFF_VIEWPORT, mobile = false): Promise<Role> =>
  openPage(browser, { viewport, isMobile: mobile, hasTouch: mobile, clockAt: NOW });

/** Signs in through the login page the unsigned visit of `path` is sent to. */
const signIn = (page: Page, username: string, to: string) => signInThrough(page, s.url, username, to);

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(400); // let antd's animations settle
  await page.screenshot({ path: path.join(ARTIFACTS, `walk-${name}.png`), fullPage });
}

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function waitStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="case-page"] [data-testid="case-status"][data-status="${status}"]`).first().waitFor();
}

/** Clicks an action button once its dialog has finished opening, fills it and submits it. */
async function doAction(page: Page, action: string, fill?: (p: Page) => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.locator('.ow-action-modal .ant-modal:not(.ant-zoom-appear)').waitFor();
  if (fill) await fill(page);
  await page.getByTestId('action-submit').click();
  const modal = page.locator('.ow-action-modal .ant-modal');
  await modal.waitFor({ state: 'hidden', timeout: 20_000 }).catch(async (e: Error) => {
    throw new Error(`the ${action} dialog stayed open: ${await modal.innerText().catch(() => '?')}`, { cause: e });
  });
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startTestServer({ now: NOW });
  browser = await launchBrowser();
}, 240_000);

afterAll(() => closeAll(browser, s), 60_000);

describe('issue 5: the walk through the center, all through the UIs', () => {
  it('intake at the desk → decision in the office → delivery at the desk → 已出件 on the applicant\'s phone', async () => {
    const food = await findItem(s, '食品经营许可');
    const desk = await newRole();
    const office = await newRole();

    // 1. The front desk takes in a complete application and gets the case number.
    await signIn(desk.page, 'desk1', '/desk');
    await desk.page.getByTestId('intake-start').waitFor();
    await desk.page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'item-search');
    await desk.page.keyboard.type('食品经营许可');
    const option = desk.page.locator(`[data-testid="item-option"][data-code="${food.code}"]`);
    await option.click();
    await desk.page.locator('[data-testid="checklist"]').waitFor();
    expect((await desk.page.getByTestId('item-name').textContent())?.trim()).toBe('食品经营许可');
    await desk.page.keyboard.press('Alt+A');
    for (const m of food.materials.filter((x) => x.required)) {
      expect(await desk.page.locator(`input[data-testid="material-checkbox"][data-code="${m.code}"]`).isChecked()).toBe(true);
    }
    await desk.page.keyboard.press('Alt+S');
    await desk.page.keyboard.type(APPLICANT.name);
    await desk.page.keyboard.press('Enter');
    await desk.page.keyboard.type(APPLICANT.idNumber);
    await desk.page.keyboard.press('Enter');
    await desk.page.keyboard.type(APPLICANT.phone);
    await desk.page.getByText('材料齐全，提交后出具收件回执').waitFor();
    await shot(desk.page, '1-desk-intake');
    await desk.page.keyboard.press('Enter'); // Enter in the last field submits
    await desk.page.locator('[data-testid="intake-result"][data-status="received"]').waitFor();
    const caseNo = (await desk.page.getByTestId('result-case-no').textContent())!.trim();
    expect(caseNo).toMatch(/^261116-\d{5}-[\dX]$/);
    await expectNoHorizontalScroll(desk.page);
    await shot(desk.page, '2-desk-received');

    // 2. The approver finds it in the queue and takes it through accept, review, approve, complete.
    await signIn(office.page, 'approver-scjg', '/office');
    const row = office.page.locator(`[data-testid="queue-row"][data-case-no="${caseNo}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('食品经营许可');
    await shot(office.page, '3-office-queue');
    await row.click();
    await office.page.waitForURL(new RegExp(`/office/cases/${caseNo}$`));
    await waitStatus(office.page, 'received');
    await doAction(office.page, 'accept');
    await waitStatus(office.page, 'accepted');
    await office.page.locator('[data-testid="clock-due-date"]').filter({ hasText: /\d{4}-\d{2}-\d{2}/ }).waitFor();
    await shot(office.page, '4-office-accepted');
    await doAction(office.page, 'review-pass', async (p) => {
      await textarea(p, 'action-comment').fill('材料齐全，符合法定形式');
    });
    await waitStatus(office.page, 'reviewed');
    await doAction(office.page, 'approve');
    await waitStatus(office.page, 'approved');
    await doAction(office.page, 'complete', async (p) => {
      await field(p, 'action-result-no').fill(RESULT_NO);
    });
    await waitStatus(office.page, 'completed');
    expect(await office.page.getByTestId('case-result-no').textContent()).toBe(RESULT_NO);
    await expectNoHorizontalScroll(office.page);
    await shot(office.page, '5-office-completed');

    // 3. The applicant's friend collects it at the delivery window (统一出件), found by the phone number.
    await desk.page.getByTestId('nav-delivery').click();
    await desk.page.getByTestId('delivery-page').waitFor();
    const search = field(desk.page, 'delivery-search');
    await search.fill(APPLICANT.phone);
    await search.press('Enter');
    await desk.page.locator(`[data-testid="delivery-case"][data-case-no="${caseNo}"]`).waitFor();
    await desk.page.getByTestId('pickup-form').waitFor();
    expect(await desk.page.getByTestId('pickup-name').inputValue()).toBe(APPLICANT.name);
    expect(await desk.page.getByTestId('delivery-result-no').textContent()).toContain(RESULT_NO);
    // Someone else collects: "其他人", then the pickup person's own name and ID number.
    await desk.page.getByTestId('pickup-form').getByText('其他人').click();
    await desk.page.getByTestId('pickup-name').fill('赵代领');
    await desk.page.getByTestId('pickup-id').fill('');
    await desk.page.getByTestId('pickup-id').pressSequentially(PERSON.idNumber);
    expect(await desk.page.getByTestId('pickup-id-error').count()).toBe(0);
    await shot(desk.page, '6-desk-delivery');
    await desk.page.keyboard.press('Control+Enter');
    await desk.page.getByTestId('delivered-title').waitFor();
    expect(await desk.page.getByTestId('print-pickup').getAttribute('href')).toBe(`/print/cases/${caseNo}/pickup`);
    await expectNoHorizontalScroll(desk.page);
    await shot(desk.page, '7-desk-delivered');

    // 4. The applicant follows the SMS link on a phone: delivered.
    const phone = await newRole({ width: 375, height: 812 }, true);
    await phone.page.goto(`${s.url}/?progress=${caseNo}`);
    await phone.page.getByTestId('progress-page').waitFor();
    expect(await phone.page.getByTestId('progress-case-no').inputValue()).toBe(caseNo);
    await phone.page.getByTestId('progress-phone').fill(APPLICANT.phone);
    await phone.page.getByTestId('progress-submit').click();
    await phone.page.locator('[data-testid="progress-result"][data-status="delivered"]').waitFor();
    expect((await phone.page.getByTestId('progress-status').textContent())?.trim()).toBe('已出件');
    expect(await phone.page.getByTestId('progress-timeliness').getAttribute('data-timeliness')).toBe('early');
    expect(await phone.page.getByTestId('progress-item').textContent()).toBe('食品经营许可');
    expect(await phone.page.getByTestId('progress-applicant').textContent()).not.toContain(APPLICANT.name);
    await expectNoHorizontalScroll(phone.page);
    await shot(phone.page, '8-portal-delivered', true);

    // The record agrees: each step once, by the people who did them.
    const staff = await login(s.url, 'desk1');
    const view = (await staff.request('GET', `/api/cases/${caseNo}`)).body;
    expect(view).toMatchObject({ status: 'delivered', resultNo: RESULT_NO });
    const timeline = (await staff.request('GET', `/api/cases/${caseNo}/timeline`)).body as { action: string; data: { pickupName?: string } }[];
    expect(timeline.map((e) => e.action)).toEqual(['receive', 'accept', 'review-pass', 'approve', 'complete', 'deliver']);
    expect(timeline.find((e) => e.action === 'deliver')?.data).toMatchObject({ pickupName: '赵代领' });

    for (const role of [desk, office, phone]) expect(role.errors).toEqual([]);
  }, 240_000);
});
