import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { centers } from './centers.js';
import { users } from './users.js';

// ─── Blank forms and samples of an item's materials (空白表格 / 示例样表) ───────────────────────

/**
 * A file an administrator published for one material of an item. Keyed by item and material code,
 * not by item version, so a new version of the guide keeps its forms. Stored like applicants'
 * uploads: random names in UPLOAD_DIR, the kind detected from the content.
 */
export const catalogFiles = pgTable('catalog_files', {
  /** Public handle (random, URL-safe). */
  id: text('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  itemCode: text('item_code').notNull(),
  materialCode: text('material_code').notNull(),
  purpose: text('purpose', { enum: ['blank', 'sample'] }).notNull(),
  storageName: text('storage_name').notNull().unique(),
  originalName: text('original_name').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by').notNull().references(() => users.id),
}, (t) => [index('catalog_files_item').on(t.centerId, t.itemCode)]);
