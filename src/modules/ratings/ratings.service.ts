import { randomBytes } from 'node:crypto';
import { localDayStart } from '../../domain/time-zone.js';
import type { Db } from '../../db/client.js';
import { inTransaction, readAll } from '../../db/tx.js';
import { localDate, type Clock } from '../../domain/clock.js';
import { AppError, invalid } from '../../domain/errors.js';
import { maskPhone } from '../../domain/identity.js';
import {
  BAD_REASONS, CENTER_HANDLERS, followupOwner, isBad, LEVEL_NAMES, ratingProblem, satisfactionRate, type RatingLevel,
} from '../../domain/rating-rules.js';
import { findDepartment } from '../departments/departments.repository.js';
import { addCalendarDays, addWorkingDays } from '../../domain/working-days.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { getCenterCached, getPublicCenter } from '../centers/centers.service.js';
import { findWindow } from '../queue/queue.repository.js';
import { findSetting } from '../settings/settings.repository.js';
import { enqueueSms } from '../sms/sms.repository.js';
import { renderRatingAnswer } from '../sms/sms-templates.js';
import {
  findCaseFacts, findCaseRating, findFollowupByToken, findLastDoneAtWindow, findRating, findTicketAtWindow, insertFollowup, insertRating, isRatedAtPad,
  listFollowupRows, listRatingsBetween, lockFollowupByToken, lockFollowupWithRating, setRatingAside, updateFollowup,
  type CaseFacts, type FollowupRow, type NewRating, type RatingRow,
} from './ratings.repository.js';

export interface RatingDeps {
  db: Db;
  clock: Clock;
}

/** A pad asks for a rating for this long after the window finishes a service. */
export const PAD_WINDOW_MS = 10 * 60_000;
const DEFAULT_CONTACT_HOURS = 24;
const DEFAULT_FIX_DAYS = 5;

const alreadyRated = () => new AppError('DUPLICATE', '该服务已评价，感谢您的反馈 / This service has been rated already');

export interface RatingInput {
  level: number;
  reasons?: string[];
  comment?: string;
}

function checkInput(input: RatingInput): { level: RatingLevel; reasons: string[]; comment: string } {
  const reasons = [...new Set(input.reasons ?? [])];
  const comment = (input.comment ?? '').trim();
  const problem = ratingProblem(input.level, reasons, comment);
  if (problem) throw invalid(`Invalid rating: ${problem}`, [{ field: problem.startsWith('level') ? 'level' : 'reasons', message: problem }]);
  return { level: input.level as RatingLevel, reasons, comment };
}

async function followupPolicy(db: Db): Promise<{ contactHours: number; fixDays: number }> {
  const [contactHours, fixDays] = await readAll(db, [() => findSetting<number>(db, 'ratingContactHours'), () => findSetting<number>(db, 'ratingFixDays')]);
  return { contactHours: contactHours ?? DEFAULT_CONTACT_HOURS, fixDays: fixDays ?? DEFAULT_FIX_DAYS };
}

/** Inserts the rating and, for a bad one, its follow-up, in the caller's transaction. */
async function record(tx: Db, now: Date, row: NewRating): Promise<RatingRow> {
  const created = await insertRating(tx, row);
  if (!created) throw alreadyRated();
  if (isBad(created.level)) {
    const policy = await followupPolicy(tx);
    const cal = await loadCalendar(tx);
    // The rating keeps the item's department (for the figures); the follow-up goes to whoever can act on it.
    const toCenter = followupOwner(created) === 'center';
    await insertFollowup(tx, {
      ratingId: created.id, centerId: created.centerId, departmentId: toCenter ? null : created.departmentId, status: 'open',
      contactDueAt: new Date(now.getTime() + policy.contactHours * 3600_000),
      fixDueDate: addWorkingDays(cal, localDate(now), policy.fixDays).date,
      replyToken: randomBytes(12).toString('base64url'),
      history: [toCenter ? { at: now.toISOString(), by: 'system', what: 'opened', note: 'center' } : { at: now.toISOString(), by: 'system', what: 'opened' }],
    });
  }
  return created;
}

export function ratingView(r: RatingRow) {
  return {
    id: r.id, channel: r.channel, level: r.level, levelName: LEVEL_NAMES[r.level as RatingLevel].zh, reasons: r.reasons, comment: r.comment,
    ticketNo: r.ticketNo, caseNo: r.caseNo, itemName: r.itemName, windowNumber: r.windowNumber, staffName: r.staffName,
    createdAt: r.createdAt.toISOString(), setAside: r.setAsideAt !== null, setAsideReason: r.setAsideReason,
  };
}

// ─── the evaluation pad at the window ───

/** Reasons offered for a bad rating, on the pad and online. */
const REASON_CHOICES = Object.entries(BAD_REASONS).map(([code, n]) => ({ code, name: n.zh, nameEn: n.en }));

async function windowOf(db: Db, centerId: number, number: number) {
  const w = await findWindow(db, centerId, number);
  if (!w || !w.active) throw new AppError('NOT_FOUND', `${number}号窗口不存在 / No window ${number}`);
  return w;
}

/** The service the pad should ask about: the window's last finished ticket, within minutes, not yet rated on the pad. */
async function pendingAtWindow(db: Db, windowId: number, now: Date) {
  const t = await findLastDoneAtWindow(db, windowId, new Date(now.getTime() - PAD_WINDOW_MS));
  if (!t) return undefined;
  return (await isRatedAtPad(db, t.id)) ? undefined : t;
}

export async function padState(deps: RatingDeps, windowNumber: number, centerCode?: string) {
  const center = await getPublicCenter(deps.db, centerCode);
  const w = await windowOf(deps.db, center.id, windowNumber);
  const t = await pendingAtWindow(deps.db, w.id, deps.clock.now());
  return {
    window: { number: w.number, name: w.name, staffName: w.staffName },
    pending: t ? { ticketId: t.id, ticketNo: t.ticketNo, staffName: t.staffName } : null,
    reasons: REASON_CHOICES,
  };
}

export async function rateAtPad(deps: RatingDeps, windowNumber: number, ticketId: number, input: RatingInput, centerCode?: string) {
  const checked = checkInput(input);
  const now = deps.clock.now();
  const center = await getPublicCenter(deps.db, centerCode);
  const w = await windowOf(deps.db, center.id, windowNumber);
  return inTransaction(deps.db, async (tx) => {
    const t = await findTicketAtWindow(tx, ticketId, w.id);
    if (!t || t.status !== 'done' || !t.finishedAt || now.getTime() - t.finishedAt.getTime() > PAD_WINDOW_MS) {
      throw new AppError('NOT_FOUND', '没有待评价的服务 / No service to rate at this window');
    }
    const c = t.caseNo ? await findCaseFacts(tx, t.caseNo, t.centerId) : undefined;
    const r = await record(tx, now, {
      centerId: t.centerId, channel: 'pad', ...checked, ticketId: t.id, ticketNo: t.ticketNo, caseNo: t.caseNo,
      itemCode: c?.itemCode ?? null, itemName: c?.itemName ?? null, departmentId: c?.departmentId ?? null,
      windowNumber: w.number, staffId: t.staffId, staffName: t.staffName, mobile: t.mobile ?? c?.applicantPhone ?? null, createdAt: now,
    });
    return ratingView(r);
  });
}

const RATABLE = ['completed', 'delivered', 'refused', 'not_accepted'];

/** Rating a case from the link in the completion SMS (the link carries the case's secret). */
export async function rateCaseByLink(deps: RatingDeps, caseNo: string, token: string, input: RatingInput) {
  const checked = checkInput(input);
  const c = await findCaseFacts(deps.db, caseNo);
  if (!c || c.cancelToken.length !== token.length || c.cancelToken !== token) throw new AppError('NOT_FOUND', 'Case not found');
  return rateCase(deps, c, 'sms', checked);
}

/** What the online hall shows for rating a case: whether it may be rated, the rating given, the choices. */
export async function onlineRatingState(db: Db, c: { caseNo: string; status: string }) {
  const r = await findCaseRating(db, c.caseNo, 'online');
  return {
    ratable: !r && RATABLE.includes(c.status),
    rating: r ? ratingView(r) : null,
    levels: ([5, 4, 3, 2, 1] as RatingLevel[]).map((level) => ({ level, name: LEVEL_NAMES[level].zh, nameEn: LEVEL_NAMES[level].en })),
    reasons: REASON_CHOICES,
  };
}

/** Rating one of the signed-in applicant's own cases from their online case list. */
export async function rateCaseOnline(deps: RatingDeps, caseNo: string, mobile: string, input: RatingInput) {
  const checked = checkInput(input);
  const c = await findCaseFacts(deps.db, caseNo);
  if (!c || c.applicantPhone !== mobile) throw new AppError('NOT_FOUND', 'Case not found');
  return rateCase(deps, c, 'online', checked);
}

async function rateCase(deps: RatingDeps, c: CaseFacts, channel: 'sms' | 'online',
  checked: ReturnType<typeof checkInput>) {
  if (!RATABLE.includes(c.status)) throw new AppError('INVALID_TRANSITION', '办件办结后才能评价 / A case can be rated once it is decided');
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => ratingView(await record(tx, now, {
    centerId: c.centerId, channel, ...checked, caseNo: c.caseNo, itemCode: c.itemCode, itemName: c.itemName,
    departmentId: c.departmentId, staffId: c.receivedBy, mobile: c.applicantPhone, createdAt: now,
  })));
}

// ─── follow-ups of bad ratings ───

function followupView(f: FollowupRow, r: RatingRow, deptName: string | null, now: Date, full: boolean) {
  const today = localDate(now);
  return {
    id: f.id, status: f.status, department: deptName, handledBy: f.departmentId === null ? 'center' as const : 'department' as const,
    rating: { ...ratingView(r), mobile: r.mobile ? (full ? r.mobile : maskPhone(r.mobile)) : null },
    contactDueAt: f.contactDueAt.toISOString(), fixDueDate: f.fixDueDate,
    contactOverdue: !f.contactedAt && f.status === 'open' && now > f.contactDueAt,
    fixOverdue: (f.status === 'open' || f.status === 'contacted') && today > f.fixDueDate,
    contactedAt: f.contactedAt?.toISOString() ?? null, contactNote: f.contactNote, actionNote: f.actionNote,
    answer: f.answer, answeredAt: f.answeredAt?.toISOString() ?? null,
    applicantSatisfied: f.applicantSatisfied, applicantRepliedAt: f.applicantRepliedAt?.toISOString() ?? null,
    history: f.history,
  };
}

function reachable(user: SessionUser, f: Pick<FollowupRow, 'centerId' | 'departmentId'>): boolean {
  if (f.centerId !== user.centerId) return false;
  if (user.role === 'approver') return f.departmentId === user.departmentId;
  return ['admin', 'supervisor', 'leader', 'desk'].includes(user.role);
}

export async function listFollowups(deps: RatingDeps, user: SessionUser, q: { status?: string; overdue?: boolean }) {
  const now = deps.clock.now();
  const rows = await listFollowupRows(deps.db, {
    centerId: user.centerId,
    // An approver sees only their department's; one without a department sees none.
    departmentId: user.role === 'approver' ? (user.departmentId ?? -1) : undefined,
    status: q.status as FollowupRow['status'] | undefined,
  });
  const views = rows.map((x) => followupView(x.f, x.r, x.dept, now, false));
  return q.overdue ? views.filter((v) => v.contactOverdue || v.fixOverdue) : views;
}

async function lockFollowup(tx: Db, user: SessionUser, id: number) {
  const row = await lockFollowupWithRating(tx, id);
  if (!row || !reachable(user, row.f)) throw new AppError('NOT_FOUND', 'Follow-up not found');
  return row;
}

export type FollowupStep =
  | { step: 'contact'; note: string }
  | { step: 'answer'; action: string; answer: string }
  | { step: 'set-aside'; reason: string }
  | { step: 'close'; note?: string }
  /** To a department (its code) or to the center ('center'): supervisors and the center's admin, with a reason. */
  | { step: 'reroute'; to: string; reason: string };

function noteOf(input: FollowupStep): string | undefined {
  switch (input.step) {
    case 'contact': return input.note;
    case 'answer': return input.answer;
    case 'set-aside': return input.reason;
    case 'close': return input.note;
    case 'reroute': return input.reason;
  }
}

const STEP_FROM: Record<FollowupStep['step'], FollowupRow['status'][]> = {
  contact: ['open'],
  answer: ['open', 'contacted'],
  'set-aside': ['open', 'contacted'],
  close: ['answered'],
  reroute: ['open', 'contacted'],
};

/**
 * A step on a follow-up. The answer goes to the applicant by SMS with a link to say whether it
 * satisfied them; setting a rating aside (unfair) is the center's call, not the department's.
 */
export async function stepFollowup(deps: RatingDeps, user: SessionUser, id: number, input: FollowupStep, address: string, publicUrl: string) {
  const now = deps.clock.now();
  const centerHandler = CENTER_HANDLERS.includes(user.role);
  if (input.step === 'set-aside' && !centerHandler) {
    throw new AppError('FORBIDDEN', '只有中心可以认定不实评价 / Only the center may set a rating aside');
  }
  if (input.step === 'reroute' && !centerHandler) {
    throw new AppError('FORBIDDEN', '只有中心可以转办 / Only the center may re-route a follow-up');
  }
  if (user.role === 'leader') throw new AppError('FORBIDDEN', 'Read-only');
  const out = await inTransaction(deps.db, async (tx) => {
    const { f, r } = await lockFollowup(tx, user, id);
    // The center's own follow-ups (front desk, windows, hall) are worked by the center's handlers, not by
    // the clerks they may be about; a department's are worked by the department (supervisors only watch,
    // set aside or re-route them).
    const worksIt = f.departmentId === null ? centerHandler : user.role !== 'supervisor';
    if (!worksIt && input.step !== 'set-aside' && input.step !== 'reroute') {
      throw new AppError('FORBIDDEN', f.departmentId === null ? '该整改由中心（督查）办理 / The center handles this follow-up' : 'Read-only');
    }
    if (!STEP_FROM[input.step].includes(f.status)) {
      throw new AppError('INVALID_TRANSITION', `整改单当前状态（${f.status}）不能执行此操作 / The follow-up is ${f.status}`);
    }
    let note = noteOf(input);
    let target: { id: number | null; name: string } | undefined;
    if (input.step === 'reroute') {
      target = await rerouteTarget(tx, user.centerId, input.to);
      if (target.id === f.departmentId) throw new AppError('INVALID_TRANSITION', `已由${target.name}办理 / Already with ${input.to}`);
      note = `${target.name}：${input.reason}`;
    }
    const history = [...f.history, { at: now.toISOString(), by: user.displayName, what: input.step, note }];
    let patch: Partial<FollowupRow>;
    switch (input.step) {
      case 'contact':
        patch = { status: 'contacted', contactedAt: now, contactNote: input.note };
        break;
      case 'answer':
        patch = { status: 'answered', actionNote: input.action, answer: input.answer, answeredAt: now, answeredBy: user.id, contactedAt: f.contactedAt ?? now };
        if (r.mobile) {
          // Signed with the center's name like every other SMS (carriers require the signature; 【政务服务中心】 names nobody).
          const center = await getCenterCached(tx, r.centerId);
          await enqueueSms(tx, {
            dedupeKey: `rating-answer:${f.id}`, recipient: r.mobile, template: 'rating-answer', now,
            body: renderRatingAnswer({ centerName: center.name, subject: r.itemName ?? r.ticketNo ?? '本次服务', answer: input.answer, replyUrl: `${publicUrl}/f/${f.replyToken}` }),
          });
        }
        break;
      case 'set-aside':
        patch = { status: 'set_aside' };
        await setRatingAside(tx, r.id, user.id, input.reason, now);
        break;
      case 'close':
        patch = { status: 'closed' };
        break;
      case 'reroute':
        // Its deadlines stay: the applicant waits no longer because the center passed it on.
        patch = { departmentId: target!.id };
        break;
    }
    const updated = await updateFollowup(tx, f.id, { ...patch, history });
    await writeAdminLog(tx, {
      userId: user.id, address, at: now, action: `rating.followup.${input.step}`, target: String(f.id),
      detail: input.step === 'reroute' ? { fromDepartmentId: f.departmentId, toDepartmentId: target!.id, reason: input.reason } : null,
    });
    const rr = await findRating(tx, r.id);
    return followupView(updated!, rr!, null, now, false);
  });
  return out;
}

/** Where a re-route sends it: 'center' (no department) or an active department of the center, by code. */
export async function rerouteTarget(db: Db, centerId: number, to: string): Promise<{ id: number | null; name: string }> {
  if (to === 'center') return { id: null, name: '政务服务中心' };
  const d = await findDepartment(db, centerId, to);
  if (!d || d.status !== 'active') throw invalid('Unknown department', [{ field: 'to', message: `no active department ${to}` }]);
  return { id: d.id, name: d.name };
}

/** What the applicant sees from the answer SMS's link, and their reply. */
export async function followupForApplicant(deps: RatingDeps, token: string) {
  const row = await findFollowupByToken(deps.db, token);
  if (!row || !row.f.answeredAt) throw new AppError('NOT_FOUND', 'Not found');
  return {
    rating: { level: row.r.level, levelName: LEVEL_NAMES[row.r.level as RatingLevel].zh, itemName: row.r.itemName, createdAt: row.r.createdAt.toISOString() },
    answer: row.f.answer, answeredAt: row.f.answeredAt.toISOString(), applicantSatisfied: row.f.applicantSatisfied,
  };
}

export async function replyToFollowup(deps: RatingDeps, token: string, satisfied: boolean) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const f = await lockFollowupByToken(tx, token);
    if (!f || !f.answeredAt) throw new AppError('NOT_FOUND', 'Not found');
    if (f.applicantSatisfied !== null) throw new AppError('DUPLICATE', '您已回复过 / You have replied already');
    await updateFollowup(tx, f.id, {
      applicantSatisfied: satisfied, applicantRepliedAt: now,
      history: [...f.history, { at: now.toISOString(), by: 'applicant', what: satisfied ? 'satisfied' : 'not-satisfied' }],
      // An applicant still unhappy keeps the follow-up open for the department.
      ...(satisfied ? { status: 'closed' as const } : { status: 'contacted' as const }),
    });
    return { ok: true };
  });
}

// ─── satisfaction figures ───

export async function satisfaction(deps: RatingDeps, user: SessionUser, q: { from?: string; to?: string }) {
  const today = localDate(deps.clock.now(), user.timeZone);
  const from = q.from ?? today;
  const to = q.to ?? today;
  if (from > to) throw invalid('Invalid period', [{ field: 'from', message: 'from after to' }]);
  const rows = await listRatingsBetween(deps.db, user.centerId, localDayStart(from, user.timeZone),
    new Date(localDayStart(addCalendarDays(to, 1), user.timeZone).getTime() - 1));
  const group = (key: (x: (typeof rows)[number]) => string | null) => {
    const m = new Map<string, number[]>();
    for (const x of rows) {
      const k = key(x);
      if (k) m.set(k, [...(m.get(k) ?? []), x.r.level]);
    }
    return [...m.entries()].map(([k, levels]) => ({ key: k, ratings: levels.length, bad: levels.filter(isBad).length, satisfactionRate: satisfactionRate(levels) }))
      .sort((a, b) => b.ratings - a.ratings || a.key.localeCompare(b.key));
  };
  const levels = rows.map((x) => x.r.level);
  return {
    from, to,
    total: { ratings: levels.length, bad: levels.filter(isBad).length, satisfactionRate: satisfactionRate(levels) },
    byLevel: [5, 4, 3, 2, 1].map((l) => ({ level: l, name: LEVEL_NAMES[l as RatingLevel].zh, count: levels.filter((x) => x === l).length })),
    byWindow: group((x) => (x.r.windowNumber ? `${x.r.windowNumber}号窗口` : null)),
    byStaff: group((x) => x.r.staffName),
    byDepartment: group((x) => x.dept),
    byItem: group((x) => x.r.itemName),
  };
}
