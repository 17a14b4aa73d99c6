import { pgTable, serial, integer, text, timestamp, index } from 'drizzle-orm/pg-core';

/** Messages to send, written in the business transaction and sent by the outbox worker. */
export const outbox = pgTable('outbox', {
  id: serial('id').primaryKey(),
  channel: text('channel', { enum: ['sms'] }).notNull(),
  /** The gateway uses it to drop a duplicate when our first try's reply was lost. */
  dedupeKey: text('dedupe_key').notNull().unique(),
  caseId: integer('case_id'),
  recipient: text('recipient').notNull(),
  template: text('template').notNull(),
  body: text('body').notNull(),
  status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastError: text('last_error'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
}, (t) => [index('outbox_due').on(t.status, t.nextAttemptAt)]);
