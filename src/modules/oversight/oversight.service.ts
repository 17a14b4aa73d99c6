import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { localDate, type Clock } from '../../domain/clock.js';
import { usedWorkingDays } from '../../domain/case-duration.js';
import { AppError, invalid } from '../../domain/errors.js';
import { maskIdNumber, maskName, maskPhone } from '../../domain/identity.js';
import {
  canAnswer, CLOCK_STOP_ACTIONS, DECISION_ACTIONS, DEFAULT_OVERSIGHT_SETTINGS, defaultDeadline, findFrequentSubmitters,
  findIrregularities, findSpeedOutliers, localDayStart, shouldEscalate, STAFF_ROLES, TIME_PATTERN, minutesOf,
  type CaseFact, type IrregularityKind, type OversightSettings, type SubmissionFact, type SubmitterIdentity,
} from '../../domain/oversight-rules.js';
import { addCalendarDays, isValidDate, isWorkingDay } from '../../domain/working-days.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { getCenterCached } from '../centers/centers.service.js';
import { findDepartment } from '../departments/departments.repository.js';
import { findSetting, saveSetting } from '../settings/settings.repository.js';
import { enqueueSms } from '../sms/sms.repository.js';
import * as repo from './oversight.repository.js';

export interface OversightDeps {
  db: Db;
  clock: Clock;
}

export interface RequestActor {
  user: SessionUser;
  address: string;
}

const SETTINGS_KEY = 'oversight';
const MAX_PERIOD_DAYS = 366;
const DEFAULT_PERIOD_DAYS = 30;

const forbidden = () => new AppError('FORBIDDEN', '无权查看或办理督办事项 / Your role may not do this');
const noticeNotFound = () => new AppError('NOT_FOUND', '督办事项不存在 / Notice not found');

// ─── settings ───

export async function getOversightSettings(db: Db): Promise<OversightSettings> {
  const saved = await findSetting<Partial<OversightSettings>>(db, SETTINGS_KEY);
  return { ...DEFAULT_OVERSIGHT_SETTINGS, ...(saved ?? {}) };
}

export async function updateOversightSettings(deps: OversightDeps, a: RequestActor, patch: Partial<OversightSettings>): Promise<OversightSettings> {
  const next = { ...(await getOversightSettings(deps.db)), ...patch };
  const problems = [];
  if (!TIME_PATTERN.test(next.officeStart)) problems.push({ field: 'officeStart', message: 'must be a time HH:MM' });
  if (!TIME_PATTERN.test(next.officeEnd)) problems.push({ field: 'officeEnd', message: 'must be a time HH:MM' });
  else if (TIME_PATTERN.test(next.officeStart) && minutesOf(next.officeEnd) <= minutesOf(next.officeStart)) {
    problems.push({ field: 'officeEnd', message: 'must be after officeStart' });
  }
  if (next.fastRatio >= 1) problems.push({ field: 'fastRatio', message: 'must be below 1' });
  if (next.slowRatio <= 1) problems.push({ field: 'slowRatio', message: 'must be above 1' });
  if (problems.length) throw invalid('Invalid settings', problems);
  await inTransaction(deps.db, async (tx) => {
    await saveSetting(tx, SETTINGS_KEY, next);
    await writeAdminLog(tx, { userId: a.user.id, address: a.address, at: deps.clock.now(), action: 'supervision.settings', target: 'settings:oversight', detail: patch });
  });
  return next;
}

// ─── supervision notices (督办) ───

type Scope = { departmentId?: number };

/** Supervisors and leaders see every notice of the center; an approver only those to his department. */
function scopeOf(user: SessionUser): Scope {
  if (user.role === 'supervisor' || user.role === 'leader') return {};
  if (user.role === 'approver' && user.departmentId !== null) return { departmentId: user.departmentId };
  throw forbidden();
}

function noticeView(j: repo.NoticeJoin, today: string) {
  const n = j.notice;
  return {
    id: n.id,
    subject: n.subject,
    body: n.body,
    status: n.status,
    department: { code: j.departmentCode, name: j.departmentName },
    caseNo: j.caseNo,
    issuedBy: j.issuedByName,
    issuedAt: n.issuedAt.toISOString(),
    deadline: n.deadline,
    overdue: n.status !== 'closed' && n.answeredAt === null && today > n.deadline,
    answeredAt: n.answeredAt?.toISOString() ?? null,
    escalatedAt: n.escalatedAt?.toISOString() ?? null,
    closedAt: n.closedAt?.toISOString() ?? null,
  };
}

export type NoticeView = ReturnType<typeof noticeView>;

/**
 * Marks every open notice past its deadline as escalated, each with its history row in the same
 * transaction. The update is conditional on 'open', so a second run (or a second server) finds
 * nothing left to do and writes nothing.
 */
export async function escalateOverdueNotices(deps: OversightDeps, centerId?: number): Promise<number> {
  const now = deps.clock.now();
  const today = localDate(now);
  let escalated = 0;
  for (const n of await repo.overdueOpenNotices(deps.db, today, centerId)) {
    if (!shouldEscalate(n.status, n.deadline, today)) continue;
    const moved = await inTransaction(deps.db, async (tx) => {
      const row = await repo.moveNotice(tx, n.id, ['open'], { status: 'escalated', escalatedAt: now });
      if (!row) return false;
      await repo.insertNoticeEvent(tx, { noticeId: n.id, at: now, actorId: null, action: 'escalated', fromStatus: 'open', toStatus: 'escalated', note: `deadline ${n.deadline}` });
      return true;
    });
    if (moved) escalated++;
  }
  return escalated;
}

export interface IssueInput {
  caseNo?: string;
  department?: string;
  subject: string;
  body: string;
  deadline?: string;
}

export async function issueNotice(deps: OversightDeps, a: RequestActor, input: IssueInput): Promise<NoticeView> {
  const { user } = a;
  const now = deps.clock.now();
  const today = localDate(now);
  const caseRef = input.caseNo ? await repo.findCaseRef(deps.db, user.centerId, input.caseNo) : undefined;
  if (input.caseNo && !caseRef) throw invalid('Unknown case', [{ field: 'caseNo', message: '办件不存在 / no such case' }]);
  let departmentId = caseRef?.departmentId;
  if (input.department) {
    const dept = await findDepartment(deps.db, user.centerId, input.department);
    if (!dept || dept.status !== 'active') throw invalid('Unknown department', [{ field: 'department', message: '部门不存在 / no such department' }]);
    departmentId = dept.id;
  }
  if (departmentId === undefined) {
    throw invalid('A notice goes to a department or is about a case', [{ field: 'department', message: '请指定部门或办件 / name a department or a case' }]);
  }
  let deadline = input.deadline;
  if (deadline !== undefined) {
    if (!isValidDate(deadline)) throw invalid('Invalid deadline', [{ field: 'deadline', message: 'must be a valid date' }]);
    if (deadline < today) throw invalid('Invalid deadline', [{ field: 'deadline', message: '不能早于今天 / must not be in the past' }]);
  } else {
    const settings = await getOversightSettings(deps.db);
    deadline = defaultDeadline(await loadCalendar(deps.db), today, settings.noticeDays);
  }
  const center = await getCenterCached(deps.db, user.centerId);
  const id = await inTransaction(deps.db, async (tx) => {
    const n = await repo.insertNotice(tx, {
      centerId: user.centerId, caseId: caseRef?.id ?? null, departmentId: departmentId!, issuedBy: user.id, issuedAt: now,
      deadline: deadline!, subject: input.subject, body: input.body, status: 'open',
    });
    await repo.insertNoticeEvent(tx, { noticeId: n.id, at: now, actorId: user.id, action: 'issued', fromStatus: null, toStatus: 'open', note: null });
    await writeAdminLog(tx, {
      userId: user.id, address: a.address, at: now, action: 'supervision.notice.issue', target: `notice:${n.id}`,
      detail: { departmentId, caseNo: caseRef?.caseNo ?? null, deadline, subject: input.subject },
    });
    // The department hears of it at once; the message names no applicant (it goes to a staff phone).
    for (const phone of await repo.departmentPhones(tx, departmentId!)) {
      await enqueueSms(tx, {
        caseId: caseRef?.id, recipient: phone, template: 'supervision-notice', now,
        dedupeKey: `supervision-notice:${n.id}:issued:${phone}`,
        body: `【${center.name}】督办通知：${oneLine(input.subject)}${caseRef ? `（办件${caseRef.caseNo}）` : ''}，请于${deadline}前登录系统答复。`,
      });
    }
    return n.id;
  });
  return (await getNotice(deps, user, id)).notice;
}

function oneLine(s: string, max = 40): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}

export async function listNoticesFor(deps: OversightDeps, user: SessionUser, f: { status?: repo.NoticeRow['status']; caseNo?: string; limit?: number }) {
  const scope = scopeOf(user);
  await escalateOverdueNotices(deps, user.centerId);
  let caseId: number | undefined;
  if (f.caseNo) {
    const ref = await repo.findCaseRef(deps.db, user.centerId, f.caseNo);
    if (!ref) return [];
    caseId = ref.id;
  }
  const rows = await repo.listNotices(deps.db, {
    centerId: user.centerId, departmentId: scope.departmentId, statuses: f.status ? [f.status] : undefined, caseId, limit: f.limit ?? 200,
  });
  const today = localDate(deps.clock.now(), user.timeZone);
  return rows.map((r) => noticeView(r, today));
}

export async function getNotice(deps: OversightDeps, user: SessionUser, id: number) {
  const scope = scopeOf(user);
  const j = await repo.findNotice(deps.db, user.centerId, id);
  // Another department's notice does not exist for an approver.
  if (!j || (scope.departmentId !== undefined && j.notice.departmentId !== scope.departmentId)) throw noticeNotFound();
  const [answers, history] = await Promise.all([repo.listAnswers(deps.db, id), repo.listNoticeEvents(deps.db, id)]);
  return {
    notice: noticeView(j, localDate(deps.clock.now(), user.timeZone)),
    answers: answers.map((r) => ({ id: r.answer.id, body: r.answer.body, answeredBy: r.name, answeredAt: r.answer.answeredAt.toISOString() })),
    history: history.map((r) => ({
      action: r.event.action, at: r.event.at.toISOString(), actor: r.name ?? null, fromStatus: r.event.fromStatus, toStatus: r.event.toStatus, note: r.event.note,
    })),
  };
}

export async function answerNotice(deps: OversightDeps, a: RequestActor, id: number, body: string) {
  const { user } = a;
  if (user.role !== 'approver' || user.departmentId === null) throw new AppError('FORBIDDEN', '只有被督办部门的审批人员可以答复 / Only the department\'s approvers answer a notice');
  await escalateOverdueNotices(deps, user.centerId);
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const j = await repo.findNotice(tx, user.centerId, id);
    if (!j || j.notice.departmentId !== user.departmentId) throw noticeNotFound();
    if (!canAnswer(j.notice.status)) throw new AppError('INVALID_TRANSITION', '督办事项已办结，不能再答复 / The notice is closed');
    const moved = await repo.moveNotice(tx, id, ['open', 'escalated', 'answered'], { status: 'answered', answeredAt: now });
    if (!moved) throw new AppError('INVALID_TRANSITION', '督办事项已办结，不能再答复 / The notice is closed');
    const answer = await repo.insertAnswer(tx, { noticeId: id, answeredBy: user.id, answeredAt: now, body });
    await repo.insertNoticeEvent(tx, { noticeId: id, at: now, actorId: user.id, action: 'answered', fromStatus: j.notice.status, toStatus: 'answered', note: `answer ${answer.id}` });
  });
  return getNotice(deps, user, id);
}

export async function closeNotice(deps: OversightDeps, a: RequestActor, id: number, note: string | undefined) {
  const { user } = a;
  if (user.role !== 'supervisor') throw new AppError('FORBIDDEN', '只有监察人员可以办结督办 / Only a supervisor closes a notice');
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const j = await repo.findNotice(tx, user.centerId, id);
    if (!j) throw noticeNotFound();
    const moved = await repo.moveNotice(tx, id, ['open', 'escalated', 'answered'], { status: 'closed', closedAt: now, closedBy: user.id });
    if (!moved) throw new AppError('INVALID_TRANSITION', '督办事项已办结 / The notice is already closed');
    await repo.insertNoticeEvent(tx, { noticeId: id, at: now, actorId: user.id, action: 'closed', fromStatus: j.notice.status, toStatus: 'closed', note: note ?? null });
    await writeAdminLog(tx, { userId: user.id, address: a.address, at: now, action: 'supervision.notice.close', target: `notice:${id}`, detail: { note: note ?? null } });
  });
  return getNotice(deps, user, id);
}

// ─── period ───

export interface Period {
  from: string;
  to: string;
}

/** Defaults to the 30 days ending today; a period is at most a year so one request cannot read all history. */
export function resolvePeriod(today: string, from?: string, to?: string): Period {
  const end = to ?? today;
  const start = from ?? addCalendarDays(end, -(DEFAULT_PERIOD_DAYS - 1));
  const problems = [];
  if (!isValidDate(start)) problems.push({ field: 'from', message: 'must be a valid date' });
  if (!isValidDate(end)) problems.push({ field: 'to', message: 'must be a valid date' });
  if (problems.length) throw invalid('Invalid period', problems);
  if (start > end) throw invalid('Invalid period', [{ field: 'from', message: 'must not be after to' }]);
  if (addCalendarDays(start, MAX_PERIOD_DAYS) <= end) throw invalid('Invalid period', [{ field: 'to', message: `period longer than ${MAX_PERIOD_DAYS} days` }]);
  return { from: start, to: end };
}

// ─── irregularities (异常行为) ───

export async function irregularityReport(deps: OversightDeps, user: SessionUser, q: { from?: string; to?: string; kind?: IrregularityKind }) {
  const period = resolvePeriod(localDate(deps.clock.now(), user.timeZone), q.from, q.to);
  const [settings, cal, depts] = await Promise.all([getOversightSettings(deps.db), loadCalendar(deps.db), repo.departmentNames(deps.db, user.centerId)]);
  const offDates: string[] = [];
  for (let d = period.from; d <= period.to; d = addCalendarDays(d, 1)) if (!isWorkingDay(cal, d)) offDates.push(d);
  const events = await repo.eventsInPeriod(deps.db, user.centerId, localDayStart(period.from, user.timeZone), localDayStart(addCalendarDays(period.to, 1), user.timeZone), {
    staffRoles: [...STAFF_ROLES], officeStart: settings.officeStart, officeEnd: settings.officeEnd, offDates,
    actions: [...DECISION_ACTIONS, ...CLOCK_STOP_ACTIONS],
  });
  const pausedCases = [...new Set(events.filter((e) => CLOCK_STOP_ACTIONS.includes(e.action)).map((e) => e.caseId))];
  const decidedCases = [...new Set(events.filter((e) => DECISION_ACTIONS.includes(e.action)).map((e) => e.caseId))];
  const [stops, facts] = await Promise.all([repo.clockStopsOf(deps.db, pausedCases, CLOCK_STOP_ACTIONS), repo.caseFacts(deps.db, decidedCases)]);
  const caseMap = new Map<number, CaseFact>(facts.map((c) => [c.id, c]));
  let found = findIrregularities(cal, settings, caseMap, events, stops);
  if (q.kind) found = found.filter((f) => f.kind === q.kind);
  const shown = await repo.caseFacts(deps.db, [...new Set(found.map((f) => f.caseId))]);
  const byId = new Map(shown.map((c) => [c.id, c]));
  const deptById = new Map(depts.map((d) => [d.id, d]));
  const reviews = await repo.latestReviews(deps.db, user.centerId, found.map((f) => f.key));
  return {
    ...period,
    settings: {
      officeStart: settings.officeStart, officeEnd: settings.officeEnd, quickDecisionMinutes: settings.quickDecisionMinutes, minPauseCycles: settings.minPauseCycles,
    },
    items: found.map((f) => {
      const c = byId.get(f.caseId);
      const d = c ? deptById.get(c.departmentId) : undefined;
      const r = reviews.get(f.key);
      return {
        key: f.key,
        kind: f.kind,
        caseNo: c?.caseNo ?? '',
        itemName: c?.itemName ?? '',
        department: d ? { code: d.code, name: d.name } : null,
        actor: f.actorName,
        at: f.at.toISOString(),
        facts: f.facts,
        events: f.events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), action: e.action, actorName: e.actorName, role: e.role })),
        review: r ? { note: r.note, by: r.by, at: r.at.toISOString() } : null,
      };
    }),
  };
}

// ─── reviews ───

export async function reviewFinding(deps: OversightDeps, a: RequestActor, input: { key: string; note: string }) {
  const now = deps.clock.now();
  const kind = input.key.split(':')[0]!;
  const caseId = ['after-hours', 'quick-decision', 'repeated-pause', 'late-refusal'].includes(kind) ? Number(input.key.split(':')[1]) : NaN;
  await repo.insertReview(deps.db, {
    centerId: a.user.centerId, findingKey: input.key, kind, caseId: Number.isSafeInteger(caseId) && caseId <= 2_147_483_647 ? caseId : null,
    reviewedBy: a.user.id, reviewedAt: now, note: input.note, detail: { address: a.address },
  });
  return { key: input.key, review: { note: input.note, by: a.user.displayName, at: now.toISOString() } };
}

// ─── intermediary signals (中介线索) ───

/** A stable, non-reversible name for an identity in a key: the key reaches the browser, the number must not. */
function fingerprint(identity: SubmitterIdentity): string {
  return createHash('sha256').update(`${identity.type}:${identity.value}`).digest('hex').slice(0, 16);
}

function maskIdentity(identity: SubmitterIdentity) {
  return { type: identity.type, value: identity.type === 'phone' ? maskPhone(identity.value) : maskIdNumber(identity.value) };
}

type SubmissionRow = Awaited<ReturnType<typeof repo.submissionsInPeriod>>[number];

function submissionFact(r: SubmissionRow): SubmissionFact {
  return {
    caseId: r.id,
    itemCode: r.itemCode,
    applicantKey: r.applicantIdNumber || r.applicantCreditCode || `name:${r.applicantName}`,
    applicantPhone: r.applicantPhone,
    agentIdNumber: r.agent?.idNumber?.trim() || null,
    agentPhone: r.agent?.phone?.trim() || null,
    agentName: r.agent?.name?.trim() || null,
  };
}

export async function intermediaryReport(deps: OversightDeps, user: SessionUser, q: { from?: string; to?: string }) {
  const period = resolvePeriod(localDate(deps.clock.now(), user.timeZone), q.from, q.to);
  const [settings, cal, depts] = await Promise.all([getOversightSettings(deps.db), loadCalendar(deps.db), repo.departmentNames(deps.db, user.centerId)]);
  const deptById = new Map(depts.map((d) => [d.id, d]));
  const [received, completed] = await Promise.all([
    repo.submissionsInPeriod(deps.db, user.centerId, localDayStart(period.from, user.timeZone), localDayStart(addCalendarDays(period.to, 1), user.timeZone)),
    repo.completedInPeriod(deps.db, user.centerId, period.from, period.to),
  ]);

  const caseView = (r: SubmissionRow, usedDays?: number) => {
    const d = deptById.get(r.departmentId);
    return {
      caseNo: r.caseNo,
      itemName: r.itemName,
      department: d ? { code: d.code, name: d.name } : null,
      receivedAt: r.receivedAt.toISOString(),
      applicantName: maskName(r.applicantName),
      applicantPhone: maskPhone(r.applicantPhone),
      agentName: r.agent?.name ? maskName(r.agent.name) : null,
      status: r.status,
      ...(usedDays !== undefined ? { acceptedDate: r.acceptedDate, completedDate: r.completedDate, usedDays } : {}),
    };
  };

  const receivedById = new Map(received.map((r) => [r.id, r]));
  const frequent = findFrequentSubmitters(received.map(submissionFact), settings.minApplicants).map((f) => {
    const rows = f.caseIds.map((id) => receivedById.get(id)!);
    return {
      key: `frequent-submitter:${f.identity.type}:${fingerprint(f.identity)}`,
      identity: maskIdentity(f.identity),
      agentNames: [...new Set(rows.map((r) => r.agent?.name?.trim()).filter((n): n is string => !!n))].map(maskName),
      applicants: f.applicants,
      cases: rows.map((r) => caseView(r)),
    };
  });

  const used = new Map<number, number>();
  const done = completed.map((r) => {
    const days = usedWorkingDays(cal, r.acceptedDate!, r.completedDate!, r.pausedDays);
    used.set(r.id, days);
    return { ...submissionFact(r), usedDays: days };
  });
  const completedById = new Map(completed.map((r) => [r.id, r]));
  const outliers = findSpeedOutliers(done, settings).map((o) => {
    const rows = o.caseIds.map((id) => completedById.get(id)!);
    return {
      key: `speed-outlier:${o.itemCode}:${o.identity.type}:${fingerprint(o.identity)}`,
      itemCode: o.itemCode,
      itemName: rows[0]?.itemName ?? o.itemCode,
      identity: maskIdentity(o.identity),
      direction: o.direction,
      submitterMedian: o.submitterMedian,
      othersMedian: o.othersMedian,
      submitterCases: o.submitterCases,
      otherCases: o.otherCases,
      cases: rows.map((r) => caseView(r, used.get(r.id)!)),
    };
  });

  const reviews = await repo.latestReviews(deps.db, user.centerId, [...frequent.map((f) => f.key), ...outliers.map((o) => o.key)]);
  const reviewOf = (key: string) => {
    const r = reviews.get(key);
    return r ? { note: r.note, by: r.by, at: r.at.toISOString() } : null;
  };
  return {
    ...period,
    settings: {
      minApplicants: settings.minApplicants, minItemCases: settings.minItemCases, minSubmitterCases: settings.minSubmitterCases,
      fastRatio: settings.fastRatio, slowRatio: settings.slowRatio, minDiffDays: settings.minDiffDays,
    },
    frequentSubmitters: frequent.map((f) => ({ ...f, review: reviewOf(f.key) })),
    speedOutliers: outliers.map((o) => ({ ...o, review: reviewOf(o.key) })),
  };
}
