import type { ActionBody, CaseStatus } from '#contract/cases.js';
import type { WorkCalendar } from '../../../domain/working-days.js';
import type { SmsTemplate } from '../../sms/sms-templates.js';
import type { CaseRow, NewCase, TaskRow } from '../cases.repository.js';

/** An uploaded file attached as (part of) a material of an online application. */
export interface FileAttachment {
  code: string;
  name: string;
  uploadId: string;
}

export type ActionInput = Omit<ActionBody, 'action' | 'expectedVersion'> & {
  /** Online resubmission only: the files that now make up the materials named in `materials`. */
  files?: FileAttachment[];
};

export interface Env {
  cal: WorkCalendar;
  today: string;
  now: Date;
}

export interface Effect {
  to: CaseStatus;
  patch: Partial<NewCase>;
  /** What the event records beyond the comment (personal data masked: the record is kept for ever). */
  data?: Record<string, unknown>;
  sms?: { template: SmsTemplate; materials?: string[]; reason?: string; dueDate?: string; resultNo?: string };
  tasks?: { id: number; patch: Partial<TaskRow> }[];
  /** Uploads attached by this step, written in the step's own statement. */
  files?: FileAttachment[];
  /**
   * 台帐: a paper this step issues for a proxy case (its result), held at the case's center and
   * bound for the place the applicant came to; written in the step's own statement.
   */
  ledger?: { kind: 'result'; homeCenterId: number };
}

/** Everything an action's effect reads: the case as it is, the request, and the day. */
export interface Step {
  c: CaseRow;
  tasks: TaskRow[];
  input: ActionInput;
  /** The comment trimmed, '' when there is none. */
  comment: string;
  data: NonNullable<ActionInput['data']>;
  env: Env;
  /** The acting approver's department (joint tasks). */
  departmentId: number | null;
}

/** What an allowed action does to the case; pure given the calendar. May throw a 422 for bad `data`. */
export type EffectOf = (step: Step) => Effect;
