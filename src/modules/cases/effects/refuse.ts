import { timeliness } from '../../../domain/case-clock.js';
import type { EffectOf } from './effect.js';

/** A refusal is the case's end: it counts as completed (on time or late) with the reason as answer. */
export const refuse: EffectOf = ({ c, comment, env }) => ({
  to: 'refused',
  patch: { decision: 'refused', decidedAt: env.now, completedAt: env.now, completedDate: env.today, timeliness: timeliness(env.today, c.dueDate!), closedReason: comment, warningLevel: 'none' },
  sms: { template: 'refused', reason: comment },
});
