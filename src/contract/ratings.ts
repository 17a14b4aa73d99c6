/** 好差评: ratings at the window pad, from the SMS link and in the online hall; follow-ups of bad ones (差评整改); satisfaction. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';
import { BAD_REASONS, FOLLOWUP_STATUSES } from '../domain/rating-rules.js';

// The lists live in the domain file, which the web app imports at run time without TypeBox.
export { FOLLOWUP_STATUSES, FOLLOWUP_STEPS, type FollowupStatus, type FollowupStepName } from '../domain/rating-rules.js';
export const FOLLOWUP_HANDLERS = ['center', 'department'] as const;

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
const ReasonCode = StringEnum(Object.keys(BAD_REASONS) as [string, ...string[]]);

/** The fields of every way to rate. */
export const RatingFields = {
  level: Type.Integer({ minimum: 1, maximum: 5, description: '5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意' }),
  reasons: Type.Optional(Type.Array(ReasonCode, { maxItems: 8, description: 'Required for 2 and 1' })),
  comment: Type.Optional(Text(500)),
};
export const RatingBody = Type.Object(RatingFields, { additionalProperties: false });
export type RatingBody = Static<typeof RatingBody>;

export const Rating = Type.Object({
  id: Type.Integer(), channel: Type.String(), level: Type.Integer(), levelName: Type.String(), reasons: Type.Array(Type.String()), comment: Type.String(),
  ticketNo: NStr, caseNo: NStr, itemName: NStr, windowNumber: Type.Union([Type.Integer(), Type.Null()]), staffName: NStr,
  createdAt: Type.String(), setAside: Type.Boolean(), setAsideReason: NStr,
});
export type Rating = Static<typeof Rating>;

/** A reason offered for a bad rating. */
export const ReasonChoice = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });
export type ReasonChoice = Static<typeof ReasonChoice>;

/** GET /api/public/pad/{window} */
export const PadState = Type.Object({
  window: Type.Object({ number: Type.Integer(), name: Type.String(), staffName: NStr }),
  pending: Type.Union([Type.Object({ ticketId: Type.Integer(), ticketNo: Type.String(), staffName: NStr }), Type.Null()]),
  reasons: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() })),
});
export type PadState = Static<typeof PadState>;

/** GET /api/applicant/cases/{caseNo}/rating */
export const MyRating = Type.Object({
  ratable: Type.Boolean({ description: 'Decided and not yet rated online' }),
  rating: Type.Union([Rating, Type.Null()], { description: 'The rating given online, if any' }),
  levels: Type.Array(Type.Object({ level: Type.Integer(), name: Type.String(), nameEn: Type.String() })),
  reasons: Type.Array(ReasonChoice, { description: 'Reasons offered for a rating of 2 or 1' }),
});
export type MyRating = Static<typeof MyRating>;

export const Followup = Type.Object({
  id: Type.Integer(), status: StringEnum(FOLLOWUP_STATUSES), department: NStr,
  handledBy: StringEnum(FOLLOWUP_HANDLERS, { description: 'center = the center\'s supervisors (front desk, windows, hall); department = the department named' }),
  rating: Type.Object({ ...Rating.properties, mobile: Type.Union([Type.String({ description: 'Masked' }), Type.Null()]) }),
  contactDueAt: Type.String(), fixDueDate: Type.String(), contactOverdue: Type.Boolean(), fixOverdue: Type.Boolean(),
  contactedAt: NStr, contactNote: NStr, actionNote: NStr, answer: NStr, answeredAt: NStr,
  applicantSatisfied: Type.Union([Type.Boolean(), Type.Null()]), applicantRepliedAt: NStr,
  history: Type.Array(Type.Object({ at: Type.String(), by: Type.String(), what: Type.String(), note: Type.Optional(Type.String()) })),
});
export type Followup = Static<typeof Followup>;

export const FollowupStepBody = Type.Object({
  note: Type.Optional(Text(1000)), action: Type.Optional(Text(1000)), answer: Type.Optional(Text(300)), reason: Type.Optional(Text(500)),
  to: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'reroute: a department code, or "center"' })),
}, { additionalProperties: false });
export type FollowupStepBody = Static<typeof FollowupStepBody>;

/** GET /api/public/followups/{token}: what the applicant reads from the answer SMS. */
export const FollowupAnswer = Type.Object({
  rating: Type.Object({ level: Type.Integer(), levelName: Type.String(), itemName: NStr, createdAt: Type.String() }),
  answer: NStr, answeredAt: Type.String(), applicantSatisfied: Type.Union([Type.Boolean(), Type.Null()]),
});
export type FollowupAnswer = Static<typeof FollowupAnswer>;

export const SatisfactionGroup = Type.Object({ key: Type.String(), ratings: Type.Integer(), bad: Type.Integer(), satisfactionRate: Type.Union([Type.Number(), Type.Null()]) });
export type SatisfactionGroup = Static<typeof SatisfactionGroup>;

/** GET /api/ratings/satisfaction */
export const Satisfaction = Type.Object({
  from: Type.String(), to: Type.String(),
  total: Type.Object({ ratings: Type.Integer(), bad: Type.Integer(), satisfactionRate: Type.Union([Type.Number(), Type.Null()]) }),
  byLevel: Type.Array(Type.Object({ level: Type.Integer(), name: Type.String(), count: Type.Integer() })),
  byWindow: Type.Array(SatisfactionGroup), byStaff: Type.Array(SatisfactionGroup), byDepartment: Type.Array(SatisfactionGroup), byItem: Type.Array(SatisfactionGroup),
});
export type Satisfaction = Static<typeof Satisfaction>;
