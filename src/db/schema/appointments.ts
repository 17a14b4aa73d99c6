import { sql } from 'drizzle-orm';
import {
  pgTable, serial, integer, text, boolean, timestamp, jsonb, uniqueIndex, index, date, check,
} from 'drizzle-orm/pg-core';
import { centers, departments } from './centers.js';
import { users } from './users.js';

// ─── Appointments (预约) ─────────────────────────────────────────────────────────────────────

export interface SlotPeriod {
  /** Local time HH:MM (China Standard Time). */
  start: string;
  end: string;
  capacity: number;
}

/** What "generate" lays out on every working day. */
export interface SlotTemplate {
  periods: SlotPeriod[];
}

/** A service category applicants book for (商事登记, 社保医保 …), served by a department or a list of items. */
export const appointmentCategories = pgTable('appointment_categories', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  description: text('description').notNull().default(''),
  departmentId: integer('department_id').references(() => departments.id),
  /** Item codes of the center this category serves; empty = any item of the department. */
  itemCodes: jsonb('item_codes').$type<string[]>().notNull(),
  template: jsonb('template').$type<SlotTemplate>().notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('appointment_categories_center_code').on(t.centerId, t.code)]);

/**
 * One bookable period of one category on one working day. `booked` is the number of active bookings,
 * kept by the same transactions that book, move and cancel: a booking takes a seat with
 * `update … set booked = booked + 1 where booked < capacity`, so the row lock decides who gets the
 * last seat and the check constraint makes an overbooked slot impossible even for a buggy writer.
 * A period an administrator removes is closed, not deleted, so that generation does not lay it out again.
 */
export const appointmentSlots = pgTable('appointment_slots', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  categoryId: integer('category_id').notNull().references(() => appointmentCategories.id),
  date: date('date', { mode: 'string' }).notNull(),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  capacity: integer('capacity').notNull(),
  booked: integer('booked').notNull().default(0),
  closed: boolean('closed').notNull().default(false),
}, (t) => [
  uniqueIndex('appointment_slots_category_date_start').on(t.categoryId, t.date, t.startTime),
  check('appointment_slots_booked_within_capacity', sql`${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
]);

/** A booking. Identified by the applicant with its code and the mobile number it was made with. */
export const appointments = pgTable('appointments', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  categoryId: integer('category_id').notNull().references(() => appointmentCategories.id),
  slotId: integer('slot_id').notNull().references(() => appointmentSlots.id),
  /** The slot's date, copied so that "one active booking per mobile, category and day" is a unique index. */
  date: date('date', { mode: 'string' }).notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  itemCode: text('item_code'),
  name: text('name').notNull(),
  mobile: text('mobile').notNull(),
  idNumber: text('id_number'),
  status: text('status', { enum: ['booked', 'checked_in', 'cancelled'] }).notNull(),
  changes: integer('changes').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  /** When the day-before reminder was queued for the current date; cleared when the booking moves. */
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
  checkedInBy: integer('checked_in_by').references(() => users.id),
  checkInChannel: text('check_in_channel', { enum: ['desk', 'kiosk'] }),
  /** The case the visit led to, linked by the desk (no foreign key: see the case tables). */
  caseId: integer('case_id'),
}, (t) => [
  uniqueIndex('appointments_one_active_per_day').on(t.categoryId, t.date, t.mobile).where(sql`${t.status} <> 'cancelled'`),
  index('appointments_date_status').on(t.date, t.status),
  index('appointments_slot').on(t.slotId),
]);
