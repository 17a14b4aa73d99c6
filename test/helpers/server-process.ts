import { expect } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, rawQuery, type Database } from '../../src/db/client.js';

/** The repository root: the server and the CLIs run from there, as `npm start` would. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ─── a database the real server process can open, and reopen after it died ───

export interface ServerDatabase {
  kind: 'pglite' | 'postgresql';
  /** Environment that points the server and the CLIs at this database. */
  env: Record<string, string>;
  /** PostgreSQL only: the database's own URL (direct, no proxy). */
  url?: string;
  /** PGlite only: the data folder. */
  dataDir?: string;
  /** Opens it in this process, for checks. PGlite: only while no server holds the folder. */
  open(): Promise<Database>;
  /** Drops the database (PostgreSQL) or removes the folder (PGlite). */
  destroy(): Promise<void>;
}

/**
 * A fresh database for a server process: with DATABASE_URL set, a new PostgreSQL database
 * `ow_test_<random>` beside the given one (as createTestDatabase does); otherwise a PGlite data
 * folder in a temporary directory.
 */
export async function createServerDatabase(): Promise<ServerDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-fault-'));
    const dataDir = path.join(root, 'data');
    return {
      kind: 'pglite',
      env: { DATABASE_URL: '', DATA_DIR: dataDir },
      dataDir,
      open: () => openDatabase({ dataDir }),
      destroy: async () => fs.rmSync(root, { recursive: true, force: true }),
    };
  }
  const name = `ow_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind: 'postgresql',
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    open: () => openDatabase({ databaseUrl: url.toString() }),
    destroy: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

// ─── the server as a separate process ───

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  pid: number;
  /** Resolves when the process has exited (for whatever reason). */
  exited: Promise<ServerExit>;
  readonly alive: boolean;
  /** The last 64 KB of stdout and stderr, for failure messages. */
  output(): string;
  /** Sends the signal (default SIGKILL) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<ServerExit>;
}

const live = new Set<ChildProcess>();
// A test that fails or times out must not leave a server (and a PGlite lock) behind.
process.once('exit', () => { for (const child of live) child.kill('SIGKILL'); });

const OUTPUT_LIMIT = 64 * 1024;

/**
 * Starts `node --import tsx src/main.ts` with PORT=0 on 127.0.0.1 and the given environment, and
 * resolves once it prints the address it listens on. Rejects (with its output) if it exits first
 * or does not come up within `timeoutMs`.
 */
export function startServerProcess(env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<ServerProcess> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...(process.env.OW_WEB_DIST ? { WEB_DIR: process.env.OW_WEB_DIST } : {}), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  // Always drained: a server blocked on a full pipe would look like a hang.
  const onData = (b: Buffer) => {
    out += b.toString();
    if (out.length > OUTPUT_LIMIT * 2) out = out.slice(-OUTPUT_LIMIT);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => { live.delete(child); resolve({ code, signal }); });
  });
  const output = () => out.slice(-OUTPUT_LIMIT);

  return new Promise<ServerProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const onStart = () => {
      const m = /is running at http:\/\/[^:\s]+:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onStart);
      const port = Number(m[1]);
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        pid: child.pid!,
        exited,
        get alive() { return child.exitCode === null && child.signalCode === null; },
        output,
        kill: async (signal = 'SIGKILL') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on('data', onStart);
    void exited.then((e) => {
      clearTimeout(timer);
      reject(new Error(`server exited before it started (code ${e.code}, signal ${e.signal}):\n${output()}`));
    });
  });
}

/** Runs `npm run audit:verify` (the CLI itself, without npm) against the given database environment. */
export function runAuditVerify(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

// ─── talking to it ───

export interface Answer {
  status: number;
  body: any;
}

/** One JSON request; no retries, and every request has a deadline. */
export async function request(url: string, method: string, urlPath: string, opts: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Answer> {
  const res = await fetch(url + urlPath, {
    method,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body };
}

export interface DeskSession {
  headers: Record<string, string>;
}

export async function loginDesk(url: string, username = 'desk1', password = 'onewindow-demo'): Promise<DeskSession> {
  const res = await fetch(url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { headers: { cookie, 'x-csrf-token': csrfToken } };
}

/**
 * The body of an intake with every material provided, taken in for a township (so the case is
 * `received` and, the applicant not being at the window, its SMS is `received`).
 */
export async function completeIntakeBody(url: string, itemName = '食品经营许可') {
  const list = await request(url, 'GET', `/api/items?q=${encodeURIComponent(itemName)}&pageSize=50`);
  const hit = (list.body.items as { name: string; code: string }[]).find((i) => i.name === itemName);
  if (!hit) throw new Error(`no item ${itemName}`);
  const item = (await request(url, 'GET', `/api/items/${hit.code}`)).body as { code: string; materials: { code: string }[] };
  return {
    itemCode: item.code,
    applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13812345678' },
    channel: 'township',
    materials: item.materials.map((m) => ({ code: m.code, provided: true })),
  };
}

// ─── what an intake must leave behind ───

export interface IntakeIntegrity {
  /** Cases in the database. */
  cases: number;
  /** Case numbers answered 201 more than once. */
  duplicateAnswers: string[];
  /** Case numbers answered 201 that the database does not have. */
  missing: string[];
  /** Cases whose event_count differs from their events, or that have no event (half-written). */
  badEventCount: { caseNo: string; eventCount: number; events: number }[];
  /** Cases whose first event is not the intake. */
  badFirstEvent: string[];
  /** Cases without the intake's `received` SMS in the outbox. */
  missingSms: string[];
  /** Events and outbox rows pointing at no case. */
  orphanEvents: number;
  orphanOutbox: number;
}

/**
 * Checks a database filled only by complete intakes (status `received`): every case number
 * answered 201 is there, each case has all its events (event_count of them, at least one, the
 * first a `receive`) and the intake's `received` SMS in the outbox, and nothing points at a case
 * that does not exist.
 */
export async function checkIntakes(database: Database, answered: string[]): Promise<IntakeIntegrity> {
  const q = (name: string, text: string, params: unknown[] = []) => rawQuery(database.db, `fault_${name}`, text, params);
  const seen = new Set<string>();
  const duplicateAnswers = answered.filter((no) => (seen.has(no) ? true : (seen.add(no), false)));
  const present = new Set((await q('present', 'select case_no from cases where case_no = any($1::text[])', [[...seen]])).map((r) => String(r.case_no)));
  const [{ n }] = (await q('count', 'select count(*)::int as n from cases')) as [{ n: number }];
  const badEventCount = (await q('event_count', `
    select c.case_no, c.event_count, count(e.seq)::int as events
    from cases c left join case_events e on e.case_id = c.id
    group by c.id, c.case_no, c.event_count
    having count(e.seq) <> c.event_count or count(e.seq) = 0
    order by c.case_no`)).map((r) => ({ caseNo: String(r.case_no), eventCount: Number(r.event_count), events: Number(r.events) }));
  const badFirstEvent = (await q('first_event', `
    select c.case_no from cases c
    where not exists (select 1 from case_events e where e.case_id = c.id and e.seq = 1 and e.action = 'receive')
    order by c.case_no`)).map((r) => String(r.case_no));
  const missingSms = (await q('sms', `
    select c.case_no from cases c
    where not exists (
      select 1 from outbox o
      where o.case_id = c.id and o.template = 'received' and o.dedupe_key = 'case:' || c.case_no || ':' || c.center_id || ':1')
    order by c.case_no`)).map((r) => String(r.case_no));
  const [{ orphan_events }] = (await q('orphan_events',
    'select count(*)::int as orphan_events from case_events e where not exists (select 1 from cases c where c.id = e.case_id)')) as [{ orphan_events: number }];
  const [{ orphan_outbox }] = (await q('orphan_outbox',
    'select count(*)::int as orphan_outbox from outbox o where o.case_id is not null and not exists (select 1 from cases c where c.id = o.case_id)')) as [{ orphan_outbox: number }];
  return {
    cases: Number(n),
    duplicateAnswers,
    missing: [...seen].filter((no) => !present.has(no)),
    badEventCount,
    badFirstEvent,
    missingSms,
    orphanEvents: Number(orphan_events),
    orphanOutbox: Number(orphan_outbox),
  };
}

/** Every intake answered 201 is there, whole: events, first event, SMS; nothing points nowhere. At most `maybeCommitted` more cases (requests cut off after their commit). */
export function expectIntakesIntact(report: Awaited<ReturnType<typeof checkIntakes>>, answered: string[], maybeCommitted: number): void {
  expect(report.duplicateAnswers).toEqual([]);
  expect(report.missing).toEqual([]);
  expect(report.badEventCount).toEqual([]);
  expect(report.badFirstEvent).toEqual([]);
  expect(report.missingSms).toEqual([]);
  expect(report.orphanEvents).toBe(0);
  expect(report.orphanOutbox).toBe(0);
  expect(report.cases).toBeGreaterThanOrEqual(answered.length);
  expect(report.cases).toBeLessThanOrEqual(answered.length + maybeCommitted);
}
