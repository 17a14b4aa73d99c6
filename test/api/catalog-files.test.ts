import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, type Session } from '../helpers/test-server.js';
import { filesIn, JPG, PDF, PNG, rows, startApplicantServer, type ApplicantServer } from '../helpers/applicant.js';
import { detectFormKind } from '../../src/modules/catalog-files/form-signature.js';

/** A ZIP with stored (uncompressed) entries: enough for the check, which reads the central directory. */
function zip(entries: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fname = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(fname.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fname, data);
    centrals.push(central, fname);
    offset += 30 + fname.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(centrals.length / 2, 8); end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** An OLE2 compound file whose first directory sector names one stream. */
function ole(stream: string): Uint8Array {
  const buf = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0);
  const entry = (at: number, name: string, type: number) => {
    buf.write(name, at, 'utf16le');
    buf.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    buf[at + 0x42] = type;
  };
  entry(512, 'Root Entry', 5);
  entry(640, stream, 2);
  return new Uint8Array(buf);
}

const CT = '<?xml version="1.0"?><Types/>';
const DOCX = zip({ '[Content_Types].xml': CT, 'word/document.xml': '<w:document/>' });
const XLSX = zip({ '[Content_Types].xml': CT, 'xl/workbook.xml': '<workbook/>' });
const PLAIN_ZIP = zip({ 'readme.txt': 'hello' });
const DOC = ole('WordDocument');
const XLS = ole('Workbook');

let s: ApplicantServer;
let admin: Session;
let desk: Session;
let itemCode: string;
const MAX = 64 * 1024;

beforeAll(async () => {
  s = await startApplicantServer({ config: { uploadMaxBytes: MAX } });
  [admin, desk] = await Promise.all([login(s.url, 'admin'), login(s.url, 'desk1')]);
  const found = await call(s.url, 'GET', `/api/items?q=${encodeURIComponent('食品经营许可')}`);
  itemCode = found.body.items.find((i: any) => i.name === '食品经营许可').code;
});
afterAll(async () => { await s?.close(); });

async function upload(who: Session | undefined, code: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes as BlobPart], { type: 'application/octet-stream' }), file.name);
  const headers: Record<string, string> = who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {};
  const res = await fetch(`${s.url}/api/admin/items/${code}/files`, { method: 'POST', body: form, headers });
  const text = await res.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body };
}

const fileCount = async () => (await rows<{ n: number }>(s, 'select count(*)::int as n from catalog_files'))[0]!.n;
const snapshot = async () => ({ files: filesIn(s.uploadDir), rows: await fileCount() });

describe('form signatures', () => {
  it('tells Word from Excel by what is inside, and refuses other archives', () => {
    expect(detectFormKind(DOCX)?.ext).toBe('docx');
    expect(detectFormKind(XLSX)?.ext).toBe('xlsx');
    expect(detectFormKind(DOC)?.ext).toBe('doc');
    expect(detectFormKind(XLS)?.ext).toBe('xls');
    expect(detectFormKind(PDF)?.ext).toBe('pdf');
    expect(detectFormKind(PNG)?.ext).toBe('png');
    expect(detectFormKind(JPG)?.ext).toBe('jpg');
    expect(detectFormKind(PLAIN_ZIP)).toBeUndefined();
    expect(detectFormKind(ole('Something'))).toBeUndefined();
    expect(detectFormKind(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBeUndefined();
    // A truncated ZIP (no central directory) is not a document.
    expect(detectFormKind(DOCX.subarray(0, 40))).toBeUndefined();
  });
});

describe('blank forms and samples', () => {
  it('lets an admin upload every accepted kind for a material and lists it on the public guide', async () => {
    const cases = [
      ['blank', 'M01', '申请书.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['sample', 'M01', '申请书示例.pdf', PDF, 'application/pdf'],
      ['blank', 'M02', '表.xlsx', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['sample', 'M02', 'old.doc', DOC, 'application/msword'],
      ['blank', 'M03', 'old.xls', XLS, 'application/vnd.ms-excel'],
      ['sample', 'M03', 'photo.png', PNG, 'image/png'],
    ] as const;
    const logs = (await rows<{ n: number }>(s, `select count(*)::int as n from admin_log where action = 'catalog-file.upload'`))[0]!.n;
    for (const [purpose, materialCode, name, bytes, mediaType] of cases) {
      const res = await upload(admin, itemCode, { purpose, materialCode }, { name, bytes });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ purpose, materialCode, name, mediaType, size: bytes.length, url: `/api/public/catalog-files/${res.body.id}` });
      const [row] = await rows<{ storage_name: string }>(s, sql`select storage_name from catalog_files where id = ${res.body.id}`);
      expect(row!.storage_name).toMatch(/^[a-f0-9]{32}$/);
      expect(fs.readFileSync(path.join(s.uploadDir, row!.storage_name))).toEqual(Buffer.from(bytes));
    }
    expect((await rows<{ n: number }>(s, `select count(*)::int as n from admin_log where action = 'catalog-file.upload'`))[0]!.n).toBe(logs + cases.length);
    const pub = await call(s.url, 'GET', `/api/public/items/${itemCode}/files`);
    expect(pub.status).toBe(200);
    expect(pub.body.files).toHaveLength(cases.length);
    expect(pub.body.files.map((f: any) => `${f.materialCode}/${f.purpose}`).sort()).toEqual(cases.map(([p, m]) => `${m}/${p}`).sort());
  });

  it('serves the download to anyone, as an attachment named by what the file is', async () => {
    const up = await upload(admin, itemCode, { purpose: 'blank', materialCode: 'M04' }, { name: '委托书.txt', bytes: PDF });
    expect(up.status).toBe(201);
    const res = await fetch(`${s.url}${up.body.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment;/);
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('委托书.txt.pdf')}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    for (const bad of ['nope', 'A'.repeat(22), '..%2F..%2Fetc%2Fpasswd']) expect((await fetch(`${s.url}/api/public/catalog-files/${bad}`)).status).toBe(404);
  });

  it('replaces a material\'s earlier file of the same purpose, and removes its bytes', async () => {
    const first = await upload(admin, itemCode, { purpose: 'sample', materialCode: 'M04' }, { name: 'a.pdf', bytes: PDF });
    const [old] = await rows<{ storage_name: string }>(s, sql`select storage_name from catalog_files where id = ${first.body.id}`);
    const second = await upload(admin, itemCode, { purpose: 'sample', materialCode: 'M04' }, { name: 'b.png', bytes: PNG });
    expect(second.status).toBe(201);
    const list = (await admin.request('GET', `/api/admin/items/${itemCode}/files`)).body.files.filter((f: any) => f.materialCode === 'M04' && f.purpose === 'sample');
    expect(list.map((f: any) => f.id)).toEqual([second.body.id]);
    expect(fs.existsSync(path.join(s.uploadDir, old!.storage_name))).toBe(false);
    expect((await fetch(`${s.url}/api/public/catalog-files/${first.body.id}`)).status).toBe(404);
  });

  it('lets an admin delete a file: row and bytes gone', async () => {
    const up = await upload(admin, itemCode, { purpose: 'blank', materialCode: 'M05' }, { name: 'x.pdf', bytes: PDF });
    const [row] = await rows<{ storage_name: string }>(s, sql`select storage_name from catalog_files where id = ${up.body.id}`);
    expect((await desk.request('DELETE', `/api/admin/catalog-files/${up.body.id}`)).status).toBe(403);
    const del = await admin.request('DELETE', `/api/admin/catalog-files/${up.body.id}`);
    expect(del.status).toBe(200);
    expect(fs.existsSync(path.join(s.uploadDir, row!.storage_name))).toBe(false);
    expect((await admin.request('DELETE', `/api/admin/catalog-files/${up.body.id}`)).status).toBe(404);
  });

  it('refuses oversize files, wrong signatures, bad fields and path tricks with a 4xx and stores nothing', async () => {
    const before = await snapshot();
    const big = new Uint8Array(MAX + 1);
    big.set(PDF);
    const attempts: [Record<string, string>, { name: string; bytes: Uint8Array } | undefined, number, string?][] = [
      [{ purpose: 'blank', materialCode: 'M01' }, { name: 'big.pdf', bytes: big }, 413],
      [{ purpose: 'blank', materialCode: 'M01' }, { name: 'evil.pdf', bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>') }, 415],
      [{ purpose: 'blank', materialCode: 'M01' }, { name: 'archive.docx', bytes: PLAIN_ZIP }, 415],
      [{ purpose: 'blank', materialCode: 'M01' }, { name: 'run.exe', bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0]) }, 415],
      [{ purpose: 'blank', materialCode: 'M01' }, { name: 'empty.pdf', bytes: new Uint8Array(0) }, 400],
      [{ purpose: 'blank', materialCode: 'M01' }, undefined, 400],
      [{ purpose: 'other', materialCode: 'M01' }, { name: 'a.pdf', bytes: PDF }, 400],
      [{ materialCode: 'M01' }, { name: 'a.pdf', bytes: PDF }, 400],
      [{ purpose: 'blank', materialCode: '../M01' }, { name: 'a.pdf', bytes: PDF }, 400],
      [{ purpose: 'blank', materialCode: 'M99' }, { name: 'a.pdf', bytes: PDF }, 400],
      [{ purpose: 'blank', materialCode: 'M01', extra: 'x' }, { name: 'a.pdf', bytes: PDF }, 400],
    ];
    for (const [fields, file, status] of attempts) {
      const res = await upload(admin, itemCode, fields, file);
      expect(res.status, `${JSON.stringify(fields)} ${file?.name} → ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.code).toEqual(expect.any(String));
    }
    // Path tricks in the item code never reach a file name or a query.
    for (const code of ['..%2F..%2Fetc', '%2e%2e', 'a%00b', 'NO-SUCH-ITEM']) {
      const res = await upload(admin, code, { purpose: 'blank', materialCode: 'M01' }, { name: 'a.pdf', bytes: PDF });
      expect(res.status, code).toBeGreaterThanOrEqual(400);
      expect(res.status, code).toBeLessThan(500);
    }
    // JSON instead of a form.
    expect((await admin.request('POST', `/api/admin/items/${itemCode}/files`, { file: 'JVBERi0=' })).status).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps path tricks in file names out of the file system: the name is cleaned metadata only', async () => {
    const parent = path.dirname(s.uploadDir);
    for (const name of ['../../../../etc/passwd.pdf', '..\\..\\windows\\win.ini.pdf', 'a\u0000b.pdf', 'invoice\u202efdp.exe', '.htaccess']) {
      const res = await upload(admin, itemCode, { purpose: 'blank', materialCode: 'M01' }, { name, bytes: PDF });
      expect(res.status, name).toBe(201);
      expect(res.body.name).not.toMatch(/[/\\\u0000\u202e]/);
      expect(res.body.name.startsWith('.')).toBe(false);
    }
    expect(fs.readdirSync(parent)).toEqual(['uploads']);
    for (const f of filesIn(s.uploadDir)) expect(path.basename(f)).toMatch(/^[a-f0-9]{32}$/);
  });

  it('is for admins only: anonymous, desk and approver uploads are refused and store nothing', async () => {
    const before = await snapshot();
    const approver = await login(s.url, 'approver-scjg');
    expect((await upload(undefined, itemCode, { purpose: 'blank', materialCode: 'M01' }, { name: 'a.pdf', bytes: PDF })).status).toBe(401);
    expect((await upload(desk, itemCode, { purpose: 'blank', materialCode: 'M01' }, { name: 'a.pdf', bytes: PDF })).status).toBe(403);
    expect((await upload(approver, itemCode, { purpose: 'blank', materialCode: 'M01' }, { name: 'a.pdf', bytes: PDF })).status).toBe(403);
    // A missing CSRF token.
    const noCsrf = await upload({ ...admin, csrf: '' }, itemCode, { purpose: 'blank', materialCode: 'M01' }, { name: 'a.pdf', bytes: PDF });
    expect(noCsrf.status).toBe(403);
    expect((await call(s.url, 'GET', `/api/admin/items/${itemCode}/files`)).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('lists nothing publicly for an unknown or unpublished item', async () => {
    expect((await call(s.url, 'GET', '/api/public/items/NO-SUCH/files')).status).toBe(404);
    expect((await call(s.url, 'GET', '/api/public/items/..%2Fx/files')).status).toBe(400);
  });
});
