import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allowedActions, CASE_ACTIONS, CASE_STATUSES, isAllowed, OPEN, TERMINAL, TRANSITIONS, targetStatus,
  type ActionContext, type Actor, type CaseAction, type CaseStatus,
} from '../../src/domain/case-workflow.js';

const ACTORS: Actor[] = ['admin', 'desk', 'approver', 'supervisor', 'leader', 'applicant', 'system'];

function ctx(status: CaseStatus, actor: Actor, over: Partial<ActionContext> = {}): ActionContext {
  return {
    status, actor, kind: 'promised', isLeadDepartment: true, hasActiveTask: false, awaitingLeadDecision: false,
    acceptedBefore: true, withinCancelWindow: false, ...over,
  };
}

/**
 * The expected table, written out by hand from the requirements, for a promised item and an
 * approver of the case's own department. Every status × action × role is compared with it.
 */
const APPROVER: Record<CaseStatus, CaseAction[]> = {
  submitted: [], prereview_returned: [],
  supplement: ['resupply', 'withdraw', 'not-accept'],
  received: ['accept', 'request-supplement', 'return', 'withdraw', 'not-accept'],
  accepted: ['review-pass', 'request-supplement', 'approve', 'refuse', 'pause', 'report-up', 'return', 'withdraw'],
  reviewed: ['request-supplement', 'approve', 'refuse', 'pause', 'report-up', 'return', 'withdraw'],
  paused: ['resume', 'withdraw'],
  reported: ['report-back', 'withdraw'],
  approved: ['complete'],
  refused: ['deliver'],
  completed: ['deliver'],
  delivered: [], not_accepted: [], returned: [], withdrawn: [], cancelled: [],
};
const DESK: Record<CaseStatus, CaseAction[]> = {
  submitted: ['prereview-accept', 'prereview-return', 'withdraw'],
  prereview_returned: ['withdraw'],
  supplement: ['resupply', 'withdraw', 'not-accept'],
  received: ['accept', 'request-supplement', 'withdraw', 'not-accept'],
  accepted: ['withdraw'],
  reviewed: ['withdraw'],
  paused: ['withdraw'],
  reported: ['withdraw'],
  approved: [],
  refused: ['deliver'],
  completed: ['deliver'],
  delivered: [], not_accepted: [], returned: [], withdrawn: [], cancelled: [],
};

/** The signed-in applicant, on an online application in pre-review (cancel needs the 30-minute window). */
const APPLICANT: Partial<Record<CaseStatus, CaseAction[]>> = {
  submitted: ['withdraw'],
  prereview_returned: ['resubmit', 'withdraw'],
};

describe('the transition table', () => {
  it('matches the expected table for every status × action × role', () => {
    for (const status of CASE_STATUSES) {
      for (const actor of ACTORS) {
        const expected = actor === 'approver' ? APPROVER[status] : actor === 'desk' ? DESK[status] : actor === 'applicant' ? APPLICANT[status] ?? [] : [];
        expect(allowedActions(ctx(status, actor)).sort(), `${actor} in ${status}`).toEqual([...expected].sort());
      }
    }
  });

  it('lets supervisors, leaders and admins do nothing, ever', () => {
    fc.assert(fc.property(fc.constantFrom(...CASE_STATUSES), fc.constantFrom('supervisor', 'leader', 'admin') as fc.Arbitrary<Actor>,
      fc.record({ kind: fc.constantFrom('immediate', 'promised', 'joint'), isLeadDepartment: fc.boolean(), hasActiveTask: fc.boolean(), awaitingLeadDecision: fc.boolean(), withinCancelWindow: fc.boolean() }),
      (status, actor, over) => { expect(allowedActions(ctx(status, actor, over as Partial<ActionContext>))).toEqual([]); }));
  });

  it('gives an approver of another department nothing on a case without its task', () => {
    for (const status of CASE_STATUSES) expect(allowedActions(ctx(status, 'approver', { isLeadDepartment: false }))).toEqual([]);
  });

  it('lets the desk decide an immediate item in one sitting, but not a promised one', () => {
    expect(isAllowed('approve', ctx('accepted', 'desk', { kind: 'immediate' }))).toBe(true);
    expect(isAllowed('complete', ctx('approved', 'desk', { kind: 'immediate' }))).toBe(true);
    expect(isAllowed('approve', ctx('accepted', 'desk'))).toBe(false);
    expect(isAllowed('complete', ctx('approved', 'desk'))).toBe(false);
  });

  it('allows cancel only within 30 minutes, by the desk or the applicant', () => {
    expect(isAllowed('cancel', ctx('accepted', 'desk', { withinCancelWindow: true }))).toBe(true);
    expect(isAllowed('cancel', ctx('accepted', 'applicant', { withinCancelWindow: true }))).toBe(true);
    expect(isAllowed('cancel', ctx('accepted', 'desk', { withinCancelWindow: false }))).toBe(false);
    expect(isAllowed('cancel', ctx('accepted', 'approver', { withinCancelWindow: true }))).toBe(false);
  });

  it('on a joint case: tasks for departments with an active task; the lead decides only after a refusal', () => {
    const joint = { kind: 'joint' as const };
    expect(isAllowed('task-pass', ctx('accepted', 'approver', { ...joint, isLeadDepartment: false, hasActiveTask: true }))).toBe(true);
    expect(isAllowed('task-pass', ctx('accepted', 'approver', { ...joint, hasActiveTask: false }))).toBe(false);
    expect(isAllowed('approve', ctx('accepted', 'approver', joint))).toBe(false);
    expect(isAllowed('refuse', ctx('accepted', 'approver', joint))).toBe(false);
    expect(isAllowed('refuse', ctx('accepted', 'approver', { ...joint, awaitingLeadDecision: true }))).toBe(true);
    expect(isAllowed('request-supplement', ctx('accepted', 'approver', { ...joint, awaitingLeadDecision: true }))).toBe(true);
    expect(isAllowed('refuse', ctx('accepted', 'approver', { ...joint, awaitingLeadDecision: true, isLeadDepartment: false, hasActiveTask: true }))).toBe(false);
  });

  it('never leaves a terminal status, and every target is a status', () => {
    for (const status of TERMINAL) for (const actor of ACTORS) expect(allowedActions(ctx(status, actor))).toEqual([]);
    for (const action of CASE_ACTIONS) {
      for (const from of TRANSITIONS[action].from) {
        expect(CASE_STATUSES).toContain(targetStatus(action, from, 'reviewed'));
      }
    }
    expect(targetStatus('resume', 'paused', 'reviewed')).toBe('reviewed');
    expect(targetStatus('resupply', 'supplement', undefined)).toBe('received');
    expect(OPEN).not.toContain('delivered');
  });
});
