/**
 * Appointments (预约) end to end: an applicant books on a phone (375×812) from an item's guide, reads
 * the code in the SMS confirmation, finds the booking by code and mobile and moves it to another time;
 * a booking for a time that filled up meanwhile is refused with a clear message; on the day the desk
 * checks the booking in, starts the intake with the booked item chosen, and the case is linked back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { call, login, startTestServer, type Session, type TestServer } from '../test/helpers/test-server.js';
import { findItem, PERSON } from '../test/helpers/cases.js';
import { outbox } from '../src/db/schema/index.js';
import { closeAll, collectPageErrors, ensureWebBuilt, launchBrowser, openPage, PHONE_CONTEXT, portalNav } from './browser.js';

const TIMEOUT = 60_000;
const NOW = '2026-11-16T02:00:00Z'; // Monday 16 November 2026, 10:00 in China
const DAY = '2026-11-17'; // Tuesday, a working day
const CHECK_IN_TIME = '2026-11-17T00:45:00Z'; // 08:45 in China: check-in for 09:00 is open
const ARTIFACTS = path.resolve('test-artifacts');
const MOBILE = '13700001111';
const OTHER = '13700002222';

let s: TestServer;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let errors: string[];
let admin: Session;
let food: Awaited<ReturnType<typeof findItem>>;
let code = '';

async function sms(recipient: string, template: string) {
  return s.database.db.select().from(outbox).where(and(eq(outbox.recipient, recipient), eq(outbox.template, template))).orderBy(outbox.id);
}

async function expectNoHorizontalScroll(p: Page): Promise<void> {
  const width = await p.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
}

async function slotId(start: string): Promise<number> {
  const list = await call(s.url, 'GET', `/api/public/appointments/slots?category=SS&from=${DAY}&to=${DAY}`);
  const slot = (list.body.slots as { id: number; start: string }[]).find((x) => x.start === start);
  expect(slot).toBeDefined();
  return slot!.id;
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startTestServer({ now: NOW });
  admin = await login(s.url, 'admin');
  food = await findItem(s, '食品经营许可');
  // A small day, so that a full time is easy to reach: 09:00 takes one person, 09:30 two.
  const day = await admin.request('PUT', `/api/admin/appointments/categories/SS/days/${DAY}`, {
    periods: [
      { start: '09:00', end: '09:30', capacity: 1 },
      { start: '09:30', end: '10:00', capacity: 2 },
    ],
  });
  expect(day.status, JSON.stringify(day.body)).toBe(200);

  browser = await launchBrowser();
  ({ context: phone, page, errors } = await openPage(browser, PHONE_CONTEXT));
}, 240_000);

afterAll(() => closeAll(browser, s, [phone]), 60_000);

describe('booking in the portal (预约办事) on a phone', () => {
  it('books from the item guide and gets the code by SMS', async () => {
    await page.goto(`${s.url}/?item=${food.code}`);
    await page.getByTestId('guide-name').waitFor();
    await page.getByTestId('guide-book').click();
    await page.getByTestId('book-page').waitFor();
    expect(new URL(page.url()).searchParams.get('book')).toBe('SS');
    await page.getByTestId('book-from-item').filter({ hasText: '食品经营许可' }).waitFor();

    await page.getByTestId(`book-day-${DAY}`).click();
    const slot930 = page.getByTestId('book-slot-09:30');
    expect(await slot930.getAttribute('data-remaining')).toBe('2');
    expect(await slot930.textContent()).toContain('余 2');
    await slot930.click();
    await page.getByTestId('book-selected').filter({ hasText: `${DAY} 09:30–10:00` }).waitFor();
    await page.getByTestId('book-name').fill(PERSON.name);
    await page.getByTestId('book-mobile').fill('1370000');
    await page.getByTestId('book-submit').click();
    await page.getByText('请输入 11 位手机号码').waitFor();
    await page.getByTestId('book-mobile').fill(MOBILE);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'booking-form-phone.png'), fullPage: true });
    await page.getByTestId('book-submit').click();

    await page.getByTestId('book-done').waitFor();
    code = (await page.getByTestId('book-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9-]{4,20}$/);
    expect(await page.getByTestId('book-when').textContent()).toBe(`${DAY} 09:30–10:00`);
    // The page shows the mobile masked, never in full.
    expect(await page.getByTestId('book-done').textContent()).not.toContain(MOBILE);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'booking-done-phone.png'), fullPage: true });

    const [confirm] = await sms(MOBILE, 'appointment-booked');
    expect(confirm).toBeDefined();
    expect(confirm!.body).toContain(code);
    expect(confirm!.body).toContain('09:30');
    expect(errors).toEqual([]);
  }, 120_000);

  it('finds the booking by code and mobile and moves it to another time', async () => {
    await page.getByTestId('book-manage').click();
    await page.getByTestId('my-booking-page').waitFor();
    expect(await page.getByTestId('my-code').inputValue()).toBe(code);
    // A wrong mobile answers like an unknown code.
    await page.getByTestId('my-mobile').fill(OTHER);
    await page.getByTestId('my-submit').click();
    await page.getByTestId('my-not-found').filter({ hasText: '未找到该预约' }).waitFor();

    await page.getByTestId('my-mobile').fill(MOBILE);
    await page.getByTestId('my-submit').click();
    await page.locator('[data-testid="my-booking"][data-status="booked"]').waitFor();
    expect(await page.getByTestId('my-when').textContent()).toBe(`${DAY} 09:30–10:00`);

    await page.getByTestId('my-change').click();
    await page.getByTestId(`book-day-${DAY}`).click();
    const slot900 = page.getByTestId('book-slot-09:00');
    expect(await slot900.getAttribute('data-remaining')).toBe('1');
    await slot900.click();
    await page.getByTestId('my-change-ok').click();
    await page.getByTestId('my-when').filter({ hasText: `${DAY} 09:00–09:30` }).waitFor();
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'booking-changed-phone.png'), fullPage: true });

    const changed = await sms(MOBILE, 'appointment-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.body).toContain('09:00');
    const server = await call(s.url, 'GET', `/api/public/appointments/${code}?mobile=${MOBILE}`);
    expect(server.body.slot).toMatchObject({ date: DAY, start: '09:00' });
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  }, 120_000);

  it('refuses a booking for a time that filled up meanwhile, with a clear message', async () => {
    await (await portalNav(page, 'book-link')).click();
    await page.getByTestId('book-category-SS').click();
    await page.getByTestId(`book-day-${DAY}`).click();
    // 09:00 is now taken by the moved booking: shown full and not selectable.
    expect(await page.getByTestId('book-slot-09:00').textContent()).toContain('已约满');
    expect(await page.locator('label:has([data-testid="book-slot-09:00"]) input').isDisabled()).toBe(true);
    await page.getByTestId('book-slot-09:30').click();
    await page.getByTestId('book-name').fill('李四');
    await page.getByTestId('book-mobile').fill(OTHER);

    // Two other people take the last two places of 09:30 before this one submits.
    for (const [i, m] of ['13700003333', '13700004444'].entries()) {
      const r = await call(s.url, 'POST', '/api/public/appointments', { category: 'SS', slotId: await slotId('09:30'), name: `王${i}`, mobile: m });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    await page.getByTestId('book-submit').click();
    await page.getByTestId('book-error').filter({ hasText: '该时段刚刚约满，请选择其他时段' }).waitFor();
    expect(await page.getByTestId('book-done').count()).toBe(0);
    // The places are read again: the day is full now, so it is no longer offered, and nothing stays chosen.
    await page.getByTestId(`book-day-${DAY}`).waitFor({ state: 'detached' });
    expect(await page.getByTestId('book-selected').count()).toBe(0);
    expect(await sms(OTHER, 'appointment-booked')).toHaveLength(0);
    await expectNoHorizontalScroll(page);
    await page.screenshot({ path: path.join(ARTIFACTS, 'booking-full-phone.png'), fullPage: true });
    expect(errors.filter((e) => !/status of (404|409)/.test(e))).toEqual([]);
  }, 120_000);
});

describe('check-in at the desk (预约签到)', () => {
  let desk: BrowserContext;
  let dp: Page;
  let deskErrors: string[];

  afterAll(async () => {
    await desk?.close();
  });

  it('checks the booking in on the day, starts the intake with the booked item and links the case', async () => {
    s.clock.set(CHECK_IN_TIME);
    desk = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 } });
    await desk.clock.install({ time: new Date(CHECK_IN_TIME) });
    dp = await desk.newPage();
    dp.setDefaultTimeout(TIMEOUT);
    deskErrors = collectPageErrors(dp);
    await dp.goto(`${s.url}/desk/appointments`);
    await dp.waitForURL(/\/login\?next=/);
    await dp.getByTestId('login-username').fill('desk1');
    await dp.getByTestId('login-password').fill('onewindow-demo');
    await dp.getByTestId('login-submit').click();
    await dp.getByTestId('appointments-page').waitFor();

    const row = dp.locator(`[data-testid="appt-row"][data-code="${code}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('09:00–09:30');
    expect(await row.textContent()).not.toContain(MOBILE);
    expect(await row.getByTestId('appt-status').getAttribute('data-status')).toBe('booked');

    // Check in by typing the code the applicant shows.
    await dp.getByTestId('appt-code').fill(code.toLowerCase());
    await dp.getByTestId('appt-code-check-in').click();
    await row.locator('[data-testid="appt-status"][data-status="checked_in"]').waitFor();
    expect(await row.getByTestId('appt-status').textContent()).toBe('已签到');
    await dp.waitForTimeout(300);
    await dp.screenshot({ path: path.join(ARTIFACTS, 'desk-appointments.png') });

    // Start the intake: the intake page opens with the booked item chosen.
    await row.getByTestId('appt-start-intake').click();
    await dp.waitForURL(/\/desk$/);
    await dp.getByTestId('item-name').filter({ hasText: '食品经营许可' }).waitFor();
    await dp.getByTestId('checklist').waitFor();
    await dp.keyboard.press('Alt+A');
    await dp.locator('#desk-f-a-name').fill(PERSON.name);
    await dp.locator('#desk-f-a-id').fill(PERSON.idNumber);
    await dp.locator('#desk-f-a-phone').fill(MOBILE);
    await dp.keyboard.press('Control+Enter');
    await dp.locator('[data-testid="intake-result"]').waitFor();
    const caseNo = (await dp.getByTestId('result-case-no').textContent())!.trim();
    expect(caseNo).toMatch(/^261117-\d{5}-[\dX]$/);

    // The booking now names the case, for the desk and for the applicant.
    const deskSession = await login(s.url, 'desk1');
    await expect.poll(async () => {
      const list = await deskSession.request('GET', `/api/appointments?date=${DAY}`);
      return (list.body.items as { code: string; caseNo: string | null }[]).find((x) => x.code === code)?.caseNo;
    }).toBe(caseNo);
    const mine = await call(s.url, 'GET', `/api/public/appointments/${code}?mobile=${MOBILE}`);
    expect(mine.body).toMatchObject({ status: 'checked_in', caseNo });

    await dp.getByTestId('nav-appointments').click();
    await row.getByTestId('appt-case').filter({ hasText: caseNo }).waitFor();
    expect(deskErrors).toEqual([]);
  }, 180_000);
});
