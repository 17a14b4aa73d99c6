/**
 * The public progress page (办件进度查询) on a phone (375×812), as reached from the QR code on the
 * printed papers or the SMS link `/?progress=<caseNo>`: the right phone shows the status and the due
 * date; a wrong phone gets the same "not found" as an unknown number; English is one click away.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { login, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { act, findItem, intake, PERSON } from '../test/helpers/cases.js';
import { closeAll, ensureWebBuilt, launchBrowser, openPage, PHONE_CONTEXT, portalNav } from './browser.js';

const NOW = '2026-11-16T02:00:00Z'; // Monday 16 November 2026, 10:00 in China
const ARTIFACTS = path.resolve('test-artifacts');

let s: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let caseNo = '';
let dueDate = '';

async function expectNoHorizontalScroll(p: Page): Promise<void> {
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startTestServer({ now: NOW });
  const desk = await login(s.url, 'desk1');
  const item = await findItem(s, '食品经营许可');
  const created = await intake(desk, item);
  expect(created.status).toBe(201);
  caseNo = created.body.caseNo as string;
  const scjg = await login(s.url, 'approver-scjg');
  const accepted = await act(scjg, caseNo, 'accept');
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  dueDate = (await scjg.request('GET', `/api/cases/${caseNo}`)).body.clock.dueDate as string;
  expect(dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  browser = await launchBrowser();
  ({ context, page, errors } = await openPage(browser, PHONE_CONTEXT));
}, 240_000);

afterAll(() => closeAll(browser, s, [context]), 60_000);

describe('public progress page (办件进度查询)', () => {
  it('shows the accepted case and its due date to the applicant on a phone', async () => {
    await page.goto(`${s.url}/?progress=${caseNo}`);
    await page.getByTestId('progress-page').waitFor();
    expect(await page.getByTestId('progress-case-no').inputValue()).toBe(caseNo);
    await page.getByTestId('progress-phone').fill(PERSON.phone);
    await page.getByTestId('progress-submit').click();

    const result = page.locator('[data-testid="progress-result"][data-status="accepted"]');
    await result.waitFor();
    expect((await page.getByTestId('progress-status').textContent())?.trim()).toBe('已受理');
    expect((await page.getByTestId('progress-due-date').textContent())?.trim()).toBe(dueDate);
    expect(await page.getByTestId('progress-item').textContent()).toBe('食品经营许可');
    expect(await page.getByTestId('progress-days-left').textContent()).toMatch(/剩余 \d+ 个工作日/);
    expect(await page.getByTestId('progress-next').textContent()).toBe('部门审查中');
    // Personal data stays masked: not the full name, not the full phone.
    const text = (await result.textContent()) ?? '';
    expect(text).not.toContain(PERSON.name);
    expect(text).not.toContain(PERSON.phone);
    expect(await page.getByTestId('progress-applicant').textContent()).toContain('*');
    // The number stays in the URL (bookmarkable), the phone never does.
    expect(page.url()).toContain(`progress=${caseNo}`);
    expect(page.url()).not.toContain(PERSON.phone);
    await expectNoHorizontalScroll(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-progress-phone.png'), fullPage: true });

    // English keeps the layout.
    await (await portalNav(page, 'lang-switch')).getByText('English').click();
    await page.getByTestId('progress-status').filter({ hasText: 'Accepted' }).waitFor();
    await page.getByTestId('progress-days-left').filter({ hasText: /working day/ }).waitFor();
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-progress-phone-en.png'), fullPage: true });
    await (await portalNav(page, 'lang-switch')).getByText('中文').click();
    await page.getByTestId('progress-status').filter({ hasText: '已受理' }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('a wrong phone gets the same not-found message as an unknown number, without the case', async () => {
    await page.getByTestId('progress-phone').fill('13900000000');
    await page.getByTestId('progress-submit').click();
    await page.getByTestId('progress-not-found').waitFor();
    expect(await page.getByTestId('progress-not-found').textContent()).toContain('未查到办件');
    expect(await page.getByTestId('progress-result').count()).toBe(0);
    const wrongPhone = (await page.getByTestId('progress-not-found').textContent())!;
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-progress-not-found.png'), fullPage: true });

    // An unknown number (well-formed) answers with exactly the same text.
    const unknown = caseNo.replace(/-\d{5}-/, '-99999-');
    await page.getByTestId('progress-case-no').fill(unknown);
    await page.getByTestId('progress-phone').fill(PERSON.phone);
    await page.getByTestId('progress-submit').click();
    await page.waitForURL((u) => u.searchParams.get('progress') === unknown);
    await page.getByTestId('progress-not-found').waitFor();
    expect(await page.getByTestId('progress-not-found').textContent()).toBe(wrongPhone);
    await expectNoHorizontalScroll(page);
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  }, 120_000);

  it('lists every step of a finished case with its department and time, and no staff name', async () => {
    const desk = await login(s.url, 'desk1');
    const scjg = await login(s.url, 'approver-scjg');
    const created = await intake(desk, await findItem(s, '食品经营许可'));
    const no = created.body.caseNo as string;
    for (const [who, action, body] of [
      [scjg, 'accept', {}], [scjg, 'review-pass', {}], [scjg, 'approve', {}],
      [scjg, 'complete', { data: { resultNo: 'JY13501000099999' } }],
      [desk, 'deliver', { data: { method: 'window', pickupName: '李四', pickupIdNumber: '11010519491231002X' } }],
    ] as const) {
      const res = await act(who, no, action, body);
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const staffNames = await Promise.all(['desk1', 'approver-scjg'].map(async (u) => (await (u === 'desk1' ? desk : scjg).request('GET', '/api/auth/me')).body.user.displayName as string));
    const scjgDept = (await scjg.request('GET', '/api/auth/me')).body.user.department.name as string;

    await page.goto(`${s.url}/?progress=${no}`);
    await page.getByTestId('progress-phone').fill(PERSON.phone);
    await page.getByTestId('progress-submit').click();
    const result = page.locator('[data-testid="progress-result"][data-status="delivered"]');
    await result.waitFor();
    expect(await page.getByTestId('progress-completed-at').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.getByTestId('progress-delivered-at').textContent()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // Newest first: each step with its name, the department (or the window) and the time.
    const steps = page.getByTestId('progress-step');
    expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['deliver', 'complete', 'approve', 'review-pass', 'accept', 'receive']);
    const byAction = async (action: string) => {
      const step = page.locator(`[data-testid="progress-step"][data-action="${action}"]`);
      return {
        name: (await step.getByTestId('progress-step-name').textContent())!.trim(),
        dept: (await step.getByTestId('progress-step-department').textContent())!.trim(),
        at: (await step.getByTestId('progress-step-at').textContent())!.trim(),
      };
    };
    for (const [action, name, dept] of [['accept', '受理', scjgDept], ['approve', '审批通过', scjgDept], ['complete', '办结', scjgDept], ['deliver', '出件', '综合受理窗口']]) {
      const step = await byAction(action!);
      expect(step).toMatchObject({ name, dept });
      expect(step.at).toMatch(/^2026-11-16 \d{2}:\d{2}$/);
    }
    const text = (await result.textContent()) ?? '';
    for (const staff of staffNames) expect(text).not.toContain(staff);
    expect(text).not.toContain('李四');
    await expectNoHorizontalScroll(page);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-progress-steps.png'), fullPage: true });
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  }, 120_000);

  it('the portal header leads to the progress page; a bad phone is caught before asking the server', async () => {
    await page.goto(`${s.url}/`);
    await page.getByTestId('portal-results').waitFor();
    await (await portalNav(page, 'progress-link')).click();
    await page.getByTestId('progress-page').waitFor();
    expect(await page.getByTestId('progress-case-no').inputValue()).toBe('');
    await page.getByTestId('progress-case-no').fill(caseNo);
    await page.getByTestId('progress-phone').fill('1381234');
    await page.getByTestId('progress-submit').click();
    await page.getByText('请输入 11 位手机号码').waitFor();
    expect(await page.getByTestId('progress-result').count()).toBe(0);
    expect(await page.getByTestId('progress-not-found').count()).toBe(0);
  }, 60_000);
});
