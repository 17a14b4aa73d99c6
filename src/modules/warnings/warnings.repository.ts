import { asc, eq, lte, sql, type SQL } from 'drizzle-orm';
import { rawQuery, type Db } from '../../db/client.js';
import { cases, caseTasks, outbox } from '../../db/schema/index.js';
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

// ─── alerts, held-back results and the digest: what the warnings service reads and writes ───

/** The center, and the departments in it (null = all), whose alerts a user sees. */
export interface AlertScope {
  centerId: number;
  departments: number[] | null;
}

export interface AlertFilter {
  unread?: boolean;
  level?: 'yellow' | 'red';
  department?: string;
  page: number;
  pageSize: number;
}

function deptFilter(column: SQL, departments: number[] | null): SQL {
  if (departments === null) return sql`true`;
  if (!departments.length) return sql`false`;
  return sql`${column} in (${sql.join(departments.map((d) => sql`${d}`), sql`, `)})`;
}

/** The departments a user heads (department_heads). */
export async function listHeadedDepartments(db: Db, userId: number): Promise<number[]> {
  const headed = rowsOf<{ department_id: number }>(await db.execute(sql`select department_id from department_heads where user_id = ${userId}`));
  return headed.map((h) => Number(h.department_id));
}

/** One page of alerts in scope, newest first, with the totals (all and unread) the filter matches. */
export async function listAlertRows(db: Db, scope: AlertScope, f: AlertFilter) {
  const where = sql.join([
    sql`c.center_id = ${scope.centerId}`,
    deptFilter(sql`a.department_id`, scope.departments),
    f.unread ? sql`a.read_at is null` : sql`true`,
    f.level ? sql`a.level = ${f.level}` : sql`true`,
    f.department ? sql`d.code = ${f.department}` : sql`true`,
  ], sql` and `);
  const [rows, counts] = await Promise.all([
    db.execute(sql`
      select a.id, a.level, a.raised_at, a.read_at, a.due_date, a.task_id, c.case_no, c.item_name, c.status, c.warning_level,
        d.code as dept_code, d.name as dept_name, t.stage_name, t.warning_level as task_level
      from warning_alerts a
      join cases c on c.id = a.case_id
      join departments d on d.id = a.department_id
      left join case_tasks t on t.id = a.task_id
      where ${where}
      order by a.raised_at desc, a.id desc
      limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`),
    db.execute(sql`
      select count(*)::int as total, count(*) filter (where a.read_at is null)::int as unread
      from warning_alerts a join cases c on c.id = a.case_id join departments d on d.id = a.department_id
      where ${where}`),
  ]);
  return { rows: rowsOf<Record<string, unknown>>(rows), count: rowsOf<{ total: number; unread: number }>(counts)[0] };
}

export async function findAlert(db: Db, id: number) {
  return rowsOf<{ id: number; read_at: string | null; department_id: number; center_id: number }>(await db.execute(sql`
    select a.id, a.read_at, a.department_id, c.center_id from warning_alerts a join cases c on c.id = a.case_id where a.id = ${id}`))[0];
}

/** Undefined when the alert was read already: the first reader and time stay. */
export async function setAlertRead(db: Db, id: number, userId: number, now: Date) {
  return rowsOf<{ read_at: string }>(await db.execute(sql`
    update warning_alerts set read_at = ${now.toISOString()}::timestamptz, read_by = ${userId}
    where id = ${id} and read_at is null returning read_at`))[0];
}

/** Per department of the center in scope, by code: alert and open-case counts per level. */
export async function alertCountRows(db: Db, scope: AlertScope) {
  return rowsOf<Record<string, unknown>>(await db.execute(sql`
    select d.id, d.code, d.name,
      coalesce(a.yellow, 0)::int as yellow, coalesce(a.red, 0)::int as red,
      coalesce(a.unread_yellow, 0)::int as unread_yellow, coalesce(a.unread_red, 0)::int as unread_red,
      coalesce(o.open_yellow, 0)::int as open_yellow, coalesce(o.open_red, 0)::int as open_red
    from departments d
    left join (
      select department_id,
        count(*) filter (where level = 'yellow') as yellow, count(*) filter (where level = 'red') as red,
        count(*) filter (where level = 'yellow' and read_at is null) as unread_yellow,
        count(*) filter (where level = 'red' and read_at is null) as unread_red
      from warning_alerts group by department_id
    ) a on a.department_id = d.id
    left join (
      select department_id, count(*) filter (where warning_level = 'yellow') as open_yellow, count(*) filter (where warning_level = 'red') as open_red
      from cases where warning_level in ('yellow', 'red') group by department_id
    ) o on o.department_id = d.id
    where d.center_id = ${scope.centerId} and ${deptFilter(sql`d.id`, scope.departments)}
    order by d.code`));
}

/** Cases in scope decided or completed before `before` and still held back (see listHeldBack), oldest first. */
export async function listHeldBackRows(db: Db, scope: AlertScope, before: string) {
  return rowsOf<Record<string, unknown>>(await db.execute(sql`
    select c.case_no, c.item_name, c.status, c.decision, c.decided_at, c.completed_at, c.applicant_name,
      d.code as dept_code, d.name as dept_name, e.actor_name, e.role, e.action
    from cases c
    join departments d on d.id = c.department_id
    left join case_events e on e.case_id = c.id and e.seq = c.event_count
    where c.center_id = ${scope.centerId} and ${deptFilter(sql`c.department_id`, scope.departments)} and (
      (c.status = 'approved' and c.decided_at < ${before}::timestamptz)
      or (c.status = 'completed' and c.delivered_at is null and c.completed_at < ${before}::timestamptz
        and not exists (select 1 from outbox o where o.case_id = c.id and o.template = 'completed' and o.status = 'sent'))
    )
    order by coalesce(c.completed_at, c.decided_at) asc
    limit 500`));
}

/** Per enabled department head: alerts raised in [from, to) by level, and the red cases open now. */
export async function listDigestHeads(db: Db, from: string, to: string) {
  return rowsOf<Record<string, unknown>>(await db.execute(sql`
    select h.user_id, h.phone, u.center_id,
      count(*) filter (where a.level = 'yellow')::int as new_yellow,
      count(*) filter (where a.level = 'red')::int as new_red,
      (select count(*) from cases c where c.department_id = any(array_agg(distinct h.department_id)) and c.warning_level = 'red')::int as open_red
    from department_heads h
    join users u on u.id = h.user_id and not u.disabled
    left join warning_alerts a on a.department_id = h.department_id and a.raised_at >= ${from}::timestamptz and a.raised_at < ${to}::timestamptz
    group by h.user_id, h.phone, u.center_id`));
}

/** False when the head's digest for the day is queued already (same dedupe key). */
export async function insertDigestSms(db: Db, dedupeKey: string, recipient: string, body: string, now: Date): Promise<boolean> {
  const inserted = await db.insert(outbox).values({
    channel: 'sms', dedupeKey, caseId: null, recipient,
    template: 'warning-digest', body, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now,
  }).onConflictDoNothing().returning({ id: outbox.id });
  return inserted.length > 0;
}
