import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { departments, itemVersions, items, serviceEvents } from '../../db/schema/index.js';
import { itemSummaryColumns } from '../catalog/catalog.repository.js';

export type EventRow = typeof serviceEvents.$inferSelect;

/** The published version of an item names this event (jsonb containment: `["我要开餐馆"] <@ events`). */
const namesEvent = (name: SQL | string): SQL => sql`${itemVersions.events} @> jsonb_build_array(${name}::text)`;

const publishedJoin = and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.publishedVersion));

export async function listEvents(db: Db, centerId: number, onlyActive: boolean) {
  // Spelt out: drizzle leaves columns unqualified in a one-table select, which a correlated subquery cannot take.
  const itemCount = sql<number>`(
    select count(*)::int from items i inner join item_versions v on v.item_id = i.id and v.version = i.published_version
    where i.center_id = "service_events"."center_id" and i.status = 'published' and v.events @> jsonb_build_array("service_events"."name")
  )`;
  return db.select({ event: serviceEvents, itemCount }).from(serviceEvents)
    .where(and(eq(serviceEvents.centerId, centerId), onlyActive ? eq(serviceEvents.active, true) : undefined))
    .orderBy(sql`case when ${serviceEvents.kind} = 'life' then 0 else 1 end`, asc(serviceEvents.sortOrder), asc(serviceEvents.id));
}

export async function findEventById(db: Db, centerId: number, id: number): Promise<EventRow | undefined> {
  const [row] = await db.select().from(serviceEvents).where(and(eq(serviceEvents.centerId, centerId), eq(serviceEvents.id, id))).limit(1);
  return row;
}

export async function findEventBySlug(db: Db, centerId: number, slug: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(serviceEvents).where(and(eq(serviceEvents.centerId, centerId), eq(serviceEvents.slug, slug))).limit(1);
  return row;
}

export async function findEventByName(db: Db, centerId: number, name: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(serviceEvents).where(and(eq(serviceEvents.centerId, centerId), eq(serviceEvents.name, name))).limit(1);
  return row;
}

/** Published items whose current guide names the event, by department and code. */
export function publishedItemsOfEvent(db: Db, centerId: number, name: string) {
  return db.select(itemSummaryColumns).from(items)
    .innerJoin(itemVersions, publishedJoin)
    .innerJoin(departments, eq(departments.id, items.departmentId))
    .where(and(eq(items.centerId, centerId), eq(items.status, 'published'), namesEvent(name)))
    .orderBy(asc(departments.code), asc(items.code));
}

export async function insertEvent(db: Db, row: typeof serviceEvents.$inferInsert): Promise<EventRow> {
  const [created] = await db.insert(serviceEvents).values(row).returning();
  return created!;
}

export async function updateEvent(db: Db, id: number, patch: Partial<typeof serviceEvents.$inferInsert>): Promise<void> {
  await db.update(serviceEvents).set(patch).where(eq(serviceEvents.id, id));
}
