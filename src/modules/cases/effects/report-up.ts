import type { EffectOf } from './effect.js';
import { stopClock } from './steps.js';

export const reportUp: EffectOf = ({ c, data, comment, env }) => ({
  to: 'reported',
  patch: { pause: stopClock(c, 'report-up', comment, env.today) },
  data: { authority: data.authority },
});
