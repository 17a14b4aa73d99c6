import { DEFAULT_TIME_ZONE, localInstant, localMinutes } from '../../domain/time-zone.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../domain/clock.js';
import { localDate } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { addCalendarDays, isWorkingDay } from '../../domain/working-days.js';
import type { SessionUser } from '../auth/auth.service.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { getCenterCached } from '../centers/centers.service.js';
import { getSettingsCached } from '../settings/settings.service.js';
import { renderWarningDigest } from '../sms/sms-templates.js';
import {
  alertCountRows, findAlert, insertDigestSms, listAlertRows, listDigestHeads, listHeadedDepartments, listHeldBackRows, setAlertRead,
  type AlertFilter, type AlertScope,
} from './warnings.repository.js';

/**
 * Who sees which alerts and held-back cases: supervisors and leaders the whole center; an approver
 * its own department and the departments it heads (department_heads).
 */
async function scopeOf(db: Db, user: SessionUser): Promise<AlertScope> {
  if (user.role === 'supervisor' || user.role === 'leader') return { centerId: user.centerId, departments: null };
  if (user.role !== 'approver') throw new AppError('FORBIDDEN', 'Not allowed');
  const headed = await listHeadedDepartments(db, user.id);
  const departments = [...new Set([...(user.departmentId ? [user.departmentId] : []), ...headed])];
  return { centerId: user.centerId, departments };
}

// ─── alerts ───

export async function listAlerts(db: Db, user: SessionUser, f: AlertFilter) {
  const scope = await scopeOf(db, user);
  const { rows, count } = await listAlertRows(db, scope, f);
  return {
    items: rows.map((r) => ({
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
  const found = await findAlert(db, id);
  if (!found || Number(found.center_id) !== scope.centerId || (scope.departments && !scope.departments.includes(Number(found.department_id)))) {
    throw new AppError('NOT_FOUND', 'Alert not found');
  }
  const updated = await setAlertRead(db, id, user.id, now);
  const readAt = updated?.read_at ?? found.read_at;
  return { id, readAt: new Date(readAt as string).toISOString() };
}

/** Per department in scope: alerts by level (all and unread) and open cases at each level now. */
export async function alertCounts(db: Db, user: SessionUser) {
  const scope = await scopeOf(db, user);
  const rows = await alertCountRows(db, scope);
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
  const rows = await listHeldBackRows(db, scope, before);
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
  const heads = await listDigestHeads(deps.db, from, to);
  let queued = 0;
  for (const h of heads) {
    const center = await getCenterCached(deps.db, Number(h.center_id));
    const body = renderWarningDigest({
      centerName: center.name, date: today, newYellow: Number(h.new_yellow), newRed: Number(h.new_red), openRed: Number(h.open_red),
    });
    if (await insertDigestSms(deps.db, `warning-digest:${String(h.user_id)}:${today}`, String(h.phone), body, now)) queued++;
  }
  return { queued };
}
