import { approverOfCase, type CaseActionSpec, deskOrApprover, jointCaseOpen } from './rule.js';

/** 一次性告知补正 (request-supplement): the materials to supply, named at once; after acceptance the clock stands still meanwhile. */
export const requestSupplement: CaseActionSpec = {
  from: ['received', 'accepted', 'reviewed'],
  to: 'supplement',
  needsComment: true,
  allowed: (c) => (c.status === 'received' ? deskOrApprover(c) : approverOfCase(c)) && jointCaseOpen(c),
  clock: 'pauses',
  pauseKinds: ['supplement'],
  data: ['missing'],
  label: 'action.request-supplement',
  tone: 'default',
  order: 12,
};
