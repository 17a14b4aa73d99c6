import { approverOfCase, type CaseActionSpec, jointCaseOpen } from './rule.js';

/** 退回 (return): the case goes back to the applicant with an explicit answer, and ends. */
export const returnCase: CaseActionSpec = {
  from: ['received', 'accepted', 'reviewed'],
  to: 'returned',
  needsComment: true,
  allowed: (c) => approverOfCase(c) && jointCaseOpen(c),
  clock: 'ends',
  data: [],
  label: 'action.return',
  tone: 'danger',
  order: 17,
};
