import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { users } from '../../db/schema/index.js';

/** Active station staff and village agents of the given places: the names a handbook lists. */
export function networkStaff(db: Db, centerIds: number[]) {
  if (centerIds.length === 0) return Promise.resolve([]);
  return db.select({ centerId: users.centerId, role: users.role, displayName: users.displayName }).from(users)
    .where(and(inArray(users.centerId, centerIds), inArray(users.role, ['station', 'agent']), eq(users.disabled, false)))
    .orderBy(asc(users.id));
}
