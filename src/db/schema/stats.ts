import { pgTable, integer, text, boolean, timestamp, jsonb, date, bigint, primaryKey, index } from 'drizzle-orm/pg-core';

/**
 * Dashboard rollups (docs/dashboard.md). They are refreshed after the fact by src/jobs/stats-refresh.ts,
 * never inside a case step: a rollup row touched by every intake would be a hot row all intakes queue on.
 */

/** The refresh's bookkeeping: how far it has read `cases.updated_at` and which calendar the ordinals follow. */
export const statsState = pgTable('stats_state', {
  id: text('id').primaryKey(),
  /** Largest cases.updated_at already folded in; the next run re-reads a margin before it. */
  watermark: timestamp('watermark', { withTimezone: true }),
  calFrom: date('cal_from', { mode: 'string' }),
  calTo: date('cal_to', { mode: 'string' }),
  /** Fingerprint of the working days in [calFrom, calTo]; a calendar edit changes it and forces a rebuild. */
  calHash: text('cal_hash'),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
});

/** Working-day ordinals: used days of a case = ord(completed) − ord(accepted) − paused, in plain SQL. */
export const statsWorkdays = pgTable('stats_workdays', {
  day: date('day', { mode: 'string' }).primaryKey(),
  /** Number of working days on or before `day` since cal_from. */
  ord: integer('ord').notNull(),
});

/** One row per case with exactly what the figures need; the refresh diffs a changed case against it. */
export const statsCaseFacts = pgTable('stats_case_facts', {
  caseId: integer('case_id').primaryKey(),
  centerId: integer('center_id').notNull(),
  departmentId: integer('department_id').notNull(),
  itemCode: text('item_code').notNull(),
  receivedDay: date('received_day', { mode: 'string' }).notNull(),
  receivedHour: integer('received_hour').notNull(),
  acceptedDay: date('accepted_day', { mode: 'string' }),
  completedDay: date('completed_day', { mode: 'string' }),
  immediate: boolean('immediate').notNull(),
  timeliness: text('timeliness'),
  refused: boolean('refused').notNull(),
  usedDays: integer('used_days'),
}, (t) => [
  index('stats_facts_received').on(t.centerId, t.receivedDay, t.departmentId, t.itemCode),
  index('stats_facts_accepted').on(t.centerId, t.acceptedDay, t.departmentId, t.itemCode),
  index('stats_facts_completed').on(t.centerId, t.completedDay, t.departmentId, t.itemCode),
]);

/** The (center, day, department, item) a daily or hourly rollup row is about. */
const dayKey = () => ({
  centerId: integer('center_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  departmentId: integer('department_id').notNull(),
  itemCode: text('item_code').notNull(),
});

/**
 * The counts the daily and the monthly rollup both keep; a function because each table needs its own
 * column builders. usedHist is the exact histogram of the used working days of the cases completed
 * in the row's day or month: {"<days>": count}.
 */
const rollupCounts = () => ({
  received: integer('received').notNull().default(0),
  accepted: integer('accepted').notNull().default(0),
  completed: integer('completed').notNull().default(0),
  immediate: integer('immediate').notNull().default(0),
  early: integer('early').notNull().default(0),
  onTime: integer('on_time').notNull().default(0),
  late: integer('late').notNull().default(0),
  refused: integer('refused').notNull().default(0),
  usedSum: bigint('used_sum', { mode: 'number' }).notNull().default(0),
  usedHist: jsonb('used_hist').$type<Record<string, number>>().notNull().default({}),
});

/** Per (center, day, department, item): each count is attributed to its own day (received / accepted / completed). */
export const statsDaily = pgTable('stats_daily', {
  ...dayKey(),
  ...rollupCounts(),
}, (t) => [primaryKey({ columns: [t.centerId, t.day, t.departmentId, t.itemCode] })]);

/** Intake volume per (center, day, department, item, hour of day); the day of week follows from the day. */
export const statsHourly = pgTable('stats_hourly', {
  ...dayKey(),
  hour: integer('hour').notNull(),
  received: integer('received').notNull(),
}, (t) => [primaryKey({ columns: [t.centerId, t.day, t.departmentId, t.itemCode, t.hour] })]);

/**
 * The daily rollup summed per calendar month, so a long period reads a dozen rows per item instead
 * of hundreds; the partial months at either end of a period come from the daily rows.
 */
export const statsMonthly = pgTable('stats_monthly', {
  centerId: integer('center_id').notNull(),
  /** First day of the month. */
  month: date('month', { mode: 'string' }).notNull(),
  departmentId: integer('department_id').notNull(),
  itemCode: text('item_code').notNull(),
  ...rollupCounts(),
  /** Received per hour of day, index 1 = 00:00–00:59 … 24. */
  hours: integer('hours').array().notNull(),
  /** Received per ISO weekday, index 1 = Monday … 7 = Sunday. */
  weekdays: integer('weekdays').array().notNull(),
}, (t) => [primaryKey({ columns: [t.centerId, t.month, t.departmentId, t.itemCode] })]);
