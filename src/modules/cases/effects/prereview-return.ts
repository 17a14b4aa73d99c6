import type { EffectOf } from './effect.js';
import { markMissing } from './steps.js';

/** Back to the applicant once, with the materials to fix marked missing and named in the SMS. */
export const prereviewReturn: EffectOf = ({ c, data, comment }) => {
  const { materials, names } = markMissing(c, data.missing, 'data.missing', true);
  return {
    to: 'prereview_returned',
    patch: { materials },
    data: { missing: data.missing },
    sms: { template: 'prereview-returned', materials: names, reason: comment },
  };
};
