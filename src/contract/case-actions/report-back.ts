import { approverOfCase, type CaseActionSpec } from './rule.js';

/** 上级已答复 (report-back): the higher authority answered; the clock runs again. */
export const reportBack: CaseActionSpec = {
  from: ['reported'],
  to: 'back',
  allowed: approverOfCase,
  clock: 'resumes',
  data: [],
  label: 'action.report-back',
  tone: 'primary',
  order: 10,
};
