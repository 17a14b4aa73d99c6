import { type CaseActionSpec } from './rule.js';

/** 重新提交 (resubmit): the applicant, signed in to the online hall, sends the corrected application back to pre-review. */
export const resubmit: CaseActionSpec = {
  from: ['prereview_returned'],
  to: 'submitted',
  allowed: (c) => c.actor === 'applicant',
  data: [],
  materials: true,
  label: 'action.resubmit',
  tone: 'default',
  order: 2,
};
