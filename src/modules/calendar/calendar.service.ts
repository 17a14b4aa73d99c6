import type { Db } from '../../db/client.js';
import { inTransaction, readAll } from '../../db/tx.js';
import { AppError } from '../../domain/errors.js';
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
const TTL_MS = 30_000;
let cache: { cal: WorkCalendar; loadedAt: number; db: Db } | undefined;

export function invalidateCalendar(): void {
  cache = undefined;
}

/** The calendar when it is in memory and fresh: lets the hottest requests skip an await. */
export function findCachedCalendar(db: Db): WorkCalendar | undefined {
  return cache && cache.db === db && Date.now() - cache.loadedAt < TTL_MS ? cache.cal : undefined;
}

export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const fresh = findCachedCalendar(db);
  if (fresh) return fresh;
  const [overrides, years] = await readAll(db, [() => repo.listOverrides(db), () => repo.listYears(db)]);
  const national = nationalCalendar();
  const cal = buildCalendar(
    { holidays: national.holidays, workdays: national.workdays, announcedYears: national.years },
    overrides.map((o) => ({ date: o.date, working: o.working })),
    years.filter((y) => y.announced).map((y) => y.year),
  );
  cache = { cal, loadedAt: Date.now(), db };
  return cal;
}

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

export async function putOverride(db: Db, actor: Actor, date: string, input: { working: boolean; reason: string }) {
  if (!isValidDate(date)) throw badDate('date');
  await inTransaction(db, async (tx) => {
    await repo.saveOverride(tx, { date, ...input, updatedAt: actor.at, updatedBy: actor.userId });
    await writeAdminLog(tx, { ...actor, action: 'calendar.override', target: date, detail: input });
    await markAllForRescan(tx, localDate(actor.at)); // working days moved: every warning date may have too
  });
  invalidateCalendar();
  return { date, ...input };
}

export async function removeOverride(db: Db, actor: Actor, date: string) {
  if (!isValidDate(date)) throw badDate('date');
  await inTransaction(db, async (tx) => {
    if (!(await repo.deleteOverride(tx, date))) throw new AppError('NOT_FOUND', `No override on ${date}`);
    await writeAdminLog(tx, { ...actor, action: 'calendar.override.delete', target: date });
    await markAllForRescan(tx, localDate(actor.at));
  });
  invalidateCalendar();
}

export async function setYearAnnounced(db: Db, actor: Actor, year: number, announced: boolean) {
  await inTransaction(db, async (tx) => {
    await repo.saveYear(tx, { year, announced, updatedAt: actor.at, updatedBy: actor.userId });
    await writeAdminLog(tx, { ...actor, action: 'calendar.year', target: String(year), detail: { announced } });
  });
  invalidateCalendar();
  return { year, announced };
}
