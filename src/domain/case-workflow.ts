/**
 * The one transition table of a case (办件). The server checks every action against it and the
 * web app imports it to show only the buttons that are allowed now. Each action's rule lives in its
 * own file, src/contract/case-actions/<action>.ts; this file puts them together.
 *
 * 收件 received → 受理 accepted → 审核 reviewed → 决定 approved/refused → 办结 completed → 出件 delivered,
 * with the side roads 补正 supplement, 特别程序 paused, 上报 reported, 不予受理 not_accepted,
 * 退回 returned, 撤回 withdrawn and 撤销 cancelled (within 30 minutes of acceptance).
 *
 * An online application (网上申请) starts before all that, in 网上预审 pre-review: `submitted` waits
 * for the front desk, which takes it into the normal flow (→ received) or returns it once with the
 * list of what to fix (→ prereview_returned); the applicant fixes it online and resubmits. No clock
 * runs in pre-review: the promised limit starts at acceptance as for every case.
 */
import { CASE_ACTION_SPECS, CASE_ACTIONS, type ActionContext, type CaseAction, type CaseActionSpec } from '../contract/case-actions/index.js';
import type { CaseStatus } from './case-status.js';

export { CASE_STATUSES, CLOCK_RUNNING, CLOCK_STOPPED, OPEN, PRE_REVIEW, STATUS_LABELS, TERMINAL, type CaseStatus } from './case-status.js';
export { CASE_ACTIONS, type ActionContext, type Actor, type CaseAction } from '../contract/case-actions/index.js';

export const CANCEL_WINDOW_MS = 30 * 60_000;

type Rule = Pick<CaseActionSpec, 'from' | 'to' | 'needsComment' | 'allowed'>;

export const TRANSITIONS: Record<CaseAction, Rule> = CASE_ACTION_SPECS;

export function isAllowed(action: CaseAction, c: ActionContext): boolean {
  const rule = TRANSITIONS[action];
  return rule.from.includes(c.status) && rule.allowed(c);
}

export function allowedActions(c: ActionContext): CaseAction[] {
  return CASE_ACTIONS.filter((a) => isAllowed(a, c));
}

export function needsComment(action: CaseAction): boolean {
  return TRANSITIONS[action].needsComment === true;
}

/** Where an action leads; `back` actions return to the status saved when the clock stopped. */
export function targetStatus(action: CaseAction, from: CaseStatus, savedStatus: CaseStatus | undefined): CaseStatus {
  const to = TRANSITIONS[action].to;
  if (to !== 'back') return to;
  return savedStatus ?? (from === 'supplement' ? 'received' : 'accepted');
}
