/**
 * The dashboard at scale (issue 7, "Speed"): 1,000,000 historical cases over 12 months, the figures
 * read from the rollups against the same figures by a raw GROUP BY over `cases`, in the same run,
 * checked equal. The refresh that builds the rollups from nothing is reported, not compared: a
 * running server folds in only what changed since its last run (docs/dashboard.md).
 *
 * The figures compared are the ones the rollups serve: counts per day, per department and item
 * (received, accepted, completed, immediate, early, on time, late, refused, used days), the exact
 * used-days histograms behind average and P90, and intake by hour and weekday. Open cases by warning
 * level are read live from the open cases by both, so they are not part of the comparison.
 * The caller creates the (empty) database; this runs the migrations.
 */
import { DEFAULT_TIME_ZONE } from '../src/domain/time-zone.js';
import { sql } from 'drizzle-orm';
import { openDatabase, type Db } from '../src/db/client.js';
import { ManualClock } from '../src/domain/clock.js';
import { refreshStats } from '../src/modules/stats/stats.service.js';
import * as repo from '../src/modules/stats/stats.repository.js';

export interface DashboardBenchResult {
  cases: number;
  /** Median time of the raw GROUP BY over cases for the period's figures. */
  rawMs: number;
  /** Median time of the same figures from the rollups. */
  dashboardMs: number;
  ratio: number;
  equal: boolean;
  /** The same for the whole year (the longest period a leader usually asks for). */
  yearRawMs: number;
  yearDashboardMs: number;
  yearRatio: number;
  yearEqual: boolean;
  /** Building the rollups from nothing (first start on an existing database). */
  refreshMs: number;
  /** A routine refresh after 1,000 case changes. */
  incrementalRefreshMs: number;
}

const TODAY = '2026-11-18'; // a Wednesday
const CENTER = 1;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Inserts `n` cases received over the 365 days up to TODAY, spread over 50 items in 12 departments. */
export async function fillHistory(db: Db, n: number, firstId = 1): Promise<void> {
  await db.execute(sql`
    insert into cases (center_id, case_no, item_version_id, item_code, item_name, kind, department_id, status, applicant_kind,
      applicant_name, applicant_phone, channel, materials, received_at, accepted_at, accepted_date, promised_days, paused_days,
      due_date, completed_at, completed_date, timeliness, decision, warning_level, cancel_token, updated_at, event_count)
    select ${CENTER}, 'B' || i, 1, 'ITEM' || k, '事项' || k, case when k < 10 then 'immediate' else 'promised' end, 1 + k % 12,
      case when not accepted then 'not_accepted' when done is null then 'accepted' when refused then 'refused' else 'delivered' end,
      'person', '申请人', '138' || lpad((i % 100000000)::text, 8, '0'), 'window', '[]'::jsonb,
      recv, case when accepted then recv + interval '20 minutes' end, case when accepted then rday end,
      case when k < 10 then 0 else 20 end, case when i % 17 = 0 then 2 else 0 end,
      case when accepted then rday + case when k < 10 then 0 else 28 end end,
      case when done is not null then done + time '15:00' - interval '8 hours' end, done,
      case when done is null then null when k < 10 then 'on_time' when dur < 14 then 'early' when dur < 16 then 'on_time' else 'late' end,
      case when done is null then null when refused then 'refused' else 'approved' end,
      case when accepted and done is null then 'normal' else 'none' end,
      'x', coalesce(done + time '15:00', recv) - interval '8 hours', 3
    from generate_series(${firstId}::int, ${firstId + n - 1}::int) as i,
      lateral (select i % 50 as k, ${TODAY}::date - (i % 365) as rday, i % 100 <> 0 as accepted, i % 41 = 0 as refused) a,
      lateral (select (rday + make_interval(hours => 8 + (i * 7) % 10, mins => i % 60)) - interval '8 hours' as recv,
        case when k < 10 then 0 else (i * 13) % 25 end as dur) b,
      lateral (select case when accepted and rday + dur <= ${TODAY}::date then rday + dur end as done) c`);
}

/** The raw GROUP BY over cases: the same shapes as repo.periodFigures. */
async function rawFigures(db: Db, from: string, to: string) {
  const rows = <T>(q: ReturnType<typeof sql>) => repo.rowsOf<T>(db, q);
  const fromTs = sql`(${from}::date - interval '8 hours')`;
  const toTs = sql`(${to}::date + 1 - interval '8 hours')`;
  const localDay = sql`(c.received_at at time zone 'UTC' + interval '8 hours')::date`;
  const used = sql`case when c.completed_date is not null and a.ord is not null and d.ord is not null then greatest(0, d.ord - a.ord - c.paused_days) end`;
  const fromCases = sql`from cases c left join stats_workdays a on a.day = c.accepted_date left join stats_workdays d on d.day = c.completed_date`;
  const [byDay, byKey, hist, byHour, byWeekday] = await Promise.all([
    rows<{ day: string; received: number; accepted: number; completed: number }>(sql`
      select day::text as day, sum(r)::int as received, sum(a)::int as accepted, sum(k)::int as completed from (
        select ${localDay} as day, 1 as r, 0 as a, 0 as k from cases c where c.center_id = ${CENTER} and c.received_at >= ${fromTs} and c.received_at < ${toTs}
        union all select c.accepted_date, 0, 1, 0 from cases c where c.center_id = ${CENTER} and c.accepted_date between ${from}::date and ${to}::date
        union all select c.completed_date, 0, 0, 1 from cases c where c.center_id = ${CENTER} and c.completed_date between ${from}::date and ${to}::date
      ) x group by day order by day`),
    rows<Record<string, unknown>>(sql`
      select c.department_id as "departmentId", c.item_code as "itemCode",
        (count(*) filter (where c.received_at >= ${fromTs} and c.received_at < ${toTs}))::int as received,
        (count(*) filter (where c.accepted_date between ${from}::date and ${to}::date))::int as accepted,
        (count(*) filter (where c.completed_date between ${from}::date and ${to}::date))::int as completed,
        (count(*) filter (where c.completed_date between ${from}::date and ${to}::date and c.kind = 'immediate'))::int as immediate,
        (count(*) filter (where c.completed_date between ${from}::date and ${to}::date and c.timeliness = 'early'))::int as early,
        (count(*) filter (where c.completed_date between ${from}::date and ${to}::date and c.timeliness = 'on_time'))::int as "onTime",
        (count(*) filter (where c.completed_date between ${from}::date and ${to}::date and c.timeliness = 'late'))::int as late,
        (count(*) filter (where c.completed_date between ${from}::date and ${to}::date and c.decision = 'refused'))::int as refused,
        coalesce(sum(${used}) filter (where c.completed_date between ${from}::date and ${to}::date), 0)::float8 as "usedSum"
      ${fromCases}
      where c.center_id = ${CENTER} and (c.received_at >= ${fromTs} and c.received_at < ${toTs}
        or c.accepted_date between ${from}::date and ${to}::date or c.completed_date between ${from}::date and ${to}::date)
      group by 1, 2`),
    rows<{ departmentId: number; itemCode: string; used: number; n: number }>(sql`
      select c.department_id as "departmentId", c.item_code as "itemCode", ${used} as used, count(*)::int as n
      ${fromCases}
      where c.center_id = ${CENTER} and c.completed_date between ${from}::date and ${to}::date and ${used} is not null
      group by 1, 2, 3`),
    rows<{ hour: number; received: number }>(sql`
      select extract(hour from (c.received_at at time zone 'UTC' + interval '8 hours'))::int as hour, count(*)::int as received
      from cases c where c.center_id = ${CENTER} and c.received_at >= ${fromTs} and c.received_at < ${toTs} group by 1 order by 1`),
    rows<{ weekday: number; received: number }>(sql`
      select extract(isodow from ${localDay})::int as weekday, count(*)::int as received
      from cases c where c.center_id = ${CENTER} and c.received_at >= ${fromTs} and c.received_at < ${toTs} group by 1 order by 1`),
  ]);
  // Keys with nothing in the period are absent from the rollups too.
  const keys = byKey.filter((r) => Number(r.received) + Number(r.accepted) + Number(r.completed) > 0);
  return { byDay, byKey: keys, hist, byHour, byWeekday };
}

async function rollupFigures(db: Db, from: string, to: string) {
  const f = { centerId: CENTER, timeZone: DEFAULT_TIME_ZONE, from, to };
  return { ...(await repo.periodFigures(db, f)) };
}

/** Sorted, numbers as numbers: two answers compare by their JSON. */
function canonical(x: Record<string, Record<string, unknown>[]>): string {
  const out: Record<string, unknown[]> = {};
  for (const [k, list] of Object.entries(x)) {
    out[k] = list
      .map((r) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)).map(([kk, v]) => [kk, typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && kk !== 'itemCode' && kk !== 'day' ? Number(v) : v])))
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return JSON.stringify(out);
}

async function compare(db: Db, from: string, to: string, repeats: number) {
  const raw: number[] = [];
  const roll: number[] = [];
  let equal = true;
  for (let r = 0; r < repeats; r++) {
    const a = await timed(() => rawFigures(db, from, to));
    const b = await timed(() => rollupFigures(db, from, to));
    raw.push(a.ms);
    roll.push(b.ms);
    // Compared outside the timers: putting both answers in one canonical form is the bench's work, not the dashboard's.
    if (canonical(a.value) !== canonical(b.value)) equal = false;
  }
  return { rawMs: median(raw), dashboardMs: median(roll), equal };
}

export async function benchDashboard(databaseUrl: string, opts: { cases?: number; repeats?: number } = {}): Promise<DashboardBenchResult> {
  const cases = opts.cases ?? 1_000_000;
  const repeats = opts.repeats ?? 5;
  // Filling and the first refresh of a million cases take longer than a request may.
  const database = await openDatabase({ databaseUrl, queryTimeoutMs: Number(process.env.PG_QUERY_TIMEOUT_MS ?? 30 * 60_000) });
  const db = database.db;
  try {
    // The rollups read each case's day on its center's clock (centers.time_zone): the center must exist.
    await db.execute(sql`insert into centers (id, code, name, level) values (${CENTER}, 'BENCH', '基准测试中心', 'county') on conflict do nothing`);
    const CHUNK = 100_000;
    for (let first = 1; first <= cases; first += CHUNK) await fillHistory(db, Math.min(CHUNK, cases - first + 1), first);
    await db.execute(sql`analyze cases`);
    const clock = new ManualClock(new Date(`${TODAY}T09:00:00Z`));
    const refresh = await timed(() => refreshStats(db, clock));
    await db.execute(sql`analyze stats_daily`);
    await db.execute(sql`analyze stats_hourly`);
    await db.execute(sql`analyze stats_case_facts`);
    // A routine run: a thousand cases changed since the last one.
    clock.set(`${TODAY}T09:10:00Z`);
    await db.execute(sql`update cases set status = 'delivered', completed_date = ${TODAY}::date, completed_at = now(), timeliness = 'on_time',
      decision = 'approved', updated_at = ${clock.now().toISOString()}::timestamptz
      where id in (select id from cases where status = 'accepted' order by id limit 1000)`);
    const incremental = await timed(() => refreshStats(db, clock));
    const month = await compare(db, '2026-10-20', TODAY, repeats);
    const year = await compare(db, '2025-11-19', TODAY, repeats);
    return {
      cases,
      rawMs: month.rawMs, dashboardMs: month.dashboardMs, ratio: month.dashboardMs / month.rawMs, equal: month.equal,
      yearRawMs: year.rawMs, yearDashboardMs: year.dashboardMs, yearRatio: year.dashboardMs / year.rawMs, yearEqual: year.equal,
      refreshMs: refresh.ms, incrementalRefreshMs: incremental.ms,
    };
  } finally {
    await database.close();
  }
}

// `npx tsx bench/dashboard-bench.ts [cases]` with DATABASE_URL naming an empty database.
if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL (an empty database) is required');
  const result = await benchDashboard(url, { cases: process.argv[2] ? Number(process.argv[2]) : undefined });
  console.log(JSON.stringify(result, null, 2));
}
