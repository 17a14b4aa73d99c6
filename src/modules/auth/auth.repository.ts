import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { preparedPerDb } from '../../db/prepared.js';
import type { Role } from '#contract/roles.js';
import { centers, departments, loginThrottle, sessions, users } from '../../db/schema/index.js';

export interface SessionUserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  centerId: number;
  /** The user's center's IANA zone: today and every time the user sees are local to it. */
  timeZone: string;
  departmentId: number | null;
  departmentCode: string | null;
  departmentName: string | null;
  mustChangePassword: boolean;
  csrfToken: string;
  expiresAt: Date;
}

export function findUserByUsername(db: Db, username: string) {
  return db.query.users.findFirst({ where: eq(users.username, username) });
}

// Every staff request looks its session up: a prepared statement.
const sessionByHash = preparedPerDb((db) => db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      centerId: users.centerId,
      timeZone: centers.timeZone,
      departmentId: users.departmentId,
      departmentCode: departments.code,
      departmentName: departments.name,
      mustChangePassword: users.mustChangePassword,
      csrfToken: sessions.csrfToken,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(centers, eq(centers.id, users.centerId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now')), eq(users.disabled, false)))
    .limit(1)
    .prepare('session_user'));

export async function findSessionUser(db: Db, tokenHash: string, now: Date): Promise<SessionUserRow | undefined> {
  const rows = await sessionByHash(db).execute({ tokenHash, now: now.toISOString() });
  return rows[0] as SessionUserRow | undefined;
}

export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Every session of a user, or every one but `keepTokenHash` (the admin's own, after resetting their own password). */
export async function deleteUserSessions(db: Db, userId: number, keepTokenHash?: string): Promise<void> {
  await db.delete(sessions).where(keepTokenHash
    ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash))
    : eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export function findThrottle(db: Db, key: string) {
  return db.query.loginThrottle.findFirst({ where: eq(loginThrottle.key, key) });
}

export async function saveThrottle(db: Db, row: typeof loginThrottle.$inferInsert): Promise<void> {
  await db.insert(loginThrottle).values(row).onConflictDoUpdate({
    target: loginThrottle.key,
    set: { windowStart: row.windowStart, failures: row.failures, blockedUntil: row.blockedUntil ?? null },
  });
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** A user's own password change: the new hash, the flag cleared, every other session ended. */
export async function setOwnPassword(db: Db, userId: number, passwordHash: string, keepTokenHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId));
  await deleteUserSessions(db, userId, keepTokenHash);
}

export function findPasswordHash(db: Db, userId: number) {
  return db.query.users.findFirst({ columns: { username: true, passwordHash: true }, where: eq(users.id, userId) });
}

export async function listActiveUserHashes(db: Db) {
  return db.select({ username: users.username, passwordHash: users.passwordHash }).from(users).where(eq(users.disabled, false));
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
