/**
 * The case papers in a real browser: the A4 receipt prints as one A4 page and the slip as one
 * 80 mm strip, both with the case number in the PDF's text; every paper lays out without anything
 * running over its sheet or its table cells. Screenshots go to test-artifacts/print-*.png for a
 * person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { login, startTestServer, type Session, type TestServer } from '../test/helpers/test-server.js';
import { act, COMPANY, findItem, intake } from '../test/helpers/cases.js';
import { closeAll, collectPageErrors, launchBrowser } from './browser.js';

const TIMEOUT = 60_000;
const ARTIFACTS = path.resolve('test-artifacts');
const MM = 72 / 25.4;

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let desk: Session;

async function pdfText(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: { text: string; width: number; height: number }[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    // NFKC: the CJK fonts share glyphs between ideographs and Kangxi radicals (心/⼼), and the PDF maps some to the radicals.
    const text = content.items.map((it) => ('str' in it ? it.str : '')).join('').normalize('NFKC').replace(/\s+/g, '');
    pages.push({ text, width: x1 - x0, height: y1 - y0 });
  }
  await doc.destroy();
  return pages;
}

/** Anything wider than the sheet's printable area, or text running out of its table cell. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sheet = document.querySelector<HTMLElement>('.sheet')!;
    const box = sheet.getBoundingClientRect();
    const cs = getComputedStyle(sheet);
    const left = box.left + parseFloat(cs.paddingLeft) - 1;
    const right = box.right - parseFloat(cs.paddingRight) + 1;
    const bad: string[] = [];
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${el.className} «${(el.textContent ?? '').trim().slice(0, 24)}»`;
    for (const el of sheet.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < left || r.right > right) bad.push(`outside the sheet: ${name(el)} ${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(left)}–${Math.round(right)}`);
      if (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !(el instanceof SVGElement)) {
        bad.push(`scrolls: ${name(el)} ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const cell = n.parentElement?.closest('td, th');
      if (!cell || !n.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const c = cell.getBoundingClientRect();
      for (const r of range.getClientRects()) {
        if (r.right > c.right + 1 || r.left < c.left - 1) bad.push(`out of its cell: «${n.textContent.trim().slice(0, 24)}»`);
      }
    }
    return bad;
  });
}

async function open(urlPath: string, shot: string, width = 900): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width, height: 900 });
  const res = await page.goto(`${server.url}${urlPath}`);
  expect(res?.status(), urlPath).toBe(200);
  await page.evaluate(() => document.fonts.ready);
  if (urlPath.includes('layout=slip')) await page.waitForSelector('#slip-length', { state: 'attached' });
  const header = page.locator('.doc-head');
  await header.waitFor();
  // The QR code is drawn, and big enough to scan (A4 24 mm, slip 20 mm at 96 px/in).
  const qr = await page.locator('.doc-qr svg').boundingBox();
  expect(qr!.width, `${urlPath} QR`).toBeGreaterThan(urlPath.includes('slip') ? 70 : 85);
  expect(await page.locator('.seal-mark').count(), `${urlPath} seal area`).toBe(1);
  expect(await overflows(page), urlPath).toEqual([]);
  await page.screenshot({ path: path.join(ARTIFACTS, `print-${shot}.png`), fullPage: true });
  expect(errors, urlPath).toEqual([]);
  return page;
}

describe('printed case papers in the browser', () => {
  let caseNo: string;
  let longNo: string;

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    // Screenshots are for looking at, never for committing.
    fs.writeFileSync(path.join(ARTIFACTS, '.gitignore'), '*\n');
    server = await startTestServer({ now: '2026-11-16T02:00:00Z' });
    browser = await launchBrowser();
    desk = await login(server.url, 'desk1');
    context = await browser.newContext({ locale: 'zh-CN' });
    const [name, value] = desk.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);

    const food = await findItem(server, '食品经营许可');
    caseNo = (await intake(desk, food, {
      applicant: COMPANY,
      agent: { name: '欧阳明月', idNumber: '350102198506121235', phone: '13700001111', relation: '受托人（企业员工）' },
    })).body.caseNo;
    // The longest item name of the catalog, from an organization with a long name.
    const long = await findItem(server, '公众聚集场所投入使用、营业前消防安全检查（告知承诺）');
    longNo = (await intake(desk, long, { applicant: { ...COMPANY, name: '和平县城关镇东街社区好味道连锁餐饮管理服务有限责任公司第一分公司' } })).body.caseNo;
  }, 180_000);

  afterAll(() => closeAll(browser, server, [context]), 60_000);

  it('the A4 receipt prints as one A4 page with the case number in its text', async () => {
    const page = await open(`/print/cases/${caseNo}/receipt`, 'receipt-a4');
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'print-receipt-a4.pdf'), pdf);
    const pages = await pdfText(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.width).toBeCloseTo(210 * MM, 0);
    expect(pages[0]!.height).toBeCloseTo(297 * MM, 0);
    const text = pages[0]!.text;
    expect(text).toContain(caseNo);
    expect(text).toContain('收件回执');
    expect(text).toContain('和平县政务服务中心');
    await page.close();
  });

  it('the receipt slip prints as one 80 mm strip with the case number in its text', async () => {
    const page = await open(`/print/cases/${caseNo}/receipt?layout=slip`, 'receipt-slip', 420);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'print-receipt-slip.pdf'), pdf);
    const pages = await pdfText(pdf);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.width).toBeCloseTo(80 * MM, 0);
    expect(pages[0]!.height).toBeGreaterThan(100 * MM);
    expect(pages[0]!.text).toContain(caseNo);
    await page.close();
  });

  it('a long item name and a long applicant name wrap inside the papers', async () => {
    await (await open(`/print/cases/${longNo}/receipt`, 'receipt-long-a4')).close();
    await (await open(`/print/cases/${longNo}/receipt?layout=slip`, 'receipt-long-slip', 420)).close();
  });

  it('the acceptance notice, the pickup notice and the pickup slip (A4 and 80 mm)', async () => {
    const scjg = await login(server.url, 'approver-scjg');
    // Not yet accepted: the browser gets a readable page, not a stack trace.
    const early = await context.newPage();
    const refused = await early.goto(`${server.url}/print/cases/${caseNo}/acceptance`);
    expect(refused?.status()).toBe(409);
    expect(await early.textContent('body')).toContain('尚未受理');
    await early.close();

    expect((await act(scjg, caseNo, 'accept')).status).toBe(200);
    const acceptance = await open(`/print/cases/${caseNo}/acceptance`, 'acceptance');
    const pages = await pdfText(await acceptance.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pages).toHaveLength(1);
    expect(pages[0]!.text).toContain('承诺办结日期');
    await acceptance.close();

    expect((await act(scjg, caseNo, 'approve')).status).toBe(200);
    expect((await act(scjg, caseNo, 'complete', { data: { resultNo: 'JY13501000012345' } })).status).toBe(200);
    await (await open(`/print/cases/${caseNo}/pickup`, 'pickup-notice')).close();

    expect((await act(desk, caseNo, 'deliver', { data: { method: 'window', pickupName: '欧阳明月', pickupIdNumber: '350102198506121235' } })).status).toBe(200);
    await (await open(`/print/cases/${caseNo}/pickup`, 'pickup-a4')).close();
    const slip = await open(`/print/cases/${caseNo}/pickup?layout=slip`, 'pickup-slip', 420);
    const slipPages = await pdfText(await slip.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(slipPages).toHaveLength(1);
    expect(slipPages[0]!.width).toBeCloseTo(80 * MM, 0);
    expect(slipPages[0]!.text).toContain('350102********1235');
    await slip.close();
  });

  it('the supplement and not-accepted notices', async () => {
    const food = await findItem(server, '食品经营许可');
    const missing = food.materials.filter((m) => m.required).slice(-2).map((m) => m.code);
    const no = (await intake(desk, food, { materials: food.materials.map((m) => ({ code: m.code, provided: !missing.includes(m.code) })) })).body.caseNo;
    await (await open(`/print/cases/${no}/supplement`, 'supplement')).close();
    expect((await act(desk, no, 'not-accept', { comment: '申请人未在规定期限内补正材料，且经营场所不符合食品安全要求' })).status).toBe(200);
    await (await open(`/print/cases/${no}/not-accepted`, 'not-accepted')).close();
  });
});
