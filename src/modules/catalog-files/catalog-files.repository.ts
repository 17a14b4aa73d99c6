import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { catalogFiles } from '../../db/schema/index.js';

export type CatalogFileRow = typeof catalogFiles.$inferSelect;

export async function insertCatalogFile(db: Db, row: typeof catalogFiles.$inferInsert): Promise<void> {
  await db.insert(catalogFiles).values(row);
}

export async function findCatalogFile(db: Db, id: string): Promise<CatalogFileRow | undefined> {
  const [row] = await db.select().from(catalogFiles).where(eq(catalogFiles.id, id)).limit(1);
  return row;
}

export function listItemFiles(db: Db, centerId: number, itemCode: string): Promise<CatalogFileRow[]> {
  return db.select().from(catalogFiles)
    .where(and(eq(catalogFiles.centerId, centerId), eq(catalogFiles.itemCode, itemCode)))
    .orderBy(asc(catalogFiles.materialCode), asc(catalogFiles.purpose), asc(catalogFiles.createdAt));
}

/** The file a material has for one purpose (blank or sample), locked: a new upload replaces it. */
export async function findSlotFileForUpdate(db: Db, centerId: number, itemCode: string, materialCode: string, purpose: 'blank' | 'sample') {
  const [row] = await db.select().from(catalogFiles)
    .where(and(eq(catalogFiles.centerId, centerId), eq(catalogFiles.itemCode, itemCode), eq(catalogFiles.materialCode, materialCode), eq(catalogFiles.purpose, purpose)))
    .limit(1).for('update');
  return row;
}

export async function deleteCatalogFile(db: Db, id: string): Promise<void> {
  await db.delete(catalogFiles).where(eq(catalogFiles.id, id));
}
