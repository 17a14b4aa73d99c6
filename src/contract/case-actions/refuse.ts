import { type CaseActionSpec, caseDecider } from './rule.js';

/** 不予许可 (refuse): the decision against, with its reasons; the case is done and its timeliness counted. */
export const refuse: CaseActionSpec = {
  from: ['accepted', 'reviewed'],
  to: 'refused',
  needsComment: true,
  allowed: caseDecider,
  clock: 'ends',
  data: [],
  label: 'action.refuse',
  tone: 'danger',
  order: 16,
};
