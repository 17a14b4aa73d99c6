/** The working-day calendar: the public reads and the administrator's local overrides. */
import { Type, type Static } from 'typebox';
import { DateString, StringEnum } from './common.js';
import { DAY_KINDS } from './calendar-values.js';

export { DAY_KINDS, type DayKind } from './calendar-values.js';

/** GET /api/calendar/add-working-days */
export const AddWorkingDaysQuery = Type.Object({ from: DateString, days: Type.Integer({ minimum: 0, maximum: 3650 }) }, { additionalProperties: false });
export const AddWorkingDaysResult = Type.Object({ date: Type.String(), provisional: Type.Boolean() });
export type AddWorkingDaysResult = Static<typeof AddWorkingDaysResult>;

export const Year = Type.Integer({ minimum: 2004, maximum: 2100 });
export const YearParams = Type.Object({ year: Year });
export const DateParams = Type.Object({ date: DateString });

/** GET /api/calendar/year/{year} */
export const CalendarYear = Type.Object({
  year: Type.Integer(),
  announced: Type.Boolean(),
  days: Type.Array(Type.Object({ date: Type.String(), working: Type.Boolean(), kind: StringEnum(DAY_KINDS), name: Type.Optional(Type.String()) })),
});
export type CalendarYear = Static<typeof CalendarYear>;

/** GET /api/calendar/years: which years have an announced calendar; `missing`: from this year to two ahead, without one. */
export const CalendarYears = Type.Object({ announced: Type.Array(Type.Integer()), missing: Type.Array(Type.Integer()) });
export type CalendarYears = Static<typeof CalendarYears>;

/** One local override of the national calendar (GET /api/admin/calendar/overrides). */
export const CalendarOverride = Type.Object({ date: Type.String(), working: Type.Boolean(), reason: Type.String() });
export type CalendarOverride = Static<typeof CalendarOverride>;

export const OverrideListQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false });

/** PUT /api/admin/calendar/overrides/{date} */
export const OverrideBody = Type.Object({ working: Type.Boolean(), reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type OverrideBody = Static<typeof OverrideBody>;
export const SavedOverride = Type.Object({
  ...CalendarOverride.properties,
  movedCases: Type.Integer({ description: 'open cases whose due date this moved (each got a timeline entry and an SMS)' }),
});
export type SavedOverride = Static<typeof SavedOverride>;

/** PUT /api/admin/calendar/years/{year} */
export const YearAnnouncedBody = Type.Object({ announced: Type.Boolean() }, { additionalProperties: false });
export const YearAnnounced = Type.Object({ year: Type.Integer(), announced: Type.Boolean() });
export type YearAnnounced = Static<typeof YearAnnounced>;
