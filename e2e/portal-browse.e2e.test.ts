/**
 * The public portal's ways in: an item found by its pinyin initials, items browsed by a business
 * event (我要开餐馆), and a blank form an administrator uploads in the item editor, downloaded from the guide.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PDF, startApplicantServer, type ApplicantServer } from '../test/helpers/applicant.js';
import { closeAll, collectPageErrors, ensureWebBuilt, injectAxe, launchBrowser } from './browser.js';

const TIMEOUT = 60_000;
const ARTIFACTS = path.resolve('test-artifacts');

/** axe-core's serious and critical violations inside one part of the page (the rest is other pages' business), described briefly. */
async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  await injectAxe(page);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (ctx: object, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run({ include: [[selector]] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) }));
  }, selector);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.targets.join(' | ')}`);
}

/** antd puts a test id on the input itself or on its wrapper, depending on the component. */
const field = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

describe('portal: search by initials, browse by event, download a blank form', () => {
  let server: ApplicantServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startApplicantServer();
    browser = await launchBrowser();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  }, 240_000);

  afterAll(() => closeAll(browser, server, contexts), 60_000);

  async function newPage(viewport = { width: 1366, height: 900 }) {
    const context = await browser!.newContext({ locale: 'zh-CN', viewport, acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    page.setDefaultNavigationTimeout(TIMEOUT);
    return { page, errors: collectPageErrors(page) };
  }

  it('finds 食品经营许可 by its initials spjy and opens its guide', async () => {
    const { page, errors } = await newPage({ width: 375, height: 800 });
    await page.goto(`${server!.url}/`);
    await field(page, 'portal-search').fill('spjy');
    await field(page, 'portal-search').press('Enter');
    await page.waitForURL(/q=spjy/);
    const hit = page.getByTestId('result-link').filter({ hasText: /^食品经营许可$/ });
    await hit.waitFor();
    await hit.click();
    await page.waitForURL(/item=/);
    await expect(page.getByTestId('guide-name').textContent()).resolves.toBe('食品经营许可');
    await page.getByTestId('guide-materials').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-browse-initials-guide-375.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('browses by the event 我要开餐馆 and sees its items', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${server!.url}/`);
    // The home page offers the topics too.
    await page.locator('[data-testid="event-chip"][data-slug="open-restaurant"]').waitFor();
    await page.getByTestId('events-nav').click();
    await page.getByTestId('events-page').waitFor();
    // Both kinds are there, with 新生儿出生 among the life events.
    await page.getByTestId('events-life').getByText('新生儿出生').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-browse-events.png'), fullPage: true });
    await page.getByTestId('events-business').locator('[data-testid="event-link"][data-slug="open-restaurant"]').click();
    await page.waitForURL(/event=open-restaurant/);
    await expect(page.getByTestId('event-name').textContent()).resolves.toBe('我要开餐馆');
    const items = page.getByTestId('event-item-link');
    await items.first().waitFor();
    const names = await items.allTextContents();
    expect(names).toEqual(expect.arrayContaining(['食品经营许可', '个体工商户设立登记']));
    expect(names).not.toContain('结婚登记');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-browse-event-restaurant.png'), fullPage: true });
    // An item opens its guide; "back to the list" returns to the event.
    await items.filter({ hasText: /^食品经营许可$/ }).click();
    await page.waitForURL(/item=/);
    await expect(page.getByTestId('guide-name').textContent()).resolves.toBe('食品经营许可');
    await page.getByTestId('guide-back').click();
    await page.waitForURL(/event=open-restaurant/);
    await page.getByTestId('event-items').waitFor();
    // Browse by department leads to that department's items.
    await page.getByTestId('departments-nav').click();
    await page.locator('[data-testid="department-link"][data-code="SCJG"]').click();
    await page.waitForURL(/department=SCJG/);
    await page.getByTestId('result-link').filter({ hasText: /^食品经营许可$/ }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000);

  it('downloads from the guide the blank form an admin uploaded in the item editor', async () => {
    const { page: adminPage, errors: adminErrors } = await newPage();
    const url = server!.url;
    await adminPage.goto(`${url}/login`);
    await adminPage.getByTestId('login-username').fill('admin');
    await adminPage.getByTestId('login-password').fill('onewindow-demo');
    await adminPage.getByTestId('login-submit').click();
    await adminPage.waitForURL(/\/admin\/items/);
    const found = await (await fetch(`${url}/api/items?q=spjy`)).json() as { items: { code: string; name: string }[] };
    const code = found.items.find((i) => i.name === '食品经营许可')!.code;
    await adminPage.goto(`${url}/admin/items/${code}`);
    const panel = adminPage.getByTestId('catalog-files');
    await panel.getByTestId('upload-M01-blank').waitFor();
    const input = panel.locator('tr[data-row-key="M01"] input[type="file"]').first();
    await input.setInputFiles({ name: '食品经营许可申请书.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
    await adminPage.getByText('已上传 食品经营许可申请书.pdf').first().waitFor();
    await panel.getByTestId('admin-file-link').first().waitFor();
    await adminPage.screenshot({ path: path.join(ARTIFACTS, 'portal-browse-admin-forms.png'), fullPage: true });

    // The admin edits an event's description on the events page; the portal shows the new text.
    await adminPage.getByTestId('menu-events').click();
    await adminPage.waitForURL(/\/admin\/events/);
    const row = adminPage.locator('tr', { hasText: '我要开餐馆' });
    await row.getByTestId('event-edit').click();
    const dialog = adminPage.locator('.ant-modal');
    await dialog.locator('#event_description').fill('餐饮开店一次办好（测试）');
    await dialog.locator('.ant-btn-primary').click();
    await adminPage.getByText('已保存').first().waitFor();
    const pub = await (await fetch(`${url}/api/public/events/open-restaurant`)).json() as { description: string };
    expect(pub.description).toBe('餐饮开店一次办好（测试）');
    expect(adminErrors).toEqual([]);

    const { page, errors } = await newPage({ width: 375, height: 800 });
    await page.goto(`${url}/?item=${encodeURIComponent(code)}`);
    // At 375 px the materials are a list, not a table (no sideways scroll); the row is still keyed by the code.
    const link = page.locator('[data-testid="guide-materials"] [data-row-key="M01"] [data-testid="material-download"][data-purpose="blank"]');
    await link.waitFor();
    await expect(link.textContent()).resolves.toContain('空白表格');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('食品经营许可申请书.pdf');
    const saved = path.join(ARTIFACTS, 'portal-browse-download.pdf');
    await download.saveAs(saved);
    expect(new Uint8Array(fs.readFileSync(saved))).toEqual(PDF);
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-browse-guide-downloads-375.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the published real processing time on the guide when cases exist, and nothing when the figure is missing', async () => {
    const url = server!.url;
    const found = await (await fetch(`${url}/api/items?q=spjy`)).json() as { items: { code: string; name: string }[] };
    const code = found.items.find((i) => i.name === '食品经营许可')!.code;

    // The figure comes from GET /api/public/processing-times (the statistics side); here its answer is fixed.
    const { page, errors } = await newPage();
    await page.route('**/api/public/processing-times*', (route) => route.fulfill({
      status: 200, contentType: 'application/json',
      body: JSON.stringify({ from: '2026-10-17', to: '2026-11-15', items: [{
        itemCode: code, itemName: '食品经营许可', departmentName: '市场监督管理局', promisedDays: 5, statutoryDays: 10,
        completed: 23, avgDays: 3.4, p90Days: 5, expectedDate: '2026-11-23',
      }] }),
    }));
    await page.goto(`${url}/?item=${encodeURIComponent(code)}`);
    const card = page.getByTestId('guide-real-time');
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('3.4 个工作日');
    expect(text).toContain('5 个工作日');
    expect(text).toContain('23');
    expect(text).toContain('2026-10-17');
    await card.screenshot({ path: path.join(ARTIFACTS, 'portal-browse-real-time.png') });
    expect(errors).toEqual([]);

    // No completed case: no card.
    await page.unroute('**/api/public/processing-times*');
    await page.route('**/api/public/processing-times*', (route) => route.fulfill({
      status: 200, contentType: 'application/json',
      body: JSON.stringify({ from: '2026-10-17', to: '2026-11-15', items: [{
        itemCode: code, itemName: '食品经营许可', departmentName: '市场监督管理局', promisedDays: 5, statutoryDays: 10,
        completed: 0, avgDays: null, p90Days: null, expectedDate: '2026-11-23',
      }] }),
    }));
    await page.reload();
    await page.getByTestId('guide-materials').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('guide-real-time').count()).toBe(0);

    // The endpoint missing (404): the guide is whole, without the card.
    const { page: other, errors: otherErrors } = await newPage();
    await other.route('**/api/public/processing-times*', (route) => route.fulfill({ status: 404, contentType: 'application/json', body: '{"code":"NOT_FOUND","message":"Not found"}' }));
    await other.goto(`${url}/?item=${encodeURIComponent(code)}`);
    await other.getByTestId('guide-materials').waitFor();
    await other.waitForLoadState('networkidle');
    expect(await other.getByTestId('guide-real-time').count()).toBe(0);
    // The browser itself logs the 404 of the request; nothing else may fail.
    expect(otherErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  }, 120_000);

  it('the browse pages pass axe-core and fit a phone screen', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
      const { page, errors } = await newPage(viewport);
      const found: Record<string, string[]> = {};
      for (const [target, ready, part] of [
        ['/', 'event-strip', 'event-strip'], ['/?events', 'events-page', 'events-page'], ['/?event=open-restaurant', 'event-items', 'event-page'],
        ['/?departments', 'departments-page', 'departments-page'],
      ] as const) {
        await page.goto(`${server!.url}${target}`);
        await page.getByTestId(ready).waitFor();
        // Let antd's enter animations finish: a half-faded element has a misleading contrast.
        await page.waitForTimeout(600);
        const v = await seriousViolations(page, `[data-testid="${part}"]`);
        if (v.length) found[target] = v;
        if (viewport.width < 500) {
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(sideways, `${target} scrolls sideways`).toBeLessThanOrEqual(0);
        }
      }
      expect(found).toEqual({});
      expect(errors).toEqual([]);
    }
  }, 180_000);
});
