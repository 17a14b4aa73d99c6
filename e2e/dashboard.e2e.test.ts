/**
 * The leaders' dashboard (/dashboard) and the large screen (/screen) in a real browser: the
 * supervisor signs in and lands on the dashboard, the charts draw, a figure opens to exactly its
 * cases; the large screen fills 1920×1080 and refreshes itself. Screenshots in test-artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { login, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { act, findItem, intake } from '../test/helpers/cases.js';
import { scanCases } from '../src/modules/cases/cases.service.js';
import { refreshStats } from '../src/modules/stats/stats.service.js';
import { collectPageErrors, ensureWebBuilt, launchBrowser } from './browser.js';

const TIMEOUT = 60_000;
const ARTIFACTS = path.resolve('test-artifacts');

let s: TestServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  const desk = await login(s.url, 'desk1');
  const food = await findItem(s, '食品经营许可');
  const shop = await findItem(s, '个体工商户设立登记');
  const scjg = await login(s.url, `approver-${food.department.code.toLowerCase()}`);
  const foods: string[] = [];
  for (let i = 0; i < 4; i++) {
    const no = (await intake(desk, food)).body.caseNo as string;
    expect((await act(scjg, no, 'accept')).status).toBe(200);
    foods.push(no);
  }
  for (let i = 0; i < 3; i++) {
    const no = (await intake(desk, shop)).body.caseNo as string;
    await act(desk, no, 'accept');
    await act(desk, no, 'approve');
    expect((await act(desk, no, 'complete', { data: { resultNo: `GT-${i}` } })).body.status).toBe('completed');
  }
  s.clock.set('2026-11-18T06:00:00Z');
  const scjg2 = await login(s.url, `approver-${food.department.code.toLowerCase()}`);
  await act(scjg2, foods[0]!, 'approve');
  await act(scjg2, foods[0]!, 'complete', { data: { resultNo: 'JY-1' } });
  await act(scjg2, foods[1]!, 'refuse', { comment: '经营场所不符合要求' });
  s.clock.set('2026-11-24T03:00:00Z');
  const desk2 = await login(s.url, 'desk1');
  await intake(desk2, shop);
  await scanCases({ db: s.database.db, clock: s.clock, publicUrl: s.url });
  await refreshStats(s.database.db, s.clock);
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 1000 } });
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await s?.close();
}, 60_000);

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.setDefaultNavigationTimeout(TIMEOUT);
  return { page, errors: collectPageErrors(page) };
}

async function canvasDrawn(page: Page, testId: string): Promise<void> {
  await page.locator(`[data-testid="${testId}"] canvas`).first().waitFor();
  const size = await page.locator(`[data-testid="${testId}"] canvas`).first().evaluate((c: HTMLCanvasElement) => c.width * c.height);
  expect(size).toBeGreaterThan(0);
}

async function closeList(page: Page): Promise<void> {
  await page.locator('.ant-drawer-open .ant-drawer-close').click();
  await page.getByTestId('case-list-title').waitFor({ state: 'hidden' });
}

describe('leaders\' dashboard', () => {
  it('the supervisor lands on /dashboard, the charts draw, and a figure opens to its cases', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${s.url}/login`);
    await page.getByTestId('login-username').fill('supervisor');
    await page.getByTestId('login-password').fill('onewindow-demo');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.getByTestId('kpi-completed').waitFor();
    for (const chart of ['chart-by-day', 'chart-levels', 'chart-ranking', 'chart-days-item', 'chart-by-hour', 'chart-by-weekday']) await canvasDrawn(page, chart);
    expect(await page.getByTestId('link-office').getAttribute('href')).toBe('/office');

    const sup = await login(s.url, 'supervisor');
    const o = (await sup.request('GET', '/api/stats/overview')).body;
    expect(o.totals.completed).toBe(5);
    expect(await page.getByTestId('kpi-completed').textContent()).toContain(String(o.totals.completed));
    await page.getByTestId('kpi-completed').click();
    await page.getByTestId('case-list-title').waitFor();
    await page.waitForFunction((n) => document.querySelector('[data-testid="case-list-total"]')?.textContent?.includes(`共 ${n} 件`), o.totals.completed);
    expect(await page.locator('[data-testid="case-list"] tbody tr.ant-table-row').count()).toBe(o.totals.completed);
    expect(await page.getByTestId('case-list-csv').getAttribute('href')).toContain('/api/stats/cases.csv?figure=completed');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-list.png') });
    await closeList(page);

    // The overdue figure opens to the red case.
    await page.getByTestId('kpi-open_red').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="case-list-total"]')?.textContent?.includes(`共 ${n} 件`), o.open.red);
    await closeList(page);

    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    await page.getByTestId('lang-switch').getByText('English').click();
    await page.getByText('On-time rate').first().waitFor();
    await page.getByTestId('lang-switch').getByText('中文').click();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the large screen fills 1920×1080, refreshes itself, and sends a stranger to the login once', async () => {
    const { page, errors } = await newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${s.url}/screen?refresh=1`);
    await page.getByTestId('screen').waitFor();
    await canvasDrawn(page, 'screen-by-day');
    await canvasDrawn(page, 'screen-levels');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="screen"]')?.getAttribute('data-loads')) >= 2);
    const box = await page.getByTestId('screen').boundingBox();
    expect(box).toMatchObject({ width: 1920, height: 1080 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'screen.png') });
    expect(errors).toEqual([]);
    await page.close();

    const stranger = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1920, height: 1080 } });
    const p2 = await stranger.newPage();
    await p2.goto(`${s.url}/screen?refresh=5`);
    await p2.waitForURL(/\/login\?next=%2Fscreen/);
    await p2.getByTestId('login-username').fill('leader');
    await p2.getByTestId('login-password').fill('onewindow-demo');
    await p2.getByTestId('login-submit').click();
    await p2.waitForURL((u) => u.pathname === '/screen');
    await p2.getByTestId('screen').waitFor();
    await stranger.close();
  });
});
