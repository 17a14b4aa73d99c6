import { pgTable, serial, integer, text, boolean, timestamp, index, primaryKey } from 'drizzle-orm/pg-core';
import { centers, departments } from './centers.js';

// ─── Staff accounts, their sessions and the sign-in throttle ─────────────────────────────────

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'desk', 'approver', 'supervisor', 'leader', 'station', 'agent'] }).notNull(),
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

export const loginThrottle = pgTable('login_throttle', {
  key: text('key').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  failures: integer('failures').notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
}, (t) => [primaryKey({ columns: [t.key] })]);
