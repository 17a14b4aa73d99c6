import { PRE_REVIEW } from '../../domain/case-status.js';
import { type CaseActionSpec, staff } from './rule.js';

/** 撤回 (withdraw): the applicant takes the application back, at any step before the decision. */
export const withdraw: CaseActionSpec = {
  from: ['submitted', 'prereview_returned', 'supplement', 'received', 'accepted', 'reviewed', 'paused', 'reported'],
  to: 'withdrawn',
  needsComment: true,
  // In pre-review the application is still the applicant's to take back, and only the desk handles it.
  allowed: (c) => (PRE_REVIEW.includes(c.status) ? c.actor === 'desk' || c.actor === 'applicant' : staff(c)),
  clock: 'ends',
  data: [],
  label: 'action.withdraw',
  tone: 'danger',
  order: 19,
};
