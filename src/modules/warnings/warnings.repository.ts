import { asc, eq, lte, sql } from 'drizzle-orm';
import { rawQuery, type Db } from '../../db/client.js';
import { cases, caseTasks } from '../../db/schema/index.js';
import type { CaseRow, TaskRow } from '../cases/cases.repository.js';

// ─── the warning scan: only rows whose level is due to change (partial indexes on next_level_date) ───

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Whether any case or joint task is due for a level change by `today`: the routine scan (every
 * five minutes, nothing due after the first run of the day) is this one round trip. `limit 1`
 * makes it a plain index scan of the partial indexes, which also marks the entries of rows
 * already moved on as dead, so the next probes skip them (a bitmap scan would visit them all).
 */
export async function anyDue(db: Db, today: string): Promise<boolean> {
  // The earliest date in each partial index, read from its first entry: no parameter, so the prepared
  // plan is always that one-entry index read however many cases are open (a `<= $today` bound in a
  // generic plan was estimated as a large share of the table and read all of it). Compared here.
  const rows = await rawQuery(db, 'warnings_first_due', `select least(
    (select next_level_date from cases where next_level_date is not null order by next_level_date limit 1),
    (select next_level_date from case_tasks where next_level_date is not null order by next_level_date limit 1))::text as first`, []);
  const first = rows[0]?.first as string | null | undefined;
  return typeof first === 'string' && first <= today;
}

/** Open cases whose warning level may change by `today`, oldest date first (through the partial index). */
export function listCasesDue(db: Db, today: string, limit: number): Promise<CaseRow[]> {
  return db.select().from(cases)
    .where(lte(cases.nextLevelDate, today))
    .orderBy(asc(cases.nextLevelDate)).limit(limit);
}

export interface CaseLevelWrite {
  id: number;
  /** Written only if the case is still at the version the scan read: a step in between wins. */
  version: number;
  level: CaseRow['warningLevel'];
  next: string | null;
  departmentId: number;
  dueDate: string | null;
}

/** One statement per page: the new levels and dates, and an alert for every case now yellow or red. */
export async function applyCaseLevels(db: Db, rows: CaseLevelWrite[], now: Date, today: string): Promise<{ updated: number; alerts: number }> {
  if (!rows.length) return { updated: 0, alerts: 0 };
  const list = JSON.stringify(rows.map((r) => ({ id: r.id, version: r.version, level: r.level, next: r.next, dept: r.departmentId, due: r.dueDate })));
  const result = await db.execute(sql`
    with x as (select * from jsonb_to_recordset(${list}::jsonb) as x(id int, version int, level text, next date, dept int, due date)),
    u as (
      update cases c set warning_level = x.level, next_level_date = x.next
      from x where c.id = x.id and c.version = x.version
      returning c.id, x.level, x.dept, x.due
    ),
    a as (
      insert into warning_alerts (case_id, task_id, department_id, level, due_date, raised_at, raised_date)
      select u.id, null, u.dept, u.level, u.due, ${now.toISOString()}::timestamptz, ${today}::date from u where u.level in ('yellow', 'red')
      on conflict do nothing
      returning id
    )
    select (select count(*) from u)::int as updated, (select count(*) from a)::int as alerts`);
  const row = rowsOf<{ updated: number; alerts: number }>(result)[0];
  return { updated: Number(row?.updated ?? 0), alerts: Number(row?.alerts ?? 0) };
}

export interface TaskDue {
  task: TaskRow;
  c: Pick<CaseRow, 'id' | 'status' | 'acceptedDate' | 'pause' | 'promisedDays' | 'pausedDays' | 'timeliness' | 'dueDate'>;
}

export async function listTasksDue(db: Db, today: string, limit: number): Promise<TaskDue[]> {
  return db.select({
    task: caseTasks,
    c: {
      id: cases.id, status: cases.status, acceptedDate: cases.acceptedDate, pause: cases.pause, promisedDays: cases.promisedDays,
      pausedDays: cases.pausedDays, timeliness: cases.timeliness, dueDate: cases.dueDate,
    },
  }).from(caseTasks).innerJoin(cases, eq(cases.id, caseTasks.caseId))
    .where(lte(caseTasks.nextLevelDate, today))
    .orderBy(asc(caseTasks.nextLevelDate)).limit(limit);
}

export interface TaskLevelWrite {
  id: number;
  caseId: number;
  /** The date the scan read: a step that rescheduled the task in between wins. */
  seen: string;
  level: TaskRow['warningLevel'];
  next: string | null;
  departmentId: number;
  dueDate: string | null;
}

export async function applyTaskLevels(db: Db, rows: TaskLevelWrite[], now: Date, today: string): Promise<{ updated: number; alerts: number }> {
  if (!rows.length) return { updated: 0, alerts: 0 };
  const list = JSON.stringify(rows.map((r) => ({ id: r.id, case_id: r.caseId, seen: r.seen, level: r.level, next: r.next, dept: r.departmentId, due: r.dueDate })));
  const result = await db.execute(sql`
    with x as (select * from jsonb_to_recordset(${list}::jsonb) as x(id int, case_id int, seen date, level text, next date, dept int, due date)),
    u as (
      update case_tasks t set warning_level = x.level, next_level_date = x.next
      from x where t.id = x.id and t.next_level_date = x.seen
      returning t.id, x.case_id, x.level, x.dept, x.due
    ),
    a as (
      insert into warning_alerts (case_id, task_id, department_id, level, due_date, raised_at, raised_date)
      select u.case_id, u.id, u.dept, u.level, u.due, ${now.toISOString()}::timestamptz, ${today}::date from u where u.level in ('yellow', 'red')
      on conflict do nothing
      returning id
    )
    select (select count(*) from u)::int as updated, (select count(*) from a)::int as alerts`);
  const row = rowsOf<{ updated: number; alerts: number }>(result)[0];
  return { updated: Number(row?.updated ?? 0), alerts: Number(row?.alerts ?? 0) };
}

const OPEN_CLOCK = sql`('accepted', 'reviewed', 'approved', 'paused', 'reported', 'supplement')`;

/**
 * Full recompute: every open case and active task is made due today, so the next scan
 * re-evaluates all of them. Called (in the same transaction) when the warning days or the
 * calendar change, since every stored date may then be wrong.
 */
export async function markAllForRescan(db: Db, today: string): Promise<void> {
  await db.execute(sql`update cases set next_level_date = ${today}::date where status in ${OPEN_CLOCK} and accepted_date is not null`);
  await db.execute(sql`update case_tasks set next_level_date = ${today}::date where status = 'active' and due_date is not null`);
}

/**
 * Cases and tasks whose clock runs but that have no date yet (rows from before the column existed,
 * or written by a bulk import): scheduled for today. Once per process start; a full table read.
 */
export async function scheduleUnscheduled(db: Db, today: string): Promise<void> {
  await db.execute(sql`update cases set next_level_date = ${today}::date
    where next_level_date is null and status in ('accepted', 'reviewed', 'approved') and accepted_date is not null and warning_level <> 'red'`);
  await db.execute(sql`update case_tasks set next_level_date = ${today}::date
    where next_level_date is null and status = 'active' and due_date is not null and warning_level <> 'red'`);
}
