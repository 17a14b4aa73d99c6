import { type CaseActionSpec, taskOwner } from './rule.js';

/** 本部门审批通过 (task-pass): a department passes its task of a joint case; the last one of the last stage approves the case. */
export const taskPass: CaseActionSpec = {
  from: ['accepted'],
  to: 'accepted',
  allowed: taskOwner,
  data: ['taskId'],
  label: 'action.task-pass',
  tone: 'primary',
  order: 4,
};
