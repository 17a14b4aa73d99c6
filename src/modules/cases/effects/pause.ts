import { PAUSE_KINDS, type PauseKind } from '#contract/case-actions/index.js';
import type { EffectOf } from './effect.js';
import { bad, stopClock } from './steps.js';

/** How the SMS names each special procedure. */
export const PAUSE_LABELS: Record<PauseKind, string> = {
  hearing: '听证', 'expert-review': '专家评审', inspection: '检验检测', 'site-survey': '现场勘查', quarantine: '检疫', other: '其他特别程序',
};

export const pause: EffectOf = ({ c, data: d, comment, env }) => {
  if (!d.kind || !(PAUSE_KINDS as readonly string[]).includes(d.kind)) throw bad('data.kind', `one of ${PAUSE_KINDS.join(', ')}`);
  if (d.expectedDays !== undefined && (!Number.isInteger(d.expectedDays) || d.expectedDays < 1 || d.expectedDays > 365)) throw bad('data.expectedDays', '1–365 working days');
  return {
    to: 'paused',
    patch: { pause: stopClock(c, d.kind, comment, env.today, d.expectedDays) },
    data: { kind: d.kind, expectedDays: d.expectedDays },
    sms: { template: 'paused', reason: `${PAUSE_LABELS[d.kind]}：${comment}` },
  };
};
