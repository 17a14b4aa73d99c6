/**
 * The dashboard's three-level network in a real browser: the leader filters the figures by where the
 * cases were taken (county / township / village), opens the network page (三级网络) with a row per
 * township and village, and drills down from a village to its proxy cases.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { login, startTestServer, type Session, type TestServer } from '../test/helpers/test-server.js';
import { allMaterials, findItem, intake, PERSON } from '../test/helpers/cases.js';
import { refreshStats } from '../src/modules/stats/stats.service.js';
import { ARTIFACTS, closeAll, collectPageErrors, ensureWebBuilt, launchBrowser, pickOption, signInAs } from './browser.js';

const TIMEOUT = 60_000;
let s: TestServer;
let browser: Browser;
let context: BrowserContext;
const village: string[] = [];

async function proxy(agent: Session, item: Awaited<ReturnType<typeof findItem>>, channel: 'village' | 'township', name: string) {
  const res = await agent.request('POST', '/api/cases', {
    itemCode: item.code, applicant: { ...PERSON, name, phone: '13700001111' }, channel, materials: allMaterials(item), authorization: { kind: 'paper' },
  });
  expect(res.status).toBe(201);
  return res.body.caseNo as string;
}

beforeAll(async () => {
  await ensureWebBuilt();
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  const welfare = await findItem(s, '最低生活保障审核确认');
  const dj = await login(s.url, 'agent-hp-cg-dj');
  const station = await login(s.url, 'station-hp-xk');
  for (const name of ['钱七', '孙八', '李九']) village.push(await proxy(dj, welfare, 'village', name));
  await proxy(station, welfare, 'township', '吴十');
  const desk = await login(s.url, 'desk1');
  for (let i = 0; i < 2; i++) expect((await intake(desk, welfare)).status).toBe(201);
  await refreshStats(s.database.db, s.clock);
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 1000 } });
}, 240_000);

afterAll(() => closeAll(browser, s, [context]), 60_000);

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  return { page, errors: collectPageErrors(page) };
}

const kpi = (page: Page, figure: string) => page.getByTestId(`kpi-${figure}`).locator('.ant-statistic-content-value');

describe('three-level network on the dashboard', () => {
  it('the leader filters the figures by level and opens the village cases behind them', async () => {
    const { page, errors } = await newPage();
    await signInAs(page, s.url, 'leader');
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.waitForFunction(() => document.querySelector('[data-testid="kpi-received"] .ant-statistic-content-value')?.textContent === '6');
    await pickOption(page, 'filter-level', '村');
    await page.waitForFunction(() => document.querySelector('[data-testid="kpi-received"] .ant-statistic-content-value')?.textContent === '3');
    await pickOption(page, 'filter-level', '县级');
    await page.waitForFunction(() => document.querySelector('[data-testid="kpi-received"] .ant-statistic-content-value')?.textContent === '2');
    await pickOption(page, 'filter-level', '乡镇');
    await page.waitForFunction(() => document.querySelector('[data-testid="kpi-received"] .ant-statistic-content-value')?.textContent === '1');
    await pickOption(page, 'filter-level', '村');
    await page.waitForFunction(() => document.querySelector('[data-testid="kpi-received"] .ant-statistic-content-value')?.textContent === '3');
    await page.getByTestId('kpi-received').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="case-list-total"]')?.textContent?.includes('共 3 件'));
    const listed = await page.locator('[data-testid="case-list"] tbody tr.ant-table-row td:first-child').allTextContents();
    expect(new Set(listed)).toEqual(new Set(village));
    expect(await page.getByTestId('case-list-csv').getAttribute('href')).toContain('level=village');
    expect(await kpi(page, 'received').textContent()).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the network page shows a row per township and village, a chart, and drills down to a village\'s cases', async () => {
    const { page, errors } = await newPage();
    await signInAs(page, s.url, 'leader');
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.getByTestId('link-network').click();
    await page.getByTestId('net-report').waitFor();
    await page.waitForURL((u) => u.searchParams.get('view') === 'network');
    for (const code of ['HP', 'HP-CG', 'HP-CG-DJ', 'HP-SQ', 'HP-SQ-SM', 'HP-XK', 'HP-XK-LT', 'HP-XK-SP']) await page.getByTestId(`net-row-${code}`).waitFor();
    const dj = page.getByTestId('net-row-HP-CG-DJ');
    expect(await dj.locator('td').nth(0).textContent()).toBe('城关镇东街社区便民服务室');
    expect(await dj.locator('td').nth(1).textContent()).toBe('3');
    expect(await page.getByTestId('net-row-HP-XK').locator('td').nth(1).textContent()).toBe('1');
    expect(await page.getByTestId('net-total').locator('td').nth(1).textContent()).toBe('4');
    await page.locator('[data-testid="net-chart"] canvas').first().waitFor();
    expect(await page.getByTestId('net-print').getAttribute('href')).toBe('/print/network/report?month=2026-11');
    expect(await page.getByTestId('net-xlsx').getAttribute('href')).toContain('/api/network/report.xlsx?month=2026-11');
    await dj.click();
    await page.getByTestId('net-cases-title').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="net-cases-total"]')?.textContent?.includes('共 3 件'));
    const listed = await page.locator('[data-testid="net-cases"] tbody tr.ant-table-row td:first-child').allTextContents();
    expect(new Set(listed)).toEqual(new Set(village));
    // Names are masked in the list.
    expect(await page.locator('[data-testid="net-cases"]').textContent()).toContain('钱*');
    expect(await page.locator('[data-testid="net-cases"]').textContent()).not.toContain('钱七');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-network.png'), fullPage: true });
    // Back to the overview with the browser's back button.
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await page.goBack();
    await page.getByTestId('kpi-received').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
