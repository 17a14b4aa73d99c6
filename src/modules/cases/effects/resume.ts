import type { CaseStatus } from '#contract/cases.js';
import type { EffectOf } from './effect.js';
import { restartClock } from './steps.js';

/** The clock runs again from where it stood; the applicant hears of the new due date. */
export const resume: EffectOf = (step) => {
  const { patch, data, tasks, to } = resumeFromPause(step);
  return { to, patch, data, tasks, sms: { template: 'resumed', dueDate: patch.dueDate ?? undefined } };
};

/** Back to the status the interruption saved, its working days added to the limit. Shared with report-back. */
export function resumeFromPause({ c, tasks, env }: Parameters<EffectOf>[0]) {
  const restart = restartClock(c, tasks, env);
  return {
    to: (c.pause?.resumeStatus ?? 'accepted') as CaseStatus,
    patch: restart.patch,
    data: { pausedDays: restart.paused, kind: c.pause?.kind },
    tasks: restart.tasks,
  };
}
