/**
 * Electronic supervision (电子监察, GET/POST /api/supervision/*): notices to departments,
 * irregularities and intermediary signals with their reviews, and the settings they use.
 */
import { Type, type Static } from 'typebox';
import { DateString, StringEnum } from './common.js';
import { OVERSIGHT_NUMBER_LIMITS, type OversightNumberSetting } from './oversight-values.js';
import { IRREGULARITY_KINDS, NOTICE_STATUSES, TIME_PATTERN, type OversightSettings as RuleSettings } from '../domain/oversight-rules.js';

export { OVERSIGHT_NUMBER_LIMITS, type OversightNumberSetting } from './oversight-values.js';
export type { IrregularityKind, NoticeStatus } from '../domain/oversight-rules.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Ref = Type.Object({ code: Type.String(), name: Type.String() });
const Time = Type.String({ pattern: TIME_PATTERN.source, description: 'HH:MM, local time' });

export const NoticeParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/** A supervision notice (督办). */
export const Notice = Type.Object({
  id: Type.Integer(),
  subject: Type.String(),
  body: Type.String(),
  status: StringEnum(NOTICE_STATUSES),
  department: Ref,
  caseNo: NStr,
  issuedBy: Type.String(),
  issuedAt: Type.String(),
  deadline: Type.String(),
  overdue: Type.Boolean({ description: 'Not answered and the deadline has passed' }),
  answeredAt: Type.Union([Type.String({ description: 'Time of the latest answer' }), Type.Null()]),
  escalatedAt: NStr,
  closedAt: NStr,
});
export type Notice = Static<typeof Notice>;

/** One notice with its answers and history. */
export const NoticeDetail = Type.Object({
  notice: Notice,
  answers: Type.Array(Type.Object({ id: Type.Integer(), body: Type.String(), answeredBy: Type.String(), answeredAt: Type.String() })),
  history: Type.Array(Type.Object({
    action: Type.String(), at: Type.String(), actor: NStr, fromStatus: NStr, toStatus: Type.String(), note: NStr,
  })),
});
export type NoticeDetail = Static<typeof NoticeDetail>;

/** POST /api/supervision/notices */
export const NewNotice = Type.Object({
  caseNo: Type.Optional(Text(20, 1)),
  department: Type.Optional(Text(20, 1)),
  subject: Text(100, 1),
  body: Text(2000, 1),
  deadline: Type.Optional(Type.String({ ...DateString, description: 'YYYY-MM-DD, a year from 2000 to 2100; default: N working days from today (settings)' })),
}, { additionalProperties: false });
export type NewNotice = Static<typeof NewNotice>;

/** GET /api/supervision/notices */
export const NoticeListQuery = Type.Object({
  status: Type.Optional(StringEnum(NOTICE_STATUSES)),
  caseNo: Type.Optional(Text(20, 1)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false });
export type NoticeListQuery = Static<typeof NoticeListQuery>;

/** POST /api/supervision/notices/{id}/answers */
export const NoticeAnswerBody = Type.Object({ body: Text(2000, 1) }, { additionalProperties: false });
/** POST /api/supervision/notices/{id}/close */
export const NoticeCloseBody = Type.Object({ note: Type.Optional(Text(500)) }, { additionalProperties: false });

/** A person's review of a finding; the newest is shown. */
export const Review = Type.Object({ note: Type.String(), by: Type.String(), at: Type.String() });
export type Review = Static<typeof Review>;
/** null before the first review. */
const LatestReview = Type.Union([Review, Type.Null()]);

const PeriodFields = {
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
};
/** GET /api/supervision/irregularities */
export const IrregularityQuery = Type.Object({ ...PeriodFields, kind: Type.Optional(StringEnum(IRREGULARITY_KINDS)) }, { additionalProperties: false });
/** GET /api/supervision/intermediaries */
export const PeriodQuery = Type.Object(PeriodFields, { additionalProperties: false });

export const Irregularity = Type.Object({
  key: Type.String({ description: 'Stable key of the finding; a review names it' }),
  kind: StringEnum(IRREGULARITY_KINDS),
  caseNo: Type.String(),
  itemName: Type.String(),
  department: Type.Union([Ref, Type.Null()]),
  actor: NStr,
  at: Type.String(),
  facts: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  events: Type.Array(Type.Object({ seq: Type.Integer(), at: Type.String(), action: Type.String(), actorName: Type.String(), role: Type.String() })),
  review: LatestReview,
});
export type Irregularity = Static<typeof Irregularity>;

export const IrregularityReport = Type.Object({
  from: Type.String(), to: Type.String(),
  settings: Type.Object({ officeStart: Type.String(), officeEnd: Type.String(), quickDecisionMinutes: Type.Number(), minPauseCycles: Type.Number() }),
  items: Type.Array(Irregularity),
});
export type IrregularityReport = Static<typeof IrregularityReport>;

export const Identity = Type.Object({ type: StringEnum(['agent-id', 'phone']), value: Type.String({ description: 'Masked' }) });
export type Identity = Static<typeof Identity>;

export const SignalCase = Type.Object({
  caseNo: Type.String(), itemName: Type.String(), department: Type.Union([Ref, Type.Null()]), receivedAt: Type.String(),
  applicantName: Type.String({ description: 'Masked' }), applicantPhone: Type.String({ description: 'Masked' }), agentName: NStr, status: Type.String(),
  acceptedDate: Type.Optional(NStr), completedDate: Type.Optional(NStr), usedDays: Type.Optional(Type.Number()),
});
export type SignalCase = Static<typeof SignalCase>;

export const IntermediaryReport = Type.Object({
  from: Type.String(), to: Type.String(),
  settings: Type.Object({
    minApplicants: Type.Number(), minItemCases: Type.Number(), minSubmitterCases: Type.Number(),
    fastRatio: Type.Number(), slowRatio: Type.Number(), minDiffDays: Type.Number(),
  }),
  frequentSubmitters: Type.Array(Type.Object({
    key: Type.String(), identity: Identity, agentNames: Type.Array(Type.String()), applicants: Type.Integer(), cases: Type.Array(SignalCase), review: LatestReview,
  })),
  speedOutliers: Type.Array(Type.Object({
    key: Type.String(), itemCode: Type.String(), itemName: Type.String(), identity: Identity, direction: StringEnum(['faster', 'slower']),
    submitterMedian: Type.Number(), othersMedian: Type.Number(), submitterCases: Type.Integer(), otherCases: Type.Integer(),
    cases: Type.Array(SignalCase), review: LatestReview,
  })),
});
export type IntermediaryReport = Static<typeof IntermediaryReport>;

export const FINDING_KEY_PATTERN = '^(after-hours|quick-decision|repeated-pause|late-refusal|frequent-submitter|speed-outlier):[A-Za-z0-9:._-]{1,150}$';

/** POST /api/supervision/reviews */
export const ReviewBody = Type.Object({ key: Type.String({ pattern: FINDING_KEY_PATTERN, maxLength: 200 }), note: Text(1000, 1) }, { additionalProperties: false });
export const ReviewAnswer = Type.Object({ key: Type.String(), review: LatestReview });

function bounded(name: OversightNumberSetting) {
  const { integer, ...bounds } = OVERSIGHT_NUMBER_LIMITS[name];
  return integer ? Type.Integer(bounds) : Type.Number(bounds);
}

/** GET/PUT /api/supervision/settings: notice deadline, office hours and finding thresholds. */
export const OversightSettings = Type.Object({
  noticeDays: bounded('noticeDays'),
  officeStart: Time,
  officeEnd: Time,
  quickDecisionMinutes: bounded('quickDecisionMinutes'),
  minPauseCycles: bounded('minPauseCycles'),
  minApplicants: bounded('minApplicants'),
  minItemCases: bounded('minItemCases'),
  minSubmitterCases: bounded('minSubmitterCases'),
  fastRatio: bounded('fastRatio'),
  slowRatio: bounded('slowRatio'),
  minDiffDays: bounded('minDiffDays'),
});
export type OversightSettings = Static<typeof OversightSettings>;

/** PUT /api/supervision/settings: any subset. */
export const OversightSettingsPatch = Type.Partial(OversightSettings, { additionalProperties: false });

// The rules (src/domain/oversight-rules.ts) read exactly the settings the API answers with.
type Holds<T extends true> = T;
export type SettingsMatchRules = Holds<OversightSettings extends RuleSettings ? (RuleSettings extends OversightSettings ? true : false) : false>;
