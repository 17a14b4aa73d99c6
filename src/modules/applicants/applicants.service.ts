import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { ApplicantProfile } from '../../db/schema/index.js';
import { inTransaction } from '../../db/tx.js';
import type { Clock } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { isValidMobile } from '../../domain/identity.js';
import { getPublicCenter } from '../centers/centers.service.js';
import { enqueueSms } from '../sms/sms.repository.js';
import { LOGIN_CODE_TEMPLATE, renderLoginCode } from '../sms/sms-templates.js';
import {
  CODE_LENGTH, CODE_MAX_ATTEMPTS, CODE_TTL_MS, mayResend, RESEND_INTERVAL_MS, WINDOW_MS,
} from './code-policy.js';
import * as repo from './applicants.repository.js';

/** Its own cookie: a staff session never opens applicant routes, nor this one staff routes. */
export const APPLICANT_COOKIE = 'ow_applicant';
export const APPLICANT_SESSION_TTL_MS = 12 * 3600_000;
const CODE_RECORD_KEEP_MS = 24 * 3600_000;

export interface Applicant {
  id: number;
  phone: string;
  profile: ApplicantProfile | null;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function codeHash(salt: string, code: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

function checkPhone(phone: string): void {
  if (!isValidMobile(phone)) {
    throw new AppError('VALIDATION_FAILED', 'Invalid phone: 手机号码无效 / invalid mobile number', [{ field: 'phone', message: '手机号码无效 / invalid mobile number' }]);
  }
}

const throttled = (ms: number) => {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new AppError('THROTTLED', `验证码发送过于频繁，请 ${seconds} 秒后再试 / Too many codes requested; try again in ${seconds} s`, undefined, { retryAfter: seconds });
};

/**
 * Sends a sign-in code by SMS (through the outbox, so the log gateway shows it). The answer is
 * the same whether or not the number has an account: accounts are made at the first sign-in.
 */
export async function sendCode(db: Db, clock: Clock, phone: string, address: string): Promise<{ expiresIn: number; resendAfter: number }> {
  checkPhone(phone);
  const now = clock.now();
  const center = await getPublicCenter(db);
  await inTransaction(db, async (tx) => {
    await repo.lockPhone(tx, phone);
    const since = new Date(now.getTime() - WINDOW_MS);
    const [sends, fromAddress] = [await repo.recentSendsToPhone(tx, phone, since), await repo.recentSendsFromAddress(tx, address, since)];
    const verdict = mayResend({ phone: sends, addressCount: fromAddress.n, addressOldest: fromAddress.oldest ?? undefined }, now);
    if (!verdict.ok) throw throttled(verdict.retryAfterMs);
    const code = String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
    const salt = randomBytes(16).toString('base64url');
    const id = await repo.insertCode(tx, {
      phone, salt, codeHash: codeHash(salt, code), createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS), clientAddress: address,
    });
    await enqueueSms(tx, {
      recipient: phone, template: LOGIN_CODE_TEMPLATE, body: renderLoginCode(center.name, code, CODE_TTL_MS / 60_000),
      dedupeKey: `login-code:${id}`, now,
    });
  });
  return { expiresIn: CODE_TTL_MS / 1000, resendAfter: RESEND_INTERVAL_MS / 1000 };
}

const wrongCode = (left?: number) => new AppError('LOGIN_CODE_INVALID',
  left !== undefined && left > 0
    ? `验证码错误，还可尝试 ${left} 次 / Wrong code; ${left} tries left`
    : '验证码错误或已失效，请重新获取 / The code is wrong, used or expired; ask for a new one',
  undefined, left !== undefined ? { attemptsLeft: left } : undefined);

export interface LoginResult {
  token: string;
  csrfToken: string;
  applicant: Applicant;
}

/** Signs in with the newest code sent to the phone: five wrong tries void it, and it works once. */
export async function loginWithCode(db: Db, clock: Clock, phone: string, code: string, address: string): Promise<LoginResult> {
  checkPhone(phone);
  const now = clock.now();
  const row = await repo.latestCode(db, phone);
  if (!row || row.usedAt || row.attempts >= CODE_MAX_ATTEMPTS || row.expiresAt.getTime() <= now.getTime()) throw wrongCode();
  const expected = Buffer.from(row.codeHash, 'hex');
  const given = Buffer.from(codeHash(row.salt, code), 'hex');
  if (!timingSafeEqual(expected, given)) {
    const attempts = await repo.countWrongTry(db, row.id, CODE_MAX_ATTEMPTS);
    throw wrongCode(attempts === undefined ? undefined : CODE_MAX_ATTEMPTS - attempts);
  }
  if (!(await repo.useCode(db, row.id, now, CODE_MAX_ATTEMPTS))) throw wrongCode();
  const applicant = await repo.upsertApplicant(db, phone, now);
  // Sign-ins are rare next to requests: a good moment to drop what ran out.
  await repo.deleteExpiredSessions(db, now);
  await repo.deleteOldCodes(db, new Date(now.getTime() - CODE_RECORD_KEEP_MS));
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await repo.insertSession(db, {
    tokenHash: tokenHash(token), applicantId: applicant.id, csrfToken, createdAt: now,
    expiresAt: new Date(now.getTime() + APPLICANT_SESSION_TTL_MS), clientAddress: address,
  });
  return { token, csrfToken, applicant: { id: applicant.id, phone: applicant.phone, profile: applicant.profile } };
}

export async function logout(db: Db, token: string): Promise<void> {
  await repo.deleteSession(db, tokenHash(token));
}

export async function findApplicantSession(db: Db, clock: Clock, token: string) {
  // A cookie of absurd length is no token of ours; do not hash megabytes for it.
  if (token.length > 100) return undefined;
  return repo.findSession(db, tokenHash(token), clock.now());
}
