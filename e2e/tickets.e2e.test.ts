/**
 * Taking a ticket (取号) in real browsers: at the kiosk (1080×1920) by tapping a category, the slip
 * printed from a hidden frame, the ticket followed on a 375 px phone through /?ticket=<token> until a
 * window calls it, an appointment holder's priority ticket, and the desk's 代取号 on the window panel.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, login, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { closeAll, collectPageErrors, ensureWebBuilt, launchBrowser, openKioskPage, seriousAxeViolations, signInAs, smallTouchTargets, tapKeys } from './browser.js';

const TIMEOUT = 60_000;
const NOW = '2026-11-16T02:00:00Z'; // Monday 16 November 2026, 10:00 in China
const CHECK_IN_AT = '2026-11-16T02:10:00Z'; // 10:10, inside the 10:30 slot's check-in window
const ARTIFACTS = path.resolve('test-artifacts');
const MOBILE = '13700000009';

let s: TestServer;
let browser: Browser;
let kioskCtx: BrowserContext;
let kiosk: Page;
let kioskErrors: string[];
let bookingCode = '';
let token = '';

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startTestServer({ now: NOW });
  const slots = await call(s.url, 'GET', '/api/public/appointments/slots?category=SS&from=2026-11-16&to=2026-11-16');
  expect(slots.status, JSON.stringify(slots.body)).toBe(200);
  const slot = (slots.body.slots as { id: number; start: string }[]).find((x) => x.start === '10:30');
  const booked = await call(s.url, 'POST', '/api/public/appointments', { category: 'SS', slotId: slot!.id, name: '李四', mobile: MOBILE });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  bookingCode = booked.body.code as string;
  s.clock.set(CHECK_IN_AT);

  browser = await launchBrowser();
  ({ context: kioskCtx, page: kiosk, errors: kioskErrors } = await openKioskPage(browser));
}, 240_000);

afterAll(() => closeAll(browser, s, [kioskCtx]), 60_000);

/** Every enabled button is a finger-sized target, the page never scrolls, and axe finds nothing serious. */
async function expectKioskFit(page: Page, what: string): Promise<void> {
  expect(await smallTouchTargets(page), what).toEqual([]);
  const scroll = await page.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight);
  expect(scroll, what).toBe(0);
  expect(await seriousAxeViolations(page), what).toEqual([]);
}

const prints = () => kiosk.evaluate(() => window.__kioskPrints ?? 0);

describe('taking and following a ticket', () => {
  it('takes a ticket at the kiosk by tapping a category, shows it with a QR code and prints the slip', async () => {
    await kiosk.goto(`${s.url}/kiosk`);
    const tile = kiosk.getByTestId('kiosk-tile-ticket');
    expect(await tile.isDisabled()).toBe(false);
    await tile.click();
    const a = kiosk.getByTestId('kiosk-category-A');
    await a.waitFor();
    expect(await a.textContent()).toContain('综合受理');
    expect(await a.textContent()).toContain('等候 0 人');
    // Nobody sits at a window yet, so no made-up wait.
    expect(await a.textContent()).toContain('窗口暂未开放');
    await expectKioskFit(kiosk, 'categories');
    await kiosk.screenshot({ path: path.join(ARTIFACTS, 'tickets-kiosk-categories.png') });

    await a.click();
    await kiosk.getByTestId('kiosk-ticket-done').waitFor();
    expect(await kiosk.getByTestId('kiosk-ticket-no').textContent()).toBe('A001');
    expect(await kiosk.getByTestId('kiosk-ticket-ahead').textContent()).toBe('0 人');
    expect(await kiosk.locator('.kiosk-ticket-qr canvas, .kiosk-ticket-qr svg').count()).toBeGreaterThan(0);
    const src = (await kiosk.getByTestId('kiosk-ticket-frame').getAttribute('src'))!;
    expect(src).toMatch(/^\/print\/queue-ticket\/[\w-]+$/);
    token = decodeURIComponent(src.split('/').pop()!);
    await expect.poll(prints).toBe(1);
    await expectKioskFit(kiosk, 'ticket');
    await kiosk.screenshot({ path: path.join(ARTIFACTS, 'tickets-kiosk-ticket.png') });

    await kiosk.getByTestId('kiosk-ticket-reprint').click();
    await expect.poll(prints).toBe(2);

    // The same screen on a landscape kiosk: the number and the reprint button stay on screen.
    await kiosk.setViewportSize({ width: 1920, height: 1080 });
    await expectKioskFit(kiosk, 'ticket, landscape');
    for (const id of ['kiosk-ticket-no', 'kiosk-ticket-reprint']) {
      const box = (await kiosk.getByTestId(id).boundingBox())!;
      expect(box.y, id).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, id).toBeLessThanOrEqual(1080);
    }
    await kiosk.screenshot({ path: path.join(ARTIFACTS, 'tickets-kiosk-ticket-landscape.png') });
    await kiosk.setViewportSize({ width: 1080, height: 1920 });

    // The ticket the server knows is the one on the screen.
    const followed = await call(s.url, 'GET', `/api/public/queue/tickets/${token}`);
    expect(followed.body).toMatchObject({ ticketNo: 'A001', status: 'waiting', source: 'kiosk', priority: false });
    expect(kioskErrors).toEqual([]);
  });

  it('serves the slip page with the number', async () => {
    const res = await fetch(`${s.url}/print/queue-ticket/${token}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('A001');
    expect(html).toContain('综合受理');
    expect(html).toContain('过号请重新取号');
    expect(html).toMatch(/<div class="doc-qr"><svg/);
    const page = await kioskCtx.newPage();
    try {
      await page.goto(`${s.url}/print/queue-ticket/${token}`);
      expect(await page.locator('.ticket-no').textContent()).toBe('A001');
      await page.screenshot({ path: path.join(ARTIFACTS, 'tickets-slip.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('follows the ticket on a phone until a window calls it', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    try {
      const phone = await ctx.newPage();
      phone.setDefaultTimeout(TIMEOUT);
      const errors = collectPageErrors(phone);
      // The page refreshes every 10 s: on Playwright's clock, so no real waiting.
      await phone.clock.install();
      await phone.goto(`${s.url}/?ticket=${token}`);
      await phone.getByTestId('ticket-no').waitFor();
      expect(await phone.getByTestId('ticket-no').textContent()).toBe('A001');
      expect(await phone.getByTestId('ticket-status').textContent()).toBe('等候中');
      expect(await phone.getByTestId('ticket-ahead').textContent()).toBe('0 人');
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
      await phone.screenshot({ path: path.join(ARTIFACTS, 'tickets-phone-waiting.png') });

      const desk1 = await login(s.url, 'desk1');
      expect((await desk1.request('POST', '/api/queue/windows/1/sit')).status).toBe(200);
      const called = await desk1.request('POST', '/api/queue/windows/1/call-next');
      expect(called.body.called.ticketNo).toBe('A001');

      // Before the next refresh the page still shows the old state; after it, the window.
      expect(await phone.getByTestId('ticket-status').textContent()).toBe('等候中');
      await phone.clock.runFor(10_500);
      await expect.poll(() => phone.getByTestId('ticket-status').textContent()).toBe('请到1号窗口');
      expect(await phone.getByTestId('ticket-status').getAttribute('data-status')).toBe('called');
      await phone.screenshot({ path: path.join(ARTIFACTS, 'tickets-phone-called.png') });

      // A made-up token is a clear "not found", not an error.
      await phone.goto(`${s.url}/?ticket=nope`);
      await phone.getByTestId('ticket-not-found').waitFor();
      // The only console errors are the browser's notes of that expected 404.
      expect(errors.filter((e) => !/status of 404 .*\/api\/public\/queue\/tickets\/nope/.test(e))).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('gives an appointment holder a priority ticket at the kiosk, ahead of an earlier walk-in', async () => {
    const walkIn = await call(s.url, 'POST', '/api/public/queue/tickets', { category: 'B' });
    expect(walkIn.body.ticketNo).toBe('B001');

    await kiosk.getByTestId('kiosk-home').click();
    await kiosk.getByTestId('kiosk-tile-ticket').click();
    await kiosk.getByTestId('kiosk-ticket-has-booking').click();
    await kiosk.getByTestId('kiosk-ticket-booking-form').waitFor();
    await tapKeys(kiosk, bookingCode);
    expect(await kiosk.getByTestId('kiosk-ticket-code').inputValue()).toBe(bookingCode);
    await kiosk.getByTestId('kb-enter').click();
    await kiosk.locator('[data-testid="kiosk-keyboard"][data-layout="numeric"]').waitFor();
    await tapKeys(kiosk, MOBILE);
    await kiosk.getByTestId('kiosk-ticket-booking-next').click();
    expect(await kiosk.getByTestId('kiosk-ticket-booking').textContent()).toContain(bookingCode);

    // The booking is for 商事登记 (B): another category is refused and issues nothing.
    await kiosk.getByTestId('kiosk-category-C').click();
    await kiosk.getByTestId('kiosk-ticket-failed').filter({ hasText: '不属于该业务类别' }).waitFor();

    await kiosk.getByTestId('kiosk-category-B').click();
    await kiosk.getByTestId('kiosk-ticket-done').waitFor();
    expect(await kiosk.getByTestId('kiosk-ticket-no').textContent()).toBe('B002');
    expect(await kiosk.getByTestId('kiosk-ticket-priority').textContent()).toContain('预约优先');
    // Called before B001, taken earlier without a booking.
    expect(await kiosk.getByTestId('kiosk-ticket-ahead').textContent()).toBe('0 人');
    await kiosk.screenshot({ path: path.join(ARTIFACTS, 'tickets-kiosk-priority.png') });

    const tickets = await (await login(s.url, 'desk1')).request('GET', '/api/queue/tickets');
    const mine = (tickets.body as { ticketNo: string; priority: boolean; appointmentCode: string | null }[]).find((t) => t.ticketNo === 'B002');
    expect(mine).toMatchObject({ priority: true, appointmentCode: bookingCode });
    expect((tickets.body as { ticketNo: string }[]).filter((t) => t.ticketNo.startsWith('C'))).toEqual([]);
    // The only console error is the browser's note of the refused category (400).
    expect(kioskErrors.filter((e) => !/status of 400 .*\/api\/public\/queue\/tickets\)/.test(e))).toEqual([]);
  });

  it('issues a ticket at the window panel (代取号) and links its slip', async () => {
    const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
    try {
      const panel = await ctx.newPage();
      panel.setDefaultTimeout(TIMEOUT);
      const errors = collectPageErrors(panel);
      await signInAs(panel, s.url, 'desk2', '/window/2');
      await panel.waitForURL('**/window/2');
      await panel.getByTestId('issue-ticket').click();
      await panel.getByRole('radio', { name: /C 社保医保/ }).check();
      await panel.getByTestId('issue-mobile').fill('13800138000');
      await panel.getByTestId('issue-ok').click();
      await expect.poll(() => panel.getByTestId('issued-ticket').textContent()).toBe('C001');
      const href = (await panel.getByTestId('issue-print').getAttribute('href'))!;
      expect(href).toMatch(/^\/print\/queue-ticket\/[\w-]+$/);
      await panel.screenshot({ path: path.join(ARTIFACTS, 'tickets-window-issued.png') });
      const slip = await fetch(`${s.url}${href}`);
      expect(slip.status).toBe(200);
      expect(await slip.text()).toContain('C001');
      const followed = await call(s.url, 'GET', `/api/public/queue/tickets/${href.split('/').pop()}`);
      expect(followed.body).toMatchObject({ ticketNo: 'C001', source: 'desk', mobile: '138****8000' });
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
