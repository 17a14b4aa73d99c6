/**
 * The one transition table of a case (办件). The server checks every action against it and the
 * web app imports it to show only the buttons that are allowed now.
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
export const CASE_STATUSES = [
  'submitted', 'prereview_returned', 'supplement', 'received', 'accepted', 'reviewed', 'paused', 'reported', 'approved', 'refused',
  'completed', 'delivered', 'not_accepted', 'returned', 'withdrawn', 'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = [
  'accept', 'review-pass', 'request-supplement', 'resupply', 'approve', 'refuse', 'pause', 'resume',
  'report-up', 'report-back', 'return', 'withdraw', 'cancel', 'complete', 'deliver', 'not-accept',
  'task-pass', 'task-refuse', 'prereview-accept', 'prereview-return', 'resubmit',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * `applicant` acts through the cancel link in the SMS or signed in to the online hall (resubmitting
 * or withdrawing an online application in pre-review); `system` is deemed approval (超时默许).
 */
export type Actor = 'admin' | 'desk' | 'approver' | 'supervisor' | 'leader' | 'applicant' | 'system';

/** Statuses in which the promised-limit clock runs. */
export const CLOCK_RUNNING: readonly CaseStatus[] = ['accepted', 'reviewed', 'approved'];
/** Statuses in which the clock stands still but the case is open (the stop is shown). */
export const CLOCK_STOPPED: readonly CaseStatus[] = ['paused', 'reported'];
export const TERMINAL: readonly CaseStatus[] = ['delivered', 'not_accepted', 'returned', 'withdrawn', 'cancelled'];
/** Online applications before the front desk has taken them in: no clock, no department work yet. */
export const PRE_REVIEW: readonly CaseStatus[] = ['submitted', 'prereview_returned'];
/** Open = still owed something by the center. */
export const OPEN: readonly CaseStatus[] = ['submitted', 'prereview_returned', 'supplement', 'received', 'accepted', 'reviewed', 'paused', 'reported', 'approved'];

export const CANCEL_WINDOW_MS = 30 * 60_000;

export interface ActionContext {
  status: CaseStatus;
  actor: Actor;
  kind: 'immediate' | 'promised' | 'joint';
  /** The acting approver belongs to the case's lead department. */
  isLeadDepartment: boolean;
  /** The acting approver's department has an active task on this joint case. */
  hasActiveTask: boolean;
  /** A joint task was refused and waits for the lead department's decision. */
  awaitingLeadDecision: boolean;
  /** A supplement after acceptance keeps the clock paused; before acceptance there is no clock. */
  acceptedBefore: boolean;
  withinCancelWindow: boolean;
}

interface Rule {
  from: readonly CaseStatus[];
  to: CaseStatus | 'back';
  /** A reason or answer is required (refusals, returns, supplements, …). */
  needsComment?: boolean;
  allowed(c: ActionContext): boolean;
}

const approverOfCase = (c: ActionContext) => c.actor === 'approver' && c.isLeadDepartment;
const staff = (c: ActionContext) => c.actor === 'desk' || (c.actor === 'approver' && (c.isLeadDepartment || c.hasActiveTask));
/** Immediate items (即办件) are decided at the window in one sitting. */
const deciderOf = (c: ActionContext) => approverOfCase(c) || (c.actor === 'desk' && c.kind === 'immediate');
/** On a joint case the lead department decides the case as a whole only after a task was refused. */
const caseDecider = (c: ActionContext) => deciderOf(c) && (c.kind !== 'joint' || c.awaitingLeadDecision);

export const TRANSITIONS: Record<CaseAction, Rule> = {
  accept: { from: ['received'], to: 'accepted', allowed: (c) => c.actor === 'desk' || approverOfCase(c) },
  'review-pass': { from: ['accepted'], to: 'reviewed', allowed: (c) => deciderOf(c) && c.kind !== 'joint' },
  'request-supplement': {
    from: ['received', 'accepted', 'reviewed'], to: 'supplement', needsComment: true,
    allowed: (c) => (c.status === 'received' ? c.actor === 'desk' || approverOfCase(c) : approverOfCase(c)) && (c.kind !== 'joint' || c.status === 'received' || c.awaitingLeadDecision),
  },
  resupply: { from: ['supplement'], to: 'back', allowed: (c) => c.actor === 'desk' || approverOfCase(c) },
  approve: { from: ['accepted', 'reviewed'], to: 'approved', allowed: (c) => deciderOf(c) && c.kind !== 'joint' },
  refuse: { from: ['accepted', 'reviewed'], to: 'refused', needsComment: true, allowed: caseDecider },
  pause: { from: ['accepted', 'reviewed'], to: 'paused', needsComment: true, allowed: (c) => approverOfCase(c) || (c.actor === 'approver' && c.hasActiveTask) },
  resume: { from: ['paused'], to: 'back', allowed: (c) => approverOfCase(c) || (c.actor === 'approver' && c.hasActiveTask) },
  'report-up': { from: ['accepted', 'reviewed'], to: 'reported', needsComment: true, allowed: approverOfCase },
  'report-back': { from: ['reported'], to: 'back', allowed: approverOfCase },
  return: { from: ['received', 'accepted', 'reviewed'], to: 'returned', needsComment: true, allowed: (c) => approverOfCase(c) && (c.kind !== 'joint' || c.status === 'received' || c.awaitingLeadDecision) },
  withdraw: {
    from: ['submitted', 'prereview_returned', 'supplement', 'received', 'accepted', 'reviewed', 'paused', 'reported'], to: 'withdrawn', needsComment: true,
    // In pre-review the application is still the applicant's to take back, and only the desk handles it.
    allowed: (c) => (PRE_REVIEW.includes(c.status) ? c.actor === 'desk' || c.actor === 'applicant' : staff(c)),
  },
  cancel: { from: ['accepted'], to: 'cancelled', allowed: (c) => (c.actor === 'desk' || c.actor === 'applicant') && c.withinCancelWindow },
  complete: { from: ['approved'], to: 'completed', allowed: deciderOf },
  deliver: { from: ['completed', 'refused'], to: 'delivered', allowed: (c) => c.actor === 'desk' || approverOfCase(c) },
  'not-accept': { from: ['received', 'supplement'], to: 'not_accepted', needsComment: true, allowed: (c) => c.actor === 'desk' || approverOfCase(c) },
  'task-pass': { from: ['accepted'], to: 'accepted', allowed: (c) => c.kind === 'joint' && c.actor === 'approver' && c.hasActiveTask && !c.awaitingLeadDecision },
  'task-refuse': { from: ['accepted'], to: 'accepted', needsComment: true, allowed: (c) => c.kind === 'joint' && c.actor === 'approver' && c.hasActiveTask && !c.awaitingLeadDecision },
  // 网上预审: the front desk checks an online application as it would the papers at the window.
  'prereview-accept': { from: ['submitted'], to: 'received', allowed: (c) => c.actor === 'desk' },
  'prereview-return': { from: ['submitted'], to: 'prereview_returned', needsComment: true, allowed: (c) => c.actor === 'desk' },
  resubmit: { from: ['prereview_returned'], to: 'submitted', allowed: (c) => c.actor === 'applicant' },
};

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

export const STATUS_LABELS: Record<CaseStatus, { zh: string; en: string }> = {
  submitted: { zh: '网上预审', en: 'Online pre-review' },
  prereview_returned: { zh: '预审退回待修改', en: 'Returned for correction' },
  supplement: { zh: '补正', en: 'Supplement needed' },
  received: { zh: '已收件', en: 'Received' },
  accepted: { zh: '已受理', en: 'Accepted' },
  reviewed: { zh: '已审核', en: 'Reviewed' },
  paused: { zh: '特别程序', en: 'Special procedure' },
  reported: { zh: '已上报', en: 'Reported up' },
  approved: { zh: '已审批', en: 'Approved' },
  refused: { zh: '不予许可', en: 'Refused' },
  completed: { zh: '已办结', en: 'Completed' },
  delivered: { zh: '已出件', en: 'Delivered' },
  not_accepted: { zh: '不予受理', en: 'Not accepted' },
  returned: { zh: '已退回', en: 'Returned' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
