/** The monthly bulletin (督查通报) of the departments' figures. */
import { Type, type Static } from 'typebox';
import { DateString } from './common.js';

/** The figures whose cases the bulletin lists (GET /api/bulletin/cases.csv). */
export const BULLETIN_FIGURES = ['received', 'completed', 'on_time', 'early', 'late', 'overdue'] as const;
export type BulletinFigure = (typeof BULLETIN_FIGURES)[number];

const Rate = Type.Union([Type.Number(), Type.Null()]);

const LineFields = {
  received: Type.Integer(), completed: Type.Integer(), onTime: Type.Integer(), early: Type.Integer(), late: Type.Integer(),
  overdueOpen: Type.Integer(), overdue: Type.Integer(), onTimeRate: Rate, earlyRate: Rate,
  warningsYellow: Type.Integer(), warningsRed: Type.Integer(), notices: Type.Integer(), noticesAnswered: Type.Integer(), noticesEscalated: Type.Integer(),
  complaints: Type.Integer({ description: 'Complaints received in the month about the department' }),
  ratings: Type.Integer({ description: 'Ratings of its cases given in the month (set-aside ones left out)' }),
  satisfied: Type.Integer(), satisfactionRate: Type.Union([Type.Number(), Type.Null()], { description: 'Percent at 基本满意 or better' }),
};

/** GET /api/bulletin: the monthly bulletin (督查通报). */
export const Bulletin = Type.Object({
  month: Type.String(),
  from: DateString,
  to: DateString,
  centerName: Type.String(),
  timeZone: Type.String(),
  generatedAt: Type.String(),
  rankRule: Type.String(),
  departments: Type.Array(Type.Object({
    departmentId: Type.Integer(), code: Type.String(), name: Type.String(), ...LineFields, rank: Type.Union([Type.Integer(), Type.Null()]),
  }, { additionalProperties: false })),
  totals: Type.Object(LineFields, { additionalProperties: false }),
  redFlag: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: false }), Type.Null()]),
}, { additionalProperties: false });
export type Bulletin = Static<typeof Bulletin>;
