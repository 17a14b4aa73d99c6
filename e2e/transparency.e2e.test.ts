/**
 * The public transparency board (阳光政务) at /transparency on the demo history: the table of items
 * with promised limits and real 30-day times, and the hall-screen mode at 1920×1080.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { call, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { closeAll, collectPageErrors, ensureWebBuilt, launchBrowser } from './browser.js';

const TIMEOUT = 60_000;
const NOW = '2026-11-16T05:00:00Z'; // Monday 16 November 2026, 13:00 in China
const ARTIFACTS = path.resolve('test-artifacts');

let s: TestServer;
let browser: Browser;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startTestServer({ now: NOW, seed: false });
  await seedDemo(s.database.db, s.clock.now(), { history: true });
  browser = await launchBrowser();
}, 240_000);

afterAll(() => closeAll(browser, s), 60_000);

describe('transparency board (阳光政务)', () => {
  it('shows today and every item with its promised limit and real times', async () => {
    const board = (await call(s.url, 'GET', '/api/public/transparency')).body;
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const errors = collectPageErrors(page);
    await page.goto(`${s.url}/transparency`);
    await page.getByRole('heading', { name: '阳光政务' }).waitFor();
    await page.locator('[data-testid="times-table"] tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('[data-testid="today-received"]').innerText()).toContain(String(board.intake.received));
    const withData = board.items.find((i: any) => i.avgDays !== null);
    const row = page.locator('[data-testid="times-table"] tbody tr.ant-table-row', { hasText: withData.itemName }).first();
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(withData.departmentName);
    expect(text).toContain(withData.expectedDate);
    expect(text).toContain(`${withData.avgDays}个工作日`);
    await page.getByPlaceholder('搜索事项或部门').fill(withData.itemName);
    expect(await page.locator('[data-testid="times-table"] tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(1);
    await page.getByPlaceholder('搜索事项或部门').fill('');
    await page.screenshot({ path: path.join(ARTIFACTS, 'transparency.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('hall-screen mode fills a 1920×1080 screen with large type and scrolls by itself', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const errors = collectPageErrors(page);
    await page.goto(`${s.url}/transparency?mode=screen`);
    const screen = page.locator('[data-testid="hall-screen"]');
    await screen.waitFor();
    await page.locator('[data-testid="hall-screen"] tbody tr').nth(5).waitFor();
    const box = await screen.boundingBox();
    expect(box).toMatchObject({ width: 1920, height: 1080 });
    const size = await page.locator('[data-testid="hall-screen"] tbody td').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(28);
    // No page scrollbars on the wall; the table scrolls inside.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    const scrolled = await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="hall-screen"] table')?.parentElement;
      return el && el.scrollTop > 0;
    }, undefined, { timeout: 15_000 });
    expect(await scrolled.jsonValue()).toBe(true);
    await page.evaluate(() => { const el = document.querySelector('[data-testid="hall-screen"] table')!.parentElement!; el.scrollTop = 0; });
    await page.screenshot({ path: path.join(ARTIFACTS, 'transparency-screen.png') });
    expect(errors).toEqual([]);
    await context.close();
  });
});
