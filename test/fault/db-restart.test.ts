import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkIntakes, completeIntakeBody, createServerDatabase, loginDesk, request, runAuditVerify, startServerProcess,
  type ServerDatabase, type ServerProcess, expectIntakesIntact } from '../helpers/server-process.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

// PostgreSQL goes away under the intake rush (a TCP proxy between the server process and
// PostgreSQL cuts every connection and refuses new ones for a few seconds) and comes back. The
// server must keep answering — 503 DATABASE_UNAVAILABLE, quickly, never a hang or a 500 — and
// recover by itself, and nothing it answered 201 may be lost.
//
// PGlite runs inside the server process: there is no separate database that could restart, so
// this only runs with DATABASE_URL.

const CONCURRENCY = 20;
/** No request may take longer than this, outage or not. */
const ANSWER_BOUND_MS = 8_000;
const LOAD_BEFORE_MS = 2_000;
const OUTAGE_MS = 3_000;
const LOAD_AFTER_MS = 4_000;
/** The first intake started after the database is back must succeed within this. */
const RECOVERY_BOUND_MS = 5_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const onPostgres = !!process.env.DATABASE_URL;

interface Outcome {
  start: number;
  end: number;
  status?: number;
  body?: any;
  error?: string;
}

let database: ServerDatabase | undefined;
let proxy: TcpProxy | undefined;
let server: ServerProcess | undefined;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createServerDatabase();
  const direct = new URL(database.url!);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
}, 60_000);

afterAll(async () => {
  await server?.kill('SIGKILL');
  await proxy?.close();
  await database?.destroy();
}, 60_000);

describe('database restart under load', () => {
  it.runIf(onPostgres)('PostgreSQL down for 3 s under intake load (PostgreSQL only: PGlite lives inside the server process): only 201 or a quick 503, recovers by itself, loses nothing answered 201', async () => {
    const db = database!;
    const px = proxy!;
    const viaProxy = new URL(db.url!);
    viaProxy.hostname = px.host;
    viaProxy.port = String(px.port);
    server = await startServerProcess({ DATABASE_URL: viaProxy.toString() });
    const s = server;
    const body = await completeIntakeBody(s.url);
    const desk = await loginDesk(s.url);

    const timed = async (fn: () => Promise<{ status: number; body: any }>): Promise<Outcome> => {
      const start = Date.now();
      try {
        const res = await fn();
        return { start, end: Date.now(), status: res.status, body: res.body };
      } catch (err) {
        return { start, end: Date.now(), error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
      }
    };

    let stop = false;
    let loadRunning!: () => void;
    const firstAnswer = new Promise<void>((resolve) => { loadRunning = resolve; });
    const intakes: Outcome[] = [];
    const health: Outcome[] = [];
    const loops = Array.from({ length: CONCURRENCY }, async () => {
      while (!stop) {
        // The deadline is a little above the bound, so an answer over the bound shows as such, not as an abort.
        const outcome = await timed(() => request(s.url, 'POST', '/api/cases', { body, headers: desk.headers, timeoutMs: ANSWER_BOUND_MS + 2_000 }));
        intakes.push(outcome);
        if (outcome.status === 201) loadRunning();
      }
    });
    const healthLoop = (async () => {
      while (!stop) {
        health.push(await timed(() => request(s.url, 'GET', '/api/health', { timeoutMs: ANSWER_BOUND_MS + 2_000 })));
        await sleep(200);
      }
    })();

    await Promise.race([firstAnswer, sleep(30_000)]);
    await sleep(LOAD_BEFORE_MS);
    const downAt = Date.now();
    await px.down();
    await sleep(OUTAGE_MS);
    await px.up();
    const upAt = Date.now();
    await sleep(LOAD_AFTER_MS);
    stop = true;
    await Promise.all([...loops, healthLoop]);

    const during = (o: Outcome) => o.start > downAt + 100 && o.end < upAt;
    const summary = (os: Outcome[]) => {
      const counts: Record<string, number> = {};
      for (const o of os) counts[o.error ? 'error' : String(o.status)] = (counts[o.error ? 'error' : String(o.status)] ?? 0) + 1;
      return counts;
    };
    const slowest = Math.max(...intakes.map((o) => o.end - o.start), ...health.map((o) => o.end - o.start));
    console.log(`db-restart: intakes ${JSON.stringify(summary(intakes))}, health ${JSON.stringify(summary(health))}, ` +
      `slowest answer ${slowest} ms, ${px.accepted} connections through the proxy`);

    // Every request was answered, in time, and the process lived through it.
    expect(intakes.filter((o) => o.error), s.output()).toEqual([]);
    expect(health.filter((o) => o.error), s.output()).toEqual([]);
    expect(slowest).toBeLessThan(ANSWER_BOUND_MS);
    expect(s.alive, s.output()).toBe(true);

    // Only success or "the database is unavailable".
    const notOk = intakes.filter((o) => o.status !== 201);
    expect(notOk.filter((o) => o.status !== 503 || o.body?.code !== 'DATABASE_UNAVAILABLE').map((o) => ({ status: o.status, body: o.body })), s.output()).toEqual([]);
    expect(health.filter((o) => o.status !== 200 && !(o.status === 503 && o.body?.code === 'DATABASE_UNAVAILABLE')).map((o) => ({ status: o.status, body: o.body }))).toEqual([]);

    // The outage was seen: nothing started and finished inside it succeeded, and health said so.
    expect(intakes.filter((o) => o.end < downAt && o.status === 201).length, 'intakes before the outage').toBeGreaterThan(0);
    const inside = intakes.filter(during);
    expect(inside.length, 'intakes during the outage').toBeGreaterThan(0);
    expect(inside.filter((o) => o.status === 201)).toEqual([]);
    expect(health.filter(during).length, 'health checks during the outage').toBeGreaterThan(0);
    expect(health.filter(during).every((o) => o.status === 503)).toBe(true);

    // It recovered by itself, without a restart.
    const firstBack = intakes.filter((o) => o.start >= upAt && o.status === 201).sort((a, b) => a.end - b.end)[0];
    expect(firstBack, 'an intake succeeded after the database came back').toBeDefined();
    expect(firstBack!.end - upAt).toBeLessThan(RECOVERY_BOUND_MS);
    // Once back, it stays back: every intake started after that first success succeeds.
    const tail = intakes.filter((o) => o.start > firstBack!.end);
    expect(tail.length).toBeGreaterThan(0);
    expect(tail.filter((o) => o.status !== 201).map((o) => o.body)).toEqual([]);
    expect((await request(s.url, 'GET', '/api/health')).status).toBe(200);

    // Nothing answered 201 was lost, and nothing is half-written.
    await s.kill('SIGTERM');
    server = undefined;
    const answered = intakes.filter((o) => o.status === 201).map((o) => String(o.body.caseNo));
    const check = await db.open();
    let cases: number;
    try {
      const report = await checkIntakes(check, answered);
      cases = report.cases;
      // Some cut-off requests may have committed without their answer arriving; never more than were cut off.
      expectIntakesIntact(report, answered, notOk.length);
    } finally {
      await check.close();
    }
    const verify = runAuditVerify(db.env);
    expect(verify.status, verify.stderr + verify.stdout).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`${cases} cases, ${cases} events, every chain intact`));
  }, 150_000);
});
