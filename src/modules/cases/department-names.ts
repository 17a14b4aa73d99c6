import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { departments } from '../../db/schema/index.js';
import { namedCache } from '../../lib/cache.js';

export interface DepartmentRef {
  code: string;
  name: string;
}

// Department names on every case page and progress answer; a rename shows within the TTL.
const departmentNames = namedCache<number, DepartmentRef>({ name: 'cases.department-names', invalidatedBy: 'time', ttlMs: 30_000 });

export function findDepartmentRef(db: Db, id: number): DepartmentRef | undefined {
  return departmentNames.find(db, id);
}

export async function departmentRef(db: Db, id: number): Promise<DepartmentRef> {
  const hit = findDepartmentRef(db, id);
  if (hit) return hit;
  const row = await db.query.departments.findFirst({ where: eq(departments.id, id) });
  return departmentNames.set(db, id, { code: row?.code ?? '', name: row?.name ?? '' });
}
