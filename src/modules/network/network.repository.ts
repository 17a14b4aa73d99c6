import { and, eq, inArray, isNull, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { items, networkItemOpenings, proxyConfirmations } from '../../db/schema/index.js';

/** Whether the county's item is opened at one of the given centers (the place or a center above it). */
export async function isItemOpenAt(db: Db, countyId: number, itemCode: string, centerIds: number[]): Promise<boolean> {
  const rows = await db.select({ one: sql<number>`1` }).from(networkItemOpenings)
    .innerJoin(items, eq(items.id, networkItemOpenings.itemId))
    .where(and(eq(items.centerId, countyId), eq(items.code, itemCode), inArray(networkItemOpenings.centerId, centerIds)))
    .limit(1);
  return rows.length > 0;
}

export async function insertConfirmation(db: Db, row: typeof proxyConfirmations.$inferInsert): Promise<number> {
  const [r] = await db.insert(proxyConfirmations).values(row).returning({ id: proxyConfirmations.id });
  return r!.id;
}

export function findOpenConfirmation(db: Db, id: number, now: Date) {
  return db.query.proxyConfirmations.findFirst({
    where: and(eq(proxyConfirmations.id, id), isNull(proxyConfirmations.confirmedAt), gt(proxyConfirmations.expiresAt, now)),
  });
}

export async function countWrongConfirmation(db: Db, id: number): Promise<void> {
  await db.update(proxyConfirmations).set({ attempts: sql`${proxyConfirmations.attempts} + 1` }).where(eq(proxyConfirmations.id, id));
}

/** Marks the confirmation used; false if another intake used it first. */
export async function useConfirmation(db: Db, id: number, now: Date): Promise<boolean> {
  const rows = await db.update(proxyConfirmations).set({ confirmedAt: now })
    .where(and(eq(proxyConfirmations.id, id), isNull(proxyConfirmations.confirmedAt))).returning({ id: proxyConfirmations.id });
  return rows.length > 0;
}
