import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseEvents, cases, departments, itemVersions } from '../../db/schema/index.js';
import { localDate, type Clock } from '../../domain/clock.js';
import { allowedActions, STATUS_LABELS, type CaseAction, type CaseStatus } from '../../domain/case-workflow.js';
import { parseCaseNo } from '../../domain/case-number.js';
import { AppError } from '../../domain/errors.js';
import { maskIdNumber, maskPhone } from '../../domain/identity.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { clockView } from '../cases/case-clock-view.js';
import { actionContext } from '../cases/case-view.js';
import * as casesRepo from '../cases/cases.repository.js';
import { getSettingsCached } from '../settings/settings.service.js';
import { caseFileViews, uploadView } from '../uploads/uploads.service.js';
import * as uploadsRepo from '../uploads/uploads.repository.js';
import type { Applicant } from './applicants.service.js';

type CaseRow = casesRepo.CaseRow;

/** What the applicant is to do, or wait for, in each status. */
const NEXT_STEP: Record<CaseStatus, { zh: string; en: string }> = {
  submitted: { zh: '已提交，等待窗口网上预审', en: 'Submitted; waiting for the front desk\'s online pre-review' },
  prereview_returned: { zh: '预审未通过：请按预审意见修改材料后重新提交', en: 'Returned by pre-review: fix what is listed and resubmit' },
  supplement: { zh: '请按补正告知一次性补齐材料后到窗口提交', en: 'Bring the listed materials to the window, all at once' },
  received: { zh: '材料已收件，等待部门受理', en: 'Received; waiting for the department to accept it' },
  accepted: { zh: '部门审查中', en: 'Under review by the department' },
  reviewed: { zh: '审核通过，等待审批决定', en: 'Reviewed; waiting for the decision' },
  paused: { zh: '特别程序进行中，办理时限暂停计算', en: 'Special procedure under way; the clock is paused' },
  reported: { zh: '已报上级机关审查', en: 'Reported to a higher authority' },
  approved: { zh: '已作出决定，等待办结', en: 'Decided; waiting for completion' },
  completed: { zh: '已办结，请凭身份证件到统一出件窗口领取', en: 'Completed: collect the result at the delivery window with your ID' },
  refused: { zh: '已作出不予许可决定，请到窗口领取决定书', en: 'Refused: collect the written decision at the window' },
  delivered: { zh: '办理已结束', en: 'Finished' },
  not_accepted: { zh: '不予受理，办理已结束', en: 'Not accepted; finished' },
  returned: { zh: '已退回，办理已结束', en: 'Returned; finished' },
  withdrawn: { zh: '已撤回，办理已结束', en: 'Withdrawn; finished' },
  cancelled: { zh: '已撤销，办理已结束', en: 'Cancelled; finished' },
};

/** Actions the applicant takes on their own cases; everything else is the center's. */
const APPLICANT_ACTIONS: readonly CaseAction[] = ['resubmit', 'withdraw', 'cancel'];

/** Comments written to the applicant (reasons, lists); other steps' comments are the office's own notes. */
const PUBLIC_COMMENTS = new Set(['prereview-return', 'request-supplement', 'not-accept', 'refuse', 'return', 'withdraw', 'cancel', 'pause', 'deem-approve', 'deadline-moved']);

const ROLE_LABELS: Record<string, { zh: string; en: string }> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  desk: { zh: '综合受理窗口', en: 'Front desk' },
  approver: { zh: '审批部门', en: 'Department' },
  system: { zh: '系统', en: 'System' },
  // A calendar change (deadline-moved) is the center's management, not a department.
  admin: { zh: '政务服务中心', en: 'Service center' },
};

interface Env {
  cal: Awaited<ReturnType<typeof loadCalendar>>;
  today: string;
  now: Date;
  warningDays: number;
}

async function env(db: Db, clock: Clock): Promise<Env> {
  const now = clock.now();
  const [cal, settings] = await Promise.all([loadCalendar(db), getSettingsCached(db)]);
  return { cal, now, today: localDate(now), warningDays: settings.warningDays };
}

/**
 * Trips to the hall (最多跑一次): handing the papers in at a window (or a township/village station),
 * bringing a supplement, collecting the result at the window. An online submission, a resubmission
 * and a delivery by post cost none.
 */
async function visitsOf(db: Db, caseIds: number[]): Promise<Map<number, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.select({
    caseId: caseEvents.caseId,
    visits: sql<number>`(count(*) filter (where (${caseEvents.action} = 'receive' and coalesce(${caseEvents.data}->>'channel', 'window') <> 'online')
      or ${caseEvents.action} = 'resupply' or (${caseEvents.action} = 'deliver' and ${caseEvents.data}->>'method' = 'window')))::int`,
  }).from(caseEvents).where(inArray(caseEvents.caseId, caseIds)).groupBy(caseEvents.caseId);
  return new Map(rows.map((r) => [r.caseId, r.visits]));
}

function summary(c: CaseRow, dept: { code: string; name: string }, visits: number, e: Env) {
  const clock = clockView(e.cal, c, e.today, e.warningDays);
  const status = c.status as CaseStatus;
  return {
    caseNo: c.caseNo,
    item: { code: c.itemCode, name: c.itemName },
    department: dept,
    kind: c.kind,
    channel: c.channel,
    status,
    statusLabel: STATUS_LABELS[status] ?? { zh: c.status, en: c.status },
    version: c.version,
    receivedAt: c.receivedAt.toISOString(),
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    clock: {
      promisedDays: clock.promisedDays, acceptedDate: clock.acceptedDate, dueDate: clock.dueDate, provisional: clock.provisional,
      daysLeft: clock.daysLeft, pausedDays: clock.pausedDays, running: clock.running, warning: clock.warning, timeliness: clock.timeliness,
    },
    visits,
    resultNo: c.resultNo,
    nextStep: NEXT_STEP[status] ?? NEXT_STEP.delivered,
  };
}

/** Every case with the signed-in phone as the applicant's: online ones and those handed in at a window. */
export async function listMyCases(db: Db, clock: Clock, me: Applicant, page: number, pageSize: number) {
  const where = eq(cases.applicantPhone, me.phone);
  const [rows, [count]] = await Promise.all([
    db.select({ c: cases, departmentCode: departments.code, departmentName: departments.name })
      .from(cases).innerJoin(departments, eq(departments.id, cases.departmentId))
      .where(where).orderBy(desc(cases.receivedAt), desc(cases.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
  ]);
  const [e, visits] = await Promise.all([env(db, clock), visitsOf(db, rows.map((r) => r.c.id))]);
  return {
    items: rows.map((r) => summary(r.c, { code: r.departmentCode, name: r.departmentName }, visits.get(r.c.id) ?? 0, e)),
    total: count?.n ?? 0, page, pageSize,
  };
}

/** One of my cases, or NOT_FOUND exactly as for a number that does not exist. */
export async function findMyCase(db: Db, me: Applicant, caseNoInput: string): Promise<CaseRow> {
  const caseNo = parseCaseNo(caseNoInput);
  const candidates = caseNo ? await casesRepo.findCasesByNo(db, caseNo) : [];
  const c = candidates.find((x) => x.applicantPhone === me.phone);
  if (!c) throw new AppError('NOT_FOUND', 'Case not found');
  return c;
}

export async function getMyCase(db: Db, clock: Clock, me: Applicant, caseNoInput: string) {
  const c = await findMyCase(db, me, caseNoInput);
  const [dept] = await db.select({ code: departments.code, name: departments.name }).from(departments).where(eq(departments.id, c.departmentId)).limit(1);
  const [e, visits, tasks, events, files] = await Promise.all([
    env(db, clock), visitsOf(db, [c.id]), casesRepo.listTasks(db, c), casesRepo.listEvents(db, c.id), caseFileViews(db, c.id),
  ]);
  const status = c.status as CaseStatus;
  const nameOf = new Map(c.materials.map((m) => [m.code, m.name]));
  // The one-time list: what pre-review sent back, or what a supplement asks for.
  const lastReturn = [...events].reverse().find((ev) => ev.action === 'prereview-return' || ev.action === 'request-supplement' || (ev.action === 'receive' && ev.toStatus === 'supplement'));
  const listCodes = status === 'prereview_returned' || status === 'supplement'
    ? ((lastReturn?.data as { missing?: string[] } | null)?.missing ?? c.materials.filter((m) => m.required && !m.provided).map((m) => m.code))
    : [];
  const toFix = listCodes.length > 0 || status === 'prereview_returned'
    ? { materials: listCodes.map((code) => ({ code, name: nameOf.get(code) ?? code })), comment: lastReturn?.comment ?? null, at: lastReturn?.at.toISOString() ?? null }
    : null;
  const ctx = actionContext(c, tasks.map((t) => t.task), 'applicant', null, e.now);
  return {
    ...summary(c, dept ?? { code: '', name: '' }, visits.get(c.id) ?? 0, e),
    applicant: {
      kind: c.applicantKind, name: c.applicantName, idNumber: c.applicantIdNumber ? maskIdNumber(c.applicantIdNumber) : null,
      creditCode: c.applicantCreditCode, phone: maskPhone(c.applicantPhone),
    },
    agent: c.agent ? { name: c.agent.name, idNumber: maskIdNumber(c.agent.idNumber), relation: c.agent.relation } : null,
    materials: c.materials.map((m) => ({
      code: m.code, name: m.name, required: m.required, provided: m.provided, note: m.note ?? null,
      files: files.filter((f) => f.materialCode === m.code && f.current).map(({ id, name, mediaType, size, uploadedAt, url }) => ({ id, name, mediaType, size, uploadedAt, url })),
    })),
    toFix,
    stages: tasks.map(({ task, departmentName }) => ({ stage: task.stage, name: task.stageName, department: departmentName, status: task.status, dueDate: task.dueDate })),
    timeline: events.map((ev) => ({
      at: ev.at.toISOString(), action: ev.action, status: ev.toStatus,
      statusLabel: STATUS_LABELS[ev.toStatus as CaseStatus] ?? { zh: ev.toStatus, en: ev.toStatus },
      by: ROLE_LABELS[ev.role] ?? ROLE_LABELS.approver!,
      comment: PUBLIC_COMMENTS.has(ev.action) ? ev.comment : null,
    })),
    allowedActions: allowedActions(ctx).filter((a) => APPLICANT_ACTIONS.includes(a)),
    closedReason: c.closedReason,
  };
}

/** 材料共用: what I uploaded before, and the results (licences) issued to me, for a new application. */
export async function myMaterials(db: Db, me: Applicant) {
  const uploads = await uploadsRepo.listOwnUploads(db, me.id, 200);
  const uses = await uploadsRepo.usesOfUploads(db, uploads.map((u) => u.id));
  const results = await db.select({
    caseNo: cases.caseNo, itemCode: cases.itemCode, itemName: cases.itemName, resultNo: cases.resultNo, completedAt: cases.completedAt,
    resultName: itemVersions.resultName, resultType: itemVersions.resultType,
  }).from(cases).innerJoin(itemVersions, eq(itemVersions.id, cases.itemVersionId))
    .where(and(eq(cases.applicantPhone, me.phone), isNotNull(cases.resultNo), inArray(cases.status, ['completed', 'delivered'])))
    .orderBy(desc(cases.completedAt)).limit(200);
  return {
    uploads: uploads.map((u) => {
      const used = uses.filter((x) => x.uploadId === u.id);
      return { ...uploadView(u), materialNames: [...new Set(used.map((x) => x.materialName))], usedIn: [...new Set(used.map((x) => x.caseNo))] };
    }),
    results: results.map((r) => ({
      caseNo: r.caseNo, item: { code: r.itemCode, name: r.itemName }, resultName: r.resultName, resultType: r.resultType,
      resultNo: r.resultNo!, completedAt: r.completedAt?.toISOString() ?? null,
    })),
  };
}
