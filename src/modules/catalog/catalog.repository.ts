import { and, asc, desc, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { preparedPerDb } from '../../db/prepared.js';
import { departments, itemVersions, items } from '../../db/schema/index.js';

export type ItemVersionRow = typeof itemVersions.$inferSelect;
export type NewItemVersion = typeof itemVersions.$inferInsert;

export interface SearchFilter {
  q?: string;
  department?: string;
  kind?: string;
  status?: string;
  page: number;
  pageSize: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

function textMatch(q: string | undefined): SQL | undefined {
  const term = q?.trim().toLowerCase();
  if (!term) return undefined;
  const pattern = `%${escapeLike(term)}%`;
  const compact = `%${escapeLike(term.replace(/\s+/g, ''))}%`;
  return or(
    ilike(itemVersions.name, pattern),
    ilike(itemVersions.nameEn, pattern),
    ilike(items.code, pattern),
    like(itemVersions.pinyinFull, compact),
    like(itemVersions.pinyinInitials, compact),
  );
}

/** An item's line in a list (search, an event's items): the version is the join's, the department the item's. */
export const itemSummaryColumns = {
  code: items.code,
  status: items.status,
  publishedVersion: items.publishedVersion,
  name: itemVersions.name,
  nameEn: itemVersions.nameEn,
  kind: itemVersions.kind,
  statutoryDays: itemVersions.statutoryDays,
  promisedDays: itemVersions.promisedDays,
  onlineAllowed: itemVersions.onlineAllowed,
  feeCents: itemVersions.feeCents,
  departmentCode: departments.code,
  departmentName: departments.name,
};

async function page(db: Db, where: SQL | undefined, versionJoin: SQL, f: SearchFilter, extra: Record<string, SQL> = {}) {
  const base = () => db
    .select({ ...itemSummaryColumns, ...extra })
    .from(items)
    .innerJoin(itemVersions, versionJoin)
    .innerJoin(departments, eq(departments.id, items.departmentId))
    .where(where);
  const [rows, [count]] = await Promise.all([
    base().orderBy(asc(departments.code), asc(items.code)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(items).innerJoin(itemVersions, versionJoin)
      .innerJoin(departments, eq(departments.id, items.departmentId)).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** Published items of a center, matched on name, code, full pinyin or initials. */
export function searchPublished(db: Db, centerId: number, f: SearchFilter) {
  const where = and(
    eq(items.centerId, centerId),
    eq(items.status, 'published'),
    textMatch(f.q),
    f.department ? eq(departments.code, f.department) : undefined,
    f.kind ? eq(itemVersions.kind, f.kind as 'immediate') : undefined,
  );
  const join = and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.publishedVersion))!;
  return page(db, where, join, f);
}

/** Every item of a center, shown by its newest version (a draft when one exists). */
export function searchAll(db: Db, centerId: number, f: SearchFilter) {
  const where = and(
    eq(items.centerId, centerId),
    textMatch(f.q),
    f.department ? eq(departments.code, f.department) : undefined,
    f.kind ? eq(itemVersions.kind, f.kind as 'immediate') : undefined,
    f.status ? eq(items.status, f.status as 'draft') : undefined,
  );
  const join = and(
    eq(itemVersions.itemId, items.id),
    sql`${itemVersions.version} = (select max(v2.version) from item_versions v2 where v2.item_id = ${items.id})`,
  )!;
  return page(db, where, join, f, { versionStatus: sql<string>`${itemVersions.status}` });
}

export async function findItem(db: Db, centerId: number, code: string) {
  const rows = await db
    .select({ item: items, departmentCode: departments.code, departmentName: departments.name })
    .from(items)
    .innerJoin(departments, eq(departments.id, items.departmentId))
    .where(and(eq(items.centerId, centerId), eq(items.code, code)))
    .limit(1);
  return rows[0];
}

/** Locks the item row so two publishers of one item take turns. */
export async function lockItem(db: Db, itemId: number): Promise<void> {
  await db.execute(sql`select id from items where id = ${itemId} for update`);
}

export function listVersions(db: Db, itemId: number) {
  return db.select().from(itemVersions).where(eq(itemVersions.itemId, itemId)).orderBy(desc(itemVersions.version));
}

export async function findVersion(db: Db, itemId: number, version: number) {
  const [row] = await db.select().from(itemVersions).where(and(eq(itemVersions.itemId, itemId), eq(itemVersions.version, version))).limit(1);
  return row;
}

export async function insertItem(db: Db, row: typeof items.$inferInsert) {
  const [created] = await db.insert(items).values(row).returning();
  return created!;
}

export async function updateItem(db: Db, id: number, patch: Partial<typeof items.$inferInsert>): Promise<void> {
  await db.update(items).set(patch).where(eq(items.id, id));
}

export async function insertVersion(db: Db, row: NewItemVersion): Promise<void> {
  await db.insert(itemVersions).values(row);
}

export async function updateVersion(db: Db, id: number, patch: Partial<NewItemVersion>): Promise<void> {
  await db.update(itemVersions).set(patch).where(eq(itemVersions.id, id));
}

const publishedByCode = preparedPerDb((db) => db
  .select({ version: itemVersions, itemCode: items.code, departmentId: items.departmentId })
  .from(items)
  .innerJoin(itemVersions, and(eq(itemVersions.itemId, items.id), eq(itemVersions.version, items.publishedVersion)))
  .where(and(eq(items.centerId, sql.placeholder('centerId')), eq(items.code, sql.placeholder('code')), eq(items.status, 'published')))
  .limit(1)
  .prepare('item_published_by_code'));

/** The version an intake is taken under: the published one, in one prepared query (intake is the hot path). */
export async function findPublishedVersion(db: Db, centerId: number, code: string) {
  const [row] = await publishedByCode(db).execute({ centerId, code });
  return row;
}
