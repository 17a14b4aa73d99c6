import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  appointmentCategories, appointments, appointmentSlots, cases, departments, items, itemVersions,
} from '../../db/schema/index.js';

export type CategoryRow = typeof appointmentCategories.$inferSelect;
export type SlotRow = typeof appointmentSlots.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;

// ─── categories ───

export function listCategories(db: Db, centerId: number, onlyActive: boolean) {
  return db.select({ category: appointmentCategories, departmentCode: departments.code, departmentName: departments.name })
    .from(appointmentCategories)
    .leftJoin(departments, eq(departments.id, appointmentCategories.departmentId))
    .where(and(eq(appointmentCategories.centerId, centerId), onlyActive ? eq(appointmentCategories.active, true) : undefined))
    .orderBy(asc(appointmentCategories.sortOrder), asc(appointmentCategories.code));
}

export async function findCategory(db: Db, centerId: number, code: string) {
  const [row] = await db.select({ category: appointmentCategories, departmentCode: departments.code, departmentName: departments.name })
    .from(appointmentCategories)
    .leftJoin(departments, eq(departments.id, appointmentCategories.departmentId))
    .where(and(eq(appointmentCategories.centerId, centerId), eq(appointmentCategories.code, code)))
    .limit(1);
  return row;
}

export async function findCategoryById(db: Db, id: number): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(appointmentCategories).where(eq(appointmentCategories.id, id)).limit(1);
  return row;
}

export async function maxSortOrder(db: Db, centerId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${appointmentCategories.sortOrder}), 0)::int` })
    .from(appointmentCategories).where(eq(appointmentCategories.centerId, centerId));
  return row?.n ?? 0;
}

export async function insertCategory(db: Db, row: typeof appointmentCategories.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(appointmentCategories).values(row).onConflictDoNothing().returning({ id: appointmentCategories.id });
  return inserted.length > 0;
}

export async function updateCategory(db: Db, id: number, patch: Partial<typeof appointmentCategories.$inferInsert>): Promise<void> {
  await db.update(appointmentCategories).set(patch).where(eq(appointmentCategories.id, id));
}

/** Names of published items of the center, by code. */
export async function itemNames(db: Db, centerId: number, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.select({ code: items.code, name: itemVersions.name })
    .from(items)
    .innerJoin(itemVersions, and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.publishedVersion)))
    .where(and(eq(items.centerId, centerId), inArray(items.code, codes), eq(items.status, 'published')));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Published items of a department: what a category bound to a department (and no item list) serves. */
export async function departmentItemCodes(db: Db, departmentId: number): Promise<string[]> {
  const rows = await db.select({ code: items.code }).from(items)
    .where(and(eq(items.departmentId, departmentId), eq(items.status, 'published')))
    .orderBy(asc(items.code));
  return rows.map((r) => r.code);
}

// ─── slots ───

export function listSlots(db: Db, categoryId: number, from: string, to: string, includeClosed: boolean) {
  return db.select().from(appointmentSlots)
    .where(and(
      eq(appointmentSlots.categoryId, categoryId),
      gte(appointmentSlots.date, from),
      lte(appointmentSlots.date, to),
      includeClosed ? undefined : eq(appointmentSlots.closed, false),
    ))
    .orderBy(asc(appointmentSlots.date), asc(appointmentSlots.startTime));
}

export async function findSlot(db: Db, id: number): Promise<SlotRow | undefined> {
  const [row] = await db.select().from(appointmentSlots).where(eq(appointmentSlots.id, id)).limit(1);
  return row;
}

/** Locks slots in id order, so two moves between the same two slots in opposite directions cannot deadlock. */
export async function lockSlots(db: Db, ids: number[]): Promise<SlotRow[]> {
  return db.select().from(appointmentSlots)
    .where(inArray(appointmentSlots.id, ids))
    .orderBy(asc(appointmentSlots.id))
    .for('update');
}

export async function lockDaySlots(db: Db, categoryId: number, date: string): Promise<SlotRow[]> {
  return db.select().from(appointmentSlots)
    .where(and(eq(appointmentSlots.categoryId, categoryId), eq(appointmentSlots.date, date)))
    .orderBy(asc(appointmentSlots.id))
    .for('update');
}

/**
 * Takes one seat if one is left. The condition is evaluated on the row as it stands after any
 * concurrent taker commits (PostgreSQL re-checks an UPDATE's WHERE on the newest row version), so
 * exactly `capacity` takers win however many race.
 */
export async function takeSeat(db: Db, slotId: number): Promise<SlotRow | undefined> {
  const [row] = await db.update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} + 1` })
    .where(and(eq(appointmentSlots.id, slotId), eq(appointmentSlots.closed, false), lt(appointmentSlots.booked, appointmentSlots.capacity)))
    .returning();
  return row;
}

export async function releaseSeat(db: Db, slotId: number): Promise<void> {
  await db.update(appointmentSlots)
    .set({ booked: sql`${appointmentSlots.booked} - 1` })
    .where(and(eq(appointmentSlots.id, slotId), gt(appointmentSlots.booked, 0)));
}

/** Inserts the slots that do not exist yet; returns how many were new. */
export async function insertSlots(db: Db, rows: (typeof appointmentSlots.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(appointmentSlots).values(rows).onConflictDoNothing().returning({ id: appointmentSlots.id });
  return inserted.length;
}

/** Dates in [from, to] on which the category has any slot, open or closed. */
export async function datesWithSlots(db: Db, categoryId: number, from: string, to: string): Promise<Set<string>> {
  const rows = await db.selectDistinct({ date: appointmentSlots.date }).from(appointmentSlots)
    .where(and(eq(appointmentSlots.categoryId, categoryId), gte(appointmentSlots.date, from), lte(appointmentSlots.date, to)));
  return new Set(rows.map((r) => r.date));
}

export async function updateSlot(db: Db, id: number, patch: Partial<typeof appointmentSlots.$inferInsert>): Promise<void> {
  await db.update(appointmentSlots).set(patch).where(eq(appointmentSlots.id, id));
}

export async function deleteSlot(db: Db, id: number): Promise<void> {
  await db.delete(appointmentSlots).where(eq(appointmentSlots.id, id));
}

/** Slots that some booking (of any status) points at: they are closed instead of deleted. */
export async function referencedSlots(db: Db, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectDistinct({ slotId: appointments.slotId }).from(appointments).where(inArray(appointments.slotId, ids));
  return new Set(rows.map((r) => r.slotId));
}

// ─── bookings ───

export async function insertAppointment(db: Db, row: typeof appointments.$inferInsert): Promise<AppointmentRow | undefined> {
  // DO NOTHING on any unique index: the per-day index and the code; the caller tells them apart.
  const [inserted] = await db.insert(appointments).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findActiveOnDay(db: Db, categoryId: number, date: string, mobile: string, exceptId?: number) {
  const [row] = await db.select({ id: appointments.id, code: appointments.code }).from(appointments)
    .where(and(
      eq(appointments.categoryId, categoryId), eq(appointments.date, date), eq(appointments.mobile, mobile),
      ne(appointments.status, 'cancelled'), exceptId !== undefined ? ne(appointments.id, exceptId) : undefined,
    ))
    .limit(1);
  return row;
}

export async function findByCode(db: Db, code: string): Promise<AppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.code, code)).limit(1);
  return row;
}

export async function lockByCode(db: Db, code: string): Promise<AppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.code, code)).limit(1).for('update');
  return row;
}

export async function updateAppointment(db: Db, id: number, patch: Partial<typeof appointments.$inferInsert>): Promise<AppointmentRow> {
  const [row] = await db.update(appointments).set(patch).where(eq(appointments.id, id)).returning();
  return row!;
}

/** The desk's list of a day: bookings with their slot and category. */
export function listDay(db: Db, centerId: number, date: string, categoryId?: number) {
  return db.select({ a: appointments, slot: appointmentSlots, categoryCode: appointmentCategories.code, categoryName: appointmentCategories.name, caseNo: cases.caseNo })
    .from(appointments)
    .innerJoin(appointmentSlots, eq(appointmentSlots.id, appointments.slotId))
    .innerJoin(appointmentCategories, eq(appointmentCategories.id, appointments.categoryId))
    .leftJoin(cases, eq(cases.id, appointments.caseId))
    .where(and(eq(appointments.centerId, centerId), eq(appointments.date, date), categoryId !== undefined ? eq(appointments.categoryId, categoryId) : undefined))
    .orderBy(asc(appointmentSlots.startTime), asc(appointmentCategories.sortOrder), asc(appointments.id));
}

/** Bookings of a date still waiting for their reminder. */
export function dueReminders(db: Db, date: string, limit: number) {
  return db.select({ id: appointments.id }).from(appointments)
    .where(and(eq(appointments.date, date), eq(appointments.status, 'booked'), isNull(appointments.remindedAt)))
    .orderBy(asc(appointments.id))
    .limit(limit);
}

/**
 * Marks the reminder as queued, once: of two scans racing, only one gets the row back. Returns the
 * booking with its slot and category, or nothing when it was already reminded, cancelled or moved.
 */
export async function claimReminder(db: Db, id: number, date: string, now: Date) {
  const [row] = await db.update(appointments)
    .set({ remindedAt: now })
    .where(and(eq(appointments.id, id), eq(appointments.date, date), eq(appointments.status, 'booked'), isNull(appointments.remindedAt)))
    .returning();
  return row;
}

export async function findCaseId(db: Db, centerId: number, caseNo: string): Promise<number | undefined> {
  const [row] = await db.select({ id: cases.id }).from(cases).where(and(eq(cases.caseNo, caseNo), eq(cases.centerId, centerId))).limit(1);
  return row?.id;
}

export async function findCaseNo(db: Db, caseId: number): Promise<string | undefined> {
  const [row] = await db.select({ caseNo: cases.caseNo }).from(cases).where(eq(cases.id, caseId)).limit(1);
  return row?.caseNo;
}

/** Active bookings per slot, for the administrator's overview. */
export async function bookingsBySlot(db: Db, slotIds: number[]) {
  if (slotIds.length === 0) return new Map<number, { booked: number; checkedIn: number }>();
  const rows = await db.select({
    slotId: appointments.slotId,
    booked: sql<number>`count(*) filter (where ${appointments.status} = 'booked')::int`,
    checkedIn: sql<number>`count(*) filter (where ${appointments.status} = 'checked_in')::int`,
  }).from(appointments).where(inArray(appointments.slotId, slotIds)).groupBy(appointments.slotId);
  return new Map(rows.map((r) => [r.slotId, { booked: r.booked, checkedIn: r.checkedIn }]));
}
