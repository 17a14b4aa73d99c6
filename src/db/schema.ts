import { sql } from 'drizzle-orm';
import {
  pgTable, serial, integer, text, boolean, timestamp, jsonb, uniqueIndex, index, date, primaryKey,
} from 'drizzle-orm/pg-core';
import type { ItemKind, JointStage, Material } from '../domain/catalog.js';

/** A service center: city → county center → township station → village room. */
export const centers = pgTable('centers', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  level: text('level', { enum: ['city', 'county', 'township', 'village'] }).notNull(),
  parentId: integer('parent_id'),
  /** IANA zone every date and time of this center is shown, printed, exported and cut into days in. */
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const departments = pgTable('departments', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  status: text('status', { enum: ['active', 'retired'] }).notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('departments_center_code').on(t.centerId, t.code)]);

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'desk', 'approver', 'supervisor', 'leader'] }).notNull(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  departmentId: integer('department_id').references(() => departments.id),
  disabled: boolean('disabled').notNull().default(false),
  /**
   * Set when an administrator chose the password (new account, reset): somebody else has read it, so
   * the server refuses every other request until the user has changed it. Cleared by that change.
   */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  /** SHA-256 of the cookie value: a leaked table does not give working cookies. */
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  clientAddress: text('client_address').notNull().default(''),
}, (t) => [index('sessions_user').on(t.userId)]);

/** The identity of a service item; its content lives in versions. */
export const items = pgTable('items', {
  id: serial('id').primaryKey(),
  centerId: integer('center_id').notNull().references(() => centers.id),
  code: text('code').notNull(),
  departmentId: integer('department_id').notNull().references(() => departments.id),
  status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull().default('draft'),
  publishedVersion: integer('published_version'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('items_center_code').on(t.centerId, t.code)]);

/**
 * One version of an item's published rules. Published versions are never edited: a policy change
 * is a new version, and a case keeps the version it was accepted under.
 */
export const itemVersions = pgTable('item_versions', {
  id: serial('id').primaryKey(),
  itemId: integer('item_id').notNull().references(() => items.id),
  version: integer('version').notNull(),
  status: text('status', { enum: ['draft', 'published', 'superseded'] }).notNull(),
  name: text('name').notNull(),
  /** The name shown in English mode; empty = show the Chinese name. */
  nameEn: text('name_en').notNull().default(''),
  kind: text('kind').$type<ItemKind>().notNull(),
  category: text('category').notNull(),
  legalBasis: text('legal_basis').notNull(),
  conditions: text('conditions').notNull(),
  procedure: jsonb('procedure').$type<string[]>().notNull(),
  statutoryDays: integer('statutory_days').notNull(),
  promisedDays: integer('promised_days').notNull(),
  feeBasis: text('fee_basis').notNull(),
  feeStandard: text('fee_standard').notNull(),
  feeCents: integer('fee_cents').notNull(),
  resultType: text('result_type').notNull(),
  resultName: text('result_name').notNull(),
  location: text('location').notNull(),
  phone: text('phone').notNull(),
  onlineAllowed: boolean('online_allowed').notNull(),
  deemedApproval: boolean('deemed_approval').notNull(),
  stages: jsonb('stages').$type<JointStage[]>().notNull(),
  materials: jsonb('materials').$type<Material[]>().notNull(),
  events: jsonb('events').$type<string[]>().notNull(),
  /** Search keys: full pinyin without spaces and the initials, derived from the name at save time. */
  pinyinFull: text('pinyin_full').notNull(),
  pinyinInitials: text('pinyin_initials').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: integer('created_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedBy: integer('published_by').references(() => users.id),
}, (t) => [
  uniqueIndex('item_versions_item_version').on(t.itemId, t.version),
  index('item_versions_status').on(t.status),
]);

/** Local changes to the national calendar: closures, or next year's calendar before the library has it. */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  working: boolean('working').notNull(),
  reason: text('reason').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
});

/** Years an administrator has declared complete (the State Council's schedule entered as overrides). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  announced: boolean('announced').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
});

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/** Who changed what in the catalog, calendar, settings and accounts (cases have their own chained events). */
export const adminLog = pgTable('admin_log', {
  id: serial('id').primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  userId: integer('user_id'),
  action: text('action').notNull(),
  target: text('target').notNull(),
  detail: jsonb('detail'),
  clientAddress: text('client_address').notNull().default(''),
});

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  failures: integer('failures').notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.key] })]);

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

export const idempotencyKeys = pgTable('idempotency_keys', {
  key: text('key').notNull(),
  userId: integer('user_id').notNull(),
  requestHash: text('request_hash').notNull(),
  state: text('state', { enum: ['running', 'done'] }).notNull(),
  statusCode: integer('status_code'),
  response: jsonb('response'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.key] })]);

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

export * from './schema-appointments.js';
export * from './schema-applicants.js';
export * from './schema-queue.js';
export * from './schema-ratings.js';
export * from './schema-complaints.js';
export * from './schema-supervision.js';
export * from './schema-oversight.js';
export * from './schema-events.js';
export * from './schema-catalog-files.js';
export * from './schema-stats.js';
