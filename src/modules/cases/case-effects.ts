import { addWorkingDays, type WorkCalendar } from '../../domain/working-days.js';
import { dueDate, pausedSoFar, timeliness } from '../../domain/case-clock.js';
import type { CaseAction, CaseStatus } from '../../domain/case-workflow.js';
import { AppError, type FieldProblem } from '../../domain/errors.js';
import { maskIdNumber } from '../../domain/identity.js';
import type { CasePause } from '../../db/schema/index.js';
import type { SmsTemplate } from '../sms/sms-templates.js';
import type { CaseRow, NewCase, TaskRow } from './cases.repository.js';
import { idNumberProblem } from './case-input.js';

export const PAUSE_KINDS = ['hearing', 'expert-review', 'inspection', 'site-survey', 'quarantine', 'other'] as const;
export const PAUSE_LABELS: Record<string, string> = {
  hearing: '听证', 'expert-review': '专家评审', inspection: '检验检测', 'site-survey': '现场勘查', quarantine: '检疫',
  other: '其他特别程序', supplement: '补正', 'report-up': '上报',
};

/** An uploaded file attached as (part of) a material of an online application. */
export interface FileAttachment {
  code: string;
  name: string;
  uploadId: string;
}

export interface ActionInput {
  comment?: string;
  materials?: { code: string; provided: boolean; note?: string }[];
  /** Online resubmission only: the files that now make up the materials named in `materials`. */
  files?: FileAttachment[];
  data?: {
    kind?: string;
    expectedDays?: number;
    missing?: string[];
    materials?: { code: string; provided: boolean; note?: string }[];
    resultNo?: string;
    method?: 'window' | 'post';
    pickupName?: string;
    pickupIdNumber?: string;
    trackingNo?: string;
    authority?: string;
    taskId?: number;
  };
}

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
}

const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', `Invalid ${field}: ${message}`, [{ field, message }]);

function stopClock(c: CaseRow, kind: string, reason: string, today: string, expectedDays?: number): CasePause {
  return { kind, reason, since: today, resumeStatus: c.status, ...(expectedDays !== undefined ? { expectedDays } : {}) };
}

/** Ends an interruption: its working days are added to the case and to the open joint tasks. */
function restartClock(c: CaseRow, tasks: TaskRow[], env: Env) {
  const pause = c.pause;
  if (!pause || !c.acceptedDate) return { patch: { pause: null } as Partial<NewCase>, tasks: [], paused: 0 };
  const paused = pausedSoFar(env.cal, pause.since, env.today);
  const pausedDays = c.pausedDays + paused;
  const due = dueDate(env.cal, c.acceptedDate, c.promisedDays, pausedDays);
  const shifted = tasks.filter((t) => t.status === 'active' && t.dueDate && paused > 0)
    .map((t) => ({ id: t.id, patch: { dueDate: addWorkingDays(env.cal, t.dueDate!, paused).date } }));
  return { patch: { pause: null, pausedDays, dueDate: due.date, dueProvisional: due.provisional } as Partial<NewCase>, tasks: shifted, paused };
}

function mergeMaterials(c: CaseRow, given: { code: string; provided: boolean; note?: string }[]) {
  const byCode = new Map(c.materials.map((m) => [m.code, m]));
  const problems: FieldProblem[] = [];
  given.forEach((g, i) => { if (!byCode.has(g.code)) problems.push({ field: `materials.${i}.code`, message: `unknown material ${g.code}` }); });
  if (problems.length) throw new AppError('VALIDATION_FAILED', `Invalid materials: ${problems[0]!.message}`, problems);
  const givenByCode = new Map(given.map((g) => [g.code, g]));
  return c.materials.map((m) => {
    const g = givenByCode.get(m.code);
    return g ? { ...m, provided: g.provided || m.provided, ...(g.note ? { note: g.note } : {}) } : m;
  });
}

/** The list of what to fix, as the applicant and the SMS name it. */
function markMissing(c: CaseRow, codes: string[] | undefined, field: string) {
  const list = codes ?? [];
  if (list.length === 0) throw bad(field, '请选择需要补正或修改的材料 / name at least one material');
  const unknown = list.findIndex((code) => !c.materials.some((m) => m.code === code));
  if (unknown >= 0) throw bad(`${field}.${unknown}`, `unknown material ${list[unknown]}`);
  const materials = c.materials.map((m) => (list.includes(m.code) ? { ...m, provided: false } : m));
  return { materials, names: materials.filter((m) => list.includes(m.code)).map((m) => m.name) };
}

function startStage(tasks: TaskRow[], stage: number, env: Env) {
  return tasks.filter((t) => t.stage === stage).map((t) => ({
    id: t.id,
    patch: { status: 'active' as const, startedDate: env.today, dueDate: addWorkingDays(env.cal, env.today, t.limitDays).date },
  }));
}

export function effectFor(action: CaseAction, c: CaseRow, tasks: TaskRow[], input: ActionInput, env: Env, actorDepartmentId: number | null): Effect {
  const comment = input.comment?.trim() ?? '';
  const d = input.data ?? {};
  switch (action) {
    case 'accept': {
      const due = dueDate(env.cal, env.today, c.promisedDays, 0);
      const firstStage = Math.min(...tasks.map((t) => t.stage));
      return {
        to: 'accepted',
        patch: { acceptedAt: env.now, acceptedDate: env.today, dueDate: due.date, dueProvisional: due.provisional },
        data: { dueDate: due.date, provisional: due.provisional },
        sms: { template: 'accepted', dueDate: due.date },
        tasks: tasks.length ? startStage(tasks, firstStage, env) : [],
      };
    }
    case 'review-pass':
      return { to: 'reviewed', patch: {} };
    case 'request-supplement': {
      const codes = d.missing ?? [];
      const unknown = codes.findIndex((code) => !c.materials.some((m) => m.code === code));
      if (unknown >= 0) throw bad(`data.missing.${unknown}`, `unknown material ${codes[unknown]}`);
      const materials = c.materials.map((m) => (codes.includes(m.code) ? { ...m, provided: false } : m));
      const names = materials.filter((m) => codes.includes(m.code)).map((m) => m.name);
      return {
        to: 'supplement',
        patch: { materials, pause: stopClock(c, 'supplement', comment, env.today) },
        data: { missing: codes },
        sms: { template: 'supplement', materials: names, reason: comment },
      };
    }
    case 'resupply': {
      const materials = mergeMaterials(c, input.materials ?? d.materials ?? []);
      const missing = materials.filter((m) => m.required && !m.provided);
      if (missing.length > 0) {
        throw new AppError('MATERIALS_MISSING', `Still missing: ${missing.map((m) => m.name).join('、')}`,
          missing.map((m) => ({ field: `materials.${m.code}`, message: `${m.name} 未提供 / not provided` })));
      }
      const back = (c.pause?.resumeStatus ?? 'received') as CaseStatus;
      const restart = restartClock(c, tasks, env);
      // Refused joint tasks get a fresh start once the lead department had the materials supplied.
      const reopened = tasks.filter((t) => t.status === 'refused').map((t) => ({
        id: t.id, patch: { status: 'active' as const, startedDate: env.today, dueDate: addWorkingDays(env.cal, env.today, t.limitDays).date },
      }));
      return {
        to: back,
        patch: { materials, ...restart.patch },
        data: { provided: materials.filter((m) => m.provided).map((m) => m.code), pausedDays: restart.paused },
        sms: back === 'received' ? { template: 'received' } : { template: 'resumed' },
        tasks: [...restart.tasks, ...reopened],
      };
    }
    case 'approve':
      return { to: 'approved', patch: { decision: 'approved', decidedAt: env.now } };
    case 'refuse':
      return {
        to: 'refused',
        patch: { decision: 'refused', decidedAt: env.now, completedAt: env.now, completedDate: env.today, timeliness: timeliness(env.today, c.dueDate!), closedReason: comment, warningLevel: 'none' },
        sms: { template: 'refused', reason: comment },
      };
    case 'pause': {
      if (!d.kind || !(PAUSE_KINDS as readonly string[]).includes(d.kind)) throw bad('data.kind', `one of ${PAUSE_KINDS.join(', ')}`);
      if (d.expectedDays !== undefined && (!Number.isInteger(d.expectedDays) || d.expectedDays < 1 || d.expectedDays > 365)) throw bad('data.expectedDays', '1–365 working days');
      return {
        to: 'paused',
        patch: { pause: stopClock(c, d.kind, comment, env.today, d.expectedDays) },
        data: { kind: d.kind, expectedDays: d.expectedDays },
        sms: { template: 'paused', reason: `${PAUSE_LABELS[d.kind]}：${comment}` },
      };
    }
    case 'resume':
    case 'report-back': {
      const restart = restartClock(c, tasks, env);
      return {
        to: (c.pause?.resumeStatus ?? 'accepted') as CaseStatus,
        patch: restart.patch,
        data: { pausedDays: restart.paused, kind: c.pause?.kind },
        sms: action === 'resume' ? { template: 'resumed', dueDate: restart.patch.dueDate ?? undefined } : undefined,
        tasks: restart.tasks,
      };
    }
    case 'report-up':
      return {
        to: 'reported',
        patch: { pause: stopClock(c, 'report-up', comment, env.today) },
        data: { authority: d.authority },
      };
    case 'return':
      return { to: 'returned', patch: { closedReason: comment, warningLevel: 'none' }, sms: { template: 'returned', reason: comment } };
    case 'withdraw':
      return { to: 'withdrawn', patch: { closedReason: comment, pause: null, warningLevel: 'none' }, sms: { template: 'withdrawn' } };
    case 'cancel':
      return { to: 'cancelled', patch: { closedReason: comment || '申请人撤销', warningLevel: 'none' }, sms: { template: 'cancelled' } };
    case 'not-accept':
      return { to: 'not_accepted', patch: { closedReason: comment, pause: null }, sms: { template: 'not-accepted', reason: comment } };
    case 'complete': {
      const resultNo = d.resultNo?.trim();
      if (!resultNo || resultNo.length > 100) throw bad('data.resultNo', '办理结果编号必填 / result number required');
      return {
        to: 'completed',
        patch: { resultNo, completedAt: env.now, completedDate: env.today, timeliness: timeliness(env.today, c.dueDate ?? env.today), warningLevel: 'none' },
        data: { resultNo },
        sms: { template: 'completed', resultNo },
      };
    }
    case 'deliver':
      return deliverEffect(d, env);
    case 'task-pass':
    case 'task-refuse':
      return taskEffect(action, c, tasks, input, env, actorDepartmentId);
    case 'prereview-accept':
      // Taken in as if handed over at the window: from here the usual acceptance starts the clock.
      return { to: 'received', patch: {}, sms: { template: 'prereview-accepted' } };
    case 'prereview-return': {
      const { materials, names } = markMissing(c, d.missing, 'data.missing');
      return {
        to: 'prereview_returned',
        patch: { materials },
        data: { missing: d.missing },
        sms: { template: 'prereview-returned', materials: names, reason: comment },
      };
    }
    case 'resubmit': {
      const materials = mergeMaterials(c, input.materials ?? []);
      const missing = materials.filter((m) => m.required && !m.provided);
      if (missing.length > 0) {
        throw new AppError('MATERIALS_MISSING', `Still missing: ${missing.map((m) => m.name).join('、')}`,
          missing.map((m) => ({ field: `materials.${m.code}`, message: `${m.name} 未提供 / not provided` })));
      }
      const files = input.files ?? [];
      return {
        to: 'submitted',
        patch: { materials },
        data: { files: groupFiles(files) },
        files,
      };
    }
  }
}

/** `{code: [uploadId…]}` for the event record: which files the step attached to which material. */
export function groupFiles(files: FileAttachment[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of files) (out[f.code] ??= []).push(f.uploadId);
  return out;
}

function deliverEffect(d: NonNullable<ActionInput['data']>, env: Env): Effect {
  if (d.method === 'post') {
    if (!d.trackingNo?.trim()) throw bad('data.trackingNo', '邮寄须填写运单号 / tracking number required');
    return { to: 'delivered', patch: { deliveredAt: env.now, delivery: { method: 'post', trackingNo: d.trackingNo.trim() } }, data: { method: 'post', trackingNo: d.trackingNo.trim() }, sms: { template: 'delivered' } };
  }
  if (d.method !== 'window') throw bad('data.method', 'window or post');
  if (!d.pickupName?.trim()) throw bad('data.pickupName', '领取人姓名必填 / pickup person required');
  const problem = idNumberProblem('data.pickupIdNumber', d.pickupIdNumber ?? '', env.today);
  if (problem) throw new AppError('VALIDATION_FAILED', `Invalid data.pickupIdNumber: ${problem.message}`, [problem]);
  return {
    to: 'delivered',
    patch: { deliveredAt: env.now, delivery: { method: 'window', pickupName: d.pickupName.trim(), pickupIdNumber: d.pickupIdNumber } },
    data: { method: 'window', pickupName: d.pickupName.trim(), pickupIdNumber: maskIdNumber(d.pickupIdNumber!) },
    sms: { template: 'delivered' },
  };
}

function taskEffect(action: 'task-pass' | 'task-refuse', c: CaseRow, tasks: TaskRow[], input: ActionInput, env: Env, departmentId: number | null): Effect {
  const mine = tasks.filter((t) => t.status === 'active' && t.departmentId === departmentId && (input.data?.taskId === undefined || t.id === input.data.taskId));
  const task = mine[0];
  if (!task) throw new AppError('CONFLICT', 'No active task of your department on this case');
  const comment = input.comment?.trim() || null;
  if (action === 'task-refuse') {
    return {
      to: c.status as CaseStatus, patch: {}, data: { taskId: task.id, stage: task.stage, stageName: task.stageName },
      tasks: [{ id: task.id, patch: { status: 'refused', finishedAt: env.now, comment } }],
    };
  }
  const updates: Effect['tasks'] = [{ id: task.id, patch: { status: 'passed', finishedAt: env.now, comment } }];
  const stage = task.stage;
  const stageDone = tasks.filter((t) => t.stage === stage && t.id !== task.id).every((t) => t.status === 'passed');
  const data = { taskId: task.id, stage, stageName: task.stageName, stageDone };
  if (!stageDone) return { to: c.status as CaseStatus, patch: {}, data, tasks: updates };
  const next = tasks.filter((t) => t.stage > stage).map((t) => t.stage).sort((a, b) => a - b)[0];
  if (next !== undefined) return { to: c.status as CaseStatus, patch: {}, data: { ...data, nextStage: next }, tasks: [...updates, ...startStage(tasks, next, env)] };
  // The last stage closed: the joint approval is granted as one decision (一窗出证).
  return { to: 'approved', patch: { decision: 'approved', decidedAt: env.now }, data, tasks: updates };
}
