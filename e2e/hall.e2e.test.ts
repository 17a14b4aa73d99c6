/**
 * A morning in the hall, in real browsers: tickets are taken, the window panel (/window/1) calls
 * them, and the display board (/board, 1920×1080) shows each call live and announces it in the
 * hall's words (请A001号到1号窗口办理) — by voice where the browser has one, by a chime otherwise.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { call, login, startTestServer } from '../test/helpers/test-server.js';
import { ARTIFACTS, browserSuite, openPage, signInAs } from './browser.js';

let board: Page;
let panel: Page;
let pad: Page;
let boardErrors: string[];
let panelErrors: string[];
let padErrors: string[];

const env = browserSuite(
  () => startTestServer({ now: '2026-11-16T01:30:00Z' }), // Monday 09:30 in Beijing
  async (b) => {
    ({ page: board, errors: boardErrors } = await openPage(b, { viewport: { width: 1920, height: 1080 } }));
    ({ page: panel, errors: panelErrors } = await openPage(b));
    ({ page: pad, errors: padErrors } = await openPage(b, { viewport: { width: 1280, height: 800 }, hasTouch: true }));
  },
);

const staffLogin = (p: Page, username: string, next: string) => signInAs(p, env.server.url, username, next, { arrive: true });

describe('queue, window panel and display board', () => {
  it('calls tickets from the panel and the board shows and announces each call', async () => {
    const a1 = await call(env.server.url, 'POST', '/api/public/queue/tickets', { category: 'A' });
    const a2 = await call(env.server.url, 'POST', '/api/public/queue/tickets', { category: 'A' });
    expect([a1.body.ticketNo, a2.body.ticketNo]).toEqual(['A001', 'A002']);

    await board.goto(`${env.server.url}/board`);
    await board.locator('.board-live.on').waitFor();
    await expect.poll(() => board.locator('[data-category="A"] td').first().textContent()).toContain('2');

    await staffLogin(panel, 'desk1', '/window/1');
    await panel.getByRole('button', { name: '叫下一号' }).click();
    await expect.poll(() => panel.getByTestId('current-ticket').textContent()).toBe('A001');

    await expect.poll(() => board.getByTestId('announcement').textContent(), { timeout: 15_000 }).toBe('请A001号到1号窗口办理');
    await expect.poll(() => board.locator('[data-window="1"] .board-window-ticket').textContent()).toBe('A001');
    const announced = await board.evaluate(() => document.body.dataset.announced ?? '');
    expect(announced).toMatch(/^(voice|chime):请A001号到1号窗口办理$/);

    // Serve A001; the window's pad then asks the applicant for a rating.
    await pad.goto(`${env.server.url}/pad?window=1`);
    await pad.getByTestId('pad-idle').waitFor();
    await panel.getByRole('button', { name: '开始办理' }).click();
    await panel.getByRole('button', { name: /办\s*结/ }).click();
    await pad.getByRole('button', { name: '满意', exact: true }).click({ timeout: 15_000 });
    await expect.poll(() => pad.getByTestId('pad-thanks').textContent()).toBe('感谢您的评价！');
    const rated = await (await login(env.server.url, 'supervisor')).request('GET', '/api/ratings/satisfaction');
    expect(rated.body.byWindow).toEqual([{ key: '1号窗口', ratings: 1, bad: 0, satisfactionRate: 100 }]);
    await pad.screenshot({ path: path.join(ARTIFACTS, 'pad.png') });
    await panel.getByRole('button', { name: '叫下一号' }).click();
    await expect.poll(() => panel.getByTestId('current-ticket').textContent()).toBe('A002');
    await expect.poll(() => board.getByTestId('announcement').textContent(), { timeout: 15_000 }).toBe('请A002号到1号窗口办理');
    await panel.getByRole('button', { name: /重\s*呼/ }).click();
    await expect.poll(() => board.evaluate(() => (document.body.dataset.announced ?? '').split('|').length), { timeout: 15_000 }).toBe(3);

    const done = await login(env.server.url, 'desk1');
    const tickets = (await done.request('GET', '/api/queue/tickets')).body as { ticketNo: string; status: string }[];
    expect(tickets.find((t) => t.ticketNo === 'A001')?.status).toBe('done');
    expect(tickets.find((t) => t.ticketNo === 'A002')?.status).toBe('called');

    await board.screenshot({ path: path.join(ARTIFACTS, 'board.png') });
    await panel.screenshot({ path: path.join(ARTIFACTS, 'window-panel.png') });
    expect(boardErrors).toEqual([]);
    expect(panelErrors).toEqual([]);
    expect(padErrors).toEqual([]);
  });
});
