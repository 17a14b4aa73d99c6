import type { EffectOf } from './effect.js';
import { markMissing, stopClock } from './steps.js';

/** The named materials become missing again; the clock (if it runs) stands still until they are in. */
export const requestSupplement: EffectOf = ({ c, data, comment, env }) => {
  const { list, materials, names } = markMissing(c, data.missing, 'data.missing', false);
  return {
    to: 'supplement',
    patch: { materials, pause: stopClock(c, 'supplement', comment, env.today) },
    data: { missing: list },
    sms: { template: 'supplement', materials: names, reason: comment },
  };
};
