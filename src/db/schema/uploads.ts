import { pgTable, integer, text, timestamp, index, primaryKey } from 'drizzle-orm/pg-core';
import { applicants } from './applicants.js';

// ─── Applicants' uploaded files and the case materials they serve as ─────────────────────────

/**
 * A file an applicant uploaded. The bytes are in the upload folder under `storageName` (random);
 * the name the applicant's device gave is only kept, cleaned, as `originalName`.
 */
export const uploads = pgTable('uploads', {
  /** Public handle (random, unguessable) used in URLs and application bodies. */
  id: text('id').primaryKey(),
  applicantId: integer('applicant_id').notNull().references(() => applicants.id),
  storageName: text('storage_name').notNull().unique(),
  originalName: text('original_name').notNull(),
  /** Detected from the content's signature, never taken from the request. */
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  /** The material the applicant meant it for, as a hint for reuse (材料共用). */
  materialCode: text('material_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [index('uploads_applicant').on(t.applicantId, t.createdAt)]);

/**
 * Which upload serves as which material of a case, attached by event `seq` of the case (the
 * submission or resubmission). Written in the same statement as that event; the newest `seq` of a
 * material is its current set, older ones stay readable as history.
 */
export const caseFiles = pgTable('case_files', {
  caseId: integer('case_id').notNull(),
  seq: integer('seq').notNull(),
  materialCode: text('material_code').notNull(),
  materialName: text('material_name').notNull(),
  uploadId: text('upload_id').notNull().references(() => uploads.id),
}, (t) => [
  primaryKey({ columns: [t.caseId, t.seq, t.materialCode, t.uploadId] }),
  index('case_files_upload').on(t.uploadId),
]);
