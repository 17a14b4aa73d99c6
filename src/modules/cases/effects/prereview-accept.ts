import type { EffectOf } from './effect.js';

/** Taken in as if handed over at the window: from here the usual acceptance starts the clock. */
export const prereviewAccept: EffectOf = () => ({ to: 'received', patch: {}, sms: { template: 'prereview-accepted' } });
