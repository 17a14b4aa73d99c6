import { pgTable, serial, integer, text, boolean, timestamp, jsonb, index, date } from 'drizzle-orm/pg-core';
import { COMPLAINT_ABOUT } from '../../domain/complaint-rules.js';

// ─── Consultations and complaints (咨询投诉) ────────────────────────────────────────────────────

export interface ComplaintHistoryEntry {
  at: string;
  by: string;
  what: string;
  note?: string;
}

/**
 * One consultation or complaint. It is answered in the form it came in (an oral one gets a recorded
 * oral reply, a written one a written reply), within a deadline in working days, and kept whole:
 * every step is appended to `history`.
 */
export const complaints = pgTable('complaints', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull(),
  /** Public reference (查询码) printed or sent to the complainant. */
  code: text('code').notNull().unique(),
  kind: text('kind', { enum: ['complaint', 'consultation'] }).notNull(),
  channel: text('channel', { enum: ['in_person', 'phone', 'letter', 'online'] }).notNull(),
  replyForm: text('reply_form', { enum: ['oral', 'written'] }).notNull(),
  about: text('about', { enum: COMPLAINT_ABOUT }).notNull(),
  caseNo: text('case_no'),
  windowNumber: integer('window_number'),
  staffName: text('staff_name'),
  departmentId: integer('department_id'),
  anonymous: boolean('anonymous').notNull().default(false),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  contactAddress: text('contact_address'),
  subject: text('subject').notNull(),
  content: text('content').notNull(),
  status: text('status', { enum: ['registered', 'assigned', 'answered', 'closed'] }).notNull(),
  handlerId: integer('handler_id'),
  handlerName: text('handler_name'),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  reply: text('reply'),
  repliedAt: timestamp('replied_at', { withTimezone: true }),
  repliedBy: text('replied_by'),
  satisfied: boolean('satisfied'),
  feedbackAt: timestamp('feedback_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by'),
  history: jsonb('history').$type<ComplaintHistoryEntry[]>().notNull(),
}, (t) => [index('complaints_center_status').on(t.centerId, t.status, t.dueDate)]);
