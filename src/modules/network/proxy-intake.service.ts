import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { CaseProxyAuthorization } from '../../db/schema/index.js';
import type { Clock } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { isValidMobile } from '../../domain/identity.js';
import { inTransaction } from '../../db/tx.js';
import type { SessionUser } from '../auth/auth.service.js';
import { findPublishedCached } from '../catalog/catalog.service.js';
import { enqueueSms } from '../sms/sms.repository.js';
import { PROXY_CODE_TEMPLATE, renderProxyCode } from '../sms/sms-templates.js';
import { getNetworkPlace } from './places.js';
import * as repo from './network.repository.js';
import type { IntakeBody } from '#contract/cases.js';

/** The roles that take applications for villagers, and the channel each takes them through. */
const PROXY_CHANNEL = { station: 'township', agent: 'village' } as const;
const CODE_TTL_MS = 15 * 60_000;
const CODE_MAX_ATTEMPTS = 5;

export function isProxyRole(role: string): role is keyof typeof PROXY_CHANNEL {
  return role in PROXY_CHANNEL;
}

/** What a proxy intake adds to the case: where it was taken, by whom, and how the villager authorized it. */
export interface ProxyIntake {
  countyId: number;
  centerId: number;
  townshipId: number;
  by: number;
  authorization: CaseProxyAuthorization;
}

/**
 * 代办件: a station or agent takes an application into the county's catalog, only for items opened
 * at its place (受办分离 / 通办), only with the villager's authorization.
 */
export async function checkProxyIntake(db: Db, clock: Clock, user: SessionUser, input: IntakeBody): Promise<ProxyIntake> {
  if (!isProxyRole(user.role)) throw new AppError('FORBIDDEN', 'Not a proxy role');
  const { place, township, county, chain } = await getNetworkPlace(db, user.centerId);
  const channel = PROXY_CHANNEL[user.role];
  if (input.channel !== channel) {
    throw new AppError('VALIDATION_FAILED', `代办件的渠道应为 ${channel} / a ${user.role} takes cases through channel ${channel}`, [{ field: 'channel', message: `must be ${channel}` }]);
  }
  const found = await findPublishedCached(db, county.id, input.itemCode);
  if (!found) throw new AppError('VALIDATION_FAILED', `No published item ${input.itemCode} in this county`, [{ field: 'itemCode', message: 'unknown or unpublished item' }]);
  if (!(await repo.isItemOpenAt(db, county.id, input.itemCode, chain.map((c) => c.id)))) {
    throw new AppError('NOT_OPEN_HERE', `“${found.version.name}”未向${place.name}开放代办，请到${county.name}窗口办理 / this item is not taken in at ${place.code}; apply at the county hall`,
      [{ field: 'itemCode', message: 'not open at this place' }]);
  }
  const authorization = await checkAuthorization(db, clock, user, input);
  return { countyId: county.id, centerId: place.id, townshipId: township.id, by: user.id, authorization };
}

async function checkAuthorization(db: Db, clock: Clock, user: SessionUser, input: IntakeBody): Promise<CaseProxyAuthorization> {
  const a = input.authorization;
  if (!a) {
    throw new AppError('VALIDATION_FAILED', '代办须有申请人的委托：签字的委托书或短信确认 / a proxy intake needs the applicant\'s authorization',
      [{ field: 'authorization', message: 'required' }]);
  }
  if (a.kind === 'paper') return { kind: 'paper' };
  const badCode = () => new AppError('VALIDATION_FAILED', '短信确认码错误或已失效 / the confirmation code is wrong, used or expired', [{ field: 'authorization.code', message: 'wrong or expired' }]);
  if (!a.confirmationId || !a.code) throw badCode();
  const now = clock.now();
  const row = await repo.findOpenConfirmation(db, a.confirmationId, now);
  if (!row || row.createdBy !== user.id || row.phone !== input.applicant.phone || row.attempts >= CODE_MAX_ATTEMPTS) throw badCode();
  if (!timingSafeEqual(Buffer.from(row.codeHash, 'hex'), Buffer.from(codeHash(row.phone, row.createdAt, a.code), 'hex'))) {
    await repo.countWrongConfirmation(db, row.id);
    throw badCode();
  }
  if (!(await repo.useConfirmation(db, row.id, now))) throw badCode();
  return { kind: 'sms', confirmationId: row.id };
}

function codeHash(phone: string, createdAt: Date, code: string): string {
  return createHash('sha256').update(`${phone}:${createdAt.toISOString()}:${code}`).digest('hex');
}

/**
 * Sends the villager a code that confirms the agent may apply for them (短信委托确认). The agent
 * types back the code the villager reads out; the intake names the confirmation.
 */
export async function sendProxyConfirmation(db: Db, clock: Clock, user: SessionUser, phone: string, itemCode: string): Promise<{ id: number; expiresIn: number }> {
  if (!isProxyRole(user.role)) throw new AppError('FORBIDDEN', 'Only stations and agents take proxy applications');
  if (!isValidMobile(phone)) throw new AppError('VALIDATION_FAILED', '手机号码无效 / invalid mobile number', [{ field: 'phone', message: 'invalid mobile number' }]);
  const { place, county } = await getNetworkPlace(db, user.centerId);
  const found = await findPublishedCached(db, county.id, itemCode);
  if (!found) throw new AppError('VALIDATION_FAILED', `No published item ${itemCode}`, [{ field: 'itemCode', message: 'unknown item' }]);
  const now = clock.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = await inTransaction(db, async (tx) => {
    const confirmationId = await repo.insertConfirmation(tx, {
      centerId: place.id, phone, itemCode, codeHash: codeHash(phone, now, code), createdBy: user.id, createdAt: now,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    });
    await enqueueSms(tx, {
      recipient: phone, template: PROXY_CODE_TEMPLATE, dedupeKey: `proxy-code:${confirmationId}`, now,
      body: renderProxyCode(county.name, place.name, user.displayName, found.version.name, code, CODE_TTL_MS / 60_000),
    });
    return confirmationId;
  });
  return { id, expiresIn: CODE_TTL_MS / 1000 };
}
