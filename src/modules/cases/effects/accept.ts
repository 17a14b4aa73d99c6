import { dueDate } from '../../../domain/case-clock.js';
import type { EffectOf } from './effect.js';
import { startStage } from './steps.js';

/** The promised limit counts from today; a joint case's first stage opens. */
export const accept: EffectOf = ({ c, tasks, env }) => {
  const due = dueDate(env.cal, env.today, c.promisedDays, 0);
  const firstStage = Math.min(...tasks.map((t) => t.stage));
  return {
    to: 'accepted',
    patch: { acceptedAt: env.now, acceptedDate: env.today, dueDate: due.date, dueProvisional: due.provisional },
    data: { dueDate: due.date, provisional: due.provisional },
    sms: { template: 'accepted', dueDate: due.date },
    tasks: tasks.length ? startStage(tasks, firstStage, env) : [],
  };
};
