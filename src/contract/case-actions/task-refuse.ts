import { type CaseActionSpec, taskOwner } from './rule.js';

/** 本部门审批不通过 (task-refuse): a department refuses its task; the lead department decides the case next. */
export const taskRefuse: CaseActionSpec = {
  from: ['accepted'],
  to: 'accepted',
  needsComment: true,
  allowed: taskOwner,
  data: ['taskId'],
  label: 'action.task-refuse',
  tone: 'danger',
  order: 15,
};
