/**
 * The portal on a phone (390×844): the header is one row (name + menu) instead of four or five that
 * took a third of the screen and ran 我的办件 into 退出; the links open in a drawer; an item's
 * materials are a list, not a table that scrolls sideways — signed out and signed in. And the portal in
 * English shows the catalog's English item and material names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn, startApplicantServer, type ApplicantServer } from '../test/helpers/applicant.js';
import { closeAll, collectPageErrors, ensureWebBuilt, launchBrowser, portalNav } from './browser.js';

const TIMEOUT = 60_000;
const ARTIFACTS = path.resolve('test-artifacts');
const PHONE = { width: 390, height: 844 };
const MOBILE = '13800138123';

let server: ApplicantServer;
let browser: Browser;
let foodCode = '';
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  server = await startApplicantServer();
  browser = await launchBrowser();
  const found = await (await fetch(`${server.url}/api/items?q=spjy`)).json() as { items: { code: string; name: string }[] };
  foodCode = found.items.find((i) => i.name === '食品经营许可')!.code;
}, 240_000);

afterAll(() => closeAll(browser, server, contexts), 60_000);

async function phonePage(opts: { cookie?: string; lang?: 'en' } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  contexts.push(context);
  if (opts.cookie) {
    const [name, value] = opts.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
  }
  if (opts.lang) await context.addInitScript((l) => window.localStorage.setItem('onewindow.lang', l), opts.lang);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  return { page, errors: collectPageErrors(page) };
}

type Box = { x: number; y: number; width: number; height: number };
/** Closer than 4 px counts too: two links that touch read as one (我的办件退出). */
const GAP = 4;
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;

/** The header's height, its visible items' boxes, and the page's sideways overflow. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const header = document.querySelector('.ant-layout-header')!.getBoundingClientRect();
    const items = [...document.querySelectorAll<HTMLElement>('[data-testid="portal-header"] > *')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { id: el.dataset.testid ?? el.className, x: r.x, y: r.y, width: r.width, height: r.height, right: r.right };
      });
    return { headerHeight: header.height, items, scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth };
  });
}

async function checkHeader(page: Page, label: string) {
  const m = await measure(page);
  // One row: at most 15 % of the screen (it was 35–43 %).
  expect(m.headerHeight, `${label}: header height`).toBeLessThanOrEqual(PHONE.height * 0.15);
  expect(m.items.map((i) => i.id)).toEqual(['portal-title', 'portal-menu']);
  for (let i = 0; i < m.items.length; i++) {
    expect(m.items[i]!.right, `${label}: ${m.items[i]!.id} inside the screen`).toBeLessThanOrEqual(PHONE.width);
    for (let j = i + 1; j < m.items.length; j++) expect(overlaps(m.items[i]!, m.items[j]!), `${label}: ${m.items[i]!.id} overlaps ${m.items[j]!.id}`).toBe(false);
  }
  expect(m.scrollWidth, `${label}: no sideways scroll`).toBeLessThanOrEqual(m.innerWidth);
}

/** The links in the open drawer: each on its own, none on top of another. */
async function checkDrawer(page: Page, label: string, expected: string[]) {
  await (await portalNav(page, 'progress-link')).waitFor();
  // Measured once the drawer has finished sliding in.
  await page.waitForFunction(() => document.getAnimations().length === 0);
  const boxes: (Box & { id: string })[] = [];
  for (const id of expected) {
    const el = page.locator('.ant-drawer-open').getByTestId(id);
    await el.waitFor();
    boxes.push({ id, ...(await el.boundingBox())! });
  }
  for (let i = 0; i < boxes.length; i++) {
    expect(boxes[i]!.x + boxes[i]!.width, `${label}: ${boxes[i]!.id} inside the screen`).toBeLessThanOrEqual(PHONE.width);
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${label}: ${boxes[i]!.id} overlaps ${boxes[j]!.id}`).toBe(false);
  }
}

describe('portal at 390×844', () => {
  it('signed out: a one-row header with a menu; the guide lists its materials without sideways scroll', async () => {
    const { page, errors } = await phonePage();
    await page.goto(`${server.url}/`);
    await page.getByTestId('portal-results').waitFor();
    await checkHeader(page, 'home');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-phone-390-home.png') });

    await checkDrawer(page, 'signed out', ['events-nav', 'departments-nav', 'progress-link', 'book-link', 'my-booking-link', 'complaint-link', 'applicant-signin', 'lang-switch', 'staff-login']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-phone-390-menu.png') });
    // A link in the drawer leads on and closes it.
    await page.locator('.ant-drawer-open').getByTestId('events-nav').click();
    await page.getByTestId('events-page').waitFor();
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);

    await page.goto(`${server.url}/?item=${encodeURIComponent(foodCode)}`);
    const materials = page.getByTestId('guide-materials');
    await materials.waitFor();
    await checkHeader(page, 'guide');
    // A list: no table, and nothing inside it wider than the screen.
    expect(await materials.locator('table').count()).toBe(0);
    await materials.locator('[data-row-key="M01"]').waitFor();
    const inner = await materials.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(inner.scroll).toBeLessThanOrEqual(inner.client);
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-phone-390-guide.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);

  it('signed in: 我的办件 and 退出 sit apart in the menu; the header stays one row', async () => {
    const session = await signIn(server, MOBILE);
    const { page, errors } = await phonePage({ cookie: session.cookie });
    await page.goto(`${server.url}/?item=${encodeURIComponent(foodCode)}`);
    await page.getByTestId('guide-materials').waitFor();
    await checkHeader(page, 'signed in');
    await checkDrawer(page, 'signed in', ['progress-link', 'complaint-link', 'my-cases-link', 'applicant-signout', 'lang-switch', 'staff-login']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-phone-390-menu-signed-in.png') });
    await page.locator('.ant-drawer-open').getByTestId('my-cases-link').click();
    await page.waitForURL(/mine/);
    await checkHeader(page, 'my cases');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-phone-390-signed-in.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('portal in English', () => {
  it('shows the English names of an item and its materials (search, guide), the Chinese name under it', async () => {
    const { page, errors } = await phonePage({ lang: 'en' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/?q=spjy`);
    const hit = page.locator(`[data-testid="result-link"][data-code="${foodCode}"]`);
    await hit.waitFor();
    expect((await hit.textContent())?.trim()).toBe('Food business licence');
    await hit.click();
    await page.waitForURL(/item=/);
    await expect.poll(async () => (await page.getByTestId('guide-name').textContent())?.trim()).toBe('Food business licence');
    expect(await page.getByTestId('guide-name-zh').textContent()).toBe('食品经营许可');
    const m01 = page.locator('[data-testid="guide-materials"] [data-row-key="M01"]');
    await m01.waitFor();
    expect(await m01.textContent()).toContain('Food business licence application');
    expect(await m01.textContent()).not.toContain('食品经营许可申请书');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portal-guide-english.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
