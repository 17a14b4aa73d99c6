/**
 * The three-level network's monthly report (县乡村三级代办、预约工作月报): per township station and
 * village room, the proxy cases (代办件) it took, its appointments, and how its papers travelled
 * the ledger (台帐). GET /api/network/report, its print page and Excel file, and the cases behind a
 * place's row. The definitions are in src/modules/network/report.service.ts and printed under the table.
 */
import { Type, type Static } from 'typebox';
import { DateString, MonthString, StringEnum } from './common.js';
import { REPORT_LEVELS } from './network-report-values.js';

export { REPORT_LEVELS, type ReportLevel } from './network-report-values.js';

const Count = Type.Integer({ minimum: 0 });
const Hours = Type.Union([Type.Number(), Type.Null()], { description: 'working hours (hours on working days), one decimal; null when nothing was measured' });
/** Figures the county hall's reference row has no value for (it keeps no ledger). */
const NetCount = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);

const Figures = {
  /** Proxy cases taken at the place in the month (the county row: cases taken at the hall or online). */
  taken: Count,
  /** Of those, completed (办结, refusals included) by the time of the report. */
  completed: Count,
  /** Of those, delivered (出件) by the time of the report. */
  delivered: Count,
  /** Appointments booked at the place for a day of the month, cancelled ones left out. */
  appointments: NetCount,
  /** Papers the place sent on (one per paper per handover) in the month. */
  moved: NetCount,
  /** Cases of the month whose every material reached the county, and their intake → county receipt time. */
  intakeMeasured: NetCount,
  intakeAvgHours: Hours,
  intakeMaxHours: Hours,
  /** Results of the month's cases handed back to the applicant, and their completion → return time. */
  returnMeasured: NetCount,
  returnAvgHours: Hours,
  returnMaxHours: Hours,
  /** Papers that stayed at the place longer than the overdue rule in the month (超时滞留). */
  overdue: NetCount,
  /** Results of the month's cases not yet handed back to the applicant. */
  notReturned: NetCount,
  /** Ratings (好差评) of the month's cases, set-aside ones left out. */
  ratings: Count,
  ratingAvg: Type.Union([Type.Number(), Type.Null()], { description: 'average level 1–5, two decimals' }),
  satisfactionRate: Type.Union([Type.Number(), Type.Null()], { description: 'percent at 基本满意 (3) or better, one decimal' }),
};

export const NetworkReportRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: StringEnum(REPORT_LEVELS),
  /** The township a village room belongs to; null for townships and the county row. */
  parentCode: Type.Union([Type.String(), Type.Null()]),
  ...Figures,
});
export type NetworkReportRow = Static<typeof NetworkReportRow>;

export const NetworkReportTotals = Type.Object(Figures);
export type NetworkReportTotals = Static<typeof NetworkReportTotals>;

/** GET /api/network/report */
export const NetworkReport = Type.Object({
  month: Type.String(),
  from: DateString,
  to: DateString,
  centerName: Type.String(),
  timeZone: Type.String(),
  generatedAt: Type.String(),
  /** The overdue rule in words, as printed; and in English for the English screen. */
  overdueRule: Type.String(),
  overdueRuleEn: Type.String(),
  /** The county hall first (leaders only, for reference), then each township followed by its villages. */
  rows: Type.Array(NetworkReportRow),
  /** Sum over the network's places (the county row left out). */
  totals: NetworkReportTotals,
});
export type NetworkReport = Static<typeof NetworkReport>;

/** Without a month: the center's current one (the answer says which). */
export const NetworkReportQuery = Type.Object({ month: Type.Optional(MonthString) }, { additionalProperties: false });
export type NetworkReportQuery = Static<typeof NetworkReportQuery>;

/** GET /api/network/report/cases: the proxy cases a place took in the month. */
export const NetworkCasesQuery = Type.Object({
  month: MonthString,
  place: Type.String({ minLength: 1, maxLength: 40, description: 'code of a township station or village room' }),
}, { additionalProperties: false });
export type NetworkCasesQuery = Static<typeof NetworkCasesQuery>;

const When = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const NetworkCaseLine = Type.Object({
  caseNo: Type.String(),
  itemName: Type.String(),
  /** Masked (张*). */
  applicant: Type.String(),
  status: Type.String(),
  /** Who took it: the station's or agent's display name. */
  takenBy: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  completedAt: When,
  deliveredAt: When,
  papers: Count,
  /** When the last material reached the county; null while one is still on its way. */
  atCountyAt: When,
  intakeHours: Hours,
  resultReturnedAt: When,
  returnHours: Hours,
  /** Stays of its papers at a station or room past the overdue rule (so far). */
  overdueStays: Count,
});
export type NetworkCaseLine = Static<typeof NetworkCaseLine>;

export const NetworkCases = Type.Object({
  month: Type.String(),
  place: Type.Object({ code: Type.String(), name: Type.String(), level: StringEnum(REPORT_LEVELS) }),
  cases: Type.Array(NetworkCaseLine),
});
export type NetworkCases = Static<typeof NetworkCases>;
