import { localDate } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { levelOn, nextLevelDate } from '../../domain/warning-schedule.js';
import { namedCache } from '../../lib/cache.js';
import * as warningsRepo from '../warnings/warnings.repository.js';
import { clockView } from './case-clock-view.js';
import { viewEnv, type CaseDeps } from './case-deps.js';
import type { Effect } from './case-effects.js';
import { commitEffect } from './case-step.js';
import type { ViewEnv } from './case-view.js';
import * as repo from './cases.repository.js';

// The day this process last scanned a database (keyed by the day: a new day finds nothing).
const scannedOn = namedCache<string, true>({ name: 'cases.scanned-day', invalidatedBy: 'never', maxEntries: 1 });
// Rows with no warning date yet (older rows, a bulk import) get one: once per database and process.
const unscheduledDone = namedCache<void, true>({ name: 'cases.unscheduled-done', invalidatedBy: 'never' });

const SCAN_PAGE = 500;

export interface ScanResult {
  updated: number;
  deemed: number;
  alerts: number;
  tasks: number;
}

/** Queues show current warning levels: the first list of the day scans first. */
export async function refreshWarningsIfStale(deps: CaseDeps): Promise<void> {
  const today = localDate(deps.clock.now());
  if (scannedOn.find(deps.db, today)) return;
  await scanCases(deps);
}

/**
 * Keeps warning levels current and approves on the system's behalf the cases of items with deemed
 * approval (超时默许) whose promised limit has passed without a decision. It reads only the cases
 * and joint tasks whose stored `next_level_date` has come (a partial index holds just those), so
 * its cost follows what changes today, not the number of open cases. Every case or task that
 * turns yellow or red gets its alert in the same statement. Safe to run twice or on two servers:
 * writes are conditional on what was read, alerts are unique per case/task and level.
 */
export async function scanCases(deps: CaseDeps): Promise<ScanResult> {
  const today = localDate(deps.clock.now());
  if (!unscheduledDone.find(deps.db)) {
    await warningsRepo.scheduleUnscheduled(deps.db, today);
    unscheduledDone.set(deps.db, undefined, true);
  }
  if (!(await warningsRepo.anyDue(deps.db, today))) {
    scannedOn.set(deps.db, today, true);
    return { updated: 0, deemed: 0, alerts: 0, tasks: 0 };
  }
  const env = await viewEnv(deps);
  const cases = await scanDueCases(deps, env);
  const tasks = await scanDueTasks(deps, env);
  scannedOn.set(deps.db, env.today, true);
  return { updated: cases.updated, deemed: cases.deemed, alerts: cases.alerts + tasks.alerts, tasks: tasks.updated };
}

/**
 * Each page's rows leave the due set once written. A row a concurrent step changed keeps its date
 * and comes back: it is left to the next scan (seen), which also bounds the loop.
 */
async function scanDueCases(deps: CaseDeps, env: ViewEnv) {
  let updated = 0;
  let deemed = 0;
  let alerts = 0;
  const seenCases = new Set<number>();
  for (;;) {
    const page = await warningsRepo.listCasesDue(deps.db, env.today, SCAN_PAGE);
    const due = page.filter((c) => !seenCases.has(c.id));
    if (!due.length) break;
    due.forEach((c) => seenCases.add(c.id));
    const writesList: warningsRepo.CaseLevelWrite[] = [];
    for (const c of due) {
      const clock = clockView(env.cal, c, env.today, env.warningDays);
      if (await deemIfDue(deps, c, clock.dueDate, env)) { deemed++; continue; }
      const level = clock.warning ?? 'none';
      const next = clock.running && clock.dueDate ? nextLevelDate(env.cal, clock.dueDate, env.today, env.warningDays) : null;
      if (level !== c.warningLevel) updated++;
      writesList.push({ id: c.id, version: c.version, level, next, departmentId: c.departmentId, dueDate: clock.dueDate });
    }
    alerts += (await warningsRepo.applyCaseLevels(deps.db, writesList, env.now, env.today)).alerts;
    if (page.length < SCAN_PAGE) break;
  }
  return { updated, deemed, alerts };
}

async function scanDueTasks(deps: CaseDeps, env: ViewEnv) {
  let updated = 0;
  let alerts = 0;
  const seenTasks = new Set<number>();
  for (;;) {
    const page = await warningsRepo.listTasksDue(deps.db, env.today, SCAN_PAGE);
    const due = page.filter((t) => !seenTasks.has(t.task.id));
    if (!due.length) break;
    due.forEach((t) => seenTasks.add(t.task.id));
    const writesList = due.map(({ task, c }) => {
      const clock = clockView(env.cal, c, env.today, env.warningDays);
      let level: repo.TaskRow['warningLevel'] = 'none';
      let next: string | null = null;
      if (clock.warning !== null && task.status === 'active' && task.dueDate) {
        // A stopped case clock freezes its tasks too; their due dates move when it restarts.
        level = clock.running ? levelOn(env.cal, task.dueDate, env.today, env.warningDays) : task.warningLevel === 'none' ? 'normal' : task.warningLevel;
        next = clock.running ? nextLevelDate(env.cal, task.dueDate, env.today, env.warningDays) : null;
      }
      if (level !== task.warningLevel) updated++;
      return { id: task.id, caseId: c.id, seen: task.nextLevelDate!, level, next, departmentId: task.departmentId, dueDate: task.dueDate };
    });
    alerts += (await warningsRepo.applyTaskLevels(deps.db, writesList, env.now, env.today)).alerts;
    if (page.length < SCAN_PAGE) break;
  }
  return { updated, alerts };
}

/**
 * Full recompute, for when every stored date may be wrong (warning days or the calendar changed):
 * every open case and task is made due and scanned. Settings and calendar edits only mark them
 * (markAllForRescan, in their own transaction); the next periodic scan does the rest.
 */
export async function rescanAllCases(deps: CaseDeps) {
  const today = localDate(deps.clock.now());
  await warningsRepo.markAllForRescan(deps.db, today);
  return scanCases(deps);
}

async function deemIfDue(deps: CaseDeps, c: repo.CaseRow, due: string | null, env: ViewEnv): Promise<boolean> {
  if (!due || due >= env.today || !['accepted', 'reviewed'].includes(c.status) || c.kind === 'joint') return false;
  const version = await deps.db.query.itemVersions.findFirst({ where: (v, { eq: e }) => e(v.id, c.itemVersionId) });
  if (!version?.deemedApproval) return false;
  const effect: Effect = {
    to: 'approved',
    patch: { decision: 'deemed', decidedAt: env.now },
    data: { rule: 'deemed-approval', dueDate: due, promisedDays: c.promisedDays },
  };
  try {
    await commitEffect(deps, c, [], effect, 'deem-approve', `承诺时限（${due}）届满未作决定，依法视为准予（超时默许）`, { actor: 'system', address: 'system', name: '系统' }, env);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VERSION_CONFLICT') return false;
    throw err;
  }
}
