import { sql } from 'drizzle-orm';
import { pgTable, serial, integer, text, timestamp, jsonb, index, uniqueIndex, date, primaryKey } from 'drizzle-orm/pg-core';
import { centers } from './centers.js';
import { items } from './catalog.js';
import { users } from './users.js';

// ─── The three-level network (县乡村三级便民服务) ──────────────────────────────────────────────

/**
 * Where a county item may be taken in away from the county hall (受办分离 / 通办): opened at a
 * township station or village room, and below it. An opening at the county itself opens the item
 * at every station and room of the county. No row: the item is taken in at the county hall only.
 */
export const networkItemOpenings = pgTable('network_item_openings', {
  itemId: integer('item_id').notNull().references(() => items.id),
  centerId: integer('center_id').notNull().references(() => centers.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by'),
}, (t) => [primaryKey({ columns: [t.itemId, t.centerId] })]);

/**
 * The villager's SMS confirmation of a proxy (委托): a six-digit code sent to their phone, read back
 * to the agent. Only its hash is kept. Used by one intake at most.
 */
export const proxyConfirmations = pgTable('proxy_confirmations', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull(),
  phone: text('phone').notNull(),
  itemCode: text('item_code').notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  caseId: integer('case_id'),
}, (t) => [index('proxy_confirmations_creator').on(t.createdBy, t.createdAt)]);

/**
 * A batch of papers carried from one place to another (交接): sent by one side, received by the
 * other. `token` is the secret in the transfer list's QR code the receiver scans.
 */
export const ledgerHandovers = pgTable('ledger_handovers', {
  id: serial('id').primaryKey(),
  batchNo: text('batch_no').notNull().unique(),
  fromCenterId: integer('from_center_id').notNull(),
  toCenterId: integer('to_center_id').notNull(),
  carrier: text('carrier').notNull(),
  note: text('note').notNull().default(''),
  status: text('status', { enum: ['sent', 'received'] }).notNull(),
  token: text('token').notNull().unique(),
  sentBy: integer('sent_by').notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  receivedBy: integer('received_by'),
  receivedAt: timestamp('received_at', { withTimezone: true }),
}, (t) => [
  index('ledger_handovers_to_status').on(t.toCenterId, t.status),
  index('ledger_handovers_from_sent').on(t.fromCenterId, t.sentAt),
]);

export interface LedgerReturnProof {
  kind: 'signature' | 'sms_code';
  /** The name the applicant signed with, or the masked phone the code went to. */
  by: string;
}

/**
 * One paper of a proxy case (台帐): a material collected from the applicant or a printed result
 * going back. It is held at one place at a time; in transit it belongs to its open handover.
 * `homeCenterId` is the village room or station the applicant came to, where a result goes back.
 */
export const ledgerEntries = pgTable('ledger_entries', {
  id: serial('id').primaryKey(),
  caseId: integer('case_id').notNull(),
  caseNo: text('case_no').notNull(),
  kind: text('kind', { enum: ['material', 'result'] }).notNull(),
  name: text('name').notNull(),
  copies: integer('copies').notNull().default(1),
  homeCenterId: integer('home_center_id').notNull(),
  holderCenterId: integer('holder_center_id').notNull(),
  state: text('state', { enum: ['held', 'in_transit', 'returned'] }).notNull(),
  handoverId: integer('handover_id'),
  /** Since when the current holder (or the carrier, in transit) has it: what "pending for how long" counts from. */
  heldSince: timestamp('held_since', { withTimezone: true }).notNull(),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  returnedAt: timestamp('returned_at', { withTimezone: true }),
  returnedBy: integer('returned_by'),
  returnProof: jsonb('return_proof').$type<LedgerReturnProof>(),
}, (t) => [
  index('ledger_entries_case').on(t.caseId),
  index('ledger_entries_holder_state').on(t.holderCenterId, t.state),
  index('ledger_entries_handover').on(t.handoverId).where(sql`${t.handoverId} is not null`),
]);

/** Which entries travelled in which handover: each row is one hop of one paper. */
export const ledgerHandoverEntries = pgTable('ledger_handover_entries', {
  handoverId: integer('handover_id').notNull().references(() => ledgerHandovers.id),
  entryId: integer('entry_id').notNull().references(() => ledgerEntries.id),
}, (t) => [primaryKey({ columns: [t.handoverId, t.entryId] }), index('ledger_handover_entries_entry').on(t.entryId)]);

/**
 * A village service day (驻村服务日): township staff at a village room on a date. Bookable through
 * the appointments of the village room's category (`categoryId`).
 */
export const serviceDays = pgTable('service_days', {
  id: serial('id').primaryKey(),
  townshipCenterId: integer('township_center_id').notNull().references(() => centers.id),
  villageCenterId: integer('village_center_id').notNull().references(() => centers.id),
  date: date('date', { mode: 'string' }).notNull(),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  staff: text('staff').notNull().default(''),
  note: text('note').notNull().default(''),
  categoryId: integer('category_id'),
  createdBy: integer('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('service_days_village_date').on(t.villageCenterId, t.date)]);
