import type { CaseStatus } from '#contract/cases.js';
import type { Effect, EffectOf } from './effect.js';
import { myActiveTask } from './task-refuse.js';
import { startStage } from './steps.js';

/** The department's task passes; when its stage is done the next opens, after the last the case is approved. */
export const taskPass: EffectOf = (step) => {
  const { c, tasks, env } = step;
  const task = myActiveTask(step);
  const updates: Effect['tasks'] = [{ id: task.id, patch: { status: 'passed', finishedAt: env.now, comment: step.comment || null } }];
  const stage = task.stage;
  const stageDone = tasks.filter((t) => t.stage === stage && t.id !== task.id).every((t) => t.status === 'passed');
  const data = { taskId: task.id, stage, stageName: task.stageName, stageDone };
  if (!stageDone) return { to: c.status as CaseStatus, patch: {}, data, tasks: updates };
  const next = tasks.filter((t) => t.stage > stage).map((t) => t.stage).sort((a, b) => a - b)[0];
  if (next !== undefined) return { to: c.status as CaseStatus, patch: {}, data: { ...data, nextStage: next }, tasks: [...updates, ...startStage(tasks, next, env)] };
  // The last stage closed: the joint approval is granted as one decision (一窗出证).
  return { to: 'approved', patch: { decision: 'approved', decidedAt: env.now }, data, tasks: updates };
};
