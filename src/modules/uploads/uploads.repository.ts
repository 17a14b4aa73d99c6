import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseFiles, cases, uploads } from '../../db/schema/index.js';

export type UploadRow = typeof uploads.$inferSelect;
export type CaseFileRow = typeof caseFiles.$inferSelect;

export async function insertUpload(db: Db, row: typeof uploads.$inferInsert): Promise<void> {
  await db.insert(uploads).values(row);
}

export async function findUpload(db: Db, id: string): Promise<UploadRow | undefined> {
  const [row] = await db.select().from(uploads).where(eq(uploads.id, id)).limit(1);
  return row;
}

export async function countUploadsSince(db: Db, applicantId: number, since: Date): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(uploads).where(and(eq(uploads.applicantId, applicantId), gt(uploads.createdAt, since)));
  return row?.n ?? 0;
}

export async function findOwnUploads(db: Db, applicantId: number, ids: string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(uploads).where(and(eq(uploads.applicantId, applicantId), inArray(uploads.id, ids)));
}

export async function listOwnUploads(db: Db, applicantId: number, limit: number): Promise<UploadRow[]> {
  return db.select().from(uploads).where(eq(uploads.applicantId, applicantId)).orderBy(desc(uploads.createdAt), desc(uploads.id)).limit(limit);
}

/** The cases a file was attached to, with the center each belongs to (for staff reach). */
export async function casesOfUpload(db: Db, uploadId: string) {
  return db.selectDistinct({ id: cases.id, caseNo: cases.caseNo, centerId: cases.centerId })
    .from(caseFiles).innerJoin(cases, eq(cases.id, caseFiles.caseId))
    .where(eq(caseFiles.uploadId, uploadId));
}

/** Every attachment of a case, oldest first, with the upload's metadata. */
export async function filesOfCase(db: Db, caseId: number) {
  return db.select({ link: caseFiles, upload: uploads })
    .from(caseFiles).innerJoin(uploads, eq(uploads.id, caseFiles.uploadId))
    .where(eq(caseFiles.caseId, caseId))
    .orderBy(asc(caseFiles.seq), asc(caseFiles.materialCode), asc(uploads.createdAt));
}

/** Where each of these uploads was used: upload id → material names and case numbers. */
export async function usesOfUploads(db: Db, uploadIds: string[]) {
  if (uploadIds.length === 0) return [];
  return db.selectDistinct({ uploadId: caseFiles.uploadId, materialName: caseFiles.materialName, caseNo: cases.caseNo })
    .from(caseFiles).innerJoin(cases, eq(cases.id, caseFiles.caseId))
    .where(inArray(caseFiles.uploadId, uploadIds));
}

/**
 * Deletes uploads made before `before` that no case uses, and answers their stored names. The
 * not-exists guard sits in the delete itself, so a file attached meanwhile is kept.
 */
export async function deleteUnattachedBefore(db: Db, before: Date, limit: number): Promise<{ id: string; storageName: string }[]> {
  const stale = db.select({ id: uploads.id }).from(uploads)
    .where(and(lt(uploads.createdAt, before), sql`not exists (select 1 from ${caseFiles} where ${caseFiles.uploadId} = ${uploads.id})`))
    .orderBy(asc(uploads.createdAt)).limit(limit);
  return db.delete(uploads)
    .where(and(inArray(uploads.id, stale), sql`not exists (select 1 from ${caseFiles} where ${caseFiles.uploadId} = ${uploads.id})`))
    .returning({ id: uploads.id, storageName: uploads.storageName });
}
