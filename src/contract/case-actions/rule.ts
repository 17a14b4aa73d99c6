/**
 * What a case action is, as both sides need it: where it may start, where it leads, who may take
 * it, what it does to the clock, what it asks for, and how the UIs show it. One file per action
 * beside this one; ./index.ts collects them and src/domain/case-workflow.ts makes the transition
 * table of them. These files are plain data and code with no TypeBox at runtime, so the web bundles
 * that import them stay small; the `data` fields' schemas are ActionData in ../cases.ts, which checks that it has exactly the
 * fields named here (no import back from there: the contract has no cycles).
 */
import type { Role } from '../roles.js';
import type { CaseStatus } from '../../domain/case-status.js';

/**
 * `applicant` acts through the cancel link in the SMS or signed in to the online hall (resubmitting
 * or withdrawing an online application in pre-review); `system` is deemed approval (超时默许).
 */
export type Actor = Role | 'applicant' | 'system';

export interface ActionContext {
  status: CaseStatus;
  actor: Actor;
  kind: 'immediate' | 'promised' | 'joint';
  /** The acting approver belongs to the case's lead department. */
  isLeadDepartment: boolean;
  /** The acting approver's department has an active task on this joint case. */
  hasActiveTask: boolean;
  /** A joint task was refused and waits for the lead department's decision. */
  awaitingLeadDecision: boolean;
  /** A supplement after acceptance keeps the clock paused; before acceptance there is no clock. */
  acceptedBefore: boolean;
  withinCancelWindow: boolean;
}

/** The fields an action's `data` may carry (ActionData in ../cases.ts has exactly these). */
export const ACTION_DATA_FIELDS = [
  'kind', 'expectedDays', 'missing', 'materials', 'resultNo', 'method', 'pickupName', 'pickupIdNumber',
  'trackingNo', 'authority', 'taskId',
] as const;
export type ActionDataField = (typeof ACTION_DATA_FIELDS)[number];

export interface CaseActionSpec {
  from: readonly CaseStatus[];
  /** `back`: to the status saved when the clock stopped. */
  to: CaseStatus | 'back';
  /** A reason or answer is required (refusals, returns, supplements, …). */
  needsComment?: boolean;
  allowed(c: ActionContext): boolean;
  /**
   * What the step does to the promised-limit clock: starts it, stops it for an interruption (of
   * one of `pauseKinds`, the case's `pause.kind`), restarts it, or ends it with the case's outcome.
   */
  clock?: 'starts' | 'pauses' | 'resumes' | 'ends';
  pauseKinds?: readonly string[];
  /** The fields of the body's `data` the action reads. */
  data: readonly ActionDataField[];
  /** It takes the body's `materials`: what was handed over or uploaded now. */
  materials?: boolean;
  /** The message key of its name, the same in every UI and the timeline. */
  label: `action.${string}`;
  /** Forward steps are primary buttons; refusals and endings are red and ask for confirmation. */
  tone: 'primary' | 'default' | 'danger';
  /** Place among the buttons: the usual next step first, then side roads, then the endings. */
  order: number;
}

export const approverOfCase = (c: ActionContext) => c.actor === 'approver' && c.isLeadDepartment;
/** The desk or the case's own approver: who takes papers in and hands results out. */
export const deskOrApprover = (c: ActionContext) => c.actor === 'desk' || approverOfCase(c);
export const staff = (c: ActionContext) => c.actor === 'desk' || (c.actor === 'approver' && (c.isLeadDepartment || c.hasActiveTask));
/** Immediate items (即办件) are decided at the window in one sitting. */
export const deciderOf = (c: ActionContext) => approverOfCase(c) || (c.actor === 'desk' && c.kind === 'immediate');
/** On a joint case the lead department decides the case as a whole only after a task was refused. */
export const caseDecider = (c: ActionContext) => deciderOf(c) && (c.kind !== 'joint' || c.awaitingLeadDecision);
/** The case's department, or a department working on a task of the joint case. */
export const workingApprover = (c: ActionContext) => approverOfCase(c) || (c.actor === 'approver' && c.hasActiveTask);
/** Sends a joint case back as a whole: at intake, or by the lead department once a task was refused. */
export const jointCaseOpen = (c: ActionContext) => c.kind !== 'joint' || c.status === 'received' || c.awaitingLeadDecision;
/** A department's own task on a joint case, while no refusal waits for the lead department. */
export const taskOwner = (c: ActionContext) => c.kind === 'joint' && c.actor === 'approver' && c.hasActiveTask && !c.awaitingLeadDecision;
