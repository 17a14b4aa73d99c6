import type { EffectOf } from './effect.js';

export const reviewPass: EffectOf = () => ({ to: 'reviewed', patch: {} });
