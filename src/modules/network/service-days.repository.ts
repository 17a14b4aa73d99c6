import { and, asc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { appointments, appointmentSlots, centers, serviceDays } from '../../db/schema/index.js';

export type ServiceDayRow = typeof serviceDays.$inferSelect;

const township = alias(centers, 'township');
const village = alias(centers, 'village');

/** Service days of the given villages in [from, to], with the village, the township and the day's open slot. */
export function listServiceDays(db: Db, villageIds: number[], from: string, to: string) {
  if (villageIds.length === 0) return Promise.resolve([]);
  return db.select({
    day: serviceDays,
    townshipCode: township.code, townshipName: township.name, villageCode: village.code, villageName: village.name,
    slotId: appointmentSlots.id, capacity: appointmentSlots.capacity, booked: appointmentSlots.booked,
  })
    .from(serviceDays)
    .innerJoin(township, eq(township.id, serviceDays.townshipCenterId))
    .innerJoin(village, eq(village.id, serviceDays.villageCenterId))
    .leftJoin(appointmentSlots, and(
      eq(appointmentSlots.categoryId, serviceDays.categoryId), eq(appointmentSlots.date, serviceDays.date),
      eq(appointmentSlots.startTime, serviceDays.startTime), eq(appointmentSlots.closed, false),
    ))
    .where(and(inArray(serviceDays.villageCenterId, villageIds), gte(serviceDays.date, from), lte(serviceDays.date, to)))
    .orderBy(asc(serviceDays.date), asc(serviceDays.startTime), asc(village.code));
}

export async function findServiceDay(db: Db, id: number): Promise<ServiceDayRow | undefined> {
  const [row] = await db.select().from(serviceDays).where(eq(serviceDays.id, id)).limit(1);
  return row;
}

export async function lockServiceDay(db: Db, id: number): Promise<ServiceDayRow | undefined> {
  const [row] = await db.select().from(serviceDays).where(eq(serviceDays.id, id)).for('update');
  return row;
}

/** Inserts the day; undefined when the village already has one that date (the unique index decides). */
export async function insertServiceDay(db: Db, row: typeof serviceDays.$inferInsert): Promise<ServiceDayRow | undefined> {
  const [inserted] = await db.insert(serviceDays).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function deleteServiceDay(db: Db, id: number): Promise<void> {
  await db.delete(serviceDays).where(eq(serviceDays.id, id));
}

/** Slots of the category on the date, locked: the day being laid out or taken down. */
export function lockDaySlots(db: Db, categoryId: number, date: string) {
  return db.select().from(appointmentSlots)
    .where(and(eq(appointmentSlots.categoryId, categoryId), eq(appointmentSlots.date, date))).for('update');
}

/** Bookings still standing (booked or checked in) on the given slots. */
export async function activeBookings(db: Db, slotIds: number[]): Promise<number> {
  if (slotIds.length === 0) return 0;
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(appointments)
    .where(and(inArray(appointments.slotId, slotIds), ne(appointments.status, 'cancelled')));
  return row?.n ?? 0;
}
