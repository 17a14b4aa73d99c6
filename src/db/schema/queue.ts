import {
  pgTable, serial, integer, text, boolean, timestamp, jsonb, uniqueIndex, index, date, primaryKey,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { centers } from './centers.js';

// ─── The hall's queue (叫号) ────────────────────────────────────────────────────────────────

/** A ticket category (by service area): its letter prefixes the ticket number (A012). */
export const queueCategories = pgTable('queue_categories', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  /** One or two upper-case letters; the ticket number's prefix. */
  prefix: text('prefix').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  /** Used for the estimated wait until real service times exist for the day. */
  avgServiceMinutes: integer('avg_service_minutes').notNull().default(10),
  /** Appointment category whose checked-in holders are called first here (预约优先). */
  appointmentCategory: text('appointment_category'),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
}, (t) => [uniqueIndex('queue_categories_center_prefix').on(t.centerId, t.prefix)]);

/** A window of the hall; it serves one or more categories. */
export const hallWindows = pgTable('hall_windows', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  number: integer('number').notNull(),
  name: text('name').notNull(),
  categoryIds: jsonb('category_ids').$type<number[]>().notNull(),
  active: boolean('active').notNull().default(true),
  /** Staff member now at the window (set when they open its panel). */
  staffId: integer('staff_id'),
  staffName: text('staff_name'),
}, (t) => [uniqueIndex('hall_windows_center_number').on(t.centerId, t.number)]);

/** Per category and day, the last number given: the next ticket takes last + 1 in one upsert. */
export const queueCounters = pgTable('queue_counters', {
  categoryId: integer('category_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  last: integer('last').notNull(),
}, (t) => [primaryKey({ columns: [t.categoryId, t.day] })]);

export const TICKET_STATUSES = ['waiting', 'called', 'serving', 'done', 'absent', 'cancelled'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const queueTickets = pgTable('queue_tickets', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull(),
  categoryId: integer('category_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  number: integer('number').notNull(),
  ticketNo: text('ticket_no').notNull(),
  /** Secret in the ticket's QR code: follows the ticket on a phone without an account. */
  token: text('token').notNull().unique(),
  status: text('status').$type<TicketStatus>().notNull(),
  /** 1 for a checked-in appointment: called ahead of walk-in tickets. */
  priority: integer('priority').notNull().default(0),
  appointmentCode: text('appointment_code'),
  source: text('source', { enum: ['kiosk', 'desk'] }).notNull(),
  mobile: text('mobile'),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  /** Only this window may call it (after a transfer to a window). */
  targetWindowId: integer('target_window_id'),
  windowId: integer('window_id'),
  staffId: integer('staff_id'),
  staffName: text('staff_name'),
  calledAt: timestamp('called_at', { withTimezone: true }),
  callCount: integer('call_count').notNull().default(0),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  transfers: integer('transfers').notNull().default(0),
  caseNo: text('case_no'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  // By number as shown: a ticket transferred to another category keeps its number (B001 waiting in C).
  uniqueIndex('queue_tickets_center_day_no').on(t.centerId, t.day, t.ticketNo),
  // Calling next reads only the waiting tickets of today.
  index('queue_tickets_waiting').on(t.centerId, t.day, t.priority, t.issuedAt).where(sql`status = 'waiting'`),
  index('queue_tickets_center_day').on(t.centerId, t.day),
]);

/** Every call and recall, in order: the display board's feed (its id is the live stream's event id). */
export const queueCalls = pgTable('queue_calls', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull(),
  ticketId: integer('ticket_id').notNull(),
  ticketNo: text('ticket_no').notNull(),
  windowId: integer('window_id').notNull(),
  windowNumber: integer('window_number').notNull(),
  kind: text('kind', { enum: ['call', 'recall'] }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('queue_calls_center').on(t.centerId, t.id)]);
