import { allowedActions, STATUS_LABELS, type ActionContext, type Actor, type CaseStatus, CANCEL_WINDOW_MS } from '../../domain/case-workflow.js';
import type { VersionNames } from './item-names.js';
import { maskIdNumber, maskPhone } from '../../domain/identity.js';
import type { WorkCalendar } from '../../domain/working-days.js';
import type { SessionUser } from '../auth/auth.service.js';
import { clockView } from './case-clock-view.js';
import type { CaseRow, TaskRow } from './cases.repository.js';
import type { CaseView, QueueRow } from '#contract/cases.js';

export interface TaskWithDept { task: TaskRow; departmentCode: string; departmentName: string }

export function actionContext(c: CaseRow, tasks: TaskRow[], actor: Actor, departmentId: number | null, now: Date): ActionContext {
  return {
    status: c.status as CaseStatus,
    actor,
    kind: c.kind,
    isLeadDepartment: departmentId !== null && departmentId === c.departmentId,
    hasActiveTask: departmentId !== null && tasks.some((t) => t.status === 'active' && t.departmentId === departmentId),
    awaitingLeadDecision: tasks.some((t) => t.status === 'refused'),
    acceptedBefore: c.acceptedDate !== null,
    withinCancelWindow: c.acceptedAt !== null && now.getTime() - c.acceptedAt.getTime() <= CANCEL_WINDOW_MS,
  };
}

export function caseLinks(caseNo: string, status: string) {
  return {
    receipt: `/print/cases/${caseNo}/receipt`,
    ...(status === 'supplement' ? { supplementNotice: `/print/cases/${caseNo}/supplement` } : {}),
    ...(status === 'not_accepted' ? { notAcceptedNotice: `/print/cases/${caseNo}/not-accepted` } : {}),
  };
}

export interface ViewEnv {
  cal: WorkCalendar;
  today: string;
  now: Date;
  warningDays: number;
  /** English names of the cases' item versions (see item-names.ts), when the caller looked them up. */
  english?: Map<number, VersionNames>;
}

/** Roles that read cases and act on none (stations and agents follow their proxy cases). */
const READ_ONLY_ROLES = new Set<string>(['supervisor', 'leader', 'station', 'agent']);

/** The case page. Full ID numbers and phones only for the staff who handle the case. */
export function caseView(c: CaseRow, tasks: TaskWithDept[], dept: { code: string; name: string }, user: SessionUser, env: ViewEnv, showFull: boolean): CaseView {
  const mask = <T extends string | null | undefined>(v: T, f: (s: string) => string) => (v && !showFull ? f(v) : v ?? undefined);
  const ctx = actionContext(c, tasks.map((t) => t.task), user.role, user.departmentId, env.now);
  return {
    caseNo: c.caseNo,
    status: c.status as CaseStatus,
    statusLabel: STATUS_LABELS[c.status as CaseStatus]?.zh ?? c.status,
    version: c.version,
    kind: c.kind,
    urgent: c.urgent,
    channel: c.channel,
    item: { code: c.itemCode, name: c.itemName, nameEn: env.english?.get(c.itemVersionId)?.nameEn ?? '', versionId: c.itemVersionId },
    department: dept,
    applicant: {
      kind: c.applicantKind,
      name: c.applicantName,
      idNumber: mask(c.applicantIdNumber, maskIdNumber),
      creditCode: c.applicantCreditCode ?? undefined,
      phone: mask(c.applicantPhone, maskPhone)!,
    },
    agent: c.agent ? { ...c.agent, idNumber: mask(c.agent.idNumber, maskIdNumber)!, phone: mask(c.agent.phone, maskPhone)! } : undefined,
    materials: c.materials.map((m) => {
      const nameEn = env.english?.get(c.itemVersionId)?.materials.get(m.code);
      return nameEn ? { ...m, nameEn } : m;
    }),
    receivedAt: c.receivedAt.toISOString(),
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    decision: c.decision,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    completedAt: c.completedAt?.toISOString() ?? null,
    deliveredAt: c.deliveredAt?.toISOString() ?? null,
    resultNo: c.resultNo,
    closedReason: c.closedReason,
    clock: clockView(env.cal, c, env.today, env.warningDays),
    tasks: tasks.map(({ task: t, departmentCode, departmentName }) => ({
      id: t.id, stage: t.stage, stageName: t.stageName, department: { code: departmentCode, name: departmentName },
      lead: t.lead, limitDays: t.limitDays, status: t.status, startedDate: t.startedDate, dueDate: t.dueDate,
      finishedAt: t.finishedAt?.toISOString() ?? null, comment: t.comment,
    })),
    allowedActions: READ_ONLY_ROLES.has(user.role) ? [] : allowedActions(ctx),
    links: caseLinks(c.caseNo, c.status),
  };
}

/** A queue row: personal data always masked. */
export function queueRow(c: CaseRow, dept: { code: string; name: string }, env: ViewEnv): QueueRow {
  const clock = clockView(env.cal, c, env.today, env.warningDays);
  return {
    caseNo: c.caseNo,
    status: c.status as CaseStatus,
    statusLabel: STATUS_LABELS[c.status as CaseStatus]?.zh ?? c.status,
    version: c.version,
    kind: c.kind,
    urgent: c.urgent,
    item: { code: c.itemCode, name: c.itemName, nameEn: env.english?.get(c.itemVersionId)?.nameEn ?? '' },
    department: dept,
    applicantName: c.applicantName,
    applicantPhone: maskPhone(c.applicantPhone),
    applicantIdNumber: c.applicantIdNumber ? maskIdNumber(c.applicantIdNumber) : undefined,
    receivedAt: c.receivedAt.toISOString(),
    dueDate: clock.dueDate,
    daysLeft: clock.daysLeft,
    pausedDays: clock.pausedDays,
    warning: clock.warning,
  };
}
