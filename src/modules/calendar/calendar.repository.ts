import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { calendarOverrides, calendarYears } from '../../db/schema/index.js';

export function listOverrides(db: Db, year?: number) {
  const q = db.select().from(calendarOverrides);
  const filtered = year === undefined ? q : q.where(and(gte(calendarOverrides.date, `${year}-01-01`), lte(calendarOverrides.date, `${year}-12-31`)));
  return filtered.orderBy(asc(calendarOverrides.date));
}

export async function saveOverride(db: Db, row: typeof calendarOverrides.$inferInsert): Promise<void> {
  await db.insert(calendarOverrides).values(row).onConflictDoUpdate({
    target: calendarOverrides.date,
    set: { working: row.working, reason: row.reason, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
  });
}

export async function deleteOverride(db: Db, date: string): Promise<boolean> {
  const deleted = await db.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).returning();
  return deleted.length > 0;
}

export function listYears(db: Db) {
  return db.select().from(calendarYears).orderBy(asc(calendarYears.year));
}

export async function saveYear(db: Db, row: typeof calendarYears.$inferInsert): Promise<void> {
  await db.insert(calendarYears).values(row).onConflictDoUpdate({
    target: calendarYears.year,
    set: { announced: row.announced, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
  });
}
