import { sql } from 'drizzle-orm';
import { pgTable, serial, integer, text, boolean, timestamp, jsonb, uniqueIndex, index, date, primaryKey } from 'drizzle-orm/pg-core';
import type { ItemKind } from '../../domain/catalog.js';

// ─── The case engine ────────────────────────────────────────────────────────────────────────

export interface CaseMaterial {
  code: string;
  name: string;
  required: boolean;
  provided: boolean;
  note?: string;
}

export interface CaseAgent {
  name: string;
  idNumber: string;
  phone: string;
  relation: string;
}

/** How the applicant authorized the proxy: a signed 委托书 printed from the platform, or an SMS code they read back. */
export interface CaseProxyAuthorization {
  kind: 'paper' | 'sms';
  confirmationId?: number;
}

/** The open interruption of the clock: a special procedure (特别程序), a supplement (补正) or a report up (上报). */
export interface CasePause {
  kind: string;
  reason: string;
  expectedDays?: number;
  /** Local date the clock stopped. */
  since: string;
  /** Status to go back to when the interruption ends. */
  resumeStatus: string;
}

/** Per-day case-number counters: the number is taken in its own short statement so intakes never queue on it. */
export const caseCounters = pgTable('case_counters', {
  centerId: integer('center_id').notNull(),
  day: text('day').notNull(),
  last: integer('last').notNull(),
}, (t) => [primaryKey({ columns: [t.centerId, t.day] })]);

/**
 * No foreign keys on the case tables, on purpose: every intake would otherwise take KEY SHARE locks
 * on the same center, department, item-version and user rows, which under the morning rush costs
 * more than the inserts themselves (docs/decisions.md). The referenced rows are never deleted
 * (departments and items are retired, users disabled), cases and their events and tasks are
 * written together in one statement, and `npm run audit:verify` checks events against cases.
 */
export const cases = pgTable('cases', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull(),
  caseNo: text('case_no').notNull(),
  itemVersionId: integer('item_version_id').notNull(),
  itemCode: text('item_code').notNull(),
  itemName: text('item_name').notNull(),
  kind: text('kind').$type<ItemKind>().notNull(),
  departmentId: integer('department_id').notNull(),
  status: text('status').notNull(),
  /** Optimistic concurrency: every change bumps it; an action names the version it saw. */
  version: integer('version').notNull().default(1),
  applicantKind: text('applicant_kind', { enum: ['person', 'organization'] }).notNull(),
  applicantName: text('applicant_name').notNull(),
  applicantIdNumber: text('applicant_id_number'),
  applicantCreditCode: text('applicant_credit_code'),
  applicantPhone: text('applicant_phone').notNull(),
  agent: jsonb('agent').$type<CaseAgent>(),
  channel: text('channel', { enum: ['window', 'online', 'township', 'village'] }).notNull(),
  /** 代办件: the township station or village room that took the case in, its township and the user. */
  proxyCenterId: integer('proxy_center_id'),
  proxyTownshipId: integer('proxy_township_id'),
  proxyBy: integer('proxy_by'),
  proxyAuthorization: jsonb('proxy_authorization').$type<CaseProxyAuthorization>(),
  urgent: boolean('urgent').notNull().default(false),
  materials: jsonb('materials').$type<CaseMaterial[]>().notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  receivedBy: integer('received_by'),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  acceptedDate: date('accepted_date', { mode: 'string' }),
  promisedDays: integer('promised_days').notNull(),
  /** Working days the clock stood still in closed interruptions. */
  pausedDays: integer('paused_days').notNull().default(0),
  pause: jsonb('pause').$type<CasePause>(),
  /** Due date including closed interruptions; an open one extends it further while it lasts. */
  dueDate: date('due_date', { mode: 'string' }),
  dueProvisional: boolean('due_provisional').notNull().default(false),
  warningLevel: text('warning_level', { enum: ['none', 'normal', 'yellow', 'red'] }).notNull().default('none'),
  /** Date the warning level next changes (yellow date, then red date); null when red, paused or closed. */
  nextLevelDate: date('next_level_date', { mode: 'string' }),
  decision: text('decision', { enum: ['approved', 'refused', 'deemed'] }),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  completedDate: date('completed_date', { mode: 'string' }),
  timeliness: text('timeliness', { enum: ['early', 'on_time', 'late'] }),
  resultNo: text('result_no'),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  delivery: jsonb('delivery'),
  closedReason: text('closed_reason'),
  /** Secret in the SMS cancel link: lets the applicant cancel within 30 minutes without logging in. */
  cancelToken: text('cancel_token').notNull(),
  lastEventHash: text('last_event_hash').notNull().default(''),
  eventCount: integer('event_count').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
}, (t) => [
  // Leading with the number: it also serves the public progress query, which has no center.
  uniqueIndex('cases_no_center').on(t.caseNo, t.centerId),
  index('cases_dept_status_due').on(t.departmentId, t.status, t.dueDate),
  index('cases_received_by').on(t.receivedBy, t.receivedAt),
  // The applicant's own cases (portal) are found by phone. No index on the ID number: the only search
  // by it is the desk's free-text search, whose ilike terms read the center's rows anyway, and every
  // index here is paid again on each step of each case (a step changes indexed columns, so no HOT update).
  index('cases_phone').on(t.applicantPhone),
  // Cheap to maintain (rows are written roughly in updated_at order): the stats refresh reads what changed since its watermark.
  index('cases_updated_brin').using('brin', t.updatedAt),
  // Partial: only cases whose level can still change are in it, so the warning scan reads what is due.
  index('cases_next_level').on(t.nextLevelDate).where(sql`${t.nextLevelDate} is not null`),
  // Partial: only proxy cases pay for it. A station reads its township's, an agent its room's.
  index('cases_proxy_township').on(t.proxyTownshipId, t.receivedAt).where(sql`${t.proxyTownshipId} is not null`),
]);

/** One department's part of a joint case (联办), in one stage. */
export const caseTasks = pgTable('case_tasks', {
  id: serial('id').primaryKey(),
  caseId: integer('case_id').notNull(),
  stage: integer('stage').notNull(),
  stageName: text('stage_name').notNull(),
  departmentId: integer('department_id').notNull(),
  lead: boolean('lead').notNull(),
  limitDays: integer('limit_days').notNull(),
  status: text('status', { enum: ['waiting', 'active', 'passed', 'refused'] }).notNull(),
  startedDate: date('started_date', { mode: 'string' }),
  dueDate: date('due_date', { mode: 'string' }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  comment: text('comment'),
  warningLevel: text('warning_level', { enum: ['none', 'normal', 'yellow', 'red'] }).notNull().default('none'),
  /** As on cases: the date this task's level next changes, null when it cannot change. */
  nextLevelDate: date('next_level_date', { mode: 'string' }),
}, (t) => [
  index('case_tasks_case').on(t.caseId), index('case_tasks_dept_status').on(t.departmentId, t.status),
  index('case_tasks_next_level').on(t.nextLevelDate).where(sql`${t.nextLevelDate} is not null`),
]);

/**
 * Every step of every case (全程留痕). Rows are chained by hash per case and the database refuses
 * UPDATE, DELETE and TRUNCATE on this table (trigger in the migrations).
 */
export const caseEvents = pgTable('case_events', {
  caseId: integer('case_id').notNull(),
  seq: integer('seq').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorId: integer('actor_id'),
  actorName: text('actor_name').notNull(),
  role: text('role').notNull(),
  action: text('action').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  clientAddress: text('client_address').notNull(),
  comment: text('comment'),
  data: jsonb('data'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [primaryKey({ columns: [t.caseId, t.seq] })]);
