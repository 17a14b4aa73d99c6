/** The dashboard's figures (GET /api/stats/*); docs/dashboard.md defines them. */
import { Type, type Static } from 'typebox';
import { DateString, StringEnum } from './common.js';
import { REPORT_LEVELS } from './network-report-values.js';

/** Every figure the dashboard counts and lists; src/modules/stats/stats.figures.ts says what each counts. */
export const FIGURES = [
  'received', 'accepted', 'completed', 'immediate', 'early', 'on_time', 'in_time', 'late', 'refused',
  'open', 'open_none', 'open_normal', 'open_yellow', 'open_red',
] as const;
export type Figure = (typeof FIGURES)[number];

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
const Num = Type.Union([Type.Number(), Type.Null()]);

const Filters = {
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  department: Type.Optional(Text(20)),
  item: Type.Optional(Text(40)),
  /** Where the cases were taken (三级网络): county (the hall or online), township (a station), village (a village room's agent). */
  level: Type.Optional(StringEnum(REPORT_LEVELS, { description: 'where the cases were taken: county (hall or online), township station, village room' })),
};

const ListFilters = {
  ...Filters,
  figure: StringEnum(FIGURES),
  hour: Type.Optional(Type.Integer({ minimum: 0, maximum: 23 })),
  weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
};

/** GET /api/stats/overview */
export const StatsQuery = Type.Object(Filters, { additionalProperties: false });
export type StatsQuery = Static<typeof StatsQuery>;

/** GET /api/stats/cases */
export const CaseListQuery = Type.Object({
  ...ListFilters,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });
export type CaseListQuery = Static<typeof CaseListQuery>;

/** The list's filters without paging: GET /api/stats/cases.csv adds the language of its labels to them. */
export const CaseListFilters = ListFilters;

const Rates = {
  immediateRate: Num,
  onTimeRate: Num,
  earlyRate: Num,
  measured: Type.Integer(),
  avgDays: Num,
  p90Days: Num,
};
export const Durations = Type.Object(Rates);
export type Durations = Static<typeof Durations>;

export const Overview = Type.Object({
  from: Type.String(),
  to: Type.String(),
  today: Type.String(),
  refreshedAt: Type.Union([Type.String(), Type.Null()]),
  satisfaction: Type.Object({
    ratings: Type.Integer(), satisfied: Type.Integer({ description: '基本满意 or better' }), bad: Type.Integer(),
    rate: Type.Union([Type.Number(), Type.Null()], { description: 'Satisfaction rate (满意率) as a fraction, like the other rates; null without ratings' }),
  }),
  totals: Type.Object({
    received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer(), immediate: Type.Integer(), early: Type.Integer(),
    onTime: Type.Integer(), inTime: Type.Integer(), late: Type.Integer(), refused: Type.Integer(), ...Rates,
  }),
  todayCounts: Type.Object({ received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer() }),
  open: Type.Object({ none: Type.Integer(), normal: Type.Integer(), yellow: Type.Integer(), red: Type.Integer(), total: Type.Integer() }),
  overdueOpen: Type.Integer(),
  byDay: Type.Array(Type.Object({ day: Type.String(), received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer() })),
  byDepartment: Type.Array(Type.Object({
    rank: Type.Integer(), departmentId: Type.Integer(), departmentCode: Type.String(), departmentName: Type.String(),
    received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer(), inTime: Type.Integer(), early: Type.Integer(), late: Type.Integer(),
    ...Rates,
  })),
  byItem: Type.Array(Type.Object({
    itemCode: Type.String(), itemName: Type.String(), departmentId: Type.Integer(), departmentCode: Type.String(),
    received: Type.Integer(), completed: Type.Integer(), ...Rates,
  })),
  byHour: Type.Array(Type.Object({ hour: Type.Integer(), received: Type.Integer() })),
  byWeekday: Type.Array(Type.Object({ weekday: Type.Integer(), received: Type.Integer() })),
  departments: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  items: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), departmentCode: Type.String() })),
});
export type Overview = Static<typeof Overview>;

const NullableString = Type.Union([Type.String(), Type.Null()]);
/** The cases behind a figure; total equals the figure. Personal data masked. */
export const CaseList = Type.Object({
  figure: Type.String(),
  from: Type.String(),
  to: Type.String(),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  cases: Type.Array(Type.Object({
    caseNo: Type.String(), itemCode: Type.String(), itemName: Type.String(), departmentName: Type.String(), status: Type.String(),
    applicant: Type.String(), phone: Type.String(), receivedAt: Type.String(), acceptedDate: NullableString, completedDate: NullableString,
    dueDate: NullableString, timeliness: NullableString, warningLevel: Type.String(), usedDays: Type.Union([Type.Integer(), Type.Null()]),
  })),
});
export type CaseList = Static<typeof CaseList>;
