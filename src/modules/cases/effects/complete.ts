import { timeliness } from '../../../domain/case-clock.js';
import type { EffectOf } from './effect.js';
import { bad } from './steps.js';

/**
 * 办结 under the result's number; the case's timeliness is counted today. A proxy case's result is
 * put on the ledger at the county the moment it exists, so its way back to the village is traced.
 */
export const complete: EffectOf = ({ c, data, env }) => {
  const resultNo = data.resultNo?.trim();
  if (!resultNo || resultNo.length > 100) throw bad('data.resultNo', '办理结果编号必填 / result number required');
  return {
    to: 'completed',
    patch: { resultNo, completedAt: env.now, completedDate: env.today, timeliness: timeliness(env.today, c.dueDate ?? env.today), warningLevel: 'none' },
    data: { resultNo },
    sms: { template: 'completed', resultNo },
    ...(typeof c.proxyCenterId === 'number' ? { ledger: { kind: 'result' as const, homeCenterId: c.proxyCenterId } } : {}),
  };
};
