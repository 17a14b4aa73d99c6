import { approverOfCase, type CaseActionSpec } from './rule.js';

/** 上报上级 (report-up): the case waits for a higher authority's answer, the clock standing still. */
export const reportUp: CaseActionSpec = {
  from: ['accepted', 'reviewed'],
  to: 'reported',
  needsComment: true,
  allowed: approverOfCase,
  clock: 'pauses',
  pauseKinds: ['report-up'],
  data: ['authority'],
  label: 'action.report-up',
  tone: 'default',
  order: 14,
};
