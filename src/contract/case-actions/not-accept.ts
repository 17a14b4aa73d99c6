import { type CaseActionSpec, deskOrApprover } from './rule.js';

/** 不予受理 (not-accept): the application is not for this center or cannot be accepted; an answer with reasons ends it. */
export const notAccept: CaseActionSpec = {
  from: ['received', 'supplement'],
  to: 'not_accepted',
  needsComment: true,
  allowed: deskOrApprover,
  clock: 'ends',
  data: [],
  label: 'action.not-accept',
  tone: 'danger',
  order: 18,
};
