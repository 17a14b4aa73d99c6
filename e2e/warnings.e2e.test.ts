/**
 * Warning alerts and held-back results in /office in a real browser (real server, demo center): a
 * case turns yellow through the scan, its department's approver sees the alert with a badge and
 * marks it read; a decided case left for more than a day shows on the held-back page, for the
 * approver and the supervisor. Screenshots go to test-artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { login, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { act, findItem, intake } from '../test/helpers/cases.js';
import { scanCases } from '../src/modules/cases/cases.service.js';
import { closeAll, ensureWebBuilt, launchBrowser, openPage, signInThrough } from './browser.js';

const ARTIFACTS = path.resolve('test-artifacts');

let s: TestServer;
let browser: Browser;
const planted = { yellow: '', held: '' };

const newPage = () => openPage(browser);

const signIn = (page: Page, username: string, next: string) => signInThrough(page, s.url, username, next, { landsUnder: '/office' });

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `warnings-${name}.png`), fullPage: true });
}

beforeAll(async () => {
  await ensureWebBuilt();
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' }); // Monday 10:00 local
  const food = await findItem(s, '食品经营许可');
  const desk = await login(s.url, 'desk1');
  const approver = await login(s.url, 'approver-scjg');
  planted.yellow = (await intake(desk, food)).body.caseNo;
  expect((await act(approver, planted.yellow, 'accept')).status).toBe(200);
  planted.held = (await intake(desk, food)).body.caseNo;
  expect((await act(approver, planted.held, 'accept')).status).toBe(200);
  expect((await act(approver, planted.held, 'approve')).status).toBe(200);
  s.clock.set('2026-11-18T02:00:00Z'); // Wednesday: 3 working days left → yellow; the approval is 48 h old
  await scanCases({ db: s.database.db, clock: s.clock, publicUrl: s.url });
  browser = await launchBrowser();
}, 300_000);

afterAll(() => closeAll(browser, s), 60_000);

describe('warning alerts and held-back results', () => {
  it('the approver sees the alert with a badge, marks it read, and sees the held-back case', async () => {
    const { page, errors } = await newPage();
    await signIn(page, 'approver-scjg', '/office/alerts');
    await page.getByTestId('alerts-page').waitFor();
    const row = page.getByTestId('alerts-table').locator('tr', { hasText: planted.yellow });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('黄牌');
    await expect(page.getByTestId('alerts-badge').textContent()).resolves.toMatch(/[1-9]/);
    await shot(page, 'approver-alerts');
    await row.getByTestId('alert-mark-read').click();
    await row.getByText(/已读/).waitFor();
    await page.getByTestId('nav-held-back').click();
    await page.getByTestId('held-back-page').waitFor();
    await page.getByTestId('held-back-table').locator('tr', { hasText: planted.held }).waitFor();
    await expect(page.getByTestId('held-back-table').textContent()).resolves.not.toContain(planted.yellow);
    await shot(page, 'approver-held-back');
    expect(errors).toEqual([]);
  }, 120_000);

  it('the supervisor sees every department\'s alerts with the counts, and the held-back list', async () => {
    const { page, errors } = await newPage();
    await signIn(page, 'supervisor', '/office/alerts');
    await page.getByTestId('alert-counts').waitFor();
    await page.getByTestId('alerts-table').locator('tr', { hasText: planted.yellow }).waitFor();
    await shot(page, 'supervisor-alerts');
    await page.getByTestId('nav-held-back').click();
    await page.getByTestId('held-back-table').locator('tr', { hasText: planted.held }).waitFor();
    await shot(page, 'supervisor-held-back');
    expect(errors).toEqual([]);
  }, 120_000);
});
