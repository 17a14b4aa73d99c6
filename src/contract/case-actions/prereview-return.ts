import { type CaseActionSpec } from './rule.js';

/** 预审退回 (prereview-return, 网上预审): the online application goes back once, with the list of what to fix. */
export const prereviewReturn: CaseActionSpec = {
  from: ['submitted'],
  to: 'prereview_returned',
  needsComment: true,
  allowed: (c) => c.actor === 'desk',
  data: ['missing'],
  label: 'action.prereview-return',
  tone: 'default',
  order: 1,
};
