import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { centers, departments, items, itemVersions, networkItemOpenings } from '../../db/schema/index.js';

const publishedJoin = and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.publishedVersion));

/** The county's published items with their department: what may be opened away from the hall. */
export function listCountyItems(db: Db, countyId: number) {
  return db.select({ id: items.id, code: items.code, name: itemVersions.name, departmentCode: departments.code, departmentName: departments.name })
    .from(items).innerJoin(itemVersions, publishedJoin).innerJoin(departments, eq(departments.id, items.departmentId))
    .where(and(eq(items.centerId, countyId), eq(items.status, 'published')))
    .orderBy(asc(departments.code), asc(items.code));
}

/** Every opening of the county's items, with the place it was made at. */
export function listOpenings(db: Db, countyId: number) {
  return db.select({ itemCode: items.code, centerId: centers.id, centerCode: centers.code, centerName: centers.name })
    .from(networkItemOpenings)
    .innerJoin(items, eq(items.id, networkItemOpenings.itemId))
    .innerJoin(centers, eq(centers.id, networkItemOpenings.centerId))
    .where(eq(items.centerId, countyId))
    .orderBy(asc(items.code), asc(centers.id));
}

export async function findCountyItem(db: Db, countyId: number, code: string) {
  const [row] = await db.select({ id: items.id, code: items.code }).from(items)
    .where(and(eq(items.centerId, countyId), eq(items.code, code))).limit(1);
  return row;
}

/** Locks the item's row so that two admins replacing its openings at once end with one of the two lists, not a mix. */
export async function lockItemOpenings(db: Db, itemId: number): Promise<number[]> {
  await db.select({ id: items.id }).from(items).where(eq(items.id, itemId)).for('update');
  const rows = await db.select({ centerId: networkItemOpenings.centerId }).from(networkItemOpenings).where(eq(networkItemOpenings.itemId, itemId));
  return rows.map((r) => r.centerId);
}

export async function replaceOpenings(db: Db, itemId: number, centerIds: number[], now: Date, by: number): Promise<void> {
  await db.delete(networkItemOpenings).where(eq(networkItemOpenings.itemId, itemId));
  if (centerIds.length) {
    await db.insert(networkItemOpenings).values(centerIds.map((centerId) => ({ itemId, centerId, createdAt: now, createdBy: by })));
  }
}

/**
 * The county's published items opened at one of the given centers (a place and the centers above
 * it), one row per item and opening: the content a handbook or a villager's list needs.
 */
export function itemsOpenedAt(db: Db, countyId: number, centerIds: number[]) {
  return db.select({
    code: items.code, name: itemVersions.name, kind: itemVersions.kind, promisedDays: itemVersions.promisedDays,
    location: itemVersions.location, phone: itemVersions.phone, materials: itemVersions.materials, events: itemVersions.events,
    departmentCode: departments.code, departmentName: departments.name, openedAtId: networkItemOpenings.centerId,
  })
    .from(networkItemOpenings)
    .innerJoin(items, eq(items.id, networkItemOpenings.itemId))
    .innerJoin(itemVersions, publishedJoin)
    .innerJoin(departments, eq(departments.id, items.departmentId))
    .where(and(eq(items.centerId, countyId), eq(items.status, 'published'), inArray(networkItemOpenings.centerId, centerIds)))
    .orderBy(asc(items.code));
}

/** Department windows of the county: where each department's items are handled and the phone to ask. */
export function countyWindows(db: Db, countyId: number) {
  return db.selectDistinct({ departmentCode: departments.code, department: departments.name, location: itemVersions.location, phone: itemVersions.phone })
    .from(items).innerJoin(itemVersions, publishedJoin).innerJoin(departments, eq(departments.id, items.departmentId))
    .where(and(eq(items.centerId, countyId), eq(items.status, 'published')))
    .orderBy(asc(departments.code), asc(itemVersions.location), asc(itemVersions.phone));
}
