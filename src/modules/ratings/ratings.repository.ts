import { and, desc, eq, gte, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, departments, queueTickets, ratingFollowups, ratings } from '../../db/schema/index.js';
import type { TicketRow } from '../queue/queue.repository.js';

export type RatingRow = typeof ratings.$inferSelect;
export type NewRating = typeof ratings.$inferInsert;
export type FollowupRow = typeof ratingFollowups.$inferSelect;

// ─── ratings ───

/** Undefined when the service was rated already (a unique index per ticket or case and channel). */
export async function insertRating(db: Db, row: NewRating): Promise<RatingRow | undefined> {
  const [created] = await db.insert(ratings).values(row).onConflictDoNothing().returning();
  return created;
}

export async function findRating(db: Db, id: number): Promise<RatingRow | undefined> {
  const [row] = await db.select().from(ratings).where(eq(ratings.id, id));
  return row;
}

export async function setRatingAside(db: Db, id: number, by: number, reason: string, at: Date): Promise<void> {
  await db.update(ratings).set({ setAsideAt: at, setAsideBy: by, setAsideReason: reason }).where(eq(ratings.id, id));
}

export async function isRatedAtPad(db: Db, ticketId: number): Promise<boolean> {
  const [rated] = await db.select({ id: ratings.id }).from(ratings).where(and(eq(ratings.ticketId, ticketId), eq(ratings.channel, 'pad'))).limit(1);
  return rated !== undefined;
}

/** Ratings not set aside, created in [from, to], with the name of their department. */
export function listRatingsBetween(db: Db, centerId: number, from: Date, to: Date) {
  return db.select({ r: ratings, dept: departments.name }).from(ratings)
    .leftJoin(departments, eq(departments.id, ratings.departmentId))
    .where(and(eq(ratings.centerId, centerId), isNull(ratings.setAsideAt), gte(ratings.createdAt, from), lte(ratings.createdAt, to)));
}

export async function findCaseRating(db: Db, caseNo: string, channel: RatingRow['channel']): Promise<RatingRow | undefined> {
  const [row] = await db.select().from(ratings).where(and(eq(ratings.caseNo, caseNo), eq(ratings.channel, channel))).limit(1);
  return row;
}

// ─── what a rating is about ───

/** The window's most recently finished ticket since `since`. */
export async function findLastDoneAtWindow(db: Db, windowId: number, since: Date): Promise<TicketRow | undefined> {
  const [t] = await db.select().from(queueTickets)
    .where(and(eq(queueTickets.windowId, windowId), eq(queueTickets.status, 'done'), gte(queueTickets.finishedAt, since)))
    .orderBy(desc(queueTickets.finishedAt)).limit(1);
  return t;
}

export async function findTicketAtWindow(db: Db, ticketId: number, windowId: number): Promise<TicketRow | undefined> {
  const [t] = await db.select().from(queueTickets).where(and(eq(queueTickets.id, ticketId), eq(queueTickets.windowId, windowId))).limit(1);
  return t;
}

/** The facts of a case a rating records; any center's case when `centerId` is undefined. */
export async function findCaseFacts(db: Db, caseNo: string, centerId?: number) {
  const [c] = await db.select({
    id: cases.id, caseNo: cases.caseNo, centerId: cases.centerId, itemCode: cases.itemCode, itemName: cases.itemName, departmentId: cases.departmentId,
    applicantPhone: cases.applicantPhone, cancelToken: cases.cancelToken, status: cases.status, receivedBy: cases.receivedBy,
  }).from(cases).where(centerId === undefined ? eq(cases.caseNo, caseNo) : and(eq(cases.caseNo, caseNo), eq(cases.centerId, centerId))).limit(1);
  return c;
}

export type CaseFacts = NonNullable<Awaited<ReturnType<typeof findCaseFacts>>>;

// ─── follow-ups ───

export async function insertFollowup(db: Db, row: typeof ratingFollowups.$inferInsert): Promise<void> {
  await db.insert(ratingFollowups).values(row);
}

export interface FollowupFilter {
  centerId: number;
  departmentId?: number;
  status?: FollowupRow['status'];
}

/** Follow-ups with their rating and department name, soonest fix date first. */
export function listFollowupRows(db: Db, q: FollowupFilter) {
  return db.select({ f: ratingFollowups, r: ratings, dept: departments.name }).from(ratingFollowups)
    .innerJoin(ratings, eq(ratings.id, ratingFollowups.ratingId))
    .leftJoin(departments, eq(departments.id, ratingFollowups.departmentId))
    .where(and(
      eq(ratingFollowups.centerId, q.centerId),
      q.departmentId !== undefined ? eq(ratingFollowups.departmentId, q.departmentId) : undefined,
      q.status ? eq(ratingFollowups.status, q.status) : undefined,
    ))
    .orderBy(ratingFollowups.fixDueDate, ratingFollowups.id);
}

/** Locks the follow-up (not its rating) and reads it with its rating. */
export async function lockFollowupWithRating(db: Db, id: number): Promise<{ f: FollowupRow; r: RatingRow } | undefined> {
  const [row] = await db.select({ f: ratingFollowups, r: ratings }).from(ratingFollowups)
    .innerJoin(ratings, eq(ratings.id, ratingFollowups.ratingId)).where(eq(ratingFollowups.id, id)).for('update', { of: ratingFollowups }).limit(1);
  return row;
}

export async function findFollowupByToken(db: Db, token: string): Promise<{ f: FollowupRow; r: RatingRow } | undefined> {
  const [row] = await db.select({ f: ratingFollowups, r: ratings }).from(ratingFollowups)
    .innerJoin(ratings, eq(ratings.id, ratingFollowups.ratingId)).where(eq(ratingFollowups.replyToken, token)).limit(1);
  return row;
}

export async function lockFollowupByToken(db: Db, token: string): Promise<FollowupRow | undefined> {
  const [f] = await db.select().from(ratingFollowups).where(eq(ratingFollowups.replyToken, token)).for('update').limit(1);
  return f;
}

export async function updateFollowup(db: Db, id: number, patch: Partial<typeof ratingFollowups.$inferInsert>): Promise<FollowupRow | undefined> {
  const [row] = await db.update(ratingFollowups).set(patch).where(eq(ratingFollowups.id, id)).returning();
  return row;
}
