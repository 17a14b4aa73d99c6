import { sql, type SQL } from 'drizzle-orm';
import { DEFAULT_TIME_ZONE, localInstant, localMinutes } from '../../domain/time-zone.js';
import type { Db } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import type { Clock } from '../../domain/clock.js';
import { localDate } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { addCalendarDays, isWorkingDay } from '../../domain/working-days.js';
import type { SessionUser } from '../auth/auth.service.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { getCenterCached } from '../centers/centers.service.js';
import { getSettingsCached } from '../settings/settings.service.js';
import { renderWarningDigest } from '../sms/sms-templates.js';

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * Who sees which alerts and held-back cases: supervisors and leaders the whole center; an approver
 * its own department and the departments it heads (department_heads).
 */
async function scopeOf(db: Db, user: SessionUser): Promise<{ centerId: number; departments: number[] | null }> {
  if (user.role === 'supervisor' || user.role === 'leader') return { centerId: user.centerId, departments: null };
  if (user.role !== 'approver') throw new AppError('FORBIDDEN', 'Not allowed');
  const headed = rowsOf<{ department_id: number }>(await db.execute(sql`select department_id from department_heads where user_id = ${user.id}`));
  const departments = [...new Set([...(user.departmentId ? [user.departmentId] : []), ...headed.map((h) => Number(h.department_id))])];
  return { centerId: user.centerId, departments };
}

function deptFilter(column: SQL, departments: number[] | null): SQL {
  if (departments === null) return sql`true`;
  if (!departments.length) return sql`false`;
  return sql`${column} in (${sql.join(departments.map((d) => sql`${d}`), sql`, `)})`;
}

// ─── alerts ───

export interface AlertFilter {
  unread?: boolean;
  level?: 'yellow' | 'red';
  department?: string;
  page: number;
  pageSize: number;
}

export async function listAlerts(db: Db, user: SessionUser, f: AlertFilter) {
  const scope = await scopeOf(db, user);
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
  const count = rowsOf<{ total: number; unread: number }>(counts)[0];
  return {
    items: rowsOf<Record<string, unknown>>(rows).map((r) => ({
      id: Number(r.id),
      level: r.level as 'yellow' | 'red',
      raisedAt: new Date(r.raised_at as string).toISOString(),
      readAt: r.read_at ? new Date(r.read_at as string).toISOString() : null,
      dueDate: (r.due_date as string | null) ?? null,
      caseNo: r.case_no as string,
      itemName: r.item_name as string,
      caseStatus: r.status as string,
      /** Level now (it may have moved on since the alert, or been cleared by completion). */
      currentLevel: (r.task_id ? r.task_level : r.warning_level) as string,
      department: { code: r.dept_code as string, name: r.dept_name as string },
      task: r.task_id ? { id: Number(r.task_id), stageName: r.stage_name as string } : null,
    })),
    total: Number(count?.total ?? 0),
    unread: Number(count?.unread ?? 0),
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** Marks an alert read (first reader and time kept); reading it again changes nothing. */
export async function markAlertRead(db: Db, user: SessionUser, id: number, now: Date) {
  const scope = await scopeOf(db, user);
  const found = rowsOf<{ id: number; read_at: string | null; department_id: number; center_id: number }>(await db.execute(sql`
    select a.id, a.read_at, a.department_id, c.center_id from warning_alerts a join cases c on c.id = a.case_id where a.id = ${id}`))[0];
  if (!found || Number(found.center_id) !== scope.centerId || (scope.departments && !scope.departments.includes(Number(found.department_id)))) {
    throw new AppError('NOT_FOUND', 'Alert not found');
  }
  const updated = rowsOf<{ read_at: string }>(await db.execute(sql`
    update warning_alerts set read_at = ${now.toISOString()}::timestamptz, read_by = ${user.id}
    where id = ${id} and read_at is null returning read_at`))[0];
  const readAt = updated?.read_at ?? found.read_at;
  return { id, readAt: new Date(readAt as string).toISOString() };
}

/** Per department in scope: alerts by level (all and unread) and open cases at each level now. */
export async function alertCounts(db: Db, user: SessionUser) {
  const scope = await scopeOf(db, user);
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
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
  const departments = rows.map((r) => ({
    department: { code: r.code as string, name: r.name as string },
    yellow: Number(r.yellow), red: Number(r.red), unreadYellow: Number(r.unread_yellow), unreadRed: Number(r.unread_red),
    openYellow: Number(r.open_yellow), openRed: Number(r.open_red),
  }));
  return { unread: departments.reduce((n, d) => n + d.unreadYellow + d.unreadRed, 0), departments };
}

// ─── held-back results (压件) ───

/**
 * Held back: decided (approved, deemed) but not completed since `decided_at`, or completed but
 * neither delivered nor notified (the completion SMS not sent) since `completed_at`, for longer
 * than the setting heldBackHours (default 24 h). The holder is whoever took the case's last step.
 */
export async function listHeldBack(db: Db, clock: Clock, user: SessionUser) {
  const scope = await scopeOf(db, user);
  const settings = await getSettingsCached(db);
  const now = clock.now();
  const before = new Date(now.getTime() - settings.heldBackHours * 3600_000).toISOString();
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql`
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
  return {
    heldBackHours: settings.heldBackHours,
    items: rows.map((r) => {
      const stage = r.status === 'approved' ? 'decided' as const : 'completed' as const;
      const since = new Date((stage === 'decided' ? r.decided_at : r.completed_at) as string);
      return {
        caseNo: r.case_no as string,
        itemName: r.item_name as string,
        status: r.status as string,
        decision: (r.decision as string | null) ?? null,
        stage,
        since: since.toISOString(),
        hours: Math.floor((now.getTime() - since.getTime()) / 3600_000),
        department: { code: r.dept_code as string, name: r.dept_name as string },
        heldBy: { name: (r.actor_name as string | null) ?? '', role: (r.role as string | null) ?? '', action: (r.action as string | null) ?? '' },
      };
    }),
  };
}

// ─── the daily digest for department heads ───

const DIGEST_LOCAL_MINUTE = 8 * 60 + 30;

/** 08:30 local on `date` in the zone, as an instant. */
function digestInstant(date: string, zone: string = DEFAULT_TIME_ZONE): Date {
  return localInstant(date, DIGEST_LOCAL_MINUTE, zone);
}

/**
 * One SMS per department head per working day, from 08:30 local: the alerts raised since the
 * previous working day's digest (new yellow, new red) and the red cases open now. Written to the
 * outbox under a key per head and day, so running it twice (or on two servers) sends one.
 */
export async function queueWarningDigests(deps: { db: Db; clock: Clock }): Promise<{ queued: number }> {
  const now = deps.clock.now();
  const today = localDate(now);
  const cal = await loadCalendar(deps.db);
  if (!isWorkingDay(cal, today) || localMinutes(now) < DIGEST_LOCAL_MINUTE) return { queued: 0 };
  let previous = addCalendarDays(today, -1);
  for (let i = 0; i < 60 && !isWorkingDay(cal, previous); i++) previous = addCalendarDays(previous, -1);
  const from = digestInstant(previous).toISOString();
  const to = digestInstant(today).toISOString();
  const heads = rowsOf<Record<string, unknown>>(await deps.db.execute(sql`
    select h.user_id, h.phone, u.center_id,
      count(*) filter (where a.level = 'yellow')::int as new_yellow,
      count(*) filter (where a.level = 'red')::int as new_red,
      (select count(*) from cases c where c.department_id = any(array_agg(distinct h.department_id)) and c.warning_level = 'red')::int as open_red
    from department_heads h
    join users u on u.id = h.user_id and not u.disabled
    left join warning_alerts a on a.department_id = h.department_id and a.raised_at >= ${from}::timestamptz and a.raised_at < ${to}::timestamptz
    group by h.user_id, h.phone, u.center_id`));
  let queued = 0;
  for (const h of heads) {
    const center = await getCenterCached(deps.db, Number(h.center_id));
    const body = renderWarningDigest({
      centerName: center.name, date: today, newYellow: Number(h.new_yellow), newRed: Number(h.new_red), openRed: Number(h.open_red),
    });
    const inserted = await deps.db.insert(outbox).values({
      channel: 'sms', dedupeKey: `warning-digest:${String(h.user_id)}:${today}`, caseId: null, recipient: String(h.phone),
      template: 'warning-digest', body, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now,
    }).onConflictDoNothing().returning({ id: outbox.id });
    queued += inserted.length;
  }
  return { queued };
}
