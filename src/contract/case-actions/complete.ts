import { type CaseActionSpec, deciderOf } from './rule.js';

/** 办结 (complete): the result is issued under its number; the case is done and its timeliness counted. */
export const complete: CaseActionSpec = {
  from: ['approved'],
  to: 'completed',
  allowed: deciderOf,
  clock: 'ends',
  data: ['resultNo'],
  label: 'action.complete',
  tone: 'primary',
  order: 7,
};
