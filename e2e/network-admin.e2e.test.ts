/**
 * The three-level network in a browser: the administrator opens an item at a township on the
 * 三级网络 page (tree select of the county's places), and the township's 百事通 booklet prints on A5
 * pages in Chinese with the village room's cover. Screenshots go to test-artifacts/network-*.png.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { rows } from '../test/helpers/applicant.js';
import { ARTIFACTS, browserSuite, field, openPage, pickOption, signInAs } from './browser.js';

const MM = 72 / 25.4;
const PERMIT = '乡村建设规划许可证核发'; // opened at 溪口镇 and 山前乡 in the demo

const env = browserSuite<TestServer>(() => startTestServer({ now: '2026-11-16T02:00:00Z' }));

async function pdfPages(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: { text: string; width: number; height: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const text = content.items.map((it) => ('str' in it ? it.str : '')).join('').normalize('NFKC').replace(/\s+/g, '');
    pages.push({ text, width: x1 - x0, height: y1 - y0 });
  }
  await doc.destroy();
  return pages;
}

describe('network administration and the handbook', () => {
  it('opens an item at a township from the admin page', async () => {
    const { url } = env.server;
    const { page, errors } = await openPage(env.browser);
    await signInAs(page, url, 'admin');
    await page.waitForURL(/\/admin\/items/);
    await page.getByTestId('menu-network').click();
    await page.waitForURL(/\/admin\/network/);
    await field(page, 'opening-filter').fill(PERMIT);
    const row = page.locator('tr.ant-table-row', { hasText: PERMIT });
    await row.getByTestId('opening-tag').filter({ hasText: '溪口镇便民服务中心' }).waitFor();
    expect(await row.getByTestId('opening-tag').allTextContents()).not.toContain('城关镇便民服务中心');

    await row.getByTestId('opening-edit').click();
    const dialog = page.locator('.ant-modal', { hasText: PERMIT });
    await dialog.waitFor();
    await dialog.getByTestId('opening-centers').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title', { hasText: /^城关镇便民服务中心$/ }).click();
    await page.keyboard.press('Escape').catch(() => undefined);
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await row.getByTestId('opening-tag').filter({ hasText: '城关镇便民服务中心' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'network-openings.png') });

    const opened = await rows<{ code: string }>(env.server, sql`
      select c.code from network_item_openings o join items i on i.id = o.item_id join centers c on c.id = o.center_id
      join item_versions v on v.item_id = i.id and v.version = i.published_version where v.name = ${PERMIT} order by c.code`);
    expect(opened.map((r) => r.code)).toEqual(['HP-CG', 'HP-SQ', 'HP-XK']);

    // The first township's service days, the seeded ones among them; publish one more.
    const days = page.locator('.ant-card', { hasText: '驻村服务日' }).locator('tr.ant-table-row');
    await days.first().waitFor();
    const before = await days.count();
    await page.getByTestId('service-day-new').click();
    const form = page.locator('.ant-modal', { hasText: '发布服务日' });
    await form.waitFor();
    await pickOption(page, 'service-day-village', '城关镇东街社区便民服务室');
    await field(page, 'service-day-date').fill('2026-11-18');
    await field(page, 'service-day-date').press('Enter');
    await form.locator('#service-day_staff').fill('城关镇民政所 李干事');
    await form.locator('.ant-modal-footer .ant-btn-primary').click();
    await days.filter({ hasText: '2026-11-18' }).waitFor();
    expect(await days.count()).toBe(before + 1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'network-service-days.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('prints the booklet on A5 pages in Chinese, the village room on its cover', async () => {
    const { url } = env.server;
    const { page, errors } = await openPage(env.browser);
    const res = await page.goto(`${url}/print/centers/HP-XK/handbook?village=HP-XK-SP`);
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { name: '便民服务百事通' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'network-handbook.png'), fullPage: true });
    const pages = await pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) {
      expect(Math.abs(p.width - 148 * MM)).toBeLessThan(2);
      expect(Math.abs(p.height - 210 * MM)).toBeLessThan(2);
    }
    // The PDF's text is read for its Latin parts only: on some machines Chromium embeds the CJK face
    // without a Unicode map (e2e/print.e2e.test.ts meets the same), so the Chinese is read from the page.
    expect(pages[0]!.text).toContain('2026');
    const cover = await page.locator('[data-part="cover"]').innerText();
    expect(cover).toContain('便民服务百事通');
    expect(cover).toContain('溪口镇上坪村便民服务室');
    expect(cover).toContain('联系电话');
    // Every part starts a page of its own: at least a page per life event, plus the cover and the phones.
    expect(pages.length).toBeGreaterThanOrEqual(await page.locator('[data-part="event"]').count() + 2);
    expect(await page.locator('[data-part="event"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(PERMIT)]));
    expect(await page.locator('[data-part="windows"]').innerText()).toContain('窗口电话');
    expect(errors).toEqual([]);
  });
});
