/** Steps several actions' effects share. */
import { addWorkingDays } from '../../../domain/working-days.js';
import { dueDate, pausedSoFar } from '../../../domain/case-clock.js';
import { AppError, type FieldProblem } from '../../../domain/errors.js';
import type { CasePause } from '../../../db/schema/index.js';
import type { MaterialInput } from '#contract/cases.js';
import type { CaseRow, NewCase, TaskRow } from '../cases.repository.js';
import type { Effect, Env, FileAttachment } from './effect.js';

export const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', `Invalid ${field}: ${message}`, [{ field, message }]);

/** Stops the clock for an interruption; the status now is where the case goes back to. */
export function stopClock(c: CaseRow, kind: string, reason: string, today: string, expectedDays?: number): CasePause {
  return { kind, reason, since: today, resumeStatus: c.status, ...(expectedDays !== undefined ? { expectedDays } : {}) };
}

/** Ends an interruption: its working days are added to the case and to the open joint tasks. */
export function restartClock(c: CaseRow, tasks: TaskRow[], env: Env) {
  const pause = c.pause;
  if (!pause || !c.acceptedDate) return { patch: { pause: null } as Partial<NewCase>, tasks: [], paused: 0 };
  const paused = pausedSoFar(env.cal, pause.since, env.today);
  const pausedDays = c.pausedDays + paused;
  const due = dueDate(env.cal, c.acceptedDate, c.promisedDays, pausedDays);
  const shifted = tasks.filter((t) => t.status === 'active' && t.dueDate && paused > 0)
    .map((t) => ({ id: t.id, patch: { dueDate: addWorkingDays(env.cal, t.dueDate!, paused).date } }));
  return { patch: { pause: null, pausedDays, dueDate: due.date, dueProvisional: due.provisional } as Partial<NewCase>, tasks: shifted, paused };
}

/** The case's materials with what was handed over now marked provided; an unknown code is a 422. */
export function mergeMaterials(c: CaseRow, given: MaterialInput[]) {
  const byCode = new Map(c.materials.map((m) => [m.code, m]));
  const problems: FieldProblem[] = [];
  given.forEach((g, i) => { if (!byCode.has(g.code)) problems.push({ field: `materials.${i}.code`, message: `unknown material ${g.code}` }); });
  if (problems.length) throw new AppError('VALIDATION_FAILED', `Invalid materials: ${problems[0]!.message}`, problems);
  const givenByCode = new Map(given.map((g) => [g.code, g]));
  return c.materials.map((m) => {
    const g = givenByCode.get(m.code);
    return g ? { ...m, provided: g.provided || m.provided, ...(g.note ? { note: g.note } : {}) } : m;
  });
}

/** A case goes on only with every required material: 422 MATERIALS_MISSING names each one still missing. */
export function requireAllProvided(materials: CaseRow['materials']): void {
  const missing = materials.filter((m) => m.required && !m.provided);
  if (missing.length > 0) {
    throw new AppError('MATERIALS_MISSING', `Still missing: ${missing.map((m) => m.name).join('、')}`,
      missing.map((m) => ({ field: `materials.${m.code}`, message: `${m.name} 未提供 / not provided` })));
  }
}

/** The list of what to fix, as the applicant and the SMS name it (`atLeastOne`: an empty list is a 422). */
export function markMissing(c: CaseRow, codes: string[] | undefined, field: string, atLeastOne: boolean) {
  const list = codes ?? [];
  if (atLeastOne && list.length === 0) throw bad(field, '请选择需要补正或修改的材料 / name at least one material');
  const unknown = list.findIndex((code) => !c.materials.some((m) => m.code === code));
  if (unknown >= 0) throw bad(`${field}.${unknown}`, `unknown material ${list[unknown]}`);
  const materials = c.materials.map((m) => (list.includes(m.code) ? { ...m, provided: false } : m));
  return { list, materials, names: materials.filter((m) => list.includes(m.code)).map((m) => m.name) };
}

/** Opens joint tasks today, each due its own limit of working days on. */
export function startTasks(tasks: TaskRow[], env: Env): NonNullable<Effect['tasks']> {
  return tasks.map((t) => ({
    id: t.id,
    patch: { status: 'active' as const, startedDate: env.today, dueDate: addWorkingDays(env.cal, env.today, t.limitDays).date },
  }));
}

export function startStage(tasks: TaskRow[], stage: number, env: Env) {
  return startTasks(tasks.filter((t) => t.stage === stage), env);
}

/** `{code: [uploadId…]}` for the event record: which files the step attached to which material. */
export function groupFiles(files: FileAttachment[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of files) (out[f.code] ??= []).push(f.uploadId);
  return out;
}
