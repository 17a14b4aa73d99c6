import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { centers } from '../../db/schema/index.js';

export function listCenters(db: Db) {
  return db.select().from(centers).orderBy(asc(centers.id));
}

export function findCenterByCode(db: Db, code: string) {
  return db.query.centers.findFirst({ where: eq(centers.code, code) });
}

export function findCenterById(db: Db, id: number) {
  return db.query.centers.findFirst({ where: eq(centers.id, id) });
}
