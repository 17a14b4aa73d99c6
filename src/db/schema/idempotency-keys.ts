import { pgTable, integer, text, timestamp, jsonb, primaryKey } from 'drizzle-orm/pg-core';

/** A replayed request (same user, same key) gets the first answer instead of acting twice. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').notNull(),
  userId: integer('user_id').notNull(),
  requestHash: text('request_hash').notNull(),
  state: text('state', { enum: ['running', 'done'] }).notNull(),
  statusCode: integer('status_code'),
  response: jsonb('response'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.key] })]);
