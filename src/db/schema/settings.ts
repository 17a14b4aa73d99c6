import { pgTable, text, jsonb } from 'drizzle-orm/pg-core';

/** Adjustable rules and choices (warning days, complaint deadlines, the home center, …), one JSON value per key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});
