import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  caseEvents, cases, departmentHeads, departments, supervisionAnswers, supervisionNoticeEvents, supervisionNotices,
  supervisionReviews, users,
} from '../../db/schema/index.js';

export type NoticeRow = typeof supervisionNotices.$inferSelect;

// ─── notices ───

export interface NoticeFilter {
  centerId: number;
  departmentId?: number;
  statuses?: NoticeRow['status'][];
  caseId?: number;
  limit: number;
}

const noticeColumns = {
  notice: supervisionNotices,
  departmentCode: departments.code,
  departmentName: departments.name,
  issuedByName: users.displayName,
  caseNo: cases.caseNo,
};

export type NoticeJoin = { notice: NoticeRow; departmentCode: string; departmentName: string; issuedByName: string; caseNo: string | null };

export async function listNotices(db: Db, f: NoticeFilter): Promise<NoticeJoin[]> {
  const where = [eq(supervisionNotices.centerId, f.centerId)];
  if (f.departmentId !== undefined) where.push(eq(supervisionNotices.departmentId, f.departmentId));
  if (f.statuses?.length) where.push(inArray(supervisionNotices.status, f.statuses));
  if (f.caseId !== undefined) where.push(eq(supervisionNotices.caseId, f.caseId));
  return db.select(noticeColumns).from(supervisionNotices)
    .innerJoin(departments, eq(departments.id, supervisionNotices.departmentId))
    .innerJoin(users, eq(users.id, supervisionNotices.issuedBy))
    .leftJoin(cases, eq(cases.id, supervisionNotices.caseId))
    .where(and(...where))
    .orderBy(desc(supervisionNotices.issuedAt), desc(supervisionNotices.id))
    .limit(f.limit);
}

export async function findNotice(db: Db, centerId: number, id: number): Promise<NoticeJoin | undefined> {
  const rows = await db.select(noticeColumns).from(supervisionNotices)
    .innerJoin(departments, eq(departments.id, supervisionNotices.departmentId))
    .innerJoin(users, eq(users.id, supervisionNotices.issuedBy))
    .leftJoin(cases, eq(cases.id, supervisionNotices.caseId))
    .where(and(eq(supervisionNotices.id, id), eq(supervisionNotices.centerId, centerId)));
  return rows[0];
}

export async function insertNotice(db: Db, row: typeof supervisionNotices.$inferInsert): Promise<NoticeRow> {
  const [created] = await db.insert(supervisionNotices).values(row).returning();
  return created!;
}

/** Conditional on the status seen, so two writers cannot both move a notice (the loser changes nothing). */
export async function moveNotice(db: Db, id: number, from: NoticeRow['status'][], patch: Partial<typeof supervisionNotices.$inferInsert>): Promise<NoticeRow | undefined> {
  const [row] = await db.update(supervisionNotices).set(patch)
    .where(and(eq(supervisionNotices.id, id), inArray(supervisionNotices.status, from)))
    .returning();
  return row;
}

/** Open notices whose deadline day has passed: candidates for escalation. */
export async function overdueOpenNotices(db: Db, today: string, centerId?: number): Promise<NoticeRow[]> {
  const where = [eq(supervisionNotices.status, 'open'), lt(supervisionNotices.deadline, today)];
  if (centerId !== undefined) where.push(eq(supervisionNotices.centerId, centerId));
  return db.select().from(supervisionNotices).where(and(...where)).orderBy(asc(supervisionNotices.id));
}

export async function insertNoticeEvent(db: Db, row: typeof supervisionNoticeEvents.$inferInsert): Promise<void> {
  await db.insert(supervisionNoticeEvents).values(row);
}

export async function insertAnswer(db: Db, row: typeof supervisionAnswers.$inferInsert) {
  const [created] = await db.insert(supervisionAnswers).values(row).returning();
  return created!;
}

export function listAnswers(db: Db, noticeId: number) {
  return db.select({ answer: supervisionAnswers, name: users.displayName }).from(supervisionAnswers)
    .innerJoin(users, eq(users.id, supervisionAnswers.answeredBy))
    .where(eq(supervisionAnswers.noticeId, noticeId))
    .orderBy(asc(supervisionAnswers.answeredAt), asc(supervisionAnswers.id));
}

export function listNoticeEvents(db: Db, noticeId: number) {
  return db.select({ event: supervisionNoticeEvents, name: users.displayName }).from(supervisionNoticeEvents)
    .leftJoin(users, eq(users.id, supervisionNoticeEvents.actorId))
    .where(eq(supervisionNoticeEvents.noticeId, noticeId))
    .orderBy(asc(supervisionNoticeEvents.id));
}

/** The phone of the department's head (科室负责人), the number staff SMS go to: staff accounts have no phone. */
export async function departmentPhones(db: Db, departmentId: number): Promise<string[]> {
  const rows = await db.select({ phone: departmentHeads.phone }).from(departmentHeads).where(eq(departmentHeads.departmentId, departmentId));
  return rows.map((r) => r.phone).filter((p) => p.length > 0);
}

export async function findCaseRef(db: Db, centerId: number, caseNo: string) {
  const rows = await db.select({ id: cases.id, caseNo: cases.caseNo, departmentId: cases.departmentId, itemName: cases.itemName })
    .from(cases).where(and(eq(cases.caseNo, caseNo), eq(cases.centerId, centerId)));
  return rows[0];
}

// ─── period reads for the findings ───

export type CaseFactRow = {
  id: number; caseNo: string; kind: string; receivedAt: Date; dueDate: string | null; itemCode: string; itemName: string;
  departmentId: number;
};

const eventColumns = {
  caseId: caseEvents.caseId, seq: caseEvents.seq, at: caseEvents.at, actorId: caseEvents.actorId,
  actorName: caseEvents.actorName, role: caseEvents.role, action: caseEvents.action,
};

export interface EventPrefilter {
  staffRoles: string[];
  /** Office hours, local HH:MM. */
  officeStart: string;
  officeEnd: string;
  /** Local dates in the period that are not working days. */
  offDates: string[];
  /** Actions wanted whatever their time (decisions, clock stops). */
  actions: string[];
}

/**
 * The events of a center's cases in [from, to) that can matter to a rule: staff steps outside office
 * hours or on a day off, and the decisions and clock stops. The rules decide again on what comes back;
 * the filter only keeps the ordinary daytime steps (nearly all of them) out of the answer.
 */
export function eventsInPeriod(db: Db, centerId: number, from: Date, to: Date, f: EventPrefilter) {
  const local = sql`(${caseEvents.at} at time zone 'UTC' + interval '8 hours')`;
  const offDates = f.offDates.length ? sql`(${local})::date::text in (${sql.join(f.offDates.map((d) => sql`${d}`), sql`, `)})` : sql`false`;
  return db.select(eventColumns).from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(and(
      eq(cases.centerId, centerId), gte(caseEvents.at, from), lt(caseEvents.at, to),
      sql`(${inArray(caseEvents.action, f.actions)} or (${inArray(caseEvents.role, f.staffRoles)} and (
        to_char(${local}, 'HH24:MI') < ${f.officeStart} or to_char(${local}, 'HH24:MI') >= ${f.officeEnd} or ${offDates})))`,
    ));
}

/** Every clock stop (pause, report up) of the given cases, whenever it was. */
export function clockStopsOf(db: Db, caseIds: number[], actions: string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.select(eventColumns).from(caseEvents).where(and(inArray(caseEvents.caseId, caseIds), inArray(caseEvents.action, actions)));
}

export function caseFacts(db: Db, caseIds: number[]): Promise<CaseFactRow[]> {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.select({
    id: cases.id, caseNo: cases.caseNo, kind: cases.kind, receivedAt: cases.receivedAt, dueDate: cases.dueDate,
    itemCode: cases.itemCode, itemName: cases.itemName, departmentId: cases.departmentId,
  }).from(cases).where(inArray(cases.id, caseIds));
}

/** Cases received in [from, to), with who submitted them. */
export function submissionsInPeriod(db: Db, centerId: number, from: Date, to: Date) {
  return db.select({
    id: cases.id, caseNo: cases.caseNo, itemCode: cases.itemCode, itemName: cases.itemName, departmentId: cases.departmentId,
    receivedAt: cases.receivedAt, applicantName: cases.applicantName, applicantIdNumber: cases.applicantIdNumber,
    applicantCreditCode: cases.applicantCreditCode, applicantPhone: cases.applicantPhone, agent: cases.agent,
    acceptedDate: cases.acceptedDate, completedDate: cases.completedDate, pausedDays: cases.pausedDays, status: cases.status,
  }).from(cases).where(and(eq(cases.centerId, centerId), gte(cases.receivedAt, from), lt(cases.receivedAt, to)));
}

/** Cases completed on local dates in [fromDate, toDate], accepted (so they ran a clock). */
export function completedInPeriod(db: Db, centerId: number, fromDate: string, toDate: string) {
  return db.select({
    id: cases.id, caseNo: cases.caseNo, itemCode: cases.itemCode, itemName: cases.itemName, departmentId: cases.departmentId,
    receivedAt: cases.receivedAt, applicantName: cases.applicantName, applicantIdNumber: cases.applicantIdNumber,
    applicantCreditCode: cases.applicantCreditCode, applicantPhone: cases.applicantPhone, agent: cases.agent,
    acceptedDate: cases.acceptedDate, completedDate: cases.completedDate, pausedDays: cases.pausedDays, status: cases.status,
  }).from(cases).where(and(
    eq(cases.centerId, centerId),
    sql`${cases.completedDate} >= ${fromDate}`, sql`${cases.completedDate} <= ${toDate}`,
    sql`${cases.acceptedDate} is not null`,
  ));
}

export function departmentNames(db: Db, centerId: number) {
  return db.select({ id: departments.id, code: departments.code, name: departments.name }).from(departments).where(eq(departments.centerId, centerId));
}

// ─── reviews ───

export async function insertReview(db: Db, row: typeof supervisionReviews.$inferInsert) {
  const [created] = await db.insert(supervisionReviews).values(row).returning();
  return created!;
}

/** The newest review of each key. */
export async function latestReviews(db: Db, centerId: number, keys: string[]) {
  if (keys.length === 0) return new Map<string, { note: string; at: Date; by: string }>();
  const rows = await db.select({ review: supervisionReviews, name: users.displayName }).from(supervisionReviews)
    .innerJoin(users, eq(users.id, supervisionReviews.reviewedBy))
    .where(and(eq(supervisionReviews.centerId, centerId), inArray(supervisionReviews.findingKey, keys)))
    .orderBy(asc(supervisionReviews.id));
  const out = new Map<string, { note: string; at: Date; by: string }>();
  for (const r of rows) out.set(r.review.findingKey, { note: r.review.note, at: r.review.reviewedAt, by: r.name });
  return out;
}


