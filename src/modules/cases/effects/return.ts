import type { EffectOf } from './effect.js';

export const returnCase: EffectOf = ({ comment }) => ({
  to: 'returned', patch: { closedReason: comment, warningLevel: 'none' }, sms: { template: 'returned', reason: comment },
});
