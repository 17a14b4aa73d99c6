import { type CaseActionSpec } from './rule.js';

/** 撤销 (cancel): within 30 minutes of acceptance the desk or the applicant (the SMS link) undoes it. */
export const cancel: CaseActionSpec = {
  from: ['accepted'],
  to: 'cancelled',
  allowed: (c) => (c.actor === 'desk' || c.actor === 'applicant') && c.withinCancelWindow,
  clock: 'ends',
  data: [],
  label: 'action.cancel',
  tone: 'danger',
  order: 20,
};
