import { pgTable, serial, integer, text, boolean, timestamp, jsonb, uniqueIndex, index, date } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

// ─── Evaluation (好差评) ─────────────────────────────────────────────────────────────────────

/**
 * One rating of one service through one channel. The service is the hall visit (a queue ticket)
 * or the case; a partial unique index per channel keeps it to one rating per service per channel.
 */
export const ratings = pgTable('ratings', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull(),
  channel: text('channel', { enum: ['pad', 'sms', 'online'] }).notNull(),
  /** 5 非常满意 … 1 非常不满意. */
  level: integer('level').notNull(),
  reasons: jsonb('reasons').$type<string[]>().notNull(),
  comment: text('comment').notNull().default(''),
  ticketId: integer('ticket_id'),
  ticketNo: text('ticket_no'),
  caseNo: text('case_no'),
  itemCode: text('item_code'),
  itemName: text('item_name'),
  departmentId: integer('department_id'),
  windowNumber: integer('window_number'),
  staffId: integer('staff_id'),
  staffName: text('staff_name'),
  /** Where the answer to a bad rating is sent. */
  mobile: text('mobile'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Set aside by the center as unfair (malicious or unrelated), with the reason; kept, not deleted. */
  setAsideAt: timestamp('set_aside_at', { withTimezone: true }),
  setAsideBy: integer('set_aside_by'),
  setAsideReason: text('set_aside_reason'),
}, (t) => [
  uniqueIndex('ratings_ticket_channel').on(t.ticketId, t.channel).where(sql`ticket_id is not null`),
  uniqueIndex('ratings_case_channel').on(t.caseNo, t.channel).where(sql`case_no is not null and ticket_id is null`),
  index('ratings_center_created').on(t.centerId, t.createdAt),
]);

/** The department's follow-up of a bad rating (差评整改): contact, put right, answer. */
export const ratingFollowups = pgTable('rating_followups', {
  id: serial('id').primaryKey(),
  ratingId: integer('rating_id').notNull().unique(),
  centerId: integer('center_id').notNull(),
  departmentId: integer('department_id'),
  status: text('status', { enum: ['open', 'contacted', 'answered', 'closed', 'set_aside'] }).notNull(),
  contactDueAt: timestamp('contact_due_at', { withTimezone: true }).notNull(),
  fixDueDate: date('fix_due_date', { mode: 'string' }).notNull(),
  contactedAt: timestamp('contacted_at', { withTimezone: true }),
  contactNote: text('contact_note'),
  actionNote: text('action_note'),
  answer: text('answer'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  answeredBy: integer('answered_by'),
  /** Secret in the answer SMS: the applicant says whether the answer satisfied them. */
  replyToken: text('reply_token').notNull().unique(),
  applicantSatisfied: boolean('applicant_satisfied'),
  applicantRepliedAt: timestamp('applicant_replied_at', { withTimezone: true }),
  history: jsonb('history').$type<{ at: string; by: string; what: string; note?: string }[]>().notNull(),
}, (t) => [index('rating_followups_status').on(t.centerId, t.status)]);
