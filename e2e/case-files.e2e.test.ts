/**
 * Staff open what an applicant uploaded: an online application with a PDF and a photo, opened by the
 * desk from 网上预审 (1366×768) and by the department in the back office. Each file is listed under its
 * material, previews in place (the PDF in a frame, the photo as an image) and downloads; every read is
 * in the case's access log.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { rows, signIn, startApplicantServer, type ApplicantServer } from '../test/helpers/applicant.js';
import { login } from '../test/helpers/test-server.js';
import { closeAll, ensureWebBuilt, launchBrowser, openPage, signInAs } from './browser.js';

const NOW = '2026-11-16T02:00:00Z'; // Monday 16 November 2026, 10:00 in China
const ARTIFACTS = path.resolve('test-artifacts');

/** A one-page PDF a viewer can render (the byte offsets in the xref table are computed). */
function onePagePdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => { const s = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`; return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`; })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** A real PNG (solid colour), so the browser decodes it and reports its size. */
function solidPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0).fill(Buffer.from([0x1d, 0x5f, 0xb8]))]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

let s: ApplicantServer;
let browser: Browser;
let desk: Page;
let office: Page;
let deskErrors: string[];
let officeErrors: string[];
let caseNo = '';
let pdfId = '';
let pngId = '';

const staffLogin = (p: Page, username: string, next: string) => signInAs(p, s.url, username, next);

const views = () => rows<{ username: string; detail: { fileId: string; how: string } }>(s,
  sql`select u.username, l.detail from admin_log l join users u on u.id = l.user_id where l.action = 'case.file-view' and l.target = ${caseNo} order by l.id`);

/** Opens the preview of one file and checks what the browser got and shows. */
async function preview(p: Page, fileId: string, kind: 'pdf' | 'image', shot: string) {
  const row = p.locator(`[data-testid="case-file"][data-file-id="${fileId}"]`);
  const answer = p.waitForResponse((r) => r.url().endsWith(`/api/files/${fileId}?inline=1`));
  await row.getByTestId('file-preview-open').click();
  const res = await answer;
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe(kind === 'pdf' ? 'application/pdf' : 'image/png');
  expect(res.headers()['content-disposition']).toMatch(/^inline;/);
  const box = p.locator(`[data-testid="file-preview"][data-file-id="${fileId}"]`);
  await box.waitFor();
  if (kind === 'pdf') {
    const frame = box.getByTestId('file-preview-frame');
    expect(await frame.getAttribute('src')).toBe(`/api/files/${fileId}?inline=1`);
    // The frame holds the file itself (not an error page, not a blocked frame): Chromium's viewer renders it.
    await expect.poll(() => p.frames().some((f) => f.url().endsWith(`/api/files/${fileId}?inline=1`))).toBe(true);
    // The dialog zooms in as it opens: measure once it has its full size.
    await expect.poll(async () => (await frame.boundingBox())?.width ?? 0).toBeGreaterThan(400);
    await expect.poll(async () => (await frame.boundingBox())?.height ?? 0).toBeGreaterThan(300);
    await p.waitForTimeout(1000); // the viewer draws the page
  } else {
    const img = box.getByTestId('file-preview-image');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBe(64);
    expect(await img.isVisible()).toBe(true);
  }
  await p.screenshot({ path: path.join(ARTIFACTS, shot) });
  await p.getByTestId('file-preview-close').click();
  await box.waitFor({ state: 'detached' });
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await ensureWebBuilt();
  s = await startApplicantServer({ now: NOW });
  const me = await signIn(s, '13700000009');
  const pdf = await me.upload({ name: '转移接续申请表.pdf', bytes: onePagePdf('OneWindow application form') }, 'M01');
  const png = await me.upload({ name: '身份证.png', bytes: solidPng(64, 40) }, 'M02');
  expect(pdf.status, JSON.stringify(pdf.body)).toBe(201);
  expect(png.status, JSON.stringify(png.body)).toBe(201);
  pdfId = pdf.body.id;
  pngId = png.body.id;
  const applied = await me.request('POST', '/api/applicant/applications', {
    itemCode: 'YB-006', applicant: { kind: 'person', name: '赵小云', idNumber: '11010519491231002X' },
    materials: [{ code: 'M01', uploadIds: [pdfId] }, { code: 'M02', uploadIds: [pngId] }],
  });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  caseNo = applied.body.caseNo;

  browser = await launchBrowser();
  ({ page: desk, errors: deskErrors } = await openPage(browser, { acceptDownloads: true }));
  ({ page: office, errors: officeErrors } = await openPage(browser));
}, 240_000);

afterAll(() => closeAll(browser, s), 60_000);

describe('staff open the files of an online case', () => {
  it('lets the desk preview and download each file from 网上预审, and logs every read', async () => {
    await staffLogin(desk, 'desk1', '/desk/prereview');
    const row = desk.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`);
    await row.waitFor();
    await row.getByTestId('row-case-link').click();
    await desk.locator(`[data-testid="case-page"][data-case-no="${caseNo}"]`).waitFor();

    const files = desk.getByTestId('case-file');
    await files.first().waitFor();
    expect(await files.evaluateAll((els) => els.map((e) => [e.getAttribute('data-code'), e.getAttribute('data-file-id')]))).toEqual([['M01', pdfId], ['M02', pngId]]);
    expect(await desk.getByTestId('case-files').textContent()).toContain('转移接续申请表.pdf');
    // One line per file: the name and its buttons side by side (the list's own styles are loaded).
    const first = files.first();
    const [name, open] = await Promise.all([first.getByTestId('file-name').boundingBox(), first.getByTestId('file-preview-open').boundingBox()]);
    expect(Math.abs(name!.y + name!.height / 2 - (open!.y + open!.height / 2))).toBeLessThan(6);
    await desk.getByTestId('case-files').scrollIntoViewIfNeeded();
    await desk.screenshot({ path: path.join(ARTIFACTS, 'case-files-desk.png') });

    await preview(desk, pdfId, 'pdf', 'case-files-desk-pdf-preview.png');
    await preview(desk, pngId, 'image', 'case-files-desk-image-preview.png');

    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.locator(`[data-testid="case-file"][data-file-id="${pdfId}"]`).getByTestId('file-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe('转移接续申请表.pdf');
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await expect.poll(views).toEqual([
      { username: 'desk1', detail: { fileId: pdfId, how: 'preview' } },
      { username: 'desk1', detail: { fileId: pngId, how: 'preview' } },
      { username: 'desk1', detail: { fileId: pdfId, how: 'download' } },
    ]);
    expect(deskErrors).toEqual([]);
  }, 120_000);

  it('shows the same files on the department\'s case page in the back office', async () => {
    const yb = await login(s.url, 'approver-yb');
    expect((await yb.request('GET', `/api/cases/${caseNo}`)).status).toBe(200);
    await staffLogin(office, 'approver-yb', `/office/cases/${caseNo}`);
    const files = office.getByTestId('case-file');
    await files.first().waitFor();
    expect(await files.count()).toBe(2);
    await office.getByTestId('case-files').scrollIntoViewIfNeeded();
    await office.screenshot({ path: path.join(ARTIFACTS, 'case-files-office.png') });
    await preview(office, pngId, 'image', 'case-files-office-image-preview.png');
    await expect.poll(async () => (await views()).filter((v) => v.username === 'approver-yb')).toEqual([{ username: 'approver-yb', detail: { fileId: pngId, how: 'preview' } }]);
    expect(officeErrors).toEqual([]);
  }, 120_000);
});
