import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { OPEN } from '../../domain/case-workflow.js';
import type { ReportLevel } from '#contract/network-report-values.js';

/** Both drivers answer `execute` with `{ rows }`. */
export async function rowsOf<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

// ─── Refresh ────────────────────────────────────────────────────────────────────────────────

const LOCK_KEY = 'onewindow:stats-refresh';
const STATE_ID = 'rollup';

/** Only one refresh at a time across processes; a second one finds the lock taken and leaves. */
export async function tryRefreshLock(tx: Db): Promise<boolean> {
  const [row] = await rowsOf<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext(${LOCK_KEY})) as ok`);
  return row?.ok === true;
}

export interface StatsStateRow {
  watermark: string | null;
  calFrom: string | null;
  calTo: string | null;
  calHash: string | null;
  refreshedAt: string | null;
}

export async function readState(db: Db): Promise<StatsStateRow | undefined> {
  const [row] = await rowsOf<StatsStateRow>(db, sql`
    -- ISO 8601 text: parsed alike by every driver and by Date.
    select to_char(watermark at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "watermark", cal_from::text as "calFrom", cal_to::text as "calTo",
           cal_hash as "calHash", to_char(refreshed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "refreshedAt"
    from stats_state where id = ${STATE_ID}`);
  return row;
}

export async function writeState(tx: Db, s: { watermark: string | null; calFrom: string; calTo: string; calHash: string; refreshedAt: Date }) {
  await tx.execute(sql`
    insert into stats_state (id, watermark, cal_from, cal_to, cal_hash, refreshed_at)
    values (${STATE_ID}, ${s.watermark}, ${s.calFrom}, ${s.calTo}, ${s.calHash}, ${s.refreshedAt.toISOString()})
    on conflict (id) do update set watermark = excluded.watermark, cal_from = excluded.cal_from, cal_to = excluded.cal_to,
      cal_hash = excluded.cal_hash, refreshed_at = excluded.refreshed_at`);
}

/** Dates the changed cases need ordinals for, and the newest change among them. */
export async function changedBounds(tx: Db, since: string | null) {
  const [row] = await rowsOf<{ lo: string | null; hi: string | null; wm: string | null; n: number }>(tx, sql`
    select least(min(accepted_date), min(completed_date))::text as lo, greatest(max(accepted_date), max(completed_date))::text as hi,
           to_char(max(updated_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as wm, count(*)::int as n
    from cases where ${since === null ? sql`true` : sql`updated_at >= ${since}::timestamptz`}`);
  return row!;
}

export async function replaceWorkdays(tx: Db, days: string[], ords: number[]) {
  await tx.execute(sql`delete from stats_workdays`);
  await tx.execute(sql`
    insert into stats_workdays (day, ord)
    select d::date, o::int from unnest(string_to_array(${days.join(',')}, ','), string_to_array(${ords.join(',')}, ',')) as u(d, o)`);
}

/**
 * Folds the cases changed since `since` (all when null) into the facts and re-aggregates exactly the
 * rollup keys whose facts changed. A case whose facts did not change touches nothing, so a second
 * run over the same changes writes nothing.
 */
export async function foldChanges(tx: Db, since: string | null): Promise<{ changedCases: number; keys: number }> {
  const where = since === null ? sql`true` : sql`c.updated_at >= ${since}::timestamptz`;
  await tx.execute(sql`drop table if exists pg_temp.stats_new`);
  await tx.execute(sql`
    create temp table stats_new on commit drop as
    select c.id as case_id, c.center_id, c.department_id, c.item_code,
      -- Day and hour of receipt on the center's own clock (its time_zone), not the server's.
      (c.received_at at time zone ctr.time_zone)::date as received_day,
      extract(hour from (c.received_at at time zone ctr.time_zone))::int as received_hour,
      c.accepted_date as accepted_day, c.completed_date as completed_day,
      c.kind = 'immediate' as immediate, c.timeliness, c.decision is not distinct from 'refused' as refused,
      case when c.completed_date is not null and a.ord is not null and d.ord is not null
        then greatest(0, d.ord - a.ord - c.paused_days) end as used_days
    from cases c
    join centers ctr on ctr.id = c.center_id
    left join stats_workdays a on a.day = c.accepted_date
    left join stats_workdays d on d.day = c.completed_date
    where ${where}`);
  // Unchanged facts: nothing to do for them.
  await tx.execute(sql`
    delete from stats_new n using stats_case_facts f
    where f.case_id = n.case_id
      and row(f.center_id, f.department_id, f.item_code, f.received_day, f.received_hour, f.accepted_day, f.completed_day, f.immediate, f.timeliness, f.refused, f.used_days)
          is not distinct from row(n.center_id, n.department_id, n.item_code, n.received_day, n.received_hour, n.accepted_day, n.completed_day, n.immediate, n.timeliness, n.refused, n.used_days)`);
  const [{ n: changedCases }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from stats_new`);
  if (changedCases === 0) return { changedCases: 0, keys: 0 };
  await tx.execute(sql`drop table if exists pg_temp.stats_keys`);
  // The keys a changed case was counted under before, and is counted under now.
  await tx.execute(sql`
    create temp table stats_keys on commit drop as
    with old as (select f.* from stats_case_facts f join stats_new n on n.case_id = f.case_id),
    k as (
      select center_id, received_day as day, department_id, item_code from stats_new
      union select center_id, accepted_day, department_id, item_code from stats_new where accepted_day is not null
      union select center_id, completed_day, department_id, item_code from stats_new where completed_day is not null
      union select center_id, received_day, department_id, item_code from old
      union select center_id, accepted_day, department_id, item_code from old where accepted_day is not null
      union select center_id, completed_day, department_id, item_code from old where completed_day is not null
    )
    select * from k`);
  await tx.execute(sql`
    insert into stats_case_facts (case_id, center_id, department_id, item_code, received_day, received_hour, accepted_day, completed_day, immediate, timeliness, refused, used_days)
    select case_id, center_id, department_id, item_code, received_day, received_hour, accepted_day, completed_day, immediate, timeliness, refused, used_days from stats_new
    on conflict (case_id) do update set center_id = excluded.center_id, department_id = excluded.department_id, item_code = excluded.item_code,
      received_day = excluded.received_day, received_hour = excluded.received_hour, accepted_day = excluded.accepted_day,
      completed_day = excluded.completed_day, immediate = excluded.immediate, timeliness = excluded.timeliness,
      refused = excluded.refused, used_days = excluded.used_days`);
  await tx.execute(sql`
    delete from stats_daily s using stats_keys k
    where s.center_id = k.center_id and s.day = k.day and s.department_id = k.department_id and s.item_code = k.item_code`);
  await tx.execute(sql`
    insert into stats_daily (center_id, day, department_id, item_code, received, accepted, completed, immediate, early, on_time, late, refused, used_sum, used_hist)
    select k.center_id, k.day, k.department_id, k.item_code, coalesce(r.n, 0), coalesce(a.n, 0), coalesce(c.completed, 0),
      coalesce(c.immediate, 0), coalesce(c.early, 0), coalesce(c.on_time, 0), coalesce(c.late, 0), coalesce(c.refused, 0),
      coalesce(c.used_sum, 0), coalesce(h.hist, '{}'::jsonb)
    from stats_keys k
    left join lateral (
      select count(*)::int as n from stats_case_facts f
      where f.center_id = k.center_id and f.received_day = k.day and f.department_id = k.department_id and f.item_code = k.item_code) r on true
    left join lateral (
      select count(*)::int as n from stats_case_facts f
      where f.center_id = k.center_id and f.accepted_day = k.day and f.department_id = k.department_id and f.item_code = k.item_code) a on true
    left join lateral (
      select count(*)::int as completed, (count(*) filter (where f.immediate))::int as immediate,
        (count(*) filter (where f.timeliness = 'early'))::int as early, (count(*) filter (where f.timeliness = 'on_time'))::int as on_time,
        (count(*) filter (where f.timeliness = 'late'))::int as late, (count(*) filter (where f.refused))::int as refused,
        coalesce(sum(f.used_days), 0)::bigint as used_sum
      from stats_case_facts f
      where f.center_id = k.center_id and f.completed_day = k.day and f.department_id = k.department_id and f.item_code = k.item_code) c on true
    left join lateral (
      select jsonb_object_agg(u::text, n) as hist from (
        select f.used_days as u, count(*)::int as n from stats_case_facts f
        where f.center_id = k.center_id and f.completed_day = k.day and f.department_id = k.department_id and f.item_code = k.item_code
          and f.used_days is not null
        group by f.used_days) x) h on true
    where coalesce(r.n, 0) + coalesce(a.n, 0) + coalesce(c.completed, 0) > 0`);
  await tx.execute(sql`
    delete from stats_hourly s using stats_keys k
    where s.center_id = k.center_id and s.day = k.day and s.department_id = k.department_id and s.item_code = k.item_code`);
  await tx.execute(sql`
    insert into stats_hourly (center_id, day, department_id, item_code, hour, received)
    select f.center_id, f.received_day, f.department_id, f.item_code, f.received_hour, count(*)::int
    from stats_keys k join stats_case_facts f
      on f.center_id = k.center_id and f.received_day = k.day and f.department_id = k.department_id and f.item_code = k.item_code
    group by 1, 2, 3, 4, 5`);
  // The months those days are in, summed again from the daily rows.
  await tx.execute(sql`drop table if exists pg_temp.stats_months`);
  await tx.execute(sql`
    create temp table stats_months on commit drop as
    select distinct center_id, date_trunc('month', day)::date as month, department_id, item_code from stats_keys`);
  await tx.execute(sql`
    delete from stats_monthly s using stats_months m
    where s.center_id = m.center_id and s.month = m.month and s.department_id = m.department_id and s.item_code = m.item_code`);
  const inMonth = (t: string) => sql.raw(`${t}.center_id = m.center_id and ${t}.department_id = m.department_id and ${t}.item_code = m.item_code
    and ${t}.day >= m.month and ${t}.day < (m.month + interval '1 month')::date`);
  await tx.execute(sql`
    insert into stats_monthly (center_id, month, department_id, item_code, received, accepted, completed, immediate, early, on_time, late, refused,
      used_sum, used_hist, hours, weekdays)
    select m.center_id, m.month, m.department_id, m.item_code, s.received, s.accepted, s.completed, s.immediate, s.early, s.on_time, s.late,
      s.refused, s.used_sum, coalesce(h.hist, '{}'::jsonb), hr.hours, wd.weekdays
    from stats_months m
    cross join lateral (
      select coalesce(sum(d.received), 0)::int as received, coalesce(sum(d.accepted), 0)::int as accepted, coalesce(sum(d.completed), 0)::int as completed,
        coalesce(sum(d.immediate), 0)::int as immediate, coalesce(sum(d.early), 0)::int as early, coalesce(sum(d.on_time), 0)::int as on_time,
        coalesce(sum(d.late), 0)::int as late, coalesce(sum(d.refused), 0)::int as refused, coalesce(sum(d.used_sum), 0)::bigint as used_sum
      from stats_daily d where ${inMonth('d')}) s
    cross join lateral (
      select jsonb_object_agg(x.k, x.n) as hist from (
        select e.key as k, sum(e.value::int)::int as n from stats_daily d cross join lateral jsonb_each_text(d.used_hist) e
        where ${inMonth('d')} group by e.key) x) h
    cross join lateral (
      select array_agg(coalesce(x.n, 0) order by g.g) as hours from generate_series(0, 23) as g(g)
      left join (select d.hour, sum(d.received)::int as n from stats_hourly d where ${inMonth('d')} group by d.hour) x on x.hour = g.g) hr
    cross join lateral (
      select array_agg(coalesce(x.n, 0) order by g.g) as weekdays from generate_series(1, 7) as g(g)
      left join (select extract(isodow from d.day)::int as wd, sum(d.received)::int as n from stats_daily d where ${inMonth('d')} group by 1) x on x.wd = g.g) wd
    where s.received + s.accepted + s.completed > 0`);
  const [{ n: keys }] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from stats_keys`);
  return { changedCases, keys };
}

/** A calendar edit moves used days of finished cases: start the facts over. */
export async function clearRollups(tx: Db) {
  await tx.execute(sql`delete from stats_case_facts`);
  await tx.execute(sql`delete from stats_daily`);
  await tx.execute(sql`delete from stats_hourly`);
  await tx.execute(sql`delete from stats_monthly`);
}

// ─── Reading ────────────────────────────────────────────────────────────────────────────────

export interface StatsFilter {
  centerId: number;
  /** The center's IANA zone: the period's days begin at its midnight. */
  timeZone: string;
  from: string;
  to: string;
  departmentId?: number;
  itemCode?: string;
  /** Where the cases were taken; all levels when absent. */
  level?: ReportLevel;
}

/**
 * The level filter (三级网络) on a case row: the hall and online are the county's, a proxy case is
 * its station's (taken at the township itself) or its village room's. Read from the case, not the
 * rollups, which have no such key: a filtered dashboard is counted from the per-case facts.
 */
export function levelCondition(level: ReportLevel | undefined, c: SQL): SQL {
  switch (level) {
    case undefined: return sql`true`;
    case 'county': return sql`${c}.proxy_center_id is null`;
    case 'township': return sql`${c}.proxy_center_id is not null and ${c}.proxy_center_id = ${c}.proxy_township_id`;
    case 'village': return sql`${c}.proxy_center_id is not null and ${c}.proxy_center_id <> ${c}.proxy_township_id`;
  }
}

/** Ratings (好差评) given in the period, set-aside ones left out: read live, the table is small next to cases. */
export async function satisfaction(db: Db, f: StatsFilter): Promise<{ ratings: number; satisfied: number; bad: number }> {
  const res = await db.execute(sql`
    select count(*)::int as ratings, count(*) filter (where r.level >= 3)::int as satisfied, count(*) filter (where r.level <= 2)::int as bad
    from ratings r
    where ${scope(f, sql`r`)} and r.set_aside_at is null
      ${f.level === undefined ? sql`` : f.level === 'county'
        // A hall rating about no case (a ticket, a window) is the county's.
        ? sql`and (r.case_no is null or exists (select 1 from cases c where c.case_no = r.case_no and c.center_id = r.center_id and ${levelCondition(f.level, sql`c`)}))`
        : sql`and exists (select 1 from cases c where c.case_no = r.case_no and c.center_id = r.center_id and ${levelCondition(f.level, sql`c`)})`}
      and r.created_at >= (${f.from}::date::timestamp at time zone ${f.timeZone})
      and r.created_at < ((${f.to}::date + 1)::timestamp at time zone ${f.timeZone})`);
  const row = (res as unknown as { rows: { ratings: number; satisfied: number; bad: number }[] }).rows[0];
  return row ?? { ratings: 0, satisfied: 0, bad: 0 };
}

function scope(f: StatsFilter, a: SQL) {
  return sql`${a}.center_id = ${f.centerId}
    ${f.departmentId === undefined ? sql`` : sql`and ${a}.department_id = ${f.departmentId}`}
    ${f.itemCode === undefined ? sql`` : sql`and ${a}.item_code = ${f.itemCode}`}`;
}

function rollupWhere(f: StatsFilter, alias = 'd') {
  return sql`${scope(f, sql.raw(alias))} and ${sql.raw(alias)}.day between ${f.from}::date and ${f.to}::date`;
}

const firstOfMonth = (d: string) => `${d.slice(0, 7)}-01`;
function nextMonth(first: string): string {
  const [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * A period as whole calendar months (read from stats_monthly) and the days at either end outside
 * them (read from stats_daily / stats_hourly).
 */
export function periodParts(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const start = from === firstOfMonth(from) ? from : nextMonth(firstOfMonth(from));
  const endExclusive = addDay(to).endsWith('-01') ? addDay(to) : firstOfMonth(to);
  if (start >= endExclusive) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < start) days.push([from, addDay(start, -1)]);
  if (endExclusive <= to) days.push([endExclusive, to]);
  return { months: [start, lastMonth(endExclusive)], days };
}

function addDay(d: string, n = 1): string {
  return new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)) + n)).toISOString().slice(0, 10);
}

function lastMonth(firstOfNext: string): string {
  return firstOfMonth(addDay(firstOfNext, -1));
}

function partsSql(f: StatsFilter) {
  const parts = periodParts(f.from, f.to);
  const months = parts.months ? sql`m.month between ${parts.months[0]}::date and ${parts.months[1]}::date` : sql`false`;
  const days = parts.days.length
    ? sql`(${sql.join(parts.days.map(([a, b]) => sql`d.day between ${a}::date and ${b}::date`), sql` or `)})`
    : sql`false`;
  return { months, days };
}

export interface DailyRow {
  day: string;
  departmentId: number;
  itemCode: string;
  received: number;
  accepted: number;
  completed: number;
  immediate: number;
  early: number;
  onTime: number;
  late: number;
  refused: number;
  usedSum: number;
}

const MEASURES = sql.raw(`received, accepted, completed, immediate, early, on_time, late, refused, used_sum`);

export interface PeriodFigures {
  byDay: { day: string; received: number; accepted: number; completed: number }[];
  byKey: Omit<DailyRow, 'day'>[];
  hist: { departmentId: number; itemCode: string; used: number; n: number }[];
  byHour: { hour: number; received: number }[];
  byWeekday: { weekday: number; received: number }[];
}

/**
 * The period's figures per day, per (department, item) with the used-days histograms, and by hour and
 * weekday: one statement, so a dashboard load is one round trip.
 */
export async function periodFigures(db: Db, f: StatsFilter): Promise<PeriodFigures> {
  if (f.level !== undefined) return factsFigures(db, f);
  const p = partsSql(f);
  const m = scope(f, sql.raw('m'));
  const d = scope(f, sql.raw('d'));
  const byDay = sql`
    select d.day::text as day, sum(d.received)::int as received, sum(d.accepted)::int as accepted, sum(d.completed)::int as completed
    from stats_daily d where ${rollupWhere(f)} group by d.day order by d.day`;
  const byKey = sql`
    select x.department_id as "departmentId", x.item_code as "itemCode", sum(x.received)::int as received, sum(x.accepted)::int as accepted,
      sum(x.completed)::int as completed, sum(x.immediate)::int as immediate, sum(x.early)::int as early, sum(x.on_time)::int as "onTime",
      sum(x.late)::int as late, sum(x.refused)::int as refused, sum(x.used_sum)::float8 as "usedSum"
    from (
      select m.department_id, m.item_code, ${MEASURES} from stats_monthly m where ${m} and ${p.months}
      union all
      select d.department_id, d.item_code, ${MEASURES} from stats_daily d where ${d} and ${p.days}
    ) x group by x.department_id, x.item_code`;
  const hist = sql`
    select x.department_id as "departmentId", x.item_code as "itemCode", h.key::int as used, sum(h.value::int)::int as n
    from (
      select m.department_id, m.item_code, m.used_hist from stats_monthly m where ${m} and ${p.months} and m.used_hist <> '{}'::jsonb
      union all
      select d.department_id, d.item_code, d.used_hist from stats_daily d where ${d} and ${p.days} and d.used_hist <> '{}'::jsonb
    ) x cross join lateral jsonb_each_text(x.used_hist) h
    group by x.department_id, x.item_code, h.key`;
  const byHour = sql`
    select x.hour, sum(x.n)::int as received from (
      select g.g - 1 as hour, sum(m.hours[g.g]) as n from stats_monthly m cross join generate_series(1, 24) as g(g)
      where ${m} and ${p.months} group by 1
      union all
      select d.hour, sum(d.received) from stats_hourly d where ${d} and ${p.days} group by 1
    ) x group by x.hour having sum(x.n) > 0 order by x.hour`;
  // ISO weekday: Monday 1 … Sunday 7.
  const byWeekday = sql`
    select x.weekday, sum(x.n)::int as received from (
      select g.g as weekday, sum(m.weekdays[g.g]) as n from stats_monthly m cross join generate_series(1, 7) as g(g)
      where ${m} and ${p.months} group by 1
      union all
      select extract(isodow from d.day)::int, sum(d.received) from stats_daily d where ${d} and ${p.days} group by 1
    ) x group by x.weekday having sum(x.n) > 0 order by x.weekday`;
  const list = (q: SQL) => sql`(select coalesce(json_agg(t), '[]'::json) from (${q}) t)`;
  const [row] = await rowsOf<PeriodFigures>(db, sql`
    select ${list(byDay)} as "byDay", ${list(byKey)} as "byKey", ${list(hist)} as "hist", ${list(byHour)} as "byHour", ${list(byWeekday)} as "byWeekday"`);
  return row!;
}

/**
 * The same figures for one level of the network, summed from the per-case facts joined to their
 * cases (the rollups are kept per department and item only). The facts are one row per case, so
 * this reads the period's cases once; the unfiltered dashboard keeps to the rollups.
 */
async function factsFigures(db: Db, f: StatsFilter): Promise<PeriodFigures> {
  const inPeriod = (col: string) => sql`${sql.raw(`f.${col}`)} between ${f.from}::date and ${f.to}::date`;
  const facts = sql`(select f.* from stats_case_facts f join cases c on c.id = f.case_id
    where f.center_id = ${f.centerId} and ${levelCondition(f.level, sql`c`)}
      ${f.departmentId === undefined ? sql`` : sql`and f.department_id = ${f.departmentId}`}
      ${f.itemCode === undefined ? sql`` : sql`and f.item_code = ${f.itemCode}`}
      and (${inPeriod('received_day')} or ${inPeriod('accepted_day')} or ${inPeriod('completed_day')}))`;
  const byDay = sql`
    select x.day::text as day, sum(x.r)::int as received, sum(x.a)::int as accepted, sum(x.c)::int as completed from (
      select f.received_day as day, 1 as r, 0 as a, 0 as c from ${facts} f where ${inPeriod('received_day')}
      union all select f.accepted_day, 0, 1, 0 from ${facts} f where ${inPeriod('accepted_day')}
      union all select f.completed_day, 0, 0, 1 from ${facts} f where ${inPeriod('completed_day')}
    ) x group by x.day order by x.day`;
  const completed = inPeriod('completed_day');
  const byKey = sql`
    select f.department_id as "departmentId", f.item_code as "itemCode",
      count(*) filter (where ${inPeriod('received_day')})::int as received, count(*) filter (where ${inPeriod('accepted_day')})::int as accepted,
      count(*) filter (where ${completed})::int as completed, count(*) filter (where ${completed} and f.immediate)::int as immediate,
      count(*) filter (where ${completed} and f.timeliness = 'early')::int as early, count(*) filter (where ${completed} and f.timeliness = 'on_time')::int as "onTime",
      count(*) filter (where ${completed} and f.timeliness = 'late')::int as late, count(*) filter (where ${completed} and f.refused)::int as refused,
      coalesce(sum(f.used_days) filter (where ${completed}), 0)::float8 as "usedSum"
    from ${facts} f group by f.department_id, f.item_code`;
  const hist = sql`
    select f.department_id as "departmentId", f.item_code as "itemCode", f.used_days as used, count(*)::int as n
    from ${facts} f where ${completed} and f.used_days is not null group by 1, 2, 3`;
  const byHour = sql`
    select f.received_hour as hour, count(*)::int as received from ${facts} f where ${inPeriod('received_day')} group by 1 order by 1`;
  const byWeekday = sql`
    select extract(isodow from f.received_day)::int as weekday, count(*)::int as received from ${facts} f where ${inPeriod('received_day')} group by 1 order by 1`;
  const list = (q: SQL) => sql`(select coalesce(json_agg(t), '[]'::json) from (${q}) t)`;
  const [row] = await rowsOf<PeriodFigures>(db, sql`
    select ${list(byDay)} as "byDay", ${list(byKey)} as "byKey", ${list(hist)} as "hist", ${list(byHour)} as "byHour", ${list(byWeekday)} as "byWeekday"`);
  return row!;
}

/** Open cases by warning level, read live: these change by the minute and are few. */
export async function openByLevel(db: Db, f: Omit<StatsFilter, 'from' | 'to'>) {
  return rowsOf<{ level: string; n: number }>(db, sql`
    select c.warning_level as level, count(*)::int as n from cases c
    where c.center_id = ${f.centerId} and c.status in (${sql.join(OPEN.map((s) => sql`${s}`), sql`, `)}) and ${levelCondition(f.level, sql`c`)}
      ${f.departmentId === undefined ? sql`` : sql`and c.department_id = ${f.departmentId}`}
      ${f.itemCode === undefined ? sql`` : sql`and c.item_code = ${f.itemCode}`}
    group by c.warning_level`);
}

export async function departmentsOf(db: Db, centerId: number) {
  return rowsOf<{ id: number; code: string; name: string }>(db, sql`
    select id, code, name from departments where center_id = ${centerId} order by id`);
}

export async function itemsOf(db: Db, centerId: number) {
  return rowsOf<{ code: string; name: string; departmentId: number }>(db, sql`
    select i.code, coalesce(v.name, i.code) as name, i.department_id as "departmentId"
    from items i left join item_versions v on v.item_id = i.id and v.version = i.published_version
    where i.center_id = ${centerId} order by i.code`);
}

export async function findDepartmentByCode(db: Db, centerId: number, code: string) {
  const [row] = await rowsOf<{ id: number }>(db, sql`select id from departments where center_id = ${centerId} and code = ${code}`);
  return row;
}

export async function lastRefresh(db: Db) {
  return (await readState(db))?.refreshedAt ?? null;
}

// ─── Drill-down ─────────────────────────────────────────────────────────────────────────────

export interface CaseListRow {
  caseNo: string;
  itemCode: string;
  itemName: string;
  departmentId: number;
  status: string;
  applicantName: string;
  applicantPhone: string;
  receivedAt: string;
  acceptedDate: string | null;
  completedDate: string | null;
  dueDate: string | null;
  timeliness: string | null;
  warningLevel: string;
  usedDays: number | null;
}

/**
 * The cases behind a figure. Rollup figures list the facts they were counted from (so the list
 * has exactly as many rows as the figure shows); the open-case figures read the cases live, as the
 * figures do.
 */
export async function caseList(db: Db, figure: SQL, live: boolean, f: StatsFilter, extra: SQL, page: { limit: number; offset: number }) {
  const cols = sql`c.case_no as "caseNo", c.item_code as "itemCode", c.item_name as "itemName", c.department_id as "departmentId",
    c.status, c.applicant_name as "applicantName", c.applicant_phone as "applicantPhone", c.received_at as "receivedAt",
    c.accepted_date::text as "acceptedDate", c.completed_date::text as "completedDate", c.due_date::text as "dueDate",
    c.timeliness, c.warning_level as "warningLevel"`;
  const scope = sql`${f.departmentId === undefined ? sql`` : sql`and c.department_id = ${f.departmentId}`}
    ${f.itemCode === undefined ? sql`` : sql`and c.item_code = ${f.itemCode}`} and ${levelCondition(f.level, sql`c`)}`;
  if (live) {
    const where = sql`c.center_id = ${f.centerId} and c.status in (${sql.join(OPEN.map((s) => sql`${s}`), sql`, `)}) and ${figure} ${scope}`;
    const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from cases c where ${where}`);
    const rows = await rowsOf<CaseListRow>(db, sql`select ${cols}, null::int as "usedDays" from cases c where ${where}
      order by c.due_date nulls last, c.id limit ${page.limit} offset ${page.offset}`);
    return { total: n, rows };
  }
  const where = sql`f.center_id = ${f.centerId} and ${figure} ${extra}
    ${f.departmentId === undefined ? sql`` : sql`and f.department_id = ${f.departmentId}`}
    ${f.itemCode === undefined ? sql`` : sql`and f.item_code = ${f.itemCode}`} and ${levelCondition(f.level, sql`c`)}`;
  const [{ n }] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from stats_case_facts f join cases c on c.id = f.case_id where ${where}`);
  const rows = await rowsOf<CaseListRow>(db, sql`select ${cols}, f.used_days as "usedDays"
    from stats_case_facts f join cases c on c.id = f.case_id where ${where}
    order by c.received_at desc, c.id desc limit ${page.limit} offset ${page.offset}`);
  return { total: n, rows };
}
