import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { preparedPerDb } from '../../db/prepared.js';
import { applicantLoginCodes, applicants, applicantSessions, type ApplicantProfile } from '../../db/schema/index.js';

export type ApplicantRow = typeof applicants.$inferSelect;
export type LoginCodeRow = typeof applicantLoginCodes.$inferSelect;

/** Serialises the sends for one phone, so two requests at once cannot both slip past the throttle. */
export async function lockPhone(tx: Db, phone: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`applicant-code:${phone}`}))`);
}

export async function recentSendsToPhone(db: Db, phone: string, since: Date): Promise<Date[]> {
  const rows = await db.select({ at: applicantLoginCodes.createdAt }).from(applicantLoginCodes)
    .where(and(eq(applicantLoginCodes.phone, phone), gt(applicantLoginCodes.createdAt, since)));
  return rows.map((r) => r.at);
}

export async function recentSendsFromAddress(db: Db, address: string, since: Date): Promise<{ n: number; oldest: Date | null }> {
  const [row] = await db.select({ n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${applicantLoginCodes.createdAt})` })
    .from(applicantLoginCodes)
    .where(and(eq(applicantLoginCodes.clientAddress, address), gt(applicantLoginCodes.createdAt, since)));
  return { n: row?.n ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function insertCode(db: Db, row: typeof applicantLoginCodes.$inferInsert): Promise<number> {
  const [inserted] = await db.insert(applicantLoginCodes).values(row).returning({ id: applicantLoginCodes.id });
  return inserted!.id;
}

/** Only the newest code of a phone counts: asking for a new one retires the old. */
export async function latestCode(db: Db, phone: string): Promise<LoginCodeRow | undefined> {
  const [row] = await db.select().from(applicantLoginCodes).where(eq(applicantLoginCodes.phone, phone))
    .orderBy(desc(applicantLoginCodes.id)).limit(1);
  return row;
}

/** Counts a wrong try; undefined when the code was already void or used (a concurrent try got there first). */
export async function countWrongTry(db: Db, id: number, maxAttempts: number): Promise<number | undefined> {
  const [row] = await db.update(applicantLoginCodes).set({ attempts: sql`${applicantLoginCodes.attempts} + 1` })
    .where(and(eq(applicantLoginCodes.id, id), lt(applicantLoginCodes.attempts, maxAttempts), isNull(applicantLoginCodes.usedAt)))
    .returning({ attempts: applicantLoginCodes.attempts });
  return row?.attempts;
}

/** Spends the code: true for exactly one of several concurrent logins with it. */
export async function useCode(db: Db, id: number, now: Date, maxAttempts: number): Promise<boolean> {
  const rows = await db.update(applicantLoginCodes).set({ usedAt: now })
    .where(and(eq(applicantLoginCodes.id, id), isNull(applicantLoginCodes.usedAt), lt(applicantLoginCodes.attempts, maxAttempts), gt(applicantLoginCodes.expiresAt, now)))
    .returning({ id: applicantLoginCodes.id });
  return rows.length > 0;
}

/** Codes older than a day serve neither sign-in nor the hourly throttle. */
export async function deleteOldCodes(db: Db, before: Date): Promise<void> {
  await db.delete(applicantLoginCodes).where(lt(applicantLoginCodes.createdAt, before));
}

export async function upsertApplicant(db: Db, phone: string, now: Date): Promise<ApplicantRow> {
  const [row] = await db.insert(applicants).values({ phone, createdAt: now, lastLoginAt: now })
    .onConflictDoUpdate({ target: applicants.phone, set: { lastLoginAt: now } })
    .returning();
  return row!;
}

export async function saveProfile(db: Db, id: number, profile: ApplicantProfile): Promise<void> {
  await db.update(applicants).set({ profile }).where(eq(applicants.id, id));
}

export async function insertSession(db: Db, row: typeof applicantSessions.$inferInsert): Promise<void> {
  await db.insert(applicantSessions).values(row);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(applicantSessions).where(eq(applicantSessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(applicantSessions).where(lt(applicantSessions.expiresAt, now));
}

const sessionByHash = preparedPerDb((db) => db
  .select({ applicant: applicants, csrfToken: applicantSessions.csrfToken })
  .from(applicantSessions)
  .innerJoin(applicants, eq(applicants.id, applicantSessions.applicantId))
  .where(and(eq(applicantSessions.tokenHash, sql.placeholder('tokenHash')), gt(applicantSessions.expiresAt, sql.placeholder('now'))))
  .limit(1)
  .prepare('applicant_session'));

export async function findSession(db: Db, tokenHash: string, now: Date): Promise<{ applicant: ApplicantRow; csrfToken: string } | undefined> {
  const [row] = await sessionByHash(db).execute({ tokenHash, now: now.toISOString() });
  return row;
}
