import { type CaseActionSpec, workingApprover } from './rule.js';

/** The special procedures (特别程序) a case can stop for; each has a `pause.<kind>` message. */
export const PAUSE_KINDS = ['hearing', 'expert-review', 'inspection', 'site-survey', 'quarantine', 'other'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

/** 启动特别程序 (pause): a hearing, expert review, inspection… stops the clock until resumed (特别程序不计入承诺时限). */
export const pause: CaseActionSpec = {
  from: ['accepted', 'reviewed'],
  to: 'paused',
  needsComment: true,
  allowed: workingApprover,
  clock: 'pauses',
  pauseKinds: PAUSE_KINDS,
  data: ['kind', 'expectedDays'],
  label: 'action.pause',
  tone: 'default',
  order: 13,
};
