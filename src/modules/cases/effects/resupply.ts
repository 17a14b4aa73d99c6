import type { CaseStatus } from '#contract/cases.js';
import type { EffectOf } from './effect.js';
import { mergeMaterials, requireAllProvided, restartClock, startTasks } from './steps.js';

export const resupply: EffectOf = ({ c, tasks, input, data, env }) => {
  const materials = mergeMaterials(c, input.materials ?? data.materials ?? []);
  requireAllProvided(materials);
  const back = (c.pause?.resumeStatus ?? 'received') as CaseStatus;
  const restart = restartClock(c, tasks, env);
  // Refused joint tasks get a fresh start once the lead department had the materials supplied.
  const reopened = startTasks(tasks.filter((t) => t.status === 'refused'), env);
  return {
    to: back,
    patch: { materials, ...restart.patch },
    data: { provided: materials.filter((m) => m.provided).map((m) => m.code), pausedDays: restart.paused },
    sms: back === 'received' ? { template: 'received' } : { template: 'resumed' },
    tasks: [...restart.tasks, ...reopened],
  };
};
