import { pgTable, serial, integer, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// ─── Centers and their departments ───────────────────────────────────────────────────────────

/** A service center: city → county center → township station → village room. */
export const centers = pgTable('centers', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  level: text('level', { enum: ['city', 'county', 'township', 'village'] }).notNull(),
  parentId: integer('parent_id'),
  /** IANA zone every date and time of this center is shown, printed, exported and cut into days in. */
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
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
