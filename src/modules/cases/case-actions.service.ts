import { parseCaseNo } from '../../domain/case-number.js';
import { isAllowed, needsComment, TRANSITIONS, type CaseAction, type CaseStatus } from '../../domain/case-workflow.js';
import { AppError } from '../../domain/errors.js';
import { reachOf } from './case-access.js';
import { forgetCase, rememberedCase } from './case-copies.js';
import { viewEnv, type ActingUser, type ActorRef, type CaseDeps } from './case-deps.js';
import { effectFor, type ActionInput } from './case-effects.js';
import { getReachableCase } from './case-reads.service.js';
import { commitEffect, versionConflict } from './case-step.js';
import { actionContext } from './case-view.js';
import * as repo from './cases.repository.js';

export type ActionBody = ActionInput & { action: CaseAction; expectedVersion?: number };

/** A staff member's action on a case, from the copy this process last wrote when it has one. */
export async function act(deps: CaseDeps, actor: ActingUser, caseNo: string, body: ActionBody) {
  const who: ActorRef = { actor: actor.user.role, user: actor.user, address: actor.address };
  const parsed = parseCaseNo(caseNo);
  const copy = parsed ? rememberedCase(deps.db, actor.user.centerId, parsed) : undefined;
  if (copy && reachOf(actor.user, copy, []) === 'handle') {
    try {
      return answer(await applyAction(deps, copy, [], body, who));
    } catch (err) {
      // The copy may be older than the database (another process acted): decide again on a fresh read.
      if (!(err instanceof AppError)) throw err;
      forgetCase(deps.db, copy);
    }
  }
  const { c, tasks, reach } = await getReachableCase(deps, actor, caseNo);
  if (reach !== 'handle') throw new AppError('FORBIDDEN', 'Supervisors and leaders read cases; they do not act on them');
  return answer(await applyAction(deps, c, tasks.map((t) => t.task), body, who));
}

export const answer = (c: repo.CaseRow) => ({ caseNo: c.caseNo, status: c.status, version: c.version });

/** Checks the action against the version the actor saw and the transition table, then commits its effect. */
export async function applyAction(deps: CaseDeps, c: repo.CaseRow, tasks: repo.TaskRow[], body: ActionBody, who: ActorRef) {
  if (body.expectedVersion !== undefined && body.expectedVersion !== c.version) throw versionConflict(c.version);
  const rule = TRANSITIONS[body.action];
  if (!rule.from.includes(c.status as CaseStatus)) {
    throw new AppError('INVALID_TRANSITION', `“${body.action}” is not possible while the case is ${c.status}`, undefined, { status: c.status });
  }
  const departmentId = who.user?.departmentId ?? null;
  const now = deps.clock.now();
  if (!isAllowed(body.action, actionContext(c, tasks, who.actor, departmentId, now))) {
    throw new AppError('FORBIDDEN', `You may not “${body.action}” this case now`);
  }
  if (needsComment(body.action) && !body.comment?.trim()) {
    throw new AppError('VALIDATION_FAILED', 'A reason or answer is required for this action', [{ field: 'comment', message: 'required' }]);
  }
  const env = await viewEnv(deps);
  const effect = effectFor(body.action, c, tasks, body, { cal: env.cal, today: env.today, now }, departmentId);
  // The clerk who takes an online application in becomes its receiver, as at the window.
  if (body.action === 'prereview-accept' && who.user) effect.patch.receivedBy = who.user.id;
  return commitEffect(deps, c, tasks, effect, body.action, body.comment?.trim() || null, who, env);
}
