import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import { ManualClock } from '../../src/domain/clock.js';
import { createTestDatabase } from './test-database.js';
import { call, type TestServer } from './test-server.js';

export interface ApplicantServer extends TestServer {
  uploadDir: string;
}

/** The real server (as startTestServer), with its upload folder in a fresh temporary directory. */
export async function startApplicantServer(opts: { now?: string; config?: Partial<Config> } = {}): Promise<ApplicantServer> {
  const database = await createTestDatabase();
  const clock = new ManualClock(new Date(opts.now ?? '2026-11-16T02:00:00Z'));
  await seedDemo(database.db, clock.now());
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-uploads-'));
  const uploadDir = path.join(root, 'uploads');
  const config = { ...loadConfig({}), webDir: path.resolve(process.env.OW_WEB_DIST ?? 'dist/web'), uploadDir, ...opts.config };
  const app = await buildApp({ database, clock, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`, app, database, clock, uploadDir: config.uploadDir,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function rows<T>(s: TestServer, query: string | SQL): Promise<T[]> {
  const res = await s.database.db.execute(typeof query === 'string' ? sql.raw(query) : query);
  return (res as unknown as { rows: T[] }).rows;
}

/** The newest sign-in code sent to a phone, read from the SMS outbox (what the log gateway shows). */
export async function codeFromOutbox(s: TestServer, phone: string): Promise<string | undefined> {
  const [row] = await rows<{ body: string }>(s, sql`select body from outbox where template = 'login-code' and recipient = ${phone} order by id desc limit 1`);
  return row ? /验证码为(\d{6})/.exec(row.body)?.[1] : undefined;
}

export interface ApplicantSession {
  cookie: string;
  csrf: string;
  phone: string;
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  upload(file: { name: string; bytes: Uint8Array; type?: string }, materialCode?: string): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function uploadAs(url: string, cookie: string | undefined, csrf: string | undefined, file: { name: string; bytes: Uint8Array; type?: string }, materialCode?: string) {
  const form = new FormData();
  if (materialCode !== undefined) form.append('materialCode', materialCode);
  form.append('file', new Blob([file.bytes as BlobPart], { type: file.type ?? 'application/octet-stream' }), file.name);
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(url + '/api/applicant/uploads', { method: 'POST', body: form, headers });
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: body as any, headers: res.headers };
}

/** Asks for a code, reads it from the outbox, signs in. */
export async function signIn(s: TestServer, phone: string): Promise<ApplicantSession> {
  const sent = await call(s.url, 'POST', '/api/applicant/code', { phone });
  if (sent.status !== 200) throw new Error(`code for ${phone}: ${sent.status} ${JSON.stringify(sent.body)}`);
  const code = await codeFromOutbox(s, phone);
  const res = await fetch(s.url + '/api/applicant/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, code }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${phone}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    cookie, csrf: csrfToken, phone,
    request: (method, p, body, headers = {}) => call(s.url, method, p, body, { cookie, 'x-csrf-token': csrfToken, ...headers }),
    upload: (file, materialCode) => uploadAs(s.url, cookie, csrfToken, file, materialCode),
  };
}

// Smallest files that carry each accepted signature (the rest of the bytes do not matter to the check).
export const PDF = new Uint8Array([...Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1')]);
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
export const JPG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

/** Files in the upload folder and everything below it (temporary parts included). */
export function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}
