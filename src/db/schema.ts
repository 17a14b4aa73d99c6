import {
  pgTable, serial, integer, text, boolean, timestamp, jsonb, uniqueIndex, index, date, primaryKey,
} from 'drizzle-orm/pg-core';
import type { ItemKind, JointStage, Material } from '../domain/catalog.js';

/** A service center: city → county center → township station → village room. */
export const centers = pgTable('centers', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  level: text('level', { enum: ['city', 'county', 'township', 'village'] }).notNull(),
  parentId: integer('parent_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const departments = pgTable('departments', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  status: text('status', { enum: ['active', 'retired'] }).notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('departments_center_code').on(t.centerId, t.code)]);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'desk', 'approver', 'supervisor', 'leader'] }).notNull(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  departmentId: integer('department_id').references(() => departments.id),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie value: a leaked table does not give working cookies. */
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  clientAddress: text('client_address').notNull().default(''),
}, (t) => [index('sessions_user').on(t.userId)]);

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

/** Local changes to the national calendar: closures, or next year's calendar before the library has it. */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  working: boolean('working').notNull(),
  reason: text('reason').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
});

/** Years an administrator has declared complete (the State Council's schedule entered as overrides). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  announced: boolean('announced').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/** Who changed what in the catalog, calendar, settings and accounts (cases have their own chained events). */
export const adminLog = pgTable('admin_log', {
  id: serial('id').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  userId: integer('user_id'),
  action: text('action').notNull(),
  target: text('target').notNull(),
  detail: jsonb('detail'),
  clientAddress: text('client_address').notNull().default(''),
});

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  failures: integer('failures').notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.key] })]);
