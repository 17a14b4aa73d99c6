import { and, asc, desc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { hallWindows, queueCalls, queueCategories, queueCounters, queueTickets } from '../../db/schema/index.js';

export type CategoryRow = typeof queueCategories.$inferSelect;
export type WindowRow = typeof hallWindows.$inferSelect;
export type TicketRow = typeof queueTickets.$inferSelect;
export type CallRow = typeof queueCalls.$inferSelect;

// ─── categories and windows ───

export function listCategories(db: Db, centerId: number, onlyActive: boolean): Promise<CategoryRow[]> {
  return db.select().from(queueCategories)
    .where(and(eq(queueCategories.centerId, centerId), onlyActive ? eq(queueCategories.active, true) : undefined))
    .orderBy(asc(queueCategories.sortOrder), asc(queueCategories.prefix));
}

export async function findCategory(db: Db, centerId: number, prefix: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(queueCategories)
    .where(and(eq(queueCategories.centerId, centerId), eq(queueCategories.prefix, prefix))).limit(1);
  return row;
}

export async function insertCategory(db: Db, row: typeof queueCategories.$inferInsert): Promise<CategoryRow | undefined> {
  const [created] = await db.insert(queueCategories).values(row).onConflictDoNothing().returning();
  return created;
}

export async function updateCategory(db: Db, id: number, patch: Partial<typeof queueCategories.$inferInsert>): Promise<CategoryRow> {
  const [row] = await db.update(queueCategories).set(patch).where(eq(queueCategories.id, id)).returning();
  return row!;
}

export function listWindows(db: Db, centerId: number): Promise<WindowRow[]> {
  return db.select().from(hallWindows).where(eq(hallWindows.centerId, centerId)).orderBy(asc(hallWindows.number));
}

export async function findWindow(db: Db, centerId: number, number: number): Promise<WindowRow | undefined> {
  const [row] = await db.select().from(hallWindows)
    .where(and(eq(hallWindows.centerId, centerId), eq(hallWindows.number, number))).limit(1);
  return row;
}

export async function insertWindow(db: Db, row: typeof hallWindows.$inferInsert): Promise<WindowRow | undefined> {
  const [created] = await db.insert(hallWindows).values(row).onConflictDoNothing().returning();
  return created;
}

export async function updateWindow(db: Db, id: number, patch: Partial<typeof hallWindows.$inferInsert>): Promise<WindowRow> {
  const [row] = await db.update(hallWindows).set(patch).where(eq(hallWindows.id, id)).returning();
  return row!;
}

// ─── tickets ───

/** The next number of a category today, taken in one upsert so that concurrent kiosks never share one. */
export async function nextNumber(db: Db, categoryId: number, day: string): Promise<number> {
  const [row] = await db.insert(queueCounters).values({ categoryId, day, last: 1 })
    .onConflictDoUpdate({ target: [queueCounters.categoryId, queueCounters.day], set: { last: sql`${queueCounters.last} + 1` } })
    .returning({ last: queueCounters.last });
  return row!.last;
}

export async function insertTicket(db: Db, row: typeof queueTickets.$inferInsert): Promise<TicketRow> {
  const [created] = await db.insert(queueTickets).values(row).returning();
  return created!;
}

/** A ticket of today still in the hall for this booking: a second tap at the kiosk gets the same ticket. */
export async function findOpenForAppointment(db: Db, centerId: number, day: string, code: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(queueTickets)
    .where(and(eq(queueTickets.centerId, centerId), eq(queueTickets.day, day), eq(queueTickets.appointmentCode, code),
      inArray(queueTickets.status, ['waiting', 'called', 'serving']))).limit(1);
  return row;
}

export async function findTicketByToken(db: Db, token: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(queueTickets).where(eq(queueTickets.token, token)).limit(1);
  return row;
}

/** The ticket, locked for a step; the status check is repeated by the caller under the lock. */
export async function lockTicket(db: Db, centerId: number, id: number): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(queueTickets)
    .where(and(eq(queueTickets.id, id), eq(queueTickets.centerId, centerId))).for('update').limit(1);
  return row;
}

export async function updateTicket(db: Db, id: number, patch: Partial<typeof queueTickets.$inferInsert>): Promise<TicketRow> {
  const [row] = await db.update(queueTickets).set(patch).where(eq(queueTickets.id, id)).returning();
  return row!;
}

/**
 * Takes the first waiting ticket a window may serve: sent to this window, or of one of its
 * categories and sent to no window; appointments first, then in order of issue. SKIP LOCKED lets
 * two windows call at the same instant without waiting on each other or taking the same ticket.
 */
export async function claimNext(db: Db, w: WindowRow, day: string, staff: { id: number; name: string }, now: Date): Promise<TicketRow | undefined> {
  const categories = w.categoryIds.length ? w.categoryIds : [-1];
  const result = await db.execute(sql`
    with next as (
      select id from queue_tickets
      where center_id = ${w.centerId} and day = ${day} and status = 'waiting'
        and (target_window_id = ${w.id} or (target_window_id is null and category_id in (${sql.join(categories.map((c) => sql`${c}`), sql`, `)})))
      order by priority desc, issued_at, id
      limit 1
      for update skip locked
    )
    update queue_tickets t set status = 'called', window_id = ${w.id}, staff_id = ${staff.id}, staff_name = ${staff.name},
      called_at = ${now.toISOString()}::timestamptz, call_count = t.call_count + 1, target_window_id = null, updated_at = ${now.toISOString()}::timestamptz
    from next where t.id = next.id
    returning t.id`);
  const rows = (result as unknown as { rows: { id: number }[] }).rows;
  const id = rows[0]?.id;
  if (id === undefined) return undefined;
  const [row] = await db.select().from(queueTickets).where(eq(queueTickets.id, Number(id)));
  return row;
}

/** The ticket a window is calling or serving now, if any. */
export async function currentAtWindow(db: Db, windowId: number, day: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(queueTickets)
    .where(and(eq(queueTickets.windowId, windowId), eq(queueTickets.day, day), inArray(queueTickets.status, ['called', 'serving'])))
    .orderBy(desc(queueTickets.calledAt)).limit(1);
  return row;
}

export function ticketsOfDay(db: Db, centerId: number, day: string): Promise<TicketRow[]> {
  return db.select().from(queueTickets).where(and(eq(queueTickets.centerId, centerId), eq(queueTickets.day, day)))
    .orderBy(asc(queueTickets.issuedAt), asc(queueTickets.id));
}

export function waitingOfDay(db: Db, centerId: number, day: string): Promise<TicketRow[]> {
  return db.select().from(queueTickets)
    .where(and(eq(queueTickets.centerId, centerId), eq(queueTickets.day, day), eq(queueTickets.status, 'waiting')))
    .orderBy(desc(queueTickets.priority), asc(queueTickets.issuedAt), asc(queueTickets.id));
}

export function ticketsBetween(db: Db, centerId: number, from: string, to: string): Promise<TicketRow[]> {
  return db.select().from(queueTickets)
    .where(and(eq(queueTickets.centerId, centerId), gte(queueTickets.day, from), lte(queueTickets.day, to)));
}

// ─── calls (the board's feed) ───

export async function insertCall(db: Db, row: typeof queueCalls.$inferInsert): Promise<CallRow> {
  const [created] = await db.insert(queueCalls).values(row).returning();
  return created!;
}

export function callsAfter(db: Db, centerId: number, afterId: number, limit = 50): Promise<CallRow[]> {
  return db.select().from(queueCalls).where(and(eq(queueCalls.centerId, centerId), gt(queueCalls.id, afterId)))
    .orderBy(asc(queueCalls.id)).limit(limit);
}

export function recentCalls(db: Db, centerId: number, since: Date, limit: number): Promise<CallRow[]> {
  return db.select().from(queueCalls).where(and(eq(queueCalls.centerId, centerId), gte(queueCalls.at, since)))
    .orderBy(desc(queueCalls.id)).limit(limit);
}
