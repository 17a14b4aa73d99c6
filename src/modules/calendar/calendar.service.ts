import type { Db } from '../../db/client.js';
import { inTransaction, readAll } from '../../db/tx.js';
import { AppError } from '../../domain/errors.js';
import { namedCache } from '../../lib/cache.js';
import {
  addCalendarDays, addWorkingDays, buildCalendar, isValidDate, isWorkingDay, missingYears, type WorkCalendar,
} from '../../domain/working-days.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { localDate } from '../../domain/clock.js';
import { markAllForRescan } from '../warnings/warnings.repository.js';
import type { Actor } from '../departments/departments.service.js';
import * as repo from './calendar.repository.js';
import { nationalCalendar } from './national-calendar.js';

// Deadlines are computed on every intake and every queue row: keep the merged calendar in memory.
// Other processes see an edit within the TTL; this process sees it at once.
const calendarCache = namedCache<void, WorkCalendar>({ name: 'calendar', invalidatedBy: 'writes', ttlMs: 30_000 });

export function invalidateCalendar(): void {
  calendarCache.clear();
}

/** The calendar when it is in memory and fresh: lets the hottest requests skip an await. */
export function findCachedCalendar(db: Db): WorkCalendar | undefined {
  return calendarCache.find(db);
}

export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  return findCachedCalendar(db) ?? calendarCache.set(db, undefined, await readCalendar(db));
}

/** The merged calendar as the database (or a transaction) has it now, bypassing the cache. */
async function readCalendar(db: Db): Promise<WorkCalendar> {
  // Also read inside a calendar change's transaction: readAll, not Promise.all.
  const [overrides, years] = await readAll(db, [() => repo.listOverrides(db), () => repo.listYears(db)]);
  const national = nationalCalendar();
  return buildCalendar(
    { holidays: national.holidays, workdays: national.workdays, announcedYears: national.years },
    overrides.map((o) => ({ date: o.date, working: o.working })),
    years.filter((y) => y.announced).map((y) => y.year),
  );
}

/**
 * What a calendar change does to open cases, run inside the change's transaction (the case engine's
 * moveDeadlines, passed in by the routes: the case engine reads the calendar, so the calendar does
 * not import it back).
 */
export type DeadlineMover = (tx: Db, change: { before: WorkCalendar; after: WorkCalendar; from: string; reason: string; change: Record<string, unknown> }) =>
  Promise<{ moved: number; notified: number }>;

function badDate(field: string) {
  return new AppError('VALIDATION_FAILED', `${field} is not a valid date (YYYY-MM-DD)`, [{ field, message: 'not a valid date' }]);
}

export async function addDays(db: Db, from: string, days: number) {
  if (!isValidDate(from)) throw badDate('from');
  return addWorkingDays(await loadCalendar(db), from, days);
}

export async function yearView(db: Db, year: number) {
  const cal = await loadCalendar(db);
  const overrides = new Map((await repo.listOverrides(db, year)).map((o) => [o.date, o]));
  const names = nationalCalendar().names;
  const days = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addCalendarDays(d, 1)) {
    const weekend = [0, 6].includes(new Date(d + 'T00:00:00Z').getUTCDay());
    const working = isWorkingDay(cal, d);
    const override = overrides.get(d);
    const kind = override ? (override.working ? 'override-on' : 'override-off')
      : cal.holidays.has(d) && !working ? 'holiday'
      : cal.workdays.has(d) && working && weekend ? 'makeup'
      : weekend ? 'weekend' : 'weekday';
    const name = override?.reason ?? (kind === 'holiday' || kind === 'makeup' ? names.get(d) : undefined);
    days.push({ date: d, working, kind: kind as 'weekday', ...(name ? { name } : {}) });
  }
  return { year, announced: cal.announcedYears.has(year), days };
}

/** Years from this one to two ahead whose calendar is not announced: deadlines reaching them are provisional. */
export async function yearsStatus(db: Db, today: string) {
  const cal = await loadCalendar(db);
  const thisYear = Number(today.slice(0, 4));
  return { announced: [...cal.announcedYears].sort((a, b) => a - b), missing: missingYears(cal, thisYear, thisYear + 2) };
}

export async function listOverrides(db: Db, year?: number) {
  return (await repo.listOverrides(db, year)).map((o) => ({ date: o.date, working: o.working, reason: o.reason }));
}

/**
 * A local closure or extra opening. The open cases whose due dates it moves are moved in the same
 * transaction (timeline entry with the reason, SMS with the new date: see moveDeadlines), so the
 * calendar never says one thing while the cases and the applicants' messages say another.
 */
export async function putOverride(db: Db, actor: Actor, date: string, input: { working: boolean; reason: string }, moveDeadlines?: DeadlineMover) {
  if (!isValidDate(date)) throw badDate('date');
  const moves = await inTransaction(db, async (tx) => {
    const before = await readCalendar(tx);
    await repo.saveOverride(tx, { date, ...input, updatedAt: actor.at, updatedBy: actor.userId });
    const moves = await moveDeadlines?.(tx, { before, after: await readCalendar(tx), from: date, reason: input.reason, change: { date, working: input.working } });
    await writeAdminLog(tx, { ...actor, action: 'calendar.override', target: date, detail: { ...input, ...(moves ? { movedCases: moves.moved } : {}) } });
    await markAllForRescan(tx, localDate(actor.at)); // working days moved: every warning date may have too
    return moves;
  });
  invalidateCalendar();
  return { date, ...input, movedCases: moves?.moved ?? 0 };
}

export async function removeOverride(db: Db, actor: Actor, date: string, moveDeadlines?: DeadlineMover) {
  if (!isValidDate(date)) throw badDate('date');
  await inTransaction(db, async (tx) => {
    const before = await readCalendar(tx);
    const old = (await repo.listOverrides(tx, Number(date.slice(0, 4)))).find((o) => o.date === date);
    if (!old || !(await repo.deleteOverride(tx, date))) throw new AppError('NOT_FOUND', `No override on ${date}`);
    // The applicant was told of the override's reason when it moved the date; the way back names it.
    const reason = `${date}${old.working ? '调整为工作日' : '停止办公'}（${old.reason}）的安排已取消`;
    const moves = await moveDeadlines?.(tx, { before, after: await readCalendar(tx), from: date, reason, change: { date, working: !old.working, removed: true } });
    await writeAdminLog(tx, { ...actor, action: 'calendar.override.delete', target: date, ...(moves ? { detail: { movedCases: moves.moved } } : {}) });
    await markAllForRescan(tx, localDate(actor.at));
  });
  invalidateCalendar();
}

/**
 * Marks a year's national calendar as announced. No working day changes (the national data already
 * holds the year's holidays; this makes them final), so no due date moves and no case is touched:
 * only the "provisional" mark of dates reaching that year goes, which every view computes afresh.
 */
export async function setYearAnnounced(db: Db, actor: Actor, year: number, announced: boolean) {
  await inTransaction(db, async (tx) => {
    await repo.saveYear(tx, { year, announced, updatedAt: actor.at, updatedBy: actor.userId });
    await writeAdminLog(tx, { ...actor, action: 'calendar.year', target: String(year), detail: { announced } });
  });
  invalidateCalendar();
  return { year, announced };
}
