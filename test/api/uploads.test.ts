import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, type Session } from '../helpers/test-server.js';
import { loadConfig } from '../../src/config.js';
import {
  filesIn, JPG, PDF, PNG, rows, signIn, startApplicantServer, uploadAs, type ApplicantServer, type ApplicantSession,
} from '../helpers/applicant.js';
import { createUploadCleanup } from '../../src/jobs/upload-cleanup.js';
import { cleanupUnattachedUploads } from '../../src/modules/uploads/uploads.service.js';

let s: ApplicantServer;
let me: ApplicantSession;
let other: ApplicantSession;

beforeAll(async () => {
  s = await startApplicantServer({ now: '2026-11-16T02:00:00Z' });
  me = await signIn(s, '13600000001');
  other = await signIn(s, '13600000002');
});
afterAll(async () => { await s?.close(); });

const STORED = /^[a-f0-9]{32}$/;
const uploadCount = async () => (await rows<{ n: number }>(s, 'select count(*)::int as n from uploads'))[0]!.n;

/** Nothing written: no new file anywhere in the folder (temporary parts included), no new row. */
async function expectNothingStored(before: { files: string[]; rows: number }) {
  expect(filesIn(s.uploadDir)).toEqual(before.files);
  expect(await uploadCount()).toBe(before.rows);
}
const snapshot = async () => ({ files: filesIn(s.uploadDir), rows: await uploadCount() });

async function download(id: string, who?: { cookie: string }) {
  const res = await fetch(`${s.url}/api/files/${id}`, { headers: who ? { cookie: who.cookie } : {} });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('uploading', () => {
  it('accepts PDF, JPG and PNG by their content and stores them under random names', async () => {
    for (const [bytes, name, type] of [[PDF, '申请书.pdf', 'application/pdf'], [JPG, 'id-card.jpg', 'image/jpeg'], [PNG, 'plan.png', 'image/png']] as const) {
      const res = await me.upload({ name, bytes, type: 'application/octet-stream' }, 'M01');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ name, mediaType: type, size: bytes.length, materialCode: 'M01', url: `/api/files/${res.body.id}` });
      expect(res.body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const [row] = await rows<{ storage_name: string; sha256: string }>(s, sql`select storage_name, sha256 from uploads where id = ${res.body.id}`);
      expect(row!.storage_name).toMatch(STORED);
      expect(fs.readFileSync(path.join(s.uploadDir, row!.storage_name))).toEqual(Buffer.from(bytes));
    }
    // Every stored file sits directly in the folder, named by us.
    for (const f of filesIn(s.uploadDir)) {
      expect(path.dirname(f)).toBe(s.uploadDir);
      expect(path.basename(f)).toMatch(STORED);
    }
  });

  it('goes by the signature, not the name or the declared type', async () => {
    const png = await me.upload({ name: 'scan.pdf', bytes: PNG, type: 'application/pdf' });
    expect(png.status).toBe(201);
    expect(png.body.mediaType).toBe('image/png');
    const got = await download(png.body.id, me);
    expect(got.headers.get('content-type')).toBe('image/png');
    // Saved as what it is.
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''scan.pdf.png`);
  });

  it('refuses other content with 415 whatever it is called, and stores nothing', async () => {
    const before = await snapshot();
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);
    const html = new TextEncoder().encode('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
    const almostPdf = new TextEncoder().encode(' %PDF-1.4 leading space');
    for (const [bytes, name, type] of [
      [exe, 'x.pdf', 'application/pdf'], [html, 'x.pdf', 'application/pdf'], [html, 'x.png', 'image/png'], [svg, 'logo.png', 'image/png'],
      [zip, 'docs.pdf', 'application/pdf'], [gif, 'a.jpg', 'image/jpeg'], [almostPdf, 'a.pdf', 'application/pdf'], [new Uint8Array([0xff, 0xd8]), 'tiny.jpg', 'image/jpeg'],
    ] as const) {
      const res = await me.upload({ name, bytes, type });
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.message).toContain('PDF, JPG, PNG');
    }
    const empty = await me.upload({ name: 'empty.pdf', bytes: new Uint8Array(0) });
    expect(empty.status).toBe(400);
    await expectNothingStored(before);
  });

  it('answers a file over the limit (10 MB by default) with 413 and a clear message, and stores nothing', async () => {
    const before = await snapshot();
    const limit = 10 * 1024 * 1024;
    const big = new Uint8Array(limit + 1);
    big.set(PDF);
    const res = await me.upload({ name: 'big.pdf', bytes: big });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: limit });
    expect(res.body.message).toContain('10 MB');
    await expectNothingStored(before);
    // Exactly at the limit is fine.
    const atLimit = await me.upload({ name: 'max.pdf', bytes: big.subarray(0, limit) });
    expect(atLimit.status).toBe(201);
    expect(atLimit.body.size).toBe(limit);
  });

  it('keeps path tricks in names out of the file system: random names inside the folder, the name cleaned as metadata', async () => {
    const parent = path.dirname(s.uploadDir);
    const names = [
      '../../../../etc/passwd.pdf', '..\\..\\windows\\win.ini.pdf', '/etc/shadow.pdf', 'C:\\evil\\x.pdf', 'a\u0000b.pdf',
      '..', '.htaccess', `${'长'.repeat(300)}.pdf`, 'invoice\u202efdp.exe', 'x\r\nContent-Type: text/html.pdf', '%2e%2e%2fescape.pdf',
    ];
    for (const name of names) {
      const res = await me.upload({ name, bytes: PDF });
      expect(res.status, `${JSON.stringify(name)} → ${JSON.stringify(res.body)}`).toBe(201);
      const clean: string = res.body.name;
      expect(clean).not.toMatch(/[/\\\u0000\r\n\u202e]/);
      expect(clean.startsWith('.')).toBe(false);
      expect(Array.from(clean).length).toBeLessThanOrEqual(100);
      const [row] = await rows<{ storage_name: string }>(s, sql`select storage_name from uploads where id = ${res.body.id}`);
      expect(row!.storage_name).toMatch(STORED);
    }
    expect((await me.upload({ name: '../../../../etc/passwd.pdf', bytes: PDF })).body.name).toBe('passwd.pdf');
    // Nothing landed beside or above the folder.
    expect(fs.readdirSync(parent)).toEqual(['uploads']);
    for (const f of filesIn(s.uploadDir)) expect(path.basename(f)).toMatch(STORED);
    for (const probe of ['etc/passwd.pdf', 'passwd.pdf', 'win.ini.pdf', 'escape.pdf']) expect(fs.existsSync(path.join(parent, probe))).toBe(false);
  });

  it('drops lone surrogates from a name declared in UTF-16 (filename*), so the stored name is the one answered', async () => {
    // "a" U+D800 ".pdf" in UTF-16LE: busboy decodes filename* in the charset it names, lone surrogate and all.
    const utf16 = Buffer.from([0x61, 0x00, 0x00, 0xd8, 0x2e, 0x00, 0x70, 0x00, 0x64, 0x00, 0x66, 0x00]);
    const encoded = [...utf16].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
    const boundary = 'ow-boundary-7d1';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=utf-16le''${encoded}\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from(PDF),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${s.url}/api/applicant/uploads`, {
      method: 'POST', body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: me.cookie, 'x-csrf-token': me.csrf },
    });
    const answer = await res.json() as { id: string; name: string };
    expect(res.status, JSON.stringify(answer)).toBe(201);
    expect(answer.name).toBe('a.pdf');
    const [row] = await rows<{ original_name: string }>(s, sql`select original_name from uploads where id = ${answer.id}`);
    expect(row!.original_name).toBe('a.pdf');
  });

  it('refuses malformed uploads with a 4xx and stores nothing', async () => {
    const before = await snapshot();
    // Two files in one request.
    const two = new FormData();
    two.append('file', new Blob([PDF]), 'a.pdf');
    two.append('file', new Blob([PNG]), 'b.png');
    const headers = { cookie: me.cookie, 'x-csrf-token': me.csrf };
    let res = await fetch(s.url + '/api/applicant/uploads', { method: 'POST', body: two, headers });
    expect(res.status).toBe(400);
    // A file under another field name, an unknown field, no file at all.
    const wrongField = new FormData();
    wrongField.append('document', new Blob([PDF]), 'a.pdf');
    res = await fetch(s.url + '/api/applicant/uploads', { method: 'POST', body: wrongField, headers });
    expect(res.status).toBe(400);
    const extra = new FormData();
    extra.append('owner', '13600000002');
    extra.append('file', new Blob([PDF]), 'a.pdf');
    res = await fetch(s.url + '/api/applicant/uploads', { method: 'POST', body: extra, headers });
    expect(res.status).toBe(400);
    const none = new FormData();
    none.append('materialCode', 'M01');
    res = await fetch(s.url + '/api/applicant/uploads', { method: 'POST', body: none, headers });
    expect(res.status).toBe(400);
    const badCode = await me.upload({ name: 'a.pdf', bytes: PDF }, '../M01');
    expect(badCode.status).toBe(400);
    // JSON instead of a form; a form cut off in the middle.
    expect((await me.request('POST', '/api/applicant/uploads', { file: 'JVBERi0=' })).status).toBe(415);
    const cut = await fetch(s.url + '/api/applicant/uploads', {
      method: 'POST', headers: { ...headers, 'content-type': 'multipart/form-data; boundary=XYZ' },
      body: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then nothing',
    });
    expect(cut.status).toBeGreaterThanOrEqual(400);
    expect(cut.status).toBeLessThan(500);
    // Without a session, without the CSRF token, with a staff session.
    expect((await uploadAs(s.url, undefined, undefined, { name: 'a.pdf', bytes: PDF })).status).toBe(401);
    expect((await uploadAs(s.url, me.cookie, undefined, { name: 'a.pdf', bytes: PDF })).status).toBe(403);
    const desk = await login(s.url, 'desk1');
    expect((await uploadAs(s.url, desk.cookie, desk.csrf, { name: 'a.pdf', bytes: PDF })).status).toBe(401);
    await expectNothingStored(before);
  });

  it('takes at most 100 files a day from one applicant', async () => {
    const busy = await signIn(s, '13600000003');
    for (let i = 0; i < 100; i++) expect((await busy.upload({ name: `p${i}.png`, bytes: PNG })).status).toBe(201);
    const before = await snapshot();
    const over = await busy.upload({ name: 'one-more.png', bytes: PNG });
    expect(over.status).toBe(429);
    expect(over.body.code).toBe('THROTTLED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectNothingStored(before);
    // Others are not held back.
    expect((await other.upload({ name: 'x.png', bytes: PNG })).status).toBe(201);
  });

  it('keeps refusing multipart bodies on every other route', async () => {
    const form = new FormData();
    form.append('phone', '13600000009');
    const res = await fetch(s.url + '/api/applicant/code', { method: 'POST', body: form });
    expect(res.status).toBe(415);
  });
});

describe('downloading', () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = (await me.upload({ name: '营业执照 副本.pdf', bytes: PDF }, 'M02')).body.id;
  });

  it('serves my own file as a download that browsers will not sniff', async () => {
    const got = await download(fileId, me);
    expect(got.status).toBe(200);
    expect(Buffer.from(got.bytes)).toEqual(Buffer.from(PDF));
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toContain('no-store');
    const disposition = got.headers.get('content-disposition')!;
    expect(disposition.startsWith('attachment;')).toBe(true);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('营业执照 副本.pdf')}`);
  });

  it('answers everyone else as if the file did not exist', async () => {
    const unknown = await download('AAAAAAAAAAAAAAAAAAAAAA', me);
    for (const who of [other, undefined]) {
      const got = await download(fileId, who);
      expect(got.status).toBe(404);
      expect(new TextDecoder().decode(got.bytes)).toBe(new TextDecoder().decode(unknown.bytes));
    }
    // Staff see files only through a case they can reach: this one is in no case yet.
    const desk: Session = await login(s.url, 'desk1');
    expect((await download(fileId, desk)).status).toBe(404);
    for (const id of ['..%2F..%2Fetc%2Fpasswd', 'x', fileId.toLowerCase() === fileId ? fileId.toUpperCase() : fileId.toLowerCase()]) {
      const res = await call(s.url, 'GET', `/api/files/${id}`, undefined, { cookie: me.cookie });
      expect(res.status, id).toBe(404);
    }
    // A NUL is refused by the parameter check before anything is looked up.
    expect((await call(s.url, 'GET', '/api/files/%00', undefined, { cookie: me.cookie })).status).toBe(400);
  });
});

describe('upload settings', () => {
  it('keeps the upload folder out of the web root and reads the size limit', () => {
    expect(() => loadConfig({ WEB_DIR: '/srv/ow/web', UPLOAD_DIR: '/srv/ow/web/uploads' })).toThrow(/outside|inside the web root/);
    expect(() => loadConfig({ WEB_DIR: '/srv/ow', DATA_DIR: '/srv/ow/data' })).toThrow(/UPLOAD_DIR/);
    expect(loadConfig({ DATA_DIR: '/var/lib/ow' }).uploadDir).toBe('/var/lib/ow/uploads');
    expect(loadConfig({ UPLOAD_MAX_MB: '2.5' }).uploadMaxBytes).toBe(2.5 * 1024 * 1024);
    expect(loadConfig({}).uploadMaxBytes).toBe(10 * 1024 * 1024);
    for (const bad of ['0', '-1', 'ten', '1000']) expect(() => loadConfig({ UPLOAD_MAX_MB: bad }), bad).toThrow(/UPLOAD_MAX_MB/);
  });
});

describe('cleaning up uploads never used', () => {
  it('deletes uploads no case used within 7 days, row and file, and keeps the attached ones', async () => {
    const start = new Date('2026-11-30T02:00:00Z');
    s.clock.set(start.toISOString());
    me = await signIn(s, '13600000001');
    const abandoned = (await me.upload({ name: '草稿.pdf', bytes: PDF }, 'M01')).body.id as string;
    const form = (await me.upload({ name: '申请表.pdf', bytes: PDF }, 'M01')).body.id as string;
    const idCard = (await me.upload({ name: '身份证.png', bytes: PNG }, 'M02')).body.id as string;
    const applied = await me.request('POST', '/api/applicant/applications', {
      itemCode: 'YB-006', applicant: { kind: 'person', name: '王五', idNumber: '11010519491231002X' },
      materials: [{ code: 'M01', uploadIds: [form] }, { code: 'M02', uploadIds: [idCard] }],
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const storedName = async (id: string) => (await rows<{ storage_name: string }>(s, sql`select storage_name from uploads where id = ${id}`))[0]?.storage_name;
    const abandonedFile = path.join(s.uploadDir, (await storedName(abandoned))!);
    expect(fs.existsSync(abandonedFile)).toBe(true);
    const job = createUploadCleanup({ db: s.database.db, clock: s.clock, uploadDir: s.uploadDir });

    // Just short of 7 days: a draft may still be finished.
    s.clock.set(new Date(start.getTime() + 7 * 86_400_000 - 60_000).toISOString());
    await job.runOnce();
    expect(await storedName(abandoned)).toBeDefined();
    expect(fs.existsSync(abandonedFile)).toBe(true);

    s.clock.set(new Date(start.getTime() + 7 * 86_400_000 + 60_000).toISOString());
    const result = await cleanupUnattachedUploads({ db: s.database.db, clock: s.clock, uploadDir: s.uploadDir });
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(await storedName(abandoned)).toBeUndefined();
    expect(fs.existsSync(abandonedFile)).toBe(false);
    for (const id of [form, idCard]) {
      const name = await storedName(id);
      expect(name, id).toBeDefined();
      expect(fs.existsSync(path.join(s.uploadDir, name!))).toBe(true);
    }
    // Every file left in the folder belongs to a row, and every row left is used by a case.
    const left = await rows<{ storage_name: string; used: boolean }>(s,
      'select storage_name, exists (select 1 from case_files f where f.upload_id = u.id) as used from uploads u');
    expect(left.every((r) => r.used)).toBe(true);
    expect(filesIn(s.uploadDir).map((f) => path.basename(f)).sort()).toEqual(left.map((r) => r.storage_name).sort());

    me = await signIn(s, '13600000001');
    expect((await download(abandoned, me)).status).toBe(404);
    expect((await download(form, me)).status).toBe(200);
    // Running again finds nothing more to do.
    expect(await cleanupUnattachedUploads({ db: s.database.db, clock: s.clock, uploadDir: s.uploadDir })).toEqual({ deleted: 0 });
  });
});
