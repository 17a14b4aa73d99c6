import { type CaseActionSpec, deskOrApprover } from './rule.js';

/** 受理 (accept): a received case is accepted; the promised-limit clock starts and a joint case's first stage opens. */
export const accept: CaseActionSpec = {
  from: ['received'],
  to: 'accepted',
  allowed: deskOrApprover,
  clock: 'starts',
  data: [],
  label: 'action.accept',
  tone: 'primary',
  order: 3,
};
