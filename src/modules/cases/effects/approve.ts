import type { EffectOf } from './effect.js';

export const approve: EffectOf = ({ env }) => ({ to: 'approved', patch: { decision: 'approved', decidedAt: env.now } });
