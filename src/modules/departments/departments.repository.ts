import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { departments } from '../../db/schema/index.js';

export function listDepartments(db: Db, centerId: number, onlyActive: boolean) {
  // Written out in full: inside a subquery Drizzle's unqualified column names would bind to the inner table.
  const itemCount = sql<number>`(select count(*)::int from items i where i.department_id = "departments"."id" and i.status = 'published')`;
  return db
    .select({
      id: departments.id, centerId: departments.centerId, code: departments.code, name: departments.name,
      nameEn: departments.nameEn, status: departments.status, itemCount,
    })
    .from(departments)
    .where(onlyActive ? and(eq(departments.centerId, centerId), eq(departments.status, 'active')) : eq(departments.centerId, centerId))
    .orderBy(asc(departments.code));
}

export function findDepartment(db: Db, centerId: number, code: string) {
  return db.query.departments.findFirst({ where: and(eq(departments.centerId, centerId), eq(departments.code, code)) });
}

export async function insertDepartment(db: Db, row: typeof departments.$inferInsert) {
  const [created] = await db.insert(departments).values(row).returning();
  return created!;
}

export async function updateDepartment(db: Db, id: number, patch: Partial<typeof departments.$inferInsert>) {
  const [updated] = await db.update(departments).set(patch).where(eq(departments.id, id)).returning();
  return updated!;
}
