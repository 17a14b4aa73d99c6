import { pgTable, integer, text, boolean, timestamp, date } from 'drizzle-orm/pg-core';
import { users } from './users.js';

// ─── The working-day calendar ─────────────────────────────────────────────────────────────────

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
