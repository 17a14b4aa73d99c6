import type { EffectOf } from './effect.js';

export const withdraw: EffectOf = ({ comment }) => ({
  to: 'withdrawn', patch: { closedReason: comment, pause: null, warningLevel: 'none' }, sms: { template: 'withdrawn' },
});
