/**
 * The self-service kiosk (自助终端) at /kiosk on a 1080×1920 portrait and a 1920×1080 landscape touch
 * screen: find an item by pinyin initials typed on the on-screen keyboard, open its guide and print the
 * one-time notification sheet; look up a case by typing it on the keys and by a barcode scanner;
 * check in a booked appointment; the idle reset (on Playwright's fake clock, so no real waiting);
 * an axe-core scan with no serious or critical violations.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, login, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { findItem, intake, PERSON } from '../test/helpers/cases.js';
import { closeAll, ensureWebBuilt, launchBrowser, openKioskPage, seriousAxeViolations, smallTouchTargets, tapKeys } from './browser.js';

const NOW = '2026-11-16T02:00:00Z'; // Monday 16 November 2026, 10:00 in China
const CHECK_IN_AT = '2026-11-16T02:10:00Z'; // 10:10, inside the 10:30 slot's check-in window (10:00–10:45)
const ARTIFACTS = path.resolve('test-artifacts');
const ITEM = '食品经营许可';

const ORIENTATIONS = [
  { name: 'portrait', width: 1080, height: 1920, mobile: '13700000001' },
  { name: 'landscape', width: 1920, height: 1080, mobile: '13700000002' },
] as const;

let s: TestServer;
let browser: Browser;
let caseNo = '';
let caseStatus = '';
const bookings: Record<string, string> = {};

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startTestServer({ now: NOW });
  const desk = await login(s.url, 'desk1');
  const created = await intake(desk, await findItem(s, ITEM));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  caseNo = created.body.caseNo as string;
  caseStatus = (await desk.request('GET', `/api/cases/${caseNo}`)).body.status as string;

  // One booking per orientation, in today's 10:30 slot of 商事登记, made the way the public books.
  const slots = await call(s.url, 'GET', '/api/public/appointments/slots?category=SS&from=2026-11-16&to=2026-11-16');
  expect(slots.status, JSON.stringify(slots.body)).toBe(200);
  const slot = (slots.body.slots as { id: number; start: string; bookable: boolean }[]).find((x) => x.start === '10:30');
  expect(slot?.bookable).toBe(true);
  for (const o of ORIENTATIONS) {
    const booked = await call(s.url, 'POST', '/api/public/appointments', { category: 'SS', slotId: slot!.id, name: '李四', mobile: o.mobile });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    bookings[o.name] = booked.body.code as string;
  }
  s.clock.set(CHECK_IN_AT);

  browser = await launchBrowser();
}, 240_000);

afterAll(() => closeAll(browser, s), 60_000);

const newKioskPage = (width: number, height: number) => openKioskPage(browser, { width, height });

async function expectNoPageScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const header = document.querySelector('.kiosk-header')!;
    return {
      x: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      y: document.documentElement.scrollHeight - document.documentElement.clientHeight,
      // The fixed full-screen frame clips rather than scrolls, so check the header's buttons fit too.
      header: Math.max(0, header.scrollWidth - header.clientWidth),
    };
  });
  expect(overflow).toEqual({ x: 0, y: 0, header: 0 });
}

/** Every enabled button is a finger-sized target. */
async function expectBigTargets(page: Page): Promise<void> {
  expect(await smallTouchTargets(page)).toEqual([]);
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect(await seriousAxeViolations(page), what).toEqual([]);
}

describe.each(ORIENTATIONS)('kiosk at $width×$height ($name)', (o) => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ context, page, errors } = await newKioskPage(o.width, o.height));
  }, 60_000);
  afterAll(async () => {
    await context?.close();
  }, 60_000);

  it('shows the home screen without scrolling, with big buttons', async () => {
    await page.goto(`${s.url}/kiosk`);
    await page.locator('[data-testid="kiosk"][data-screen="home"]').waitFor();
    expect(await page.getByTestId('kiosk-tile-search').textContent()).toContain('事项查询');
    expect(await page.getByTestId('kiosk-tile-progress').textContent()).toContain('进度查询');
    expect(await page.getByTestId('kiosk-tile-checkin').textContent()).toContain('预约签到');
    expect(await page.getByTestId('kiosk-tile-ticket').isDisabled()).toBe(false);
    expect(await page.getByTestId('kiosk-tile-ticket').textContent()).toContain('取号');
    await expectNoPageScroll(page);
    await expectBigTargets(page);
    await expectAccessible(page, 'home');
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-home-${o.name}.png`) });

    await page.getByTestId('kiosk-lang').click();
    await page.getByTestId('kiosk-tile-search').filter({ hasText: 'Find a service' }).waitFor();
    await expectNoPageScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-home-${o.name}-en.png`) });
    await page.getByTestId('kiosk-lang').click();
    await page.getByTestId('kiosk-tile-search').filter({ hasText: '事项查询' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('finds an item by pinyin initials on the on-screen keyboard, opens its guide and prints the notice', async () => {
    await page.getByTestId('kiosk-tile-search').click();
    await page.getByTestId('kiosk-search').waitFor();
    await tapKeys(page, 'spjyx');
    expect(await page.getByTestId('kiosk-search-input').inputValue()).toBe('spjyx');
    await page.getByTestId('kb-backspace').click();
    expect(await page.getByTestId('kiosk-search-input').inputValue()).toBe('spjy');
    // The keys never take the focus from the field, so a physical keyboard types on where they left off.
    await page.getByTestId('kb-clear').click();
    expect(await page.getByTestId('kiosk-search-input').inputValue()).toBe('');
    await page.keyboard.type('spjy');
    expect(await page.getByTestId('kiosk-search-input').inputValue()).toBe('spjy');
    const hit = page.getByTestId('kiosk-result').filter({ has: page.locator('.kiosk-result-name').getByText(ITEM, { exact: true }) });
    await hit.waitFor();
    // Other items whose initials contain spjy may be listed too; the one we want must be.
    const names = await page.locator('.kiosk-result-name').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    expect(names).toContain(ITEM);
    await expectNoPageScroll(page);
    await expectBigTargets(page);
    await expectAccessible(page, 'search');
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-search-${o.name}.png`) });

    await hit.click();
    await page.getByTestId('kiosk-guide').waitFor();
    expect(await page.getByTestId('kiosk-guide-name').textContent()).toBe(ITEM);
    expect(await page.getByTestId('kiosk-guide-materials').locator('li').count()).toBeGreaterThan(0);
    const printButton = page.getByTestId('kiosk-print-notice');
    expect(await printButton.textContent()).toContain('打印一次性告知单');
    expect(await printButton.isVisible()).toBe(true);
    await expectNoPageScroll(page);
    await expectAccessible(page, 'guide');
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-guide-${o.name}.png`) });

    await printButton.click();
    await page.getByTestId('kiosk-printing').waitFor();
    const src = await page.getByTestId('kiosk-print-frame').getAttribute('src');
    expect(src).toMatch(/^\/print\/items\/[^/]+\/notice/);
    await page.waitForFunction(() => (window.__kioskPrints ?? 0) >= 1);
    const sheet = await fetch(`${s.url}${src}`);
    expect(sheet.status).toBe(200);
    const html = await sheet.text();
    expect(html).toContain(ITEM);
    expect(html).toContain('一次性告知');

    // Back returns to the results with the typed initials kept.
    await page.getByTestId('kiosk-back').click();
    await page.getByTestId('kiosk-search').waitFor();
    expect(await page.getByTestId('kiosk-search-input').inputValue()).toBe('spjy');
    await page.getByTestId('kiosk-home').click();
    await page.locator('[data-testid="kiosk"][data-screen="home"]').waitFor();
    expect(errors).toEqual([]);
  });

  it('looks up progress with the case number and phone typed on the keys', async () => {
    await page.getByTestId('kiosk-tile-progress').click();
    await page.getByTestId('kiosk-progress').waitFor();
    await tapKeys(page, caseNo.replace(/-/g, ''));
    expect(await page.getByTestId('kiosk-case-no').inputValue()).toBe(caseNo.replace(/-/g, ''));
    await page.getByTestId('kb-enter').click(); // next field
    await tapKeys(page, PERSON.phone);
    expect(await page.getByTestId('kiosk-phone').inputValue()).toBe(PERSON.phone);
    await page.getByTestId('kiosk-progress-submit').click();
    const result = page.locator(`[data-testid="kiosk-progress-result"][data-status="${caseStatus}"]`);
    await result.waitFor();
    expect(await page.getByTestId('kiosk-case-no').inputValue()).toBe(caseNo);
    expect(await page.getByTestId('kiosk-progress-item').textContent()).toBe(ITEM);
    // Personal data stays masked on a public screen.
    const text = (await result.textContent()) ?? '';
    expect(text).not.toContain(PERSON.name);
    expect(text).not.toContain(PERSON.phone);
    await expectNoPageScroll(page);
    await expectBigTargets(page);
    await expectAccessible(page, 'progress');
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-progress-${o.name}.png`) });
    await page.getByTestId('kiosk-home').click();
    expect(errors).toEqual([]);
  });

  it('opens the progress look-up from a scanned progress link and takes the phone from a physical keyboard', async () => {
    await page.locator('[data-testid="kiosk"][data-screen="home"]').waitFor();
    // A scanner is a keyboard: it types the QR code's link and presses Enter, with nothing focused.
    await page.keyboard.type(`https://yichuangtong.example.gov.cn/?progress=${caseNo}`);
    await page.keyboard.press('Enter');
    await page.getByTestId('kiosk-progress').waitFor();
    expect(await page.getByTestId('kiosk-case-no').inputValue()).toBe(caseNo);
    await page.getByTestId('kiosk-phone').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'kiosk-phone');
    await page.keyboard.type(PERSON.phone);
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="kiosk-progress-result"][data-status="${caseStatus}"]`).waitFor();

    // Scanning into the case-number field replaces the link with the number and looks up at once.
    await page.getByTestId('kiosk-case-no').fill('');
    await page.getByTestId('kiosk-case-no').click();
    await page.keyboard.type(`https://yichuangtong.example.gov.cn/?progress=${caseNo}`);
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="kiosk-progress-result"][data-status="${caseStatus}"]`).waitFor();
    expect(await page.getByTestId('kiosk-case-no').inputValue()).toBe(caseNo);
    await page.getByTestId('kiosk-home').click();
    expect(errors).toEqual([]);
  });

  it('checks in a booked appointment with the code and mobile typed on the keys', async () => {
    await page.getByTestId('kiosk-tile-checkin').click();
    await page.getByTestId('kiosk-checkin').waitFor();
    expect(await page.getByTestId('kiosk-keyboard').getAttribute('data-layout')).toBe('alpha');
    await tapKeys(page, bookings[o.name]!);
    expect(await page.getByTestId('kiosk-booking-code').inputValue()).toBe(bookings[o.name]);
    await page.getByTestId('kb-enter').click();
    await page.locator('[data-testid="kiosk-keyboard"][data-layout="numeric"]').waitFor();
    // A wrong mobile is refused without saying whether the code exists.
    await tapKeys(page, '13900000000');
    await page.getByTestId('kiosk-checkin-submit').click();
    await page.getByTestId('kiosk-checkin-failed').filter({ hasText: '未找到预约' }).waitFor();
    await page.getByTestId('kb-clear').click();
    expect(await page.getByTestId('kiosk-booking-mobile').inputValue()).toBe('');
    expect(await page.getByTestId('kiosk-booking-code').inputValue()).toBe(bookings[o.name]);
    await tapKeys(page, o.mobile);
    await expectAccessible(page, 'check-in form');
    await page.getByTestId('kiosk-checkin-submit').click();
    await page.getByTestId('kiosk-checkin-done').waitFor();
    expect(await page.getByTestId('kiosk-checkin-code').textContent()).toBe(bookings[o.name]);
    expect(await page.getByTestId('kiosk-checkin-category').textContent()).toBe('商事登记');
    expect(await page.getByTestId('kiosk-checkin-slot').textContent()).toContain('10:30');
    await expectNoPageScroll(page);
    await expectAccessible(page, 'check-in done');
    await page.screenshot({ path: path.join(ARTIFACTS, `kiosk-checkin-${o.name}.png`) });

    // The server recorded it as a kiosk check-in.
    const desk = await login(s.url, 'desk1');
    const list = await desk.request('GET', '/api/appointments?date=2026-11-16');
    const row = (list.body.items as { code: string; status: string; checkInChannel: string }[]).find((r) => r.code === bookings[o.name]);
    expect(row).toMatchObject({ status: 'checked_in', checkInChannel: 'kiosk' });
    await page.getByTestId('kiosk-checkin-finish').click();
    await page.locator('[data-testid="kiosk"][data-screen="home"]').waitFor();
    // The only console errors are the expected ones: no staff session (401) and the wrong mobile (404).
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });
});

describe('idle reset', () => {
  it('after ?idle=2 seconds without touch counts down 10 seconds, then returns home with the input cleared', async () => {
    const { context, page, errors } = await newKioskPage(1080, 1920);
    try {
      await page.clock.install();
      await page.goto(`${s.url}/kiosk?idle=2`);
      await page.locator('[data-testid="kiosk"][data-screen="home"]').waitFor();
      await page.getByTestId('kiosk-lang').click();
      await page.getByTestId('kiosk-tile-search').click();
      await page.getByTestId('kiosk-search').waitFor();
      await tapKeys(page, 'spjy');
      expect(await page.getByTestId('kiosk-search-input').inputValue()).toBe('spjy');
      await expectNoPageScroll(page);
      await expectBigTargets(page);

      // A touch within the idle time keeps the visit going.
      await page.clock.runFor(1_500);
      expect(await page.getByTestId('kiosk-idle').count()).toBe(0);
      await page.getByTestId('kb-X').click();
      await page.clock.runFor(1_500);
      expect(await page.getByTestId('kiosk-idle').count()).toBe(0);

      await page.clock.runFor(1_000);
      await page.getByTestId('kiosk-idle').waitFor();
      expect(Number(await page.getByTestId('kiosk-idle-count').textContent())).toBe(10);
      await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-idle-portrait.png') });
      // "Continue" dismisses it and keeps what was typed.
      await page.getByTestId('kiosk-idle-stay').click();
      await page.getByTestId('kiosk-idle').waitFor({ state: 'detached' });
      expect(await page.getByTestId('kiosk-search-input').inputValue()).toBe('spjyx');

      await page.clock.runFor(2_500);
      await page.getByTestId('kiosk-idle').waitFor();
      await page.clock.runFor(5_000);
      expect(Number(await page.getByTestId('kiosk-idle-count').textContent())).toBeLessThanOrEqual(5);
      await page.clock.runFor(5_500);
      await page.locator('[data-testid="kiosk"][data-screen="home"]').waitFor();
      expect(await page.getByTestId('kiosk-idle').count()).toBe(0);
      // Back in Chinese, and the search starts empty.
      expect(await page.getByTestId('kiosk-tile-search').textContent()).toContain('事项查询');
      await page.getByTestId('kiosk-tile-search').click();
      await page.getByTestId('kiosk-search').waitFor();
      expect(await page.getByTestId('kiosk-search-input').inputValue()).toBe('');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
