/**
 * The statuses of a case (办件) and the groups the rules and the clock read. The actions that move a
 * case between them are in src/contract/case-actions/, the table they make in ./case-workflow.ts.
 */
export const CASE_STATUSES = [
  'submitted', 'prereview_returned', 'supplement', 'received', 'accepted', 'reviewed', 'paused', 'reported', 'approved', 'refused',
  'completed', 'delivered', 'not_accepted', 'returned', 'withdrawn', 'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the promised-limit clock runs. */
export const CLOCK_RUNNING: readonly CaseStatus[] = ['accepted', 'reviewed', 'approved'];
/** Statuses in which the clock stands still but the case is open (the stop is shown). */
export const CLOCK_STOPPED: readonly CaseStatus[] = ['paused', 'reported'];
export const TERMINAL: readonly CaseStatus[] = ['delivered', 'not_accepted', 'returned', 'withdrawn', 'cancelled'];
/** Online applications before the front desk has taken them in: no clock, no department work yet. */
export const PRE_REVIEW: readonly CaseStatus[] = ['submitted', 'prereview_returned'];
/** Open = still owed something by the center. */
export const OPEN: readonly CaseStatus[] = ['submitted', 'prereview_returned', 'supplement', 'received', 'accepted', 'reviewed', 'paused', 'reported', 'approved'];

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
