import {
  pgTable, serial, integer, text, timestamp, date, index, jsonb,
} from 'drizzle-orm/pg-core';
import { centers, departments } from './centers.js';
import { users } from './users.js';

// ─── Supervision (督办), irregularity reviews ──────────────────────────────────────────────────

/**
 * A supervision notice (督办) to a department, optionally about one case. The row carries the current
 * status for listing; every change of it is also a row in `supervision_notice_events` written in the
 * same transaction, and answers are rows of their own, so nothing said is ever overwritten.
 */
export const supervisionNotices = pgTable('supervision_notices', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  caseId: integer('case_id'),
  departmentId: integer('department_id').notNull().references(() => departments.id),
  issuedBy: integer('issued_by').notNull().references(() => users.id),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  deadline: date('deadline', { mode: 'string' }).notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  status: text('status', { enum: ['open', 'answered', 'escalated', 'closed'] }).notNull(),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: integer('closed_by').references(() => users.id),
}, (t) => [
  index('supervision_notices_dept').on(t.departmentId, t.issuedAt),
  index('supervision_notices_status_deadline').on(t.status, t.deadline),
  index('supervision_notices_case').on(t.caseId),
]);

/** A department's answer to a notice. Never edited: a corrected answer is another row. */
export const supervisionAnswers = pgTable('supervision_answers', {
  id: serial('id').primaryKey(),
  noticeId: integer('notice_id').notNull().references(() => supervisionNotices.id),
  answeredBy: integer('answered_by').notNull().references(() => users.id),
  answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  body: text('body').notNull(),
}, (t) => [index('supervision_answers_notice').on(t.noticeId)]);

/** The history of a notice: issued, answered, escalated, closed (one row per change, append only). */
export const supervisionNoticeEvents = pgTable('supervision_notice_events', {
  id: serial('id').primaryKey(),
  noticeId: integer('notice_id').notNull().references(() => supervisionNotices.id),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorId: integer('actor_id'),
  action: text('action', { enum: ['issued', 'answered', 'escalated', 'closed'] }).notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  note: text('note'),
}, (t) => [index('supervision_notice_events_notice').on(t.noticeId)]);

/**
 * A person's review of a computed finding (an irregularity or an intermediary signal). Findings are
 * computed from the record on each request, so a review is keyed by the finding's stable key
 * (e.g. `after-hours:12:3` = case 12, event 3). Append only: the newest review of a key counts.
 */
export const supervisionReviews = pgTable('supervision_reviews', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  findingKey: text('finding_key').notNull(),
  kind: text('kind').notNull(),
  caseId: integer('case_id'),
  reviewedBy: integer('reviewed_by').notNull().references(() => users.id),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull(),
  note: text('note').notNull(),
  detail: jsonb('detail'),
}, (t) => [index('supervision_reviews_key').on(t.centerId, t.findingKey)]);
