import { type CaseActionSpec, workingApprover } from './rule.js';

/** 恢复计时 (resume): the special procedure is over; the clock runs again, its due date moved by the days it stood still. */
export const resume: CaseActionSpec = {
  from: ['paused'],
  to: 'back',
  allowed: workingApprover,
  clock: 'resumes',
  data: [],
  label: 'action.resume',
  tone: 'primary',
  order: 9,
};
