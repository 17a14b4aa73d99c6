import type { EffectOf } from './effect.js';

export const cancel: EffectOf = ({ comment }) => ({
  to: 'cancelled', patch: { closedReason: comment || '申请人撤销', warningLevel: 'none' }, sms: { template: 'cancelled' },
});
