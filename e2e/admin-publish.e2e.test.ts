/**
 * An administrator renames a published item, saves the draft and publishes it through the admin UI;
 * the public portal then finds the item under its new name and shows it in the guide. On the way: a
 * mistake far down the form is scrolled into view on saving, and publishing asks for confirmation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../test/helpers/test-server.js';
import { closeAll, ensureWebBuilt, field, launchBrowser, openPage, signInAs } from './browser.js';

const TIMEOUT = 60_000;
const ARTIFACTS = path.resolve('test-artifacts');

async function inputValue(page: Page, testId: string): Promise<string> {
  const handle = await page.waitForFunction(
    (id) => {
      const el = document.querySelector<HTMLInputElement>(`input[data-testid="${id}"]`);
      return el && el.value ? el.value : null;
    },
    testId,
    { timeout: TIMEOUT },
  );
  return (await handle.jsonValue()) as string;
}


describe('admin publishes an item, the portal shows it', () => {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureWebBuilt();
    server = await startTestServer();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(() => closeAll(browser, server), 60_000);

  it('renames, saves the draft, publishes, and the portal finds the new name', async () => {
    const url = server!.url;
    const { context, page, errors } = await openPage(browser!, { viewport: { width: 1366, height: 900 } });

    // Sign in through the login page; the admin lands on /admin (→ /admin/items).
    await signInAs(page, url, 'admin');
    await page.waitForURL(/\/admin\/items/);

    // Find a published item: 食品经营许可 if the demo catalog has it, else the first published one.
    await field(page, 'items-search').fill('食品经营许可');
    await field(page, 'items-search').press('Enter');
    await page.waitForURL(/q=/);
    const rows = page.getByTestId('item-row');
    const empty = page.locator('.ant-table-placeholder');
    await Promise.race([rows.first().waitFor(), empty.waitFor()]);
    if ((await rows.count()) === 0) {
      await page.goto(`${url}/admin/items?status=published`);
      await rows.first().waitFor();
    }
    await rows.first().click();
    await page.waitForURL(/\/admin\/items\/[^/?]+$/);
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    // A mistake far down the long form: saving brings that field into view (and focus), not just a toast.
    const materialName = page.getByTestId('material-0-name');
    const kept = await materialName.inputValue();
    await materialName.fill('');
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await page.getByTestId('save-draft').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '材料名称' }).first().waitFor();
    await expect.poll(async () => {
      const box = await materialName.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= 900;
    }, { timeout: 5_000 }).toBe(true);
    await expect.poll(() => materialName.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-editor-scroll-to-error.png') });
    await materialName.fill(kept);

    // Rename, save the draft, publish.
    const original = await inputValue(page, 'item-name');
    const newName = `${original}测试${Date.now()}`;
    await page.getByTestId('item-name').fill(newName);
    await page.getByTestId('save-draft').click();
    await page.getByText('草稿已保存').first().waitFor();
    await page.locator('[data-testid="versions-table"] .ant-tag', { hasText: '草稿' }).first().waitFor();
    expect(await page.getByTestId('item-name').inputValue()).toBe(newName);

    // Publishing asks first; cancelling publishes nothing.
    await page.getByTestId('publish').click();
    const confirm = page.locator('.ant-popconfirm:not(.ant-popover-hidden)');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(newName);
    await page.screenshot({ path: path.join(ARTIFACTS, 'admin-editor-publish-confirm.png') });
    await confirm.getByRole('button', { name: /取\s*消/ }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.waitForTimeout(500);
    expect(await page.getByTestId('publish-result').count()).toBe(0);
    const stillDraft = await (await fetch(`${url}/api/items/${encodeURIComponent(code)}`)).json() as { name: string };
    expect(stillDraft.name).toBe(original);

    await page.getByTestId('publish').click();
    await page.getByTestId('publish-confirm').click();
    const result = page.getByTestId('publish-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/已发布第 \d+ 版/);

    // The public portal finds the new name and shows it in the guide.
    await page.goto(`${url}/`);
    await field(page, 'portal-search').fill(newName);
    await field(page, 'portal-search').press('Enter');
    const link = page.locator(`[data-testid="result-link"][data-code="${code}"]`);
    await link.waitFor();
    expect((await link.textContent())?.trim()).toBe(newName);
    await link.click();
    await page.waitForURL(new RegExp(`[?&]item=${encodeURIComponent(code)}`));
    const title = page.getByTestId('guide-name');
    await title.waitFor();
    expect((await title.textContent())?.trim()).toBe(newName);
    expect(await page.getByTestId('print-guide').getAttribute('href')).toBeTruthy();

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
