import { type CaseActionSpec, deskOrApprover } from './rule.js';

/** 出件 (deliver): the result (or the refusal) handed over at the window or posted. */
export const deliver: CaseActionSpec = {
  from: ['completed', 'refused'],
  to: 'delivered',
  allowed: deskOrApprover,
  data: ['method', 'pickupName', 'pickupIdNumber', 'trackingNo'],
  label: 'action.deliver',
  tone: 'primary',
  order: 11,
};
