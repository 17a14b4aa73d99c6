import { type CaseActionSpec, deciderOf } from './rule.js';

/** 审批通过 (approve): the decision of a promised or immediate item; a joint case is approved when its last stage passes. */
export const approve: CaseActionSpec = {
  from: ['accepted', 'reviewed'],
  to: 'approved',
  allowed: (c) => deciderOf(c) && c.kind !== 'joint',
  data: [],
  label: 'action.approve',
  tone: 'primary',
  order: 6,
};
