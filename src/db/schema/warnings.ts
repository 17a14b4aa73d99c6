import { sql } from 'drizzle-orm';
import {
  pgTable, serial, integer, text, timestamp, date, index, uniqueIndex,
} from 'drizzle-orm/pg-core';

// ─── Electronic supervision (电子监察): warning alerts and department heads ─────────────────────

/**
 * One alert per case (or joint-case task) per level: raised by the warning scan the moment the
 * level is reached. The partial unique indexes make a second scan (or a second server) a no-op.
 */
export const warningAlerts = pgTable('warning_alerts', {
  id: serial('id').primaryKey(),
  caseId: integer('case_id').notNull(),
  /** Set for a task-level warning of a joint case (联办): the department whose step is late. */
  taskId: integer('task_id'),
  departmentId: integer('department_id').notNull(),
  level: text('level', { enum: ['yellow', 'red'] }).notNull(),
  /** Due date at the time of the alert (the case's, or the task's). */
  dueDate: date('due_date', { mode: 'string' }),
  raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
  /** Local date the alert was raised: the daily digest counts by it. */
  raisedDate: date('raised_date', { mode: 'string' }).notNull(),
  readAt: timestamp('read_at', { withTimezone: true }),
  readBy: integer('read_by'),
}, (t) => [
  uniqueIndex('warning_alerts_case_level').on(t.caseId, t.level).where(sql`${t.taskId} is null`),
  uniqueIndex('warning_alerts_task_level').on(t.taskId, t.level).where(sql`${t.taskId} is not null`),
  index('warning_alerts_dept').on(t.departmentId, t.raisedAt),
  index('warning_alerts_raised_date').on(t.raisedDate),
]);

/** The head of a department (科室负责人): sees its alerts and receives the daily SMS digest. */
export const departmentHeads = pgTable('department_heads', {
  departmentId: integer('department_id').primaryKey(),
  userId: integer('user_id').notNull(),
  /** Number the digest goes to; staff accounts have no phone of their own. */
  phone: text('phone').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
