import { levelOn, nextLevelDate } from '../../domain/warning-schedule.js';
import { clockView } from './case-clock-view.js';
import type { Effect } from './case-effects.js';
import type { ViewEnv } from './case-view.js';
import type { CaseRow, NewCase, TaskRow } from './cases.repository.js';

/**
 * Keeps the stored warning level (used to filter queues) in step with each change, and the date
 * it next changes, which is all the warning scan reads (see levelSchedule).
 */
export function levelPatch(c: CaseRow, effect: Effect, env: ViewEnv): Partial<NewCase> {
  if (effect.patch.warningLevel) return { nextLevelDate: null };
  const merged = { ...c, ...effect.patch, status: effect.to } as CaseRow;
  const clock = clockView(env.cal, merged, env.today, env.warningDays);
  const level = clock.warning ?? 'none';
  return { warningLevel: level, nextLevelDate: levelSchedule(env, clock.running ? clock.dueDate : null, level, c.warningLevel, c.nextLevelDate) };
}

/**
 * The date the scan should look at a case (or task) again. A step that itself raises the level to
 * yellow or red leaves it due today: the scan raises the alert (a step writes nothing beyond its one
 * statement). A stopped clock cannot change level, so it is not looked at until it runs again.
 */
export function levelSchedule(env: ViewEnv, runningDue: string | null, level: string, before: string, scheduled: string | null): string | null {
  // Also kept due when an earlier step left it due and the scan has not been by since.
  if ((level === 'yellow' || level === 'red') && (level !== before || (scheduled !== null && scheduled <= env.today))) return env.today;
  return runningDue ? nextLevelDate(env.cal, runningDue, env.today, env.warningDays) : null;
}

/** Task-level warnings of a joint case after a step: only the tasks whose level or date changes. */
export function taskLevels(after: CaseRow, tasks: TaskRow[], env: ViewEnv): TaskRow[] {
  const clock = clockView(env.cal, after, env.today, env.warningDays);
  const open = clock.warning !== null;
  return tasks.flatMap((t) => {
    let level: TaskRow['warningLevel'] = 'none';
    let next: string | null = null;
    if (open && t.status === 'active' && t.dueDate) {
      if (clock.running) {
        level = levelOn(env.cal, t.dueDate, env.today, env.warningDays);
        next = levelSchedule(env, t.dueDate, level, t.warningLevel, t.nextLevelDate);
      } else {
        level = t.warningLevel === 'none' ? 'normal' : t.warningLevel;
      }
    }
    return level === t.warningLevel && next === t.nextLevelDate ? [] : [{ ...t, warningLevel: level, nextLevelDate: next }];
  });
}
