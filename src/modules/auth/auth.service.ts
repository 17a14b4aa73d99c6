import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { ACCOUNT_POLICY, ADDRESS_POLICY, afterFailure, retryAfterMs, type ThrottlePolicy } from '../../domain/login-throttle.js';
import * as repo from './auth.repository.js';
import { namedCache } from '../../lib/cache.js';
import { burnVerify, DEMO_PASSWORD, verifyPassword } from './passwords.js';

export const SESSION_COOKIE = 'ow_session';
export const SESSION_TTL_MS = 12 * 3600_000;

export type SessionUser = Omit<repo.SessionUserRow, 'csrfToken'>;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  user: SessionUser;
}

const invalidCredentials = () => new AppError('UNAUTHENTICATED', '用户名或密码错误 / Wrong username or password');

export async function login(db: Db, clock: Clock, username: string, password: string, address: string): Promise<LoginResult> {
  const now = clock.now();
  const accountKey = `user:${username.toLowerCase()}`;
  const addressKey = `addr:${address}`;
  const wait = Math.max(
    retryAfterMs(await repo.findThrottle(db, accountKey), now),
    retryAfterMs(await repo.findThrottle(db, addressKey), now),
  );
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new AppError('THROTTLED', `登录失败次数过多，请 ${seconds} 秒后再试 / Too many failed logins; try again in ${seconds} s`, undefined, { retryAfter: seconds });
  }
  const user = await repo.findUserByUsername(db, username);
  const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, password) : (await burnVerify(password), false);
  if (!ok || !user) {
    await recordFailure(db, accountKey, now, ACCOUNT_POLICY);
    await recordFailure(db, addressKey, now, ADDRESS_POLICY);
    throw invalidCredentials();
  }
  await repo.clearThrottle(db, accountKey);
  // Logins are rare next to requests: a good moment to drop sessions that ran out.
  await repo.deleteExpiredSessions(db, now);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await repo.insertSession(db, {
    tokenHash: tokenHash(token),
    userId: user.id,
    csrfToken,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    clientAddress: address,
  });
  const sessionUser = await repo.findSessionUser(db, tokenHash(token), now);
  if (!sessionUser) throw new AppError('INTERNAL', 'session vanished');
  const { csrfToken: _c, ...rest } = sessionUser;
  return { token, csrfToken, user: rest };
}

async function recordFailure(db: Db, key: string, now: Date, policy: ThrottlePolicy): Promise<void> {
  await repo.saveThrottle(db, { key, ...afterFailure(await repo.findThrottle(db, key), now, policy) });
}

// Every staff request needs its session. A few seconds of memory spare the database that read; a
// logout here takes effect at once, one in another server process within SESSION_CACHE_MS.
const SESSION_CACHE_MS = 5_000;
const sessionCache = namedCache<string, { row: repo.SessionUserRow; expiresAt: number; epoch: number }>({
  name: 'auth.sessions', invalidatedBy: 'writes', ttlMs: SESSION_CACHE_MS,
});

/**
 * Cached rows of a user whose account changed (disabled, new password, new role) must not be used
 * again. The cache is keyed by token, so instead of finding that user's entries, each entry records
 * the epoch at which its database read started, and a user's change records the epoch after it was
 * committed: an entry read before the change, even one whose read finished after it, is ignored.
 */
let cacheEpoch = 0;
const changedAtEpoch = new Map<number, number>();

export async function findSession(db: Db, clock: Clock, token: string) {
  // Keyed by the token itself (which every request carries anyway): a hit costs no hashing.
  const now = clock.now();
  const hit = sessionCache.find(db, token);
  if (hit && hit.expiresAt > now.getTime() && hit.epoch >= (changedAtEpoch.get(hit.row.id) ?? 0)) return hit.row;
  const epoch = cacheEpoch;
  const row = await repo.findSessionUser(db, tokenHash(token), now);
  if (row) sessionCache.set(db, token, { row, expiresAt: row.expiresAt.getTime(), epoch });
  else sessionCache.delete(db, token);
  return row;
}

/**
 * Makes this process forget the cached sessions of a user. Call it after the transaction that
 * changed the account (or deleted its sessions) has committed; other server processes follow
 * within SESSION_CACHE_MS.
 */
export function forgetCachedSessions(userId: number): void {
  cacheEpoch += 1;
  changedAtEpoch.set(userId, cacheEpoch);
}

export async function logout(db: Db, token: string): Promise<void> {
  sessionCache.delete(db, token);
  await repo.deleteSession(db, tokenHash(token));
}

/** Production refuses to run while anybody can still log in with the published demo password. */
export async function usersWithDemoPassword(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const u of await repo.listActiveUserHashes(db)) {
    if (await verifyPassword(u.passwordHash, DEMO_PASSWORD)) found.push(u.username);
  }
  return found;
}
