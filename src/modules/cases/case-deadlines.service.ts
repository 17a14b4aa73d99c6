import { localDate } from '../../domain/clock.js';
import { dueDate, movedTaskDue } from '../../domain/case-clock.js';
import type { WorkCalendar } from '../../domain/working-days.js';
import { getSettingsCached } from '../settings/settings.service.js';
import { clockView } from './case-clock-view.js';
import type { CaseDeps } from './case-deps.js';
import { levelSchedule } from './case-levels.js';
import { commitChange } from './case-step.js';
import type { ViewEnv } from './case-view.js';
import * as repo from './cases.repository.js';

export interface CalendarChange {
  before: WorkCalendar;
  after: WorkCalendar;
  /** Due dates before this day cannot move (the first day whose working status changed). */
  from: string;
  /** Why, in the applicant's words: the override's reason (e.g. 台风停工), shown on the timeline and in the SMS. */
  reason: string;
  /** What changed, for the record: { date, working } or { year, announced }. */
  change: Record<string, unknown>;
  who: { userId: number; name: string; address: string };
  at: Date;
}

/**
 * A calendar change moves the due dates computed from it; the applicant was told a date (accepted
 * SMS) and must not learn of a new one only by looking. Every open case whose clock runs and whose
 * due date (or a joint task's, which the progress page shows) moves gets one step of the case
 * engine: the 'deadline-moved' event with the reason on its hash chain, the new stored dates and
 * warning level, and an SMS with the new date when the case's own date moved. Called with the
 * calendar change's transaction as deps.db, so the change and its consequences commit together.
 * Cases whose clock stands still are left alone: their date is recomputed and sent (resumed SMS)
 * when the clock restarts. The rows are locked first, so a concurrent step waits rather than
 * failing the calendar change; a county center has hundreds of open cases, one statement each,
 * which keeps the transaction short enough (see docs/decisions.md).
 */
export async function moveDeadlines(deps: CaseDeps, change: CalendarChange): Promise<{ moved: number; notified: number }> {
  const settings = await getSettingsCached(deps.db);
  const env: ViewEnv = { cal: change.after, now: change.at, today: localDate(change.at), warningDays: settings.warningDays };
  let moved = 0;
  let notified = 0;
  for (const c of await repo.lockRunningCasesDueFrom(deps.db, change.from)) {
    const before = dueDate(change.before, c.acceptedDate!, c.promisedDays, c.pausedDays);
    const after = dueDate(change.after, c.acceptedDate!, c.promisedDays, c.pausedDays);
    const tasks = (await repo.listTasks(deps.db, c)).map((t) => t.task);
    const taskMoves = movedTasks(change, tasks);
    const dateMoved = before.date !== after.date;
    if (!dateMoved && taskMoves.length === 0) continue;
    const patch: Partial<repo.NewCase> = { dueDate: after.date, dueProvisional: after.provisional };
    const merged = { ...c, ...patch } as repo.CaseRow;
    const clock = clockView(env.cal, merged, env.today, env.warningDays);
    const level = clock.warning ?? 'none';
    patch.warningLevel = level;
    patch.nextLevelDate = levelSchedule(env, clock.running ? clock.dueDate : null, level, c.warningLevel, c.nextLevelDate);
    await commitChange(deps, c, patch, {
      action: 'deadline-moved', toStatus: c.status, actorId: change.who.userId, actorName: change.who.name, role: 'admin',
      address: change.who.address, comment: change.reason, at: change.at,
      data: {
        ...change.change,
        ...(dateMoved ? { fromDueDate: before.date, dueDate: after.date } : {}),
        ...(taskMoves.length ? { tasks: taskMoves.map((t) => ({ stageName: t.stageName, from: t.from, to: t.to })) } : {}),
      },
    }, dateMoved ? { template: 'due-moved', dueDate: after.date, reason: change.reason } : undefined,
    taskMoves.map((t) => ({ id: t.id, patch: { dueDate: t.to } })), tasks, undefined, env);
    moved++;
    if (dateMoved) notified++;
  }
  return { moved, notified };
}

/** The joint tasks whose due date the change moves. */
function movedTasks(change: CalendarChange, tasks: repo.TaskRow[]) {
  return tasks.flatMap((t) => {
    if (t.status !== 'active' || !t.startedDate || !t.dueDate || t.dueDate < change.from) return [];
    const due = movedTaskDue(change.before, change.after, t.startedDate, t.dueDate);
    return due === t.dueDate ? [] : [{ id: t.id, stageName: t.stageName, from: t.dueDate, to: due }];
  });
}
