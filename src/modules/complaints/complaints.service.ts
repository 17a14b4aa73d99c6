import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import type { ComplaintHistoryEntry } from '../../db/schema/index.js';
import { localDate, type Clock } from '../../domain/clock.js';
import {
  complaintCode, complaintOwner, contactProblem, DEFAULT_DUE_DAYS, replyFormFor, type ComplaintChannel, type ComplaintKind,
} from '../../domain/complaint-rules.js';
import { CENTER_HANDLERS } from '../../domain/rating-rules.js';
import { rerouteTarget } from '../ratings/ratings.service.js';
import { AppError, invalid } from '../../domain/errors.js';
import { isValidMobile, maskName, maskPhone } from '../../domain/identity.js';
import { addWorkingDays } from '../../domain/working-days.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { getCenterCached, getPublicCenter } from '../centers/centers.service.js';
import { findSetting } from '../settings/settings.repository.js';
import { enqueueSms } from '../sms/sms.repository.js';
import {
  findActiveStaff, findComplaint, findComplaintByCode, findComplaintWithDepartment, findDepartmentId, insertComplaint, isFrontDeskStaff, listComplaintRows,
  lockComplaint, lockComplaintByCode, lockOverdueUnescalated, updateComplaint, type ComplaintRow,
} from './complaints.repository.js';

export interface ComplaintDeps {
  db: Db;
  clock: Clock;
}

type Row = ComplaintRow;

export interface RegisterInput {
  kind: ComplaintKind;
  channel: ComplaintChannel;
  about: Row['about'];
  caseNo?: string;
  windowNumber?: number;
  staffName?: string;
  department?: string;
  anonymous?: boolean;
  contactName?: string;
  contactPhone?: string;
  contactAddress?: string;
  subject: string;
  content: string;
}

const notFound = () => new AppError('NOT_FOUND', '未找到该咨询投诉 / Not found');

async function dueDays(db: Db, kind: ComplaintKind): Promise<number> {
  return (await findSetting<number>(db, kind === 'complaint' ? 'complaintDueDays' : 'consultationDueDays')) ?? DEFAULT_DUE_DAYS[kind];
}

function entry(now: Date, by: string, what: string, note?: string): ComplaintHistoryEntry {
  return note === undefined ? { at: now.toISOString(), by, what } : { at: now.toISOString(), by, what, note };
}

/** Staff see the complainant whole (they must answer them); the public lookup and lists mask. */
function view(r: Row, deptName: string | null, now: Date, full: boolean) {
  const today = localDate(now);
  return {
    id: r.id, code: r.code, kind: r.kind, channel: r.channel, replyForm: r.replyForm, about: r.about,
    caseNo: r.caseNo, windowNumber: r.windowNumber, staffName: r.staffName, department: deptName,
    handledBy: r.departmentId === null ? 'center' as const : 'department' as const,
    anonymous: r.anonymous,
    contactName: r.contactName ? (full ? r.contactName : maskName(r.contactName)) : null,
    contactPhone: r.contactPhone ? (full ? r.contactPhone : maskPhone(r.contactPhone)) : null,
    contactAddress: full ? r.contactAddress : null,
    subject: r.subject, content: r.content, status: r.status, handlerName: r.handlerName, dueDate: r.dueDate,
    overdue: (r.status === 'registered' || r.status === 'assigned') && today > r.dueDate,
    escalated: r.escalatedAt !== null,
    reply: r.reply, repliedAt: r.repliedAt?.toISOString() ?? null, repliedBy: r.repliedBy,
    satisfied: r.satisfied, createdAt: r.createdAt.toISOString(), history: r.history,
  };
}
export type ComplaintView = ReturnType<typeof view>;

async function resolveDepartment(db: Db, centerId: number, code?: string): Promise<number | null> {
  if (!code) return null;
  const id = await findDepartmentId(db, centerId, code);
  if (id === undefined) throw invalid('Unknown department', [{ field: 'department', message: `no department ${code}` }]);
  return id;
}

async function register(deps: ComplaintDeps, centerId: number, input: RegisterInput, by: { userId: number | null; name: string }) {
  const anonymous = input.anonymous ?? false;
  const problem = contactProblem({ ...input, anonymous });
  if (problem) throw invalid(`Invalid ${input.kind}: ${problem.field} ${problem.message}`, [problem]);
  if (input.contactPhone && !isValidMobile(input.contactPhone.trim())) {
    throw invalid('Invalid phone', [{ field: 'contactPhone', message: 'not a valid mainland mobile number' }]);
  }
  if (!input.subject.trim() || !input.content.trim()) throw invalid('Say what it is about', [{ field: 'content', message: 'must not be blank' }]);
  const now = deps.clock.now();
  const named = await resolveDepartment(deps.db, centerId, input.department);
  const staffName = input.staffName?.trim();
  const frontDeskStaff = input.about === 'staff' && !!staffName && await isFrontDeskStaff(deps.db, centerId, staffName);
  // The front desk, the windows and the hall are the center's: it answers, whatever item the person came for.
  const departmentId = complaintOwner({ about: input.about, departmentNamed: named !== null, frontDeskStaff }) === 'center' ? null : named;
  const cal = await loadCalendar(deps.db);
  const dueDate = addWorkingDays(cal, localDate(now), await dueDays(deps.db, input.kind)).date;
  const created = await inTransaction(deps.db, async (tx) => {
    const row = await insertComplaint(tx, {
      centerId, code: complaintCode(input.kind === 'complaint' ? 'TS' : 'ZX', randomBytes(8)), kind: input.kind, channel: input.channel,
      replyForm: replyFormFor(input.channel), about: input.about, caseNo: input.caseNo?.trim() || null, windowNumber: input.windowNumber ?? null,
      staffName: input.staffName?.trim() || null, departmentId, anonymous,
      contactName: anonymous ? null : input.contactName?.trim() || null, contactPhone: anonymous ? null : input.contactPhone?.trim() || null,
      contactAddress: anonymous ? null : input.contactAddress?.trim() || null,
      subject: input.subject.trim(), content: input.content.trim(), status: 'registered', dueDate, createdAt: now, createdBy: by.userId,
      history: [entry(now, by.name, 'registered', input.channel), ...(departmentId === null ? [entry(now, 'system', 'routed', 'center')] : [])],
    });
    if (by.userId !== null) await writeAdminLog(tx, { userId: by.userId, address: 'desk', at: now, action: 'complaint.register', target: row.code, detail: null });
    return row;
  });
  return created;
}

/** The public online form (网上咨询投诉): answers the lookup code to follow it. */
export async function submitOnline(deps: ComplaintDeps, input: Omit<RegisterInput, 'channel'> & { center?: string }) {
  const center = await getPublicCenter(deps.db, input.center);
  const row = await register(deps, center.id, { ...input, channel: 'online' }, { userId: null, name: '网上提交' });
  return { code: row.code, kind: row.kind, dueDate: row.dueDate, status: row.status };
}

/**
 * The complainant's own view, by code (and the phone given, unless the consultation was anonymous):
 * its status and, once answered in writing, the reply.
 */
export async function publicLookup(deps: ComplaintDeps, code: string, phone?: string) {
  const r = await findComplaintByCode(deps.db, code.trim().toUpperCase());
  if (!r || (r.contactPhone && r.contactPhone !== phone)) throw notFound();
  return {
    code: r.code, kind: r.kind, subject: r.subject, status: r.status, dueDate: r.dueDate, replyForm: r.replyForm,
    reply: r.replyForm === 'written' ? r.reply : r.reply ? '已口头答复 / Answered orally' : null,
    repliedAt: r.repliedAt?.toISOString() ?? null, satisfied: r.satisfied, createdAt: r.createdAt.toISOString(),
  };
}

export async function publicFeedback(deps: ComplaintDeps, code: string, phone: string | undefined, satisfied: boolean) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const r = await lockComplaintByCode(tx, code.trim().toUpperCase());
    if (!r || (r.contactPhone && r.contactPhone !== phone)) throw notFound();
    return feedback(tx, r, satisfied, now, '投诉人');
  });
}

async function feedback(tx: Db, r: Row, satisfied: boolean, now: Date, by: string) {
  if (r.status !== 'answered') throw new AppError('INVALID_TRANSITION', '答复后才能评价 / Only an answered one can be rated');
  const u = await updateComplaint(tx, r.id, {
    satisfied, feedbackAt: now, status: 'closed', history: [...r.history, entry(now, by, satisfied ? 'satisfied' : 'not-satisfied')],
  });
  return { status: u.status, satisfied };
}

// ─── staff ───

function reach(user: SessionUser, r: Pick<Row, 'centerId' | 'departmentId' | 'handlerId'>): boolean {
  if (r.centerId !== user.centerId) return false;
  if (user.role === 'approver') return r.departmentId === user.departmentId || r.handlerId === user.id;
  return true;
}

export async function registerByStaff(deps: ComplaintDeps, user: SessionUser, input: RegisterInput) {
  const row = await register(deps, user.centerId, input, { userId: user.id, name: user.displayName });
  // The desk sees at once who will answer it (the center, or which department).
  const dept = row.departmentId === null ? null : (await findComplaintWithDepartment(deps.db, row.id))?.dept ?? null;
  return view(row, dept, deps.clock.now(), true);
}

export async function listComplaints(deps: ComplaintDeps, user: SessionUser, q: { status?: Row['status']; overdue?: boolean; kind?: ComplaintKind }) {
  const now = deps.clock.now();
  const rows = await listComplaintRows(deps.db, {
    centerId: user.centerId,
    departmentOrHandler: user.role === 'approver' ? { departmentId: user.departmentId ?? -1, handlerId: user.id } : undefined,
    status: q.status,
    kind: q.kind,
  });
  const views = rows.map((x) => view(x.r, x.dept, now, false));
  return q.overdue ? views.filter((v) => v.overdue) : views;
}

async function lockReachable(tx: Db, user: SessionUser, id: number): Promise<Row> {
  const r = await lockComplaint(tx, id);
  if (!r || !reach(user, r)) throw notFound();
  return r;
}

export async function getComplaint(deps: ComplaintDeps, user: SessionUser, id: number) {
  const x = await findComplaintWithDepartment(deps.db, id);
  if (!x || !reach(user, x.r)) throw notFound();
  return view(x.r, x.dept, deps.clock.now(), user.role !== 'leader');
}

/** Assigns a handler (a staff account of the center), optionally with another deadline. */
export async function assign(deps: ComplaintDeps, user: SessionUser, id: number, input: { handler: string; dueDate?: string }, address: string) {
  if (!['admin', 'supervisor', 'desk'].includes(user.role)) throw new AppError('FORBIDDEN', 'Only the center assigns handlers');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const r = await lockReachable(tx, user, id);
    if (r.status !== 'registered' && r.status !== 'assigned') throw new AppError('INVALID_TRANSITION', 'Already answered');
    const h = await findActiveStaff(tx, user.centerId, input.handler);
    if (!h) throw invalid('Unknown handler', [{ field: 'handler', message: `no active account ${input.handler}` }]);
    if (input.dueDate && input.dueDate < localDate(now, user.timeZone)) throw invalid('Deadline in the past', [{ field: 'dueDate', message: 'must not be before today' }]);
    const u = await updateComplaint(tx, r.id, {
      status: 'assigned', handlerId: h.id, handlerName: h.displayName, dueDate: input.dueDate ?? r.dueDate,
      // Who owns it stays (the center, or the department): only a re-route, with its reason, moves it.
      // A handler from a department answers it on the owner's behalf (they reach it as its handler).
      history: [...r.history, entry(now, user.displayName, 'assigned', h.displayName)],
    });
    await writeAdminLog(tx, { userId: user.id, address, at: now, action: 'complaint.assign', target: r.code, detail: { handler: input.handler } });
    return view(u, null, now, true);
  });
}

/**
 * Records the reply, in the form the complaint came in. A written reply to an online complaint is
 * announced by SMS (the text is read at the lookup); a letter's reply is printed (/print/complaint-reply).
 */
export async function reply(deps: ComplaintDeps, user: SessionUser, id: number, input: { text: string; form: 'oral' | 'written' }, address: string) {
  if (user.role === 'leader') throw new AppError('FORBIDDEN', 'Read-only');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const r = await lockReachable(tx, user, id);
    // A complaint about one of the center's own staff is answered by the center's handlers or the one
    // they assigned, not by the colleagues (or the clerk) it is about. The desk may still answer one
    // about a window or the hall on the spot, as it always could.
    if (r.departmentId === null && r.about === 'staff' && !CENTER_HANDLERS.includes(user.role) && r.handlerId !== user.id) {
      throw new AppError('FORBIDDEN', '该投诉由中心（督查）答复 / The center answers this one');
    }
    if (r.status !== 'registered' && r.status !== 'assigned') throw new AppError('INVALID_TRANSITION', '已答复 / Already answered');
    if (input.form !== r.replyForm) {
      throw invalid(r.replyForm === 'oral' ? '口头提出的应口头答复并记录 / Came in orally: answer orally' : '书面提出的应书面答复 / Came in writing: answer in writing',
        [{ field: 'form', message: `must be ${r.replyForm}` }]);
    }
    if (!input.text.trim()) throw invalid('Reply text required', [{ field: 'text', message: 'must not be blank' }]);
    const u = await updateComplaint(tx, r.id, {
      status: 'answered', reply: input.text.trim(), repliedAt: now, repliedBy: user.displayName,
      history: [...r.history, entry(now, user.displayName, 'answered', input.form)],
    });
    if (r.channel === 'online' && r.contactPhone) {
      // Signed with the center's name, as every SMS is.
      const center = await getCenterCached(tx, r.centerId);
      await enqueueSms(tx, {
        dedupeKey: `complaint-reply:${r.id}`, recipient: r.contactPhone, template: 'complaint-reply', now,
        body: `【${center.name}】您的${r.kind === 'complaint' ? '投诉' : '咨询'}（查询码${r.code}）已答复，请在网上办事大厅凭查询码查看并评价。`,
      });
    }
    await writeAdminLog(tx, { userId: user.id, address, at: now, action: 'complaint.reply', target: r.code, detail: null });
    return view(u, null, now, true);
  });
}

/**
 * Re-routes an unanswered one to a department (code) or to the center ('center'), with a reason, in
 * its history and the admin log. Supervisors and the center's admin only. A handler assigned before
 * belonged to the old owner, so it goes back to registered for the new one to assign; the deadline stays.
 */
export async function reroute(deps: ComplaintDeps, user: SessionUser, id: number, input: { to: string; reason: string }, address: string) {
  if (!CENTER_HANDLERS.includes(user.role)) throw new AppError('FORBIDDEN', '只有中心可以转办 / Only the center may re-route');
  const reason = input.reason.trim();
  if (!reason) throw invalid('Reason required', [{ field: 'reason', message: 'must not be blank' }]);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const r = await lockReachable(tx, user, id);
    if (r.status !== 'registered' && r.status !== 'assigned') throw new AppError('INVALID_TRANSITION', '已答复 / Already answered');
    const target = await rerouteTarget(tx, user.centerId, input.to);
    if (target.id === r.departmentId) throw new AppError('INVALID_TRANSITION', `已由${target.name}办理 / Already with ${input.to}`);
    const u = await updateComplaint(tx, r.id, {
      departmentId: target.id, status: 'registered', handlerId: null, handlerName: null,
      history: [...r.history, entry(now, user.displayName, 'rerouted', `${target.name}：${reason}`)],
    });
    await writeAdminLog(tx, {
      userId: user.id, address, at: now, action: 'complaint.reroute', target: r.code,
      detail: { fromDepartmentId: r.departmentId, toDepartmentId: target.id, reason },
    });
    return view(u, target.id === null ? null : target.name, now, true);
  });
}

/** Staff record whether an oral reply satisfied the complainant (asked on the phone or at the window). */
export async function recordFeedback(deps: ComplaintDeps, user: SessionUser, id: number, satisfied: boolean) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => feedback(tx, await lockReachable(tx, user, id), satisfied, now, user.displayName));
}

/**
 * Escalates unanswered ones past their deadline (marks them for supervisors, once). Safe to run
 * twice: only rows not yet escalated are touched.
 */
export async function escalateOverdue(deps: ComplaintDeps): Promise<number> {
  const now = deps.clock.now();
  const today = localDate(now);
  return inTransaction(deps.db, async (tx) => {
    const due = await lockOverdueUnescalated(tx, today);
    for (const r of due) {
      await updateComplaint(tx, r.id, { escalatedAt: now, history: [...r.history, entry(now, 'system', 'escalated', `due ${r.dueDate}`)] });
    }
    return due.length;
  });
}

export async function complaintForPrint(db: Db, user: SessionUser, id: number) {
  const r = await findComplaint(db, id);
  if (!r || !reach(user, r) || r.replyForm !== 'written' || !r.reply) throw notFound();
  return r;
}
