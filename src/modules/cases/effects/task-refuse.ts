import type { CaseStatus } from '#contract/cases.js';
import { AppError } from '../../../domain/errors.js';
import type { EffectOf, Step } from './effect.js';

/** The task refused waits for the lead department's decision on the case as a whole. */
export const taskRefuse: EffectOf = (step) => {
  const task = myActiveTask(step);
  return {
    to: step.c.status as CaseStatus, patch: {}, data: { taskId: task.id, stage: task.stage, stageName: task.stageName },
    tasks: [{ id: task.id, patch: { status: 'refused', finishedAt: step.env.now, comment: step.comment || null } }],
  };
};

/** The acting department's active task (the one named by `data.taskId` when given); none is a 409. */
export function myActiveTask({ tasks, data, departmentId }: Step) {
  const task = tasks.find((t) => t.status === 'active' && t.departmentId === departmentId && (data.taskId === undefined || t.id === data.taskId));
  if (!task) throw new AppError('CONFLICT', 'No active task of your department on this case');
  return task;
}
