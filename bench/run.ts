/**
 * npm run bench — speed under the morning rush, as ratios to a bare Fastify + pg server measured
 * in the same run on the same database (machines differ; ratios travel). See docs/performance.md.
 *   BENCH_QUICK=1   short run (under two minutes)
 *   DATABASE_URL    PostgreSQL to use (a throwaway database is created in it); default: the local server
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { benchWarningScan, type ScanBenchResult } from './scan-bench.js';
import { benchDashboard, type DashboardBenchResult } from './dashboard-bench.js';
import autocannon from 'autocannon';
import pg from 'pg';

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 5 : 20));
/** Rounds alternate baseline and target, so drift on a shared machine hits both alike; the median ratio is reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 2 : 3));
const CONNECTIONS = 50;
// A center has 99,999 case numbers a day: each round runs on a fresh database, and a phase is
// shortened on a machine fast enough to use them up (the warm-up's rate tells).
const PHASE_MAX = 80_000;
const PERSON = { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13812345678' };

interface Phase { name: string; rps: number; p99: number; p50: number; non2xx: number; errors: number; total: number }

function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`start timeout: ${out}`)), 60_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = out.match(ready);
      if (m) { clearTimeout(timer); resolve({ child, port: Number(m[1]) }); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${out}`)); });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

function peakRssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = status.match(/VmHWM:\s+(\d+) kB/);
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch { return NaN; }
}

async function load(name: string, opts: autocannon.Options): Promise<Phase> {
  // A warm-up so the JIT and the connection pools are not what is measured.
  const warm = await autocannon({ ...opts, duration: 3, connections: CONNECTIONS });
  const duration = Math.max(2, Math.min(DURATION, Math.floor(PHASE_MAX / Math.max(warm.requests.average, 1))));
  const r = await autocannon({ ...opts, duration, connections: CONNECTIONS });
  const phase = { name, rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, non2xx: r.non2xx, errors: r.errors, total: r.requests.total };
  console.log(`  ${name.padEnd(22)} ${phase.rps.toFixed(0).padStart(6)} req/s  p50 ${String(phase.p50).padStart(4)} ms  p99 ${String(phase.p99).padStart(4)} ms  non-2xx ${phase.non2xx}  errors ${phase.errors}`);
  return phase;
}

async function json(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, body: await res.json() as any };
}

async function loginAs(base: string, username: string) {
  const res = await json(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'onewindow-demo' }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: res.body.csrfToken as string };
}

async function adminUrl(): Promise<string> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch (err) {
    throw new Error(`PostgreSQL not reachable at ${url}: set DATABASE_URL (${(err as Error).message})`);
  }
}

async function createDatabase(admin: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ow_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}

interface Target { base: string; child: ChildProcess }

async function caseWorkload(t: Target, tag: string): Promise<{ intake: Phase; progress: Phase; action?: Phase; caseNos: string[] }> {
  const desk = await loginAs(t.base, 'desk1');
  const list = await json(`${t.base}/api/items?q=${encodeURIComponent('食品经营许可')}`);
  const item = (await json(`${t.base}/api/items/${list.body.items[0].code}`)).body;
  const intakeBody = JSON.stringify({ itemCode: item.code, applicant: PERSON, channel: 'window', materials: item.materials.map((m: { code: string }) => ({ code: m.code, provided: true })) });
  const intake = await load(`${tag} intake`, {
    url: `${t.base}/api/cases`, method: 'POST', body: intakeBody,
    headers: { 'content-type': 'application/json', cookie: desk.cookie, 'x-csrf-token': desk.csrf },
  });
  const queue = await json(`${t.base}/api/cases?status=received&pageSize=200&mine=true`, { headers: { cookie: desk.cookie } });
  const sample: string[] = queue.body.items.map((i: { caseNo: string }) => i.caseNo);
  let n = 0;
  const progress = await load(`${tag} progress query`, {
    url: t.base,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/public/progress?caseNo=${sample[n++ % sample.length]}&phone=${PERSON.phone}` }) }],
  });
  return { intake, progress, caseNos: sample };
}

/**
 * Each connection takes the next received case and walks it through accept → review-pass →
 * approve → complete, one step after the other, as an approver at work would.
 */
async function actionWorkload(t: Target, db: pg.Pool): Promise<Phase> {
  const approver = await loginAs(t.base, 'approver-scjg');
  const { rows } = await db.query(`select case_no from cases where status = 'received' and item_code like 'SCJG-%' order by id`);
  const pool: string[] = rows.map((r) => r.case_no);
  let next = 0;
  const step = (action: string, data?: Record<string, unknown>, first = false) => ({
    method: 'POST' as const,
    setupRequest: (req: any, context: any) => {
      if (first) context.caseNo = pool[next++ % pool.length];
      return { ...req, path: `/api/cases/${context.caseNo}/actions`, body: JSON.stringify({ action, ...(data ? { data } : {}) }) };
    },
  });
  return load('action (accept…complete)', {
    url: t.base,
    headers: { 'content-type': 'application/json', cookie: approver.cookie, 'x-csrf-token': approver.csrf },
    requests: [step('accept', undefined, true), step('review-pass'), step('approve'), step('complete', { resultNo: 'JY-BENCH' })],
  });
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const admin = await adminUrl();
  const database = await createDatabase(admin);
  const env = { DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', NODE_ENV: 'development' };
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  console.log(`bench: ${os.cpus().length} cores, ${CONNECTIONS} connections, ${DURATION} s per phase, ${ROUNDS} rounds${QUICK ? ' (quick)' : ''}`);
  const children: ChildProcess[] = [];
  try {
    const baseline = await startProcess(['bench/baseline-server.ts'], env, /listening (\d+)/);
    children.push(baseline.child);
    const bBase = `http://127.0.0.1:${baseline.port}`;
    const rounds: Record<string, Phase>[] = [];
    let peakMb = 0;
    for (let r = 1; r <= ROUNDS; r++) {
      console.log(`PostgreSQL, round ${r}`);
      const roundDb = await createDatabase(admin);
      const roundPool = new pg.Pool({ connectionString: roundDb.url, max: 2 });
      let server: { child: ChildProcess; port: number } | undefined;
      try {
      server = await startProcess(['src/main.ts'], { ...env, DATABASE_URL: roundDb.url, OUTBOX_INTERVAL_MS: '1000' }, /running at http:\/\/localhost:(\d+)/);
      const target = { base: `http://127.0.0.1:${server.port}`, child: server.child };
      const insertBase = await load('baseline insert', {
        url: `${bBase}/insert`, method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ itemCode: 'X', applicant: PERSON, materials: [{ code: 'M01', provided: true }] }),
      });
      const work = await caseWorkload(target, 'pg');
      const maxId = (await pool.query('select max(id) as m from bench_baseline')).rows[0].m as number;
      let k = 0;
      const getBase = await load('baseline get by key', {
        url: bBase, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/row/${(k++ % maxId) + 1}` }) }],
      });
      const action = await actionWorkload(target, roundPool);
      rounds.push({ insertBase, getBase, intake: work.intake, progress: work.progress, action });
      peakMb = Math.max(peakMb, peakRssMb(server.child.pid!));
      } finally {
        if (server) await stop(server.child);
        await roundPool.end();
        await roundDb.drop();
      }
    }
    await Promise.all(children.map(stop));
    const ratioOf = (f: (p: Record<string, Phase>) => number) => median(rounds.map(f));
    const ratios = {
      intake: ratioOf((p) => p.intake!.rps / p.insertBase!.rps),
      intake_p99: ratioOf((p) => p.intake!.p99 / Math.max(p.insertBase!.p99, 1)),
      action: ratioOf((p) => p.action!.rps / p.insertBase!.rps),
      progress: ratioOf((p) => p.progress!.rps / p.getBase!.rps),
      progress_p99: ratioOf((p) => p.progress!.p99 / Math.max(p.getBase!.p99, 1)),
    };

    console.log('PGlite (for information)');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ow-bench-'));
    const lite = await startProcess(['src/main.ts'], { ...env, DATABASE_URL: '', DATA_DIR: dataDir }, /running at http:\/\/localhost:(\d+)/);
    const liteWork = await caseWorkload({ base: `http://127.0.0.1:${lite.port}`, child: lite.child }, 'pglite');
    const litePeak = peakRssMb(lite.child.pid!);
    await stop(lite.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const insertMedian = median(rounds.map((p) => p.insertBase!.rps));
    const getMedian = median(rounds.map((p) => p.getBase!.rps));
    const pglite = { intake: liteWork.intake, progress: liteWork.progress, peakRssMb: litePeak,
      ratios: { intake: liteWork.intake.rps / insertMedian, progress: liteWork.progress.rps / getMedian } };

    // Supervision at scale (issue 7): each on a database of its own; quick mode uses smaller tables,
    // where the fixed costs weigh more, so its two ratios are for information only.
    const scale = QUICK ? 0.1 : 1;
    console.log(`warning scan: ${Math.round(200_000 * scale)} open of ${Math.round(1_000_000 * scale)} cases`);
    const scanDb = await createDatabase(admin);
    let scan: ScanBenchResult;
    try {
      scan = await benchWarningScan(scanDb.url, { openCases: Math.round(200_000 * scale), closedCases: Math.round(800_000 * scale) });
    } finally {
      await scanDb.drop();
    }
    console.log(`dashboard: ${Math.round(1_000_000 * scale)} historical cases`);
    const dashDb = await createDatabase(admin);
    let dash: DashboardBenchResult;
    try {
      dash = await benchDashboard(dashDb.url, { cases: Math.round(1_000_000 * scale) });
    } finally {
      await dashDb.drop();
    }

    const goals: [string, number, number, '>=' | '<='][] = [
      ['intake', ratios.intake, 0.55, '>='], ['intake_p99', ratios.intake_p99, 2.5, '<='],
      ['action', ratios.action, 0.40, '>='], ['progress', ratios.progress, 0.75, '>='], ['progress_p99', ratios.progress_p99, 1.5, '<='],
      ['warning_scan', scan.ratio, 0.01, '<='], ['dashboard', dash.ratio, 0.01, '<='],
      ['dashboard_equal', dash.equal && dash.yearEqual ? 1 : 0, 1, '>='],
    ];
    console.log('\nfigure (median of rounds)  ratio   goal     met');
    for (const [name, value, goal, op] of goals) {
      const met = op === '>=' ? value >= goal : value <= goal;
      console.log(`${name.padEnd(26)} ${value.toFixed(2).padStart(5)}   ${op} ${goal.toFixed(2)}  ${met ? 'yes' : 'NO'}`);
    }
    console.log(`warning scan: ${scan.scanMs.toFixed(1)} ms routine scan (${scan.firstScanMs.toFixed(0)} ms first of the day, ${scan.changedPerDay} changes) ` +
      `vs ${scan.fullCountMs.toFixed(0)} ms count(*) over ${scan.totalCases} cases${QUICK ? ' (quick size: for information)' : ''}`);
    console.log(`dashboard: ${dash.dashboardMs.toFixed(1)} ms from rollups vs ${dash.rawMs.toFixed(0)} ms raw GROUP BY (30 days), ` +
      `year ${dash.yearDashboardMs.toFixed(1)} vs ${dash.yearRawMs.toFixed(0)} ms; figures equal: ${dash.equal && dash.yearEqual ? 'yes' : 'NO'}; ` +
      `full refresh ${(dash.refreshMs / 1000).toFixed(1)} s, incremental ${dash.incrementalRefreshMs.toFixed(0)} ms${QUICK ? ' (quick size: for information)' : ''}`);
    console.log(`PGlite, for information: intake ${pglite.ratios.intake.toFixed(2)}, progress ${pglite.ratios.progress.toFixed(2)} of the PostgreSQL baselines`);
    console.log(`server peak memory: ${peakMb} MB (PostgreSQL), ${litePeak} MB (PGlite)`);
    const file = path.join('bench/results', `${new Date().toISOString().replace(/[:.]/g, '-')}${QUICK ? '-quick' : ''}.json`);
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(file, JSON.stringify({
      at: new Date().toISOString(), cores: os.cpus().length, quick: QUICK, durationS: DURATION, rounds: ROUNDS, connections: CONNECTIONS,
      ratios, goals: goals.map(([name, value, goal, op]) => ({ name, value, goal, op })), phases: rounds, peakRssMb: peakMb, pglite, scan, dashboard: dash,
    }, null, 2));
    console.log(`results: ${file}`);
    console.log(`bench: ${goals.map(([n, v]) => `${n}=${v < 0.1 && v > 0 ? v.toFixed(4) : v.toFixed(2)}`).join(' ')} peak_mb=${peakMb}`);
  } finally {
    await Promise.all(children.map(stop));
    await pool.end();
    await database.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
