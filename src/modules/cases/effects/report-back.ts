import type { EffectOf } from './effect.js';
import { resumeFromPause } from './resume.js';

/** As resume, without an SMS: the applicant was not told of the report either. */
export const reportBack: EffectOf = (step) => ({ ...resumeFromPause(step), sms: undefined });
