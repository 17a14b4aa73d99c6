/**
 * The /station workplace on a phone (390×844), issue 17: a village agent signs in, takes a proxy
 * case online with a signed paper authorization and reads its case number; loses the connection,
 * reopens the app from the service worker's cache, records intakes on the device, sees them pending;
 * gets the connection back and they reach the county exactly once each — also when the same queued
 * record is sent a second time (its Idempotency-Key was made when it was recorded) — while one the
 * server refuses (its item was closed at the place meanwhile) stays on the device with the server's
 * reason. The last-synced cases list is shown offline. Nothing scrolls sideways.
 *
 * The ledger tab (台帐) opens here; its flow is e2e/station-ledger.e2e.test.ts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { rows } from '../test/helpers/applicant.js';
import { ARTIFACTS, browserSuite, field, openPage, signInAs, type OpenedPage } from './browser.js';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const WELFARE = '最低生活保障审核确认';
const PENSION_CODE = 'RS-003';
const ID_NUMBER = '11010519491231002X';

let opened: OpenedPage;
const env = browserSuite(() => startTestServer(), async (browser) => {
  opened = await openPage(browser, PHONE);
});
const server = () => env.server as TestServer;

async function noSidewaysScroll(page: Page, label: string) {
  const m = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(m.scroll, `${label}: no sideways scroll`).toBeLessThanOrEqual(m.inner);
}

async function pickItem(page: Page, search: string, code?: string) {
  await field(page, 'item-search').fill(search);
  const option = code ? page.locator(`[data-testid="item-option"][data-code="${code}"]`) : page.getByTestId('item-option').first();
  await option.click();
  await page.getByTestId('picked-item').waitFor();
}

async function fillIntake(page: Page, applicant: { name: string; phone: string }) {
  await field(page, 'applicant-name').fill(applicant.name);
  await field(page, 'applicant-id').fill(ID_NUMBER);
  await field(page, 'applicant-phone').fill(applicant.phone);
  const checks = page.getByTestId('material-check');
  for (let i = 0; i < (await checks.count()); i++) await checks.nth(i).click();
  await page.getByTestId('auth-signed').click();
  await page.getByTestId('intake-submit').click();
}

const casesOf = (phone: string) => rows<{ case_no: string; item_code: string; place: string; channel: string }>(server(), sql`
  select k.case_no, k.item_code, p.code as place, k.channel from cases k join centers p on p.id = k.proxy_center_id
  where k.applicant_phone = ${phone} order by k.id`);

/** The records queued on the device, read from IndexedDB as the app wrote them. */
const deviceQueue = (page: Page) => page.evaluate(() => new Promise<{ key: string; state: string; body: unknown }[]>((resolve, reject) => {
  const req = indexedDB.open('onewindow-station');
  req.onsuccess = () => {
    const get = req.result.transaction('queue').objectStore('queue').getAll();
    get.onsuccess = () => resolve(get.result as { key: string; state: string; body: unknown }[]);
    get.onerror = () => reject(get.error);
  };
  req.onerror = () => reject(req.error);
}));

describe('the station workplace on a phone, online and offline', () => {
  it('takes a proxy case online, records two intakes offline, syncs each once, and shows a refusal', async () => {
    const { page, context, errors } = opened;
    await signInAs(page, server().url, 'agent1');
    await page.waitForURL((u) => u.pathname === '/station');
    await page.getByTestId('intake-page').waitFor();
    // The service worker has cached the shell and the items are on the device before the signal goes.
    await page.locator('[data-testid="net-state"][data-offline-ready="yes"]').waitFor();
    await expect.poll(() => page.getByTestId('items-copy').textContent()).toMatch(/\d+/);
    await noSidewaysScroll(page, 'intake');

    // Online: paper authorization, the receipt with the case number.
    const online = { name: '孙一', phone: '13700004441' };
    await pickItem(page, '最低生活');
    await noSidewaysScroll(page, 'intake form');
    await fillIntake(page, online);
    const caseNo = (await page.getByTestId('receipt-case-no').textContent())!.trim();
    expect(caseNo).toMatch(/^\d{6}-\d{5}-\d$/);
    expect(await casesOf(online.phone)).toEqual([{ case_no: caseNo, item_code: 'MZ-004', place: 'HP-CG-DJ', channel: 'village' }]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'station-receipt.png') });
    await page.getByTestId('intake-next').click();

    // The cases list, as synced now, for later.
    await page.getByTestId('nav-cases').click();
    await page.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`).waitFor();

    // Offline: the app opens from the service worker's cache, the item list from the device.
    await context.setOffline(true);
    await page.goto(`${server().url}/station`).catch(() => undefined);
    await page.getByTestId('offline-banner').waitFor();
    await page.getByTestId('intake-page').waitFor();
    expect(await page.getByTestId('net-state').getAttribute('data-online')).toBe('no');
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the page is served by the station worker').toBe(true);

    const villager = { name: '钱二', phone: '13700004442' };
    for (let i = 0; i < 2; i++) {
      await pickItem(page, WELFARE);
      await fillIntake(page, villager);
      await page.getByTestId('intake-saved').waitFor();
      await page.getByTestId('intake-next').click();
    }
    // A third, for an item that the county will have closed at this place by the time it is sent.
    const refused = { name: '李三', phone: '13700004443' };
    await pickItem(page, PENSION_CODE, PENSION_CODE);
    await fillIntake(page, refused);
    await page.getByTestId('intake-saved').waitFor();
    await page.getByTestId('intake-next').click();
    await expect.poll(() => page.locator('[data-testid="queue-item"][data-state="pending"]').count()).toBe(3);
    await noSidewaysScroll(page, 'offline queue');
    await page.screenshot({ path: path.join(ARTIFACTS, 'station-offline-queue.png'), fullPage: true });
    const queuedBefore = await deviceQueue(page);
    expect(queuedBefore).toHaveLength(3);
    expect(new Set(queuedBefore.map((q) => q.key)).size).toBe(3);
    expect(await casesOf(villager.phone)).toEqual([]);

    // The offline cases list is the last one synced.
    await page.getByTestId('nav-cases').click();
    await page.getByTestId('cases-offline').waitFor();
    await page.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`).waitFor();
    await page.getByTestId('nav-intake').click();

    // Meanwhile the county closes 城乡居民养老保险 for proxy intake (the opening was county-wide).
    await rows(server(), sql`delete from network_item_openings where item_id in (select id from items where code = ${PENSION_CODE})`);

    // Back online: the two reach the county once each; the third is refused with the server's reason.
    await context.setOffline(false);
    await expect.poll(() => page.locator('[data-testid="queue-item"][data-state="pending"]').count(), { timeout: 30_000 }).toBe(0);
    const refusedItem = page.locator('[data-testid="queue-item"][data-state="refused"]');
    await expect.poll(() => refusedItem.count()).toBe(1);
    expect(await refusedItem.getByTestId('queue-error').textContent()).toContain('未向');
    const synced = await casesOf(villager.phone);
    expect(synced).toHaveLength(2);
    expect(synced.every((c) => c.place === 'HP-CG-DJ' && c.channel === 'village')).toBe(true);
    expect(await casesOf(refused.phone)).toEqual([]);
    await expect.poll(() => page.getByTestId('synced-item').count()).toBeGreaterThanOrEqual(2);

    // A forced retry: the first record is put back in the device's queue as if its answer had been lost,
    // and sent again with its key. The county answers with the same case; no third one is made.
    const first = queuedBefore.find((q) => (q.body as { applicant: { phone: string } }).applicant.phone === villager.phone)!;
    await page.evaluate((record) => new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('onewindow-station');
      req.onsuccess = () => {
        const tx = req.result.transaction('queue', 'readwrite');
        tx.objectStore('queue').put(record);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      };
    }), first);
    await page.reload();
    await expect.poll(async () => (await deviceQueue(page)).filter((q) => q.state === 'pending').length, { timeout: 30_000 }).toBe(0);
    expect(await casesOf(villager.phone)).toHaveLength(2);

    // The refused record can be removed from the device.
    await page.locator('[data-testid="queue-item"][data-state="refused"]').getByTestId('queue-remove').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.getByTestId('queue-empty').waitFor();
    expect(await deviceQueue(page)).toEqual([]);

    // 待领取 and 台帐 open on a phone too; the online case's papers are held at the room.
    await page.getByTestId('nav-waiting').click();
    await page.getByTestId('waiting-page').waitFor();
    await noSidewaysScroll(page, 'waiting');
    await page.getByTestId('nav-ledger').click();
    await page.locator('[data-testid="ledger-page"][data-place="HP-CG-DJ"]').waitFor();
    await page.locator(`[data-testid="ledger-entry"][data-case-no="${caseNo}"]`).first().waitFor();
    await noSidewaysScroll(page, 'ledger');
    // The case page: read-only, with its clock and timeline.
    await page.goto(`${server().url}/station/cases/${caseNo}`);
    await page.getByTestId('station-case').waitFor();
    expect(await page.getByTestId('case-no').textContent()).toBe(caseNo);
    await noSidewaysScroll(page, 'case page');
    await page.screenshot({ path: path.join(ARTIFACTS, 'station-case.png'), fullPage: true });
    expect(errors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::/.test(e))).toEqual([]);
  }, 240_000);

  it('is installable: the manifest with icons, the service worker, both allowed by the CSP', async () => {
    const res = await fetch(`${server().url}/station.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/manifest+json');
    const manifest = await res.json() as { start_url: string; scope: string; icons: { src: string; sizes: string }[] };
    expect(manifest).toMatchObject({ start_url: '/station', scope: '/station' });
    for (const icon of manifest.icons) expect((await fetch(`${server().url}${icon.src}`)).status, icon.src).toBe(200);
    const sw = await fetch(`${server().url}/station-sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('content-type')).toContain('javascript');
    const html = await (await fetch(`${server().url}/station`)).text();
    expect(html).toContain('<link rel="manifest" href="/station.webmanifest"');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
