/**
 * Applying online (网上申请) end to end: the applicant on a phone (375×812) signs in with an SMS
 * code read from the outbox (what the log gateway prints), applies with two uploads, the desk
 * (1366×768) returns it from 网上预审 with the one-time list, the applicant replaces the listed file
 * and resubmits, the desk takes it in, and the applicant sees the new status.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { codeFromOutbox, PDF, PNG, rows, startApplicantServer, type ApplicantServer } from '../test/helpers/applicant.js';
import { closeAll, ensureWebBuilt, launchBrowser, openPage, PHONE_CONTEXT, portalNav, signInAs } from './browser.js';

const TIMEOUT = 60_000;
const NOW = '2026-11-16T02:00:00Z'; // Monday 16 November 2026, 10:00 in China
const ARTIFACTS = path.resolve('test-artifacts');
const PHONE = '13700000001';
const ITEM = 'YB-006';

let s: ApplicantServer;
let browser: Browser;
let phoneCtx: BrowserContext;
let deskCtx: BrowserContext;
let phone: Page;
let desk: Page;
let phoneErrors: string[];
let deskErrors: string[];
let caseNo = '';

async function expectNoHorizontalScroll(p: Page): Promise<void> {
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

const fileInput = (p: Page, scope: string, code: string) => p.locator(`${scope} [data-testid="material"][data-code="${code}"] input[type="file"]`);
const caseStatus = async () => (await rows<{ status: string }>(s, sql`select status from cases where case_no = ${caseNo}`))[0]?.status;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startApplicantServer({ now: NOW });
  browser = await launchBrowser();
  ({ context: phoneCtx, page: phone, errors: phoneErrors } = await openPage(browser, PHONE_CONTEXT));
  ({ context: deskCtx, page: desk, errors: deskErrors } = await openPage(browser));
}, 240_000);

afterAll(() => closeAll(browser, s, [phoneCtx, deskCtx]), 60_000);

describe('online application through pre-review (网上预审)', () => {
  it('signs the applicant in by SMS code from the item guide', async () => {
    await phone.goto(`${s.url}/?item=${ITEM}`);
    await phone.getByTestId('apply-online').click();
    await phone.getByTestId('apply-signin').click();
    await phone.getByTestId('signin-page').waitFor();

    // A wrong number is refused on the page, in Chinese, before anything is sent.
    await phone.getByTestId('signin-phone').fill('12345');
    await phone.getByTestId('signin-send').click();
    await phone.getByText('请输入正确的 11 位手机号码').waitFor();

    await phone.getByTestId('signin-phone').fill(PHONE);
    await phone.getByTestId('signin-send').click();
    await phone.getByTestId('signin-notice').waitFor();
    await expectNoHorizontalScroll(phone);
    await phone.screenshot({ path: path.join(ARTIFACTS, 'online-apply-signin-375.png'), fullPage: true });
    expect(await phone.getByTestId('signin-notice').textContent()).toContain('137****0001');
    // The resend button counts down the server's throttle.
    expect(await phone.getByTestId('signin-send').isDisabled()).toBe(true);
    expect(await phone.getByTestId('signin-send').textContent()).toMatch(/\d+ 秒后重新获取/);

    const code = await codeFromOutbox(s, PHONE);
    expect(code).toMatch(/^\d{6}$/);
    // A wrong code gets the server's answer in Chinese.
    await phone.getByTestId('signin-code').fill(code === '000000' ? '111111' : '000000');
    await phone.getByTestId('signin-submit').click();
    await phone.getByTestId('signin-error').waitFor();
    expect(await phone.getByTestId('signin-error').textContent()).toMatch(/验证码/);

    await phone.getByTestId('signin-code').fill(code!);
    await phone.getByTestId('signin-submit').click();
    // Back on the application it came from, signed in.
    await phone.getByTestId('apply-page').waitFor();
    await (await portalNav(phone, 'my-cases-link')).waitFor();
    await phone.keyboard.press('Escape');
  }, TIMEOUT * 2);

  it('applies online with two uploads', async () => {
    expect(await phone.getByTestId('upload-limit').textContent()).toContain('10 MB');
    // An organisation applies with its credit code and names its contact person.
    await phone.getByTestId('apply-kind').getByText('单位', { exact: false }).click();
    await phone.getByTestId('apply-credit').waitFor();
    await phone.getByTestId('apply-agent-name').waitFor();
    expect(await phone.getByTestId('apply-id').count()).toBe(0);
    await phone.getByTestId('apply-kind').getByText('个人', { exact: true }).click();
    await phone.getByTestId('apply-id').waitFor();
    await phone.getByTestId('apply-name').fill('赵小云');
    await phone.getByTestId('apply-id').fill('11010519491231002X');
    // Submitting without the files names what is missing.
    await phone.getByTestId('apply-submit').click();
    await phone.getByTestId('apply-error').waitFor();
    expect(await phone.locator('[data-testid="material"][data-code="M01"] [role="alert"]').textContent()).toContain('请为');

    await fileInput(phone, '[data-testid="apply-page"]', 'M01').setInputFiles({ name: '转移接续申请表.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
    await phone.locator('[data-code="M01"] [data-testid="material-files"]').getByText('转移接续申请表.pdf').waitFor();
    await fileInput(phone, '[data-testid="apply-page"]', 'M02').setInputFiles({ name: '身份证.png', mimeType: 'image/png', buffer: Buffer.from(PNG) });
    await phone.locator('[data-code="M02"] [data-testid="material-files"]').getByText('身份证.png').waitFor();
    await expectNoHorizontalScroll(phone);
    await phone.screenshot({ path: path.join(ARTIFACTS, 'online-apply-form-375.png'), fullPage: true });

    await phone.getByTestId('apply-submit').click();
    await phone.getByTestId('apply-done').waitFor();
    caseNo = (await phone.getByTestId('my-case-page').getAttribute('data-case-no'))!;
    expect(caseNo).toMatch(/^261116-/);
    expect(await caseStatus()).toBe('submitted');
    expect(await phone.getByTestId('my-status').getAttribute('data-status')).toBe('submitted');
    const files = await rows<{ material_code: string }>(s, sql`select f.material_code from case_files f join cases c on c.id = f.case_id where c.case_no = ${caseNo} order by 1`);
    expect(files.map((f) => f.material_code)).toEqual(['M01', 'M02']);
  }, TIMEOUT * 2);

  it('lets the desk return it from 网上预审 with the list of what to fix', async () => {
    await signInAs(desk, s.url, 'desk1', '/desk/prereview');
    await desk.getByTestId('prereview-page').waitFor();
    const row = desk.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`);
    await row.waitFor();
    await desk.screenshot({ path: path.join(ARTIFACTS, 'online-apply-prereview-1366.png') });
    await row.getByTestId('row-case-link').click();
    await desk.locator(`[data-testid="case-page"][data-case-no="${caseNo}"]`).waitFor();

    await desk.getByTestId('action-prereview-return').click();
    await desk.locator('.ant-modal').getByText('身份证', { exact: false }).first().click();
    await desk.getByTestId('action-comment').fill('身份证照片不清晰，请重新上传');
    await desk.getByTestId('action-ok').click();
    await expect.poll(caseStatus, { timeout: TIMEOUT }).toBe('prereview_returned');
  }, TIMEOUT * 2);

  it('shows the applicant the list; the listed file is replaced and the case resubmitted', async () => {
    await (await portalNav(phone, 'my-cases-link')).click();
    const card = phone.locator(`[data-testid="my-case"][data-case-no="${caseNo}"]`);
    await card.waitFor();
    expect(await card.getByTestId('my-status').getAttribute('data-status')).toBe('prereview_returned');
    await card.getByTestId('my-case-open').click();
    await phone.getByTestId('to-fix').waitFor();
    const listed = await phone.getByTestId('to-fix-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(listed).toEqual(['M02']);
    expect(await phone.getByTestId('to-fix-comment').textContent()).toContain('身份证照片不清晰');
    await expectNoHorizontalScroll(phone);
    await phone.screenshot({ path: path.join(ARTIFACTS, 'online-apply-returned-375.png'), fullPage: true });

    await fileInput(phone, '[data-testid="fix-form"]', 'M02').setInputFiles({ name: '身份证-清晰.png', mimeType: 'image/png', buffer: Buffer.from(PNG) });
    await phone.locator('[data-testid="fix-form"] [data-code="M02"]').getByText('身份证-清晰.png').waitFor();
    await phone.getByTestId('resubmit').click();
    await phone.locator('[data-testid="my-case-page"][data-status="submitted"]').waitFor();
    expect(await caseStatus()).toBe('submitted');
    // The new file replaced the returned one as the material's current file.
    await phone.locator('[data-testid="my-material"][data-code="M02"]').getByText('身份证-清晰.png').waitFor();
  }, TIMEOUT * 2);

  it('is taken in by the desk, and the applicant sees it received', async () => {
    await desk.getByTestId('nav-prereview').click();
    const row = desk.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`);
    await row.waitFor();
    await row.getByTestId('row-case-link').click();
    await desk.locator(`[data-testid="case-page"][data-case-no="${caseNo}"]`).waitFor();
    await desk.getByTestId('action-prereview-accept').click();
    await desk.getByTestId('action-ok').click();
    await expect.poll(caseStatus, { timeout: TIMEOUT }).toBe('received');
    // Gone from the queue.
    await desk.getByTestId('nav-prereview').click();
    await desk.getByTestId('prereview-table').waitFor();
    await expect.poll(() => desk.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`).count()).toBe(0);

    await (await portalNav(phone, 'my-cases-link')).click();
    const card = phone.locator(`[data-testid="my-case"][data-case-no="${caseNo}"]`);
    await card.locator('[data-testid="my-status"][data-status="received"]').waitFor();
    expect(await card.getByTestId('my-visits').textContent()).toBe('0 次');
    await expectNoHorizontalScroll(phone);
    await phone.screenshot({ path: path.join(ARTIFACTS, 'online-apply-my-cases-375.png'), fullPage: true });

    // English is one click away, and the case reads in English.
    await (await portalNav(phone, 'lang-switch')).getByText('English').click();
    await phone.getByText('My cases', { exact: true }).first().waitFor();
    expect(await card.getByTestId('my-status').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await expectNoHorizontalScroll(phone);
    await (await portalNav(phone, 'lang-switch')).getByText('中文').click();

    expect(phoneErrors).toEqual([]);
    expect(deskErrors).toEqual([]);
  }, TIMEOUT * 2);
});
