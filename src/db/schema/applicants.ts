import {
  pgTable, serial, integer, text, timestamp, jsonb, index,
} from 'drizzle-orm/pg-core';

// ─── Applicant accounts (网上办事): the mobile number, its sessions and sign-in codes ──────────

/** What the applicant filled in last time, offered again on the next application. */
export interface ApplicantProfile {
  kind: 'person' | 'organization';
  name: string;
  idNumber?: string;
  creditCode?: string;
  /** The person acting (an organisation's contact person, or whoever applies for someone else). */
  agent?: { name: string; idNumber: string; relation: string };
}

/** An applicant account is a verified mobile number: the number every SMS of their cases goes to. */
export const applicants = pgTable('applicants', {
  id: serial('id').primaryKey(),
  phone: text('phone').notNull().unique(),
  profile: jsonb('profile').$type<ApplicantProfile>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
});

/** Applicant sessions live apart from staff sessions, so neither cookie can open the other's routes. */
export const applicantSessions = pgTable('applicant_sessions', {
  /** SHA-256 of the cookie value. */
  tokenHash: text('token_hash').primaryKey(),
  applicantId: integer('applicant_id').notNull().references(() => applicants.id),
  csrfToken: text('csrf_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  clientAddress: text('client_address').notNull().default(''),
}, (t) => [index('applicant_sessions_applicant').on(t.applicantId)]);

/**
 * One SMS sign-in code. Only a salted hash is kept; the rows double as the record the resend
 * throttle counts (per phone and per address), so they are kept for a day at least.
 */
export const applicantLoginCodes = pgTable('applicant_login_codes', {
  id: serial('id').primaryKey(),
  phone: text('phone').notNull(),
  salt: text('salt').notNull(),
  codeHash: text('code_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** Wrong tries so far; at the limit the code is void. */
  attempts: integer('attempts').notNull().default(0),
  usedAt: timestamp('used_at', { withTimezone: true }),
  clientAddress: text('client_address').notNull().default(''),
}, (t) => [
  index('applicant_login_codes_phone').on(t.phone, t.createdAt),
  index('applicant_login_codes_address').on(t.clientAddress, t.createdAt),
]);
