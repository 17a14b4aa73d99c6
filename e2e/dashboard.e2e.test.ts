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
import { seedDemo } from '../src/db/seed/demo.js';
import { closeAll, collectPageErrors, ensureWebBuilt, FOREIGN_TIMEZONE, launchBrowser, newBrowserContext, signInAs, submitLogin } from './browser.js';

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

afterAll(() => closeAll(browser, s, [context]), 60_000);

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
    await signInAs(page, s.url, 'supervisor');
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
    await submitLogin(p2, 'leader');
    await p2.waitForURL((u) => u.pathname === '/screen');
    await p2.getByTestId('screen').waitFor();
    await stranger.close();
  });
});

/** Pixels of a chart's first series colour (#1d5fb8) below the legend: the bars a person sees. */
async function barPixels(page: Page, testId: string): Promise<number> {
  return page.locator(`[data-testid="${testId}"] canvas`).first().evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const top = Math.round(40 * (c.width / c.clientWidth));
    const { data } = ctx.getImageData(0, top, c.width, c.height - top);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - 0x1d) < 8 && Math.abs(data[i + 1]! - 0x5f) < 8 && Math.abs(data[i + 2]! - 0xb8) < 8) n++;
    return n;
  });
}

describe('the dashboard on a 1366×768 laptop in London, over five months of history', () => {
  let h: TestServer;
  let london: BrowserContext;

  beforeAll(async () => {
    // 02:00 UTC: 10:00 in the center (Shanghai), 02:00 in the browser's London.
    h = await startTestServer({ now: '2026-11-16T02:00:00Z', seed: false });
    await seedDemo(h.database.db, h.clock.now(), { history: true });
    await refreshStats(h.database.db, h.clock);
    london = await newBrowserContext(browser, { timezoneId: FOREIGN_TIMEZONE, viewport: { width: 1366, height: 768 } });
  }, 240_000);

  afterAll(async () => {
    await london?.close();
    await h?.close();
  }, 60_000);

  it('shows China times, whole department names, the slowest items with real bars, units, and a loading state first', async () => {
    const page = await london.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const errors = collectPageErrors(page);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(FOREIGN_TIMEZONE);
    await page.goto(`${h.url}/login?next=%2Fdashboard`);
    // Hold every overview answer until the loading state has been looked at (the page may ask
    // twice while it starts; any answer let through would end the loading state early).
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    await page.route('**/api/stats/overview**', async (route) => {
      await held;
      await route.continue();
    });
    await submitLogin(page, 'supervisor');
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.getByTestId('refreshed-at').waitFor();
    const waiting = await page.getByTestId('refreshed-at').textContent();
    expect(waiting).not.toContain('统计尚未生成');
    expect(waiting).toContain('加载');
    release();

    // 数据更新于: the refresh ran at 02:00 UTC, 10:00 in the center (London would say 02:00).
    await expect.poll(() => page.getByTestId('refreshed-at').textContent()).toContain('数据更新于 2026-11-16 10:00');

    // Units on durations.
    expect(await page.getByTestId('kpi-days').textContent()).toContain('个工作日');
    expect(await page.locator('[data-testid="ranking"] thead').first().textContent()).toContain('工作日');

    // Department names whole: the text fits its cell.
    const cells = page.locator('[data-testid="ranking"] tbody tr.ant-table-row td:nth-child(2)');
    await cells.first().waitFor();
    const fits = await cells.evaluateAll((tds) => tds.map((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      const text = td.textContent ?? '';
      const style = getComputedStyle(td);
      const room = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const width = range.getBoundingClientRect().width;
      const perChar = width / Math.max(1, text.length);
      return { text, visibleChars: Math.min(text.length, Math.floor((room + 0.5) / perChar)), whole: width <= room + 1 };
    }));
    expect(fits.length).toBeGreaterThan(3);
    for (const f of fits) {
      expect(f.visibleChars, f.text).toBeGreaterThanOrEqual(Math.min(4, f.text.length));
      expect(f.whole, f.text).toBe(true);
    }

    // The item-time chart has bars (the slowest items first, not a row of zero-day ones).
    await canvasDrawn(page, 'chart-days-item');
    await expect.poll(() => barPixels(page, 'chart-days-item')).toBeGreaterThan(500);
    // … and they are the slowest items: the top bar is the item with the longest average.
    const sup0 = await login(h.url, 'supervisor');
    const byItem = (await sup0.request('GET', '/api/stats/overview')).body.byItem as { itemName: string; avgDays: number | null; measured: number }[];
    const slowest = Math.max(...byItem.filter((i) => i.measured > 0).map((i) => i.avgDays ?? 0));
    expect(slowest).toBeGreaterThan(0);
    const shown = await page.locator('[data-testid="chart-days-item-data"] tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      name: tr.querySelector('th')?.textContent ?? '', avg: Number(tr.querySelector('td')?.textContent),
    })));
    expect(shown.length).toBeGreaterThan(3);
    expect(shown[0]!.avg).toBeCloseTo(Math.round(slowest * 10) / 10, 5);
    expect(shown.every((r) => r.avg > 0), JSON.stringify(shown)).toBe(true);

    // The drill-down list shows receipt times on the center's clock.
    await page.getByTestId('kpi-completed').click();
    await page.getByTestId('case-list-title').waitFor();
    const firstRow = page.locator('[data-testid="case-list"] tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    const caseNo = (await firstRow.locator('td').first().textContent())!.trim();
    const sup = await login(h.url, 'supervisor');
    const c = (await sup.request('GET', `/api/cases/${caseNo}`)).body;
    const china = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(c.receivedAt)).reduce((a, p) => ({ ...a, [p.type]: p.value }), {} as Record<string, string>);
    expect(await firstRow.textContent()).toContain(`${china.month}-${china.day} ${china.hour}:${china.minute}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-1366-london.png'), fullPage: true });
    await closeList(page);

    // The large screen's item-time chart has bars too.
    await page.goto(`${h.url}/screen`);
    await page.getByTestId('screen').waitFor();
    await canvasDrawn(page, 'screen-days-item');
    await expect.poll(() => barPixels(page, 'screen-days-item')).toBeGreaterThan(300);
    const screenTop = await page.locator('[data-testid="screen-days-item-data"] tbody tr td').first().textContent();
    expect(Number(screenTop)).toBeCloseTo(Math.round(slowest * 10) / 10, 5);
    expect(errors).toEqual([]);
    await page.close();
  });
});
