/**
 * The front desk (综合受理) at a 1366×768 window: a complete application taken in with the keyboard
 * only and its receipt printed to PDF; an incomplete one with the one-time supplement notice; the
 * applicant's return with the missing materials; the delivery window; live validation of ID numbers;
 * and a clear "no access" page for a user who is not a window clerk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { login, startTestServer, type Session, type TestServer } from '../test/helpers/test-server.js';
import { act, allMaterials, COMPANY, findItem, PERSON } from '../test/helpers/cases.js';
import { closeAll, collectPageErrors, ensureWebBuilt, launchBrowser, signInAs, submitLogin } from './browser.js';

const TIMEOUT = 60_000;
const NOW = '2026-11-16T02:00:00Z'; // Monday 16 November 2026, 10:00 in China
const ARTIFACTS = path.resolve('test-artifacts');

type Item = Awaited<ReturnType<typeof findItem>>;

/** The data-testid (or, for a radio, its type) of the focused element. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    if (el instanceof HTMLInputElement && el.type === 'radio') return `radio:${el.value}`;
    return el.getAttribute('data-testid') ?? el.tagName.toLowerCase();
  });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let antd's enter animations (field errors, tags) settle
  await page.screenshot({ path: path.join(ARTIFACTS, `desk-${name}.png`) });
}

/** No horizontal scroll at 1366 px: the page is exactly as wide as the window. */
async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** The intake screen fits the 1366×768 window: its columns scroll inside, the page does not. */
async function expectFitsWindow(page: Page): Promise<void> {
  await expectNoHorizontalScroll(page);
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, client: document.documentElement.clientHeight }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** Types into the item search and moves the highlight with the arrow keys to the wanted item, then Enter. */
async function pickItemWithKeys(page: Page, query: string, code: string): Promise<void> {
  expect(await focused(page)).toBe('item-search');
  await page.keyboard.type(query);
  await page.locator(`[data-testid="item-option"][data-code="${code}"]`).waitFor();
  for (let i = 0; i < 50; i++) {
    const active = await page.evaluate(() => {
      const id = document.querySelector('[data-testid="item-search"]')?.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.getAttribute('data-code') : null;
    });
    if (active === code) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="checklist"]').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'material-checkbox');
}

describe('front desk (综合受理)', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let desk: Session;
  let food: Item;
  let supplementCaseNo = '';

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer({ now: NOW });
    browser = await launchBrowser();
    desk = await login(server.url, 'desk1');
    food = await findItem(server, '食品经营许可');
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
    // The browser's clock starts at the server's (test) time and runs on, so "today" is the same day for both.
    await context.clock.install({ time: new Date(NOW) });
    page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.setDefaultNavigationTimeout(TIMEOUT);
    errors = collectPageErrors(page);

    await page.goto(`${server.url}/desk`);
    await page.waitForURL(/\/login\?next=%2Fdesk/);
    await submitLogin(page, 'desk1');
    await page.waitForURL(/\/desk$/);
  }, 240_000);

  afterAll(() => closeAll(browser, server, [context]), 60_000);

  it('takes in a complete application with the keyboard only and prints the receipt', async () => {
    await page.getByTestId('intake-start').waitFor();
    expect(await page.getByTestId('current-user').textContent()).toContain('窗口');
    expect(await page.getByTestId('current-center').textContent()).toContain('和平县');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'item-search');
    await shot(page, 'start');
    await expectFitsWindow(page);

    // Initials find the item; arrows and Enter pick it; the focus lands on the first material.
    await pickItemWithKeys(page, 'spjyxk', food.code);
    expect((await page.getByTestId('item-name').textContent())?.trim()).toBe('食品经营许可');
    expect(await focused(page)).toBe('material-checkbox');

    // Alt+A ticks every required material, and only those.
    await page.keyboard.press('Alt+A');
    const boxes = page.locator('input[data-testid="material-checkbox"]');
    expect(await boxes.count()).toBe(food.materials.length);
    for (const m of food.materials) {
      expect(await page.locator(`input[data-testid="material-checkbox"][data-code="${m.code}"]`).isChecked()).toBe(m.required);
    }

    // Tab through the checklist to the applicant type; the arrow key switches to an organization.
    for (let i = 0; i < 20 && !(await focused(page)).startsWith('radio:'); i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('radio:person');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('radio:organization');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('field-a-name');
    await page.keyboard.type(COMPANY.name);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('field-a-cc');
    await page.keyboard.type(COMPANY.creditCode);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('field-a-phone');
    await page.keyboard.type(COMPANY.phone);
    await page.getByText('材料齐全，提交后出具收件回执').waitFor();
    await shot(page, 'intake');
    await expectFitsWindow(page);

    // Ctrl+Enter submits; the receipt is ready and focused, so Enter prints it.
    await page.keyboard.press('Control+Enter');
    const result = page.locator('[data-testid="intake-result"][data-status="received"]');
    await result.waitFor();
    const caseNo = (await page.getByTestId('result-case-no').textContent())!.trim();
    expect(caseNo).toMatch(/^261116-\d{5}-[\dX]$/);
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'print-primary');
    expect(await page.getByTestId('print-primary').getAttribute('href')).toBe(`/print/cases/${caseNo}/receipt`);
    await shot(page, 'receipt-ready');

    const [receipt] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await receipt.waitForLoadState();
    expect(receipt.url()).toBe(`${server.url}/print/cases/${caseNo}/receipt`);
    const html = await receipt.content();
    expect(html).toContain(caseNo);
    expect(html).toContain('收件回执');
    expect(html).toContain(COMPANY.name);
    const pdf = await receipt.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    fs.writeFileSync(path.join(ARTIFACTS, 'desk-receipt.pdf'), pdf);
    await receipt.close();

    // The server has what the screen said: an organization, every required material provided.
    const saved = await desk.request('GET', `/api/cases/${caseNo}`);
    expect(saved.body.status).toBe('received');
    expect(saved.body.applicant).toMatchObject({ kind: 'organization', name: COMPANY.name, creditCode: COMPANY.creditCode });
    for (const m of saved.body.materials as { code: string; required: boolean; provided: boolean }[]) expect(m.provided).toBe(m.required);
    expect(errors).toEqual([]);
  }, 180_000);

  it('takes in an incomplete application and lists exactly the missing required materials, on screen and on paper', async () => {
    await page.keyboard.press('Alt+N');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'item-search');
    await pickItemWithKeys(page, '食品经营许可', food.code);

    // Only the first material (required) is handed in.
    const first = food.materials[0]!;
    expect(first.required).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.locator(`input[data-testid="material-checkbox"][data-code="${first.code}"]`).isChecked()).toBe(true);

    await page.keyboard.press('Alt+S');
    expect(await focused(page)).toBe('field-a-name');
    await page.keyboard.type(PERSON.name);
    await page.keyboard.press('Enter');
    await page.keyboard.type(PERSON.idNumber);
    await page.keyboard.press('Enter');
    await page.keyboard.type(PERSON.phone);
    await page.keyboard.press('Enter'); // Enter in the last field submits
    const confirm = page.getByTestId('confirm-missing');
    await confirm.waitFor();
    const expected = food.materials.filter((m) => m.required && m.code !== first.code).map((m) => m.name);
    expect(await confirm.locator('li').allTextContents()).toEqual(expected);
    await shot(page, 'confirm-missing');
    await page.keyboard.press('Enter'); // the confirm button has the focus

    await page.locator('[data-testid="intake-result"][data-status="supplement"]').waitFor();
    supplementCaseNo = (await page.getByTestId('result-case-no').textContent())!.trim();
    const onScreen = (await page.getByTestId('missing-item').allTextContents()).map((s) => s.trim());
    expect(onScreen).toEqual(expected);
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'print-primary');
    expect(await page.getByTestId('print-primary').getAttribute('href')).toBe(`/print/cases/${supplementCaseNo}/supplement`);
    await shot(page, 'supplement');
    await expectFitsWindow(page);

    // The printed notice lists the same materials, and nothing else.
    const [notice] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await notice.waitForLoadState();
    expect(notice.url()).toBe(`${server.url}/print/cases/${supplementCaseNo}/supplement`);
    const printed = (await notice.locator('table.list tbody tr td:nth-child(2)').allTextContents()).map((s) => s.trim());
    expect(printed).toEqual(expected);
    expect(await notice.content()).toContain(supplementCaseNo);
    await notice.setViewportSize({ width: 900, height: 1100 });
    await notice.screenshot({ path: path.join(ARTIFACTS, 'desk-supplement-notice.png') });
    await notice.close();

    const saved = await desk.request('GET', `/api/cases/${supplementCaseNo}`);
    expect(saved.body.status).toBe('supplement');
    expect(errors).toEqual([]);
  }, 180_000);

  it('takes the missing materials when the applicant comes back, by case number', async () => {
    // Today's work shows both cases; the supplement one waits for the applicant.
    await page.keyboard.press('Alt+2');
    await page.getByTestId('today-page').waitFor();
    await page.locator(`[data-testid="today-table"] [data-case-no="${supplementCaseNo}"]`).waitFor();
    expect(Number(await page.getByTestId('stat-total').textContent())).toBe(2);
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'today-case-open');
    await shot(page, 'today');
    await expectNoHorizontalScroll(page);

    // The number on the receipt opens the case (typed as read out: no dashes).
    await page.keyboard.type(supplementCaseNo.replace(/-/g, ''));
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="case-page"][data-case-no="${supplementCaseNo}"]`).waitFor();
    await page.getByTestId('resupply').waitFor();
    await page.waitForFunction(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute('data-testid') === 'material-checkbox' && !(el as HTMLInputElement).disabled;
    });

    // Alt+A ticks what is missing; Ctrl+Enter records the resupply.
    await page.keyboard.press('Alt+A');
    for (const m of food.materials.filter((x) => x.required)) {
      expect(await page.locator(`[data-testid="resupply-checklist"] input[data-code="${m.code}"]`).isChecked()).toBe(true);
    }
    await shot(page, 'resupply');
    await page.keyboard.press('Control+Enter');
    await page.locator('[data-testid="case-status"][data-status="received"]').waitFor();
    expect(await page.getByTestId('resupply').count()).toBe(0);

    const saved = await desk.request('GET', `/api/cases/${supplementCaseNo}`);
    expect(saved.body.status).toBe('received');
    expect((saved.body.materials as { required: boolean; provided: boolean }[]).filter((m) => m.required).every((m) => m.provided)).toBe(true);
    await shot(page, 'case');
    await expectNoHorizontalScroll(page);
    expect(errors).toEqual([]);
  }, 180_000);

  it('delivers a completed case at the window to a checked pickup person', async () => {
    // A case completed in the back office (through the API), for an applicant with a phone of their own.
    const phone = '13700002222';
    const created = await desk.request('POST', '/api/cases', { itemCode: food.code, applicant: { ...PERSON, name: '陈出件', phone }, channel: 'window', materials: allMaterials(food) });
    expect(created.status).toBe(201);
    const caseNo = created.body.caseNo as string;
    const scjg = await login(server.url, 'approver-scjg');
    for (const [action, body] of [['accept', {}], ['review-pass', {}], ['approve', {}], ['complete', { data: { resultNo: 'JY13501000000001' } }]] as const) {
      const res = await act(scjg, caseNo, action, body);
      expect(res.status, `${action}: ${JSON.stringify(res.body)}`).toBe(200);
    }

    await page.keyboard.press('Alt+3');
    await page.getByTestId('delivery-page').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="delivery-search"]') !== null || document.activeElement?.getAttribute('data-testid') === 'delivery-search');
    await page.keyboard.type(phone);
    await page.keyboard.press('Enter');

    // The only ready case for that phone is selected; the pickup person is the applicant, pre-filled.
    await page.locator(`[data-testid="delivery-case"][data-case-no="${caseNo}"]`).waitFor();
    const name = page.getByTestId('pickup-name');
    const id = page.getByTestId('pickup-id');
    await page.getByTestId('pickup-form').waitFor();
    expect(await name.inputValue()).toBe('陈出件');
    expect(await id.inputValue()).toBe(PERSON.idNumber);
    expect(await page.getByTestId('delivery-result-no').textContent()).toContain('JY13501000000001');

    // Someone else collects: a wrong ID number is caught as it is typed, then corrected.
    await name.fill('赵六');
    await id.fill('');
    await id.pressSequentially('110105194912310021');
    await page.getByTestId('pickup-id-error').waitFor();
    expect(await page.getByTestId('pickup-id-error').textContent()).toContain('校验位');
    await shot(page, 'delivery');
    await expectNoHorizontalScroll(page);
    await id.fill('');
    await id.pressSequentially(PERSON.idNumber);
    await expect.poll(async () => page.getByTestId('pickup-id-error').count()).toBe(0);
    await page.keyboard.press('Control+Enter');

    await page.getByTestId('delivered-title').waitFor();
    expect(await page.getByTestId('print-pickup').getAttribute('href')).toBe(`/print/cases/${caseNo}/pickup`);
    expect(await page.getByTestId('print-pickup-slip').getAttribute('href')).toBe(`/print/cases/${caseNo}/pickup?layout=slip`);
    await shot(page, 'delivered');

    const saved = await desk.request('GET', `/api/cases/${caseNo}`);
    expect(saved.body.status).toBe('delivered');
    const timeline = await desk.request('GET', `/api/cases/${caseNo}/timeline`);
    const deliver = (timeline.body as { action: string; data: { method?: string; pickupName?: string } }[]).find((e) => e.action === 'deliver');
    expect(deliver?.data).toMatchObject({ method: 'window', pickupName: '赵六' });
    expect(errors).toEqual([]);
  }, 180_000);

  it('decides an immediate item (即办件) on the spot: accept, approve and complete at the window', async () => {
    const item = await findItem(server, '个体工商户设立登记');
    expect(item.kind).toBe('immediate');
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+N');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'item-search');
    await pickItemWithKeys(page, 'gtgsh', item.code);
    await page.keyboard.press('Alt+A');
    await page.keyboard.press('Alt+S');
    await page.keyboard.type('周即办');
    await page.keyboard.press('Enter');
    await page.keyboard.type(PERSON.idNumber);
    await page.keyboard.press('Enter');
    await page.keyboard.type('13700003333');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="intake-result"][data-status="received"]').waitFor();
    const caseNo = (await page.getByTestId('result-case-no').textContent())!.trim();

    const decide = page.getByTestId('immediate-decision');
    await decide.waitFor();
    await page.getByTestId('result-no').fill('92350000MA2YJB0012');
    await page.getByTestId('result-no').press('Enter');
    await page.getByTestId('decision-done').waitFor();
    expect(await page.getByTestId('decision-done').textContent()).toContain('92350000MA2YJB0012');
    await shot(page, 'immediate');
    await expectFitsWindow(page);

    const saved = await desk.request('GET', `/api/cases/${caseNo}`);
    expect(saved.body).toMatchObject({ status: 'completed', resultNo: '92350000MA2YJB0012' });
    const steps = (await desk.request('GET', `/api/cases/${caseNo}/timeline`)).body as { action: string }[];
    expect(steps.map((e) => e.action)).toEqual(['receive', 'accept', 'approve', 'complete']);
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows a wrong ID number or phone as it is typed, before any submit; English is one click away', async () => {
    const before = (await desk.request('GET', '/api/cases?mine=true&pageSize=1')).body.total as number;
    await page.keyboard.press('Alt+1');
    await page.keyboard.press('Alt+N');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'item-search');
    await page.keyboard.press('Alt+S');
    await page.keyboard.type('王五');
    await page.keyboard.press('Enter');
    // A complete number whose check digit is wrong (the valid one ends in X).
    await page.keyboard.type('110105194912310021');
    const idError = page.getByTestId('error-a-id');
    await idError.waitFor();
    expect(await idError.textContent()).toContain('校验位错误');
    expect(await focused(page)).toBe('field-a-id'); // still typing: no blur, no submit
    // An unfinished but so far plausible number is not an error yet; a wrong character is, at once.
    await page.keyboard.press('Enter');
    await page.keyboard.type('1381234');
    expect(await page.getByTestId('error-a-phone').count()).toBe(0);
    await page.keyboard.type('a');
    await page.getByTestId('error-a-phone').waitFor();
    await shot(page, 'validation');

    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByTestId('nav-intake').getByText('Intake').waitFor();
    expect(await idError.textContent()).toContain('check digit');
    await shot(page, 'english');
    await expectFitsWindow(page);
    await page.getByTestId('lang-switch').getByText('中文').click();
    await page.getByTestId('nav-intake').getByText('综合收件').waitFor();

    const after = (await desk.request('GET', '/api/cases?mine=true&pageSize=1')).body.total as number;
    expect(after).toBe(before);
    expect(errors).toEqual([]);
  }, 120_000);

  it('tells a user who is not a window clerk that the desk is not for them', async () => {
    const other = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    const p = await other.newPage();
    p.setDefaultTimeout(TIMEOUT);
    const otherErrors = collectPageErrors(p);
    await signInAs(p, server.url, 'approver-scjg', '/desk');
    await p.waitForURL(/\/desk$/);
    const denied = p.getByTestId('no-access');
    await denied.waitFor();
    expect(await denied.textContent()).toContain('无权使用综合受理');
    expect(await p.getByTestId('item-search').count()).toBe(0);
    await p.screenshot({ path: path.join(ARTIFACTS, 'desk-no-access.png') });
    expect(otherErrors).toEqual([]);
    await other.close();
  }, 60_000);
});
