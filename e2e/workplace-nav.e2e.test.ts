/**
 * Every workplace's navigation at the common office screens, 1366×768 and 1280×720: each tab is on
 * screen and not under another control (hit-tested at its centre, without scrolling), or is reached
 * through the bar's "更多" menu. The desk's shortcut bar names every tab's key. A screenshot of each
 * workplace at 1366×768 goes to test-artifacts/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { login, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { closeAll, collectPageErrors, ensureWebBuilt, launchBrowser } from './browser.js';

const TIMEOUT = 60_000;
const NOW = '2026-11-16T02:00:00Z'; // Monday 16 November 2026, 10:00 in China
const ARTIFACTS = path.resolve('test-artifacts');
const SIZES = [{ width: 1366, height: 768 }, { width: 1280, height: 720 }];

const DESK_TABS = ['intake', 'today', 'delivery', 'prereview', 'appointments', 'complaints'];
const APPROVER_TABS = ['queue', 'notices', 'alerts', 'held-back', 'complaints', 'followups'];
const READER_TABS = ['warnings', 'all', 'notices', 'irregularities', 'intermediaries', 'alerts', 'held-back', 'complaints', 'followups'];
const ADMIN_MENU = ['items', 'departments', 'events', 'calendar', 'appointments', 'queue', 'network', 'users', 'sms', 'settings'];
const STATION_TABS = ['intake', 'ledger', 'cases', 'waiting'];
const DASHBOARD = ['link-office', 'link-screen', 'link-bulletin', 'lang-switch', 'current-user', 'logout'];

interface Workplace { user: string; path: string; name: string; ready: string; tabs: string[]; controls: string[] }
const WORKPLACES: Workplace[] = [
  { user: 'desk1', path: '/desk', name: 'desk', ready: 'intake-page', tabs: DESK_TABS.map((t) => `nav-${t}`), controls: ['case-lookup', 'current-user', 'lang-switch', 'logout'] },
  { user: 'approver-scjg', path: '/office', name: 'office-approver', ready: 'nav-queue', tabs: APPROVER_TABS.map((t) => `nav-${t}`), controls: ['current-user', 'lang-switch', 'logout'] },
  { user: 'supervisor', path: '/office', name: 'office-supervisor', ready: 'nav-warnings', tabs: READER_TABS.map((t) => `nav-${t}`), controls: ['current-user', 'lang-switch', 'logout'] },
  { user: 'supervisor', path: '/dashboard', name: 'dashboard-supervisor', ready: 'link-office', tabs: [], controls: DASHBOARD },
  { user: 'admin', path: '/admin', name: 'admin', ready: 'menu-items', tabs: ADMIN_MENU.map((t) => `menu-${t}`), controls: ['current-user', 'lang-switch', 'logout'] },
  { user: 'admin', path: '/dashboard', name: 'dashboard-admin', ready: 'link-office', tabs: [], controls: DASHBOARD },
  // The station's app is phone first; at an office screen (a township station's PC) its tabs are all in the bar.
  { user: 'agent1', path: '/station', name: 'station', ready: 'intake-page', tabs: STATION_TABS.map((t) => `nav-${t}`), controls: ['current-user', 'lang-switch', 'logout'] },
];

let s: TestServer;
let browser: Browser;
const cookies = new Map<string, string>();

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startTestServer({ now: NOW });
  for (const user of new Set(WORKPLACES.map((w) => w.user))) cookies.set(user, (await login(s.url, user)).cookie);
  browser = await launchBrowser();
}, 240_000);

afterAll(() => closeAll(browser, s), 60_000);

/** On screen and the topmost element at its centre (or inside it), as it is now: nothing is scrolled. */
async function hitTest(el: Locator): Promise<boolean> {
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (r.width === 0 || r.height === 0 || x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return !!hit && (hit === node || node.contains(hit));
  });
}

/** A tab is in the bar and clickable, or in the overflow menu and clickable there. */
async function reach(page: Page, testId: string): Promise<'bar' | 'menu'> {
  const inBar = page.locator(`header [data-testid="${testId}"], .ant-layout-sider [data-testid="${testId}"]`);
  if ((await inBar.count()) === 1 && (await hitTest(inBar))) return 'bar';
  await page.getByTestId('nav-more').click();
  const item = page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByTestId(testId);
  await item.waitFor();
  await page.waitForTimeout(250); // the menu's opening animation
  expect(await hitTest(item), `${testId} in the overflow menu`).toBe(true);
  await page.keyboard.press('Escape');
  await item.waitFor({ state: 'hidden' });
  return 'menu';
}

describe('workplace navigation at 1366×768 and 1280×720', () => {
  for (const size of SIZES) {
    for (const w of WORKPLACES) {
      it(`${w.name} (${w.user}) at ${size.width}×${size.height}: every tab and control is reachable`, async () => {
        const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: size });
        const [name, value] = cookies.get(w.user)!.split('=') as [string, string];
        await ctx.addCookies([{ name, value, url: s.url }]);
        const page = await ctx.newPage();
        page.setDefaultTimeout(TIMEOUT);
        const errors = collectPageErrors(page);
        try {
          await page.goto(`${s.url}${w.path}`);
          await page.getByTestId(w.ready).first().waitFor();
          await page.waitForTimeout(500); // the header's late parts (center name, alert counts) settle
          const where: Record<string, string> = {};
          for (const id of w.tabs) where[id] = await reach(page, id);
          for (const id of w.controls) expect(await hitTest(page.getByTestId(id).first()), `${id} is covered or off screen`).toBe(true);
          if (size.width === 1366) await page.screenshot({ path: path.join(ARTIFACTS, `workplace-${w.name}-1366.png`) });

          // A tab in the menu works like one in the bar.
          const viaMenu = w.tabs.filter((id) => where[id] === 'menu');
          if (viaMenu.length) {
            const last = viaMenu[viaMenu.length - 1]!;
            await page.getByTestId('nav-more').click();
            const item = page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByTestId(last);
            const href = await item.getAttribute('href');
            await item.click();
            await page.waitForURL((u) => u.pathname === href);
            await expect.poll(() => page.getByTestId('nav-more').getAttribute('class')).toMatch(/\bactive\b/);
          }
          if (w.name === 'desk') {
            // The shortcut bar names every tab's key, and the case-number box's.
            await page.getByTestId('nav-intake').or(page.locator('.ant-dropdown [data-testid="nav-intake"]')).first().waitFor({ state: 'attached' });
            await page.goto(`${s.url}/desk`);
            const bar = page.locator('.desk-intake .desk-shortcuts');
            await bar.waitFor();
            const text = (await bar.textContent()) ?? '';
            for (const key of ['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4', 'Alt+5', 'Alt+6', 'Alt+G']) expect(text, key).toContain(key);
            for (const label of ['预约签到', '咨询投诉']) expect(text).toContain(label);
            expect(await hitTest(bar.locator('.desk-shortcut').last())).toBe(true);
          }
          expect(errors).toEqual([]);
        } finally {
          await ctx.close();
        }
      }, 120_000);
    }
  }
});
