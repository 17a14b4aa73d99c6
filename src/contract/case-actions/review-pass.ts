import { type CaseActionSpec, deciderOf } from './rule.js';

/** 审核通过 (review-pass): the review step of a promised or immediate item; a joint case is reviewed by its tasks. */
export const reviewPass: CaseActionSpec = {
  from: ['accepted'],
  to: 'reviewed',
  allowed: (c) => deciderOf(c) && c.kind !== 'joint',
  data: [],
  label: 'action.review-pass',
  tone: 'primary',
  order: 5,
};
