/**
 * What each allowed action does to a case: the new status, the patch, the event's data, the SMS and
 * the joint tasks to update. Each action's effect is its own file in ./effects/ (the rule of who may
 * take it is src/contract/case-actions/<action>.ts); shared steps are ./effects/steps.ts.
 */
import type { CaseAction } from '#contract/cases.js';
import type { CaseRow, TaskRow } from './cases.repository.js';
import type { ActionInput, Effect, EffectOf, Env } from './effects/effect.js';
import { accept } from './effects/accept.js';
import { approve } from './effects/approve.js';
import { cancel } from './effects/cancel.js';
import { complete } from './effects/complete.js';
import { deliver } from './effects/deliver.js';
import { notAccept } from './effects/not-accept.js';
import { pause } from './effects/pause.js';
import { prereviewAccept } from './effects/prereview-accept.js';
import { prereviewReturn } from './effects/prereview-return.js';
import { refuse } from './effects/refuse.js';
import { reportBack } from './effects/report-back.js';
import { reportUp } from './effects/report-up.js';
import { requestSupplement } from './effects/request-supplement.js';
import { resubmit } from './effects/resubmit.js';
import { resume } from './effects/resume.js';
import { resupply } from './effects/resupply.js';
import { returnCase } from './effects/return.js';
import { reviewPass } from './effects/review-pass.js';
import { taskPass } from './effects/task-pass.js';
import { taskRefuse } from './effects/task-refuse.js';
import { withdraw } from './effects/withdraw.js';

export type { ActionInput, Effect, Env, FileAttachment } from './effects/effect.js';
export { groupFiles } from './effects/steps.js';

const EFFECTS: Record<CaseAction, EffectOf> = {
  accept, 'review-pass': reviewPass, 'request-supplement': requestSupplement, resupply, approve, refuse, pause, resume,
  'report-up': reportUp, 'report-back': reportBack, return: returnCase, withdraw, cancel, complete, deliver, 'not-accept': notAccept,
  'task-pass': taskPass, 'task-refuse': taskRefuse, 'prereview-accept': prereviewAccept, 'prereview-return': prereviewReturn, resubmit,
};

export function effectFor(action: CaseAction, c: CaseRow, tasks: TaskRow[], input: ActionInput, env: Env, actorDepartmentId: number | null): Effect {
  return EFFECTS[action]({ c, tasks, input, comment: input.comment?.trim() ?? '', data: input.data ?? {}, env, departmentId: actorDepartmentId });
}
