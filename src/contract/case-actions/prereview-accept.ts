import { type CaseActionSpec } from './rule.js';

/** 预审通过 (prereview-accept, 网上预审): the desk takes an online application in as if handed over at the window. */
export const prereviewAccept: CaseActionSpec = {
  from: ['submitted'],
  to: 'received',
  allowed: (c) => c.actor === 'desk',
  data: [],
  label: 'action.prereview-accept',
  tone: 'primary',
  order: 0,
};
