/**
 * The case engine's services, one file per job; this index keeps the one import path the routes,
 * jobs and tests use.
 */
export type { ActingUser, CaseDeps, OnlineApplicant } from './case-deps.js';
export { intake, intakeIdempotent, submitOnline, type IntakeResult } from './case-intake.service.js';
export { getCase, getReachableCase, getTimeline, listCases } from './case-reads.service.js';
export { act } from './case-actions.service.js';
export { rescanAllCases, scanCases } from './case-scan.service.js';
export { moveDeadlines, type CalendarChange } from './case-deadlines.service.js';
export { actAsApplicant, cancelByLink, publicProgress } from './case-applicant.service.js';
