import type { EffectOf } from './effect.js';

export const notAccept: EffectOf = ({ comment }) => ({
  to: 'not_accepted', patch: { closedReason: comment, pause: null }, sms: { template: 'not-accepted', reason: comment },
});
