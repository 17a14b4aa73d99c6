/**
 * Issue 14 (B) in a real browser: the pages the Content-Security-Policy is most likely to break
 * (Swagger UI, the SMS landing pages, whose scripts used to be inline) render and run with no
 * violation; and a violation does fail a test (the check in e2e/browser.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { login, startTestServer, type TestServer } from '../test/helpers/test-server.js';
import { findItem, intake } from '../test/helpers/cases.js';
import { rawQuery } from '../src/db/client.js';
import { closeAll, collectPageErrors, launchBrowser } from './browser.js';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let caseNo: string;

beforeAll(async () => {
  server = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  const desk = await login(server.url, 'desk1');
  caseNo = (await intake(desk, await findItem(server, '食品经营许可'))).body.caseNo;
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'zh-CN' });
}, 180_000);

afterAll(() => closeAll(browser, server, [context]), 60_000);

async function open(urlPath: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors = collectPageErrors(page);
  const res = await page.goto(`${server.url}${urlPath}`);
  expect(res?.status(), urlPath).toBe(200);
  expect(res?.headers()['content-security-policy'], urlPath).toContain("script-src 'self'");
  return { page, errors };
}

describe('pages under the Content-Security-Policy', () => {
  it('Swagger UI renders the API', async () => {
    const { page, errors } = await open('/api/docs');
    await expect.poll(() => page.locator('.swagger-ui .info .title').textContent()).toContain('OneWindow');
    await expect.poll(() => page.locator('.opblock-tag').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the SMS cancel page posts its token from its script', async () => {
    const [row] = await rawQuery(server.database.db, 'e2e_cancel_token', 'select cancel_token from cases where case_no = $1', [caseNo]);
    const { page, errors } = await open(`/c/${caseNo}?t=${encodeURIComponent(String(row!.cancel_token))}`);
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/api/public/cases/${caseNo}/cancel`));
    await page.locator('#cancel').click();
    expect(JSON.parse((await posted).postData()!)).toEqual({ token: row!.cancel_token });
    // Whatever the case's state allows, the answer is shown.
    await expect.poll(() => page.locator('#result').textContent()).not.toBe('');
    expect(errors.filter((e) => !/status of 409/.test(e))).toEqual([]);
    await page.close();
  });

  it('the SMS rating page asks for reasons on a bad rating, and posts', async () => {
    const { page, errors } = await open(`/r/${caseNo}?t=not-the-token`);
    expect(await page.locator('#bad').isHidden()).toBe(true);
    await page.locator('.lv[data-level="1"]').click();
    expect(await page.locator('#bad').isVisible()).toBe(true);
    await page.locator('#send').click();
    // The case is not completed and the token is wrong: the refusal shown proves the script posted.
    await expect.poll(() => page.locator('#result').textContent()).not.toBe('');
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.close();
  });

  it('the follow-up answer page reads the answer from its script', async () => {
    const { page, errors } = await open('/f/no-such-token');
    await expect.poll(() => page.locator('#answer').textContent()).not.toBe('正在读取……');
    await page.locator('#yes').click();
    await expect.poll(() => page.locator('#result').textContent()).not.toBe('');
    // The 404s of the unknown token are the answer, not an error of the page.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await page.close();
  });

  it('a violation fails the test: an inline script is refused and reported when the browser closes', async () => {
    const other = await launchBrowser();
    const page = await other.newPage();
    await page.goto(`${server.url}/c/${caseNo}?t=x`);
    await page.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    await expect(other.close()).rejects.toThrow(/Content-Security-Policy violations/);
  });
});
