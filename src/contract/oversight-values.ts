/**
 * The bounds of the supervision settings' numbers: the server's schema is built from them and the
 * settings dialog's inputs keep to them, in this order.
 * No TypeBox here: the web app imports them at run time and its bundles stay free of TypeBox.
 */
export const OVERSIGHT_NUMBER_LIMITS = {
  noticeDays: { integer: true, minimum: 1, maximum: 30 },
  quickDecisionMinutes: { integer: true, minimum: 1, maximum: 480 },
  minPauseCycles: { integer: true, minimum: 2, maximum: 20 },
  minApplicants: { integer: true, minimum: 2, maximum: 1000 },
  minItemCases: { integer: true, minimum: 2, maximum: 10000 },
  minSubmitterCases: { integer: true, minimum: 1, maximum: 1000 },
  fastRatio: { integer: false, exclusiveMinimum: 0, maximum: 1 },
  slowRatio: { integer: false, minimum: 1, maximum: 100 },
  minDiffDays: { integer: true, minimum: 0, maximum: 365 },
} as const;
export type OversightNumberSetting = keyof typeof OVERSIGHT_NUMBER_LIMITS;
