import { pgTable, serial, integer, text, timestamp, jsonb } from 'drizzle-orm/pg-core';

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
