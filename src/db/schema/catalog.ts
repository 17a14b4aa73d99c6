import { pgTable, serial, integer, text, boolean, timestamp, jsonb, uniqueIndex, index } from 'drizzle-orm/pg-core';
import type { ItemKind, JointStage, Material } from '../../domain/catalog.js';
import { centers, departments } from './centers.js';
import { users } from './users.js';

// ─── The catalog of service items (事项) and their published versions ─────────────────────────

/** The identity of a service item; its content lives in versions. */
export const items = pgTable('items', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  code: text('code').notNull(),
  departmentId: integer('department_id').notNull().references(() => departments.id),
  status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull().default('draft'),
  publishedVersion: integer('published_version'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('items_center_code').on(t.centerId, t.code)]);

/**
 * One version of an item's published rules. Published versions are never edited: a policy change
 * is a new version, and a case keeps the version it was accepted under.
 */
export const itemVersions = pgTable('item_versions', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id').notNull().references(() => items.id),
  version: integer('version').notNull(),
  status: text('status', { enum: ['draft', 'published', 'superseded'] }).notNull(),
  name: text('name').notNull(),
  /** The name shown in English mode; empty = show the Chinese name. */
  nameEn: text('name_en').notNull().default(''),
  kind: text('kind').$type<ItemKind>().notNull(),
  category: text('category').notNull(),
  legalBasis: text('legal_basis').notNull(),
  conditions: text('conditions').notNull(),
  procedure: jsonb('procedure').$type<string[]>().notNull(),
  statutoryDays: integer('statutory_days').notNull(),
  promisedDays: integer('promised_days').notNull(),
  feeBasis: text('fee_basis').notNull(),
  feeStandard: text('fee_standard').notNull(),
  feeCents: integer('fee_cents').notNull(),
  resultType: text('result_type').notNull(),
  resultName: text('result_name').notNull(),
  location: text('location').notNull(),
  phone: text('phone').notNull(),
  onlineAllowed: boolean('online_allowed').notNull(),
  deemedApproval: boolean('deemed_approval').notNull(),
  stages: jsonb('stages').$type<JointStage[]>().notNull(),
  materials: jsonb('materials').$type<Material[]>().notNull(),
  events: jsonb('events').$type<string[]>().notNull(),
  /** Search keys: full pinyin without spaces and the initials, derived from the name at save time. */
  pinyinFull: text('pinyin_full').notNull(),
  pinyinInitials: text('pinyin_initials').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedBy: integer('published_by').references(() => users.id),
}, (t) => [
  uniqueIndex('item_versions_item_version').on(t.itemId, t.version),
  index('item_versions_status').on(t.status),
]);
