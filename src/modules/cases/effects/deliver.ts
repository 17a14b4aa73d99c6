import { AppError } from '../../../domain/errors.js';
import { maskIdNumber } from '../../../domain/identity.js';
import { idNumberProblem } from '../case-input.js';
import type { EffectOf } from './effect.js';
import { bad } from './steps.js';

/** Posted with a tracking number, or handed over at the window to a person whose ID is checked (and masked in the record). */
export const deliver: EffectOf = ({ data: d, env }) => {
  if (d.method === 'post') {
    if (!d.trackingNo?.trim()) throw bad('data.trackingNo', '邮寄须填写运单号 / tracking number required');
    return { to: 'delivered', patch: { deliveredAt: env.now, delivery: { method: 'post', trackingNo: d.trackingNo.trim() } }, data: { method: 'post', trackingNo: d.trackingNo.trim() }, sms: { template: 'delivered' } };
  }
  if (d.method !== 'window') throw bad('data.method', 'window or post');
  if (!d.pickupName?.trim()) throw bad('data.pickupName', '领取人姓名必填 / pickup person required');
  const problem = idNumberProblem('data.pickupIdNumber', d.pickupIdNumber ?? '', env.today);
  if (problem) throw new AppError('VALIDATION_FAILED', `Invalid data.pickupIdNumber: ${problem.message}`, [problem]);
  return {
    to: 'delivered',
    patch: { deliveredAt: env.now, delivery: { method: 'window', pickupName: d.pickupName.trim(), pickupIdNumber: d.pickupIdNumber } },
    data: { method: 'window', pickupName: d.pickupName.trim(), pickupIdNumber: maskIdNumber(d.pickupIdNumber!) },
    sms: { template: 'delivered' },
  };
};
