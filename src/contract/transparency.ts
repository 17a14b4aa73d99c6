/** The published processing times and the transparency board (阳光政务); no personal data. */
import { Type, type Static } from 'typebox';
import { DateString } from './common.js';

export const ProcessingTime = Type.Object({
  itemCode: Type.String(),
  itemName: Type.String(),
  departmentName: Type.String(),
  kind: Type.String(),
  promisedDays: Type.Integer(),
  statutoryDays: Type.Integer(),
  completed: Type.Integer({ description: 'cases of the item completed in the window' }),
  avgDays: Type.Union([Type.Number(), Type.Null()], { description: 'mean working days from acceptance to completion, paused days excluded' }),
  p90Days: Type.Union([Type.Integer(), Type.Null()], { description: '90th percentile (nearest rank) of the same' }),
  expectedDate: DateString,
}, { additionalProperties: false });
export type ProcessingTime = Static<typeof ProcessingTime>;

/** GET /api/public/processing-times */
export const ProcessingTimes = Type.Object({
  from: DateString,
  to: DateString,
  items: Type.Array(ProcessingTime),
}, { additionalProperties: false });
export type ProcessingTimes = Static<typeof ProcessingTimes>;

/** GET /api/public/transparency */
export const TransparencyBoard = Type.Object({
  centerName: Type.String(),
  today: DateString,
  generatedAt: Type.String(),
  intake: Type.Object({ received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer() }, { additionalProperties: false }),
  from: DateString,
  to: DateString,
  items: Type.Array(ProcessingTime),
}, { additionalProperties: false });
export type TransparencyBoard = Static<typeof TransparencyBoard>;
