/**
 * The case API (/api/cases): intake, the queue, a case with its clock and tasks, its timeline, and
 * the actions that drive it. The server validates and documents with these schemas; the web apps
 * take their types from them (`import type { CaseView } from '#contract/cases.js'`).
 */
import { Type, type Static } from 'typebox';
import { CASE_STATUSES, type CaseStatus } from '../domain/case-status.js';
import { ITEM_KINDS, type ItemKind } from '../domain/catalog.js';
import { CASE_ACTIONS, PAUSE_KINDS, type CaseAction } from './case-actions/index.js';
import type { ActionDataField } from './case-actions/rule.js';
import { StringEnum } from './common.js';

export type { CaseAction, CaseStatus, ItemKind };

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NStr = Nullable(Type.String());
const Named = Type.Object({ code: Type.String(), name: Type.String() });

export const Warning = StringEnum(['normal', 'yellow', 'red']);
export type Warning = Static<typeof Warning>;

export const MaterialInput = Type.Object({ code: Text(20, 1), provided: Type.Boolean(), note: Type.Optional(Text(500)) }, { additionalProperties: false });
export type MaterialInput = Static<typeof MaterialInput>;

/** POST /api/cases: 收件 at the window (the online hall builds the same shape from its form). */
export const IntakeBody = Type.Object({
  itemCode: Text(40, 1),
  applicant: Type.Object({
    kind: StringEnum(['person', 'organization']),
    name: Text(100, 1),
    idNumber: Type.Optional(Text(18, 18)),
    creditCode: Type.Optional(Text(18, 18)),
    phone: Text(11, 11),
  }, { additionalProperties: false }),
  agent: Type.Optional(Type.Object({ name: Text(50, 1), idNumber: Text(18, 18), phone: Text(11, 11), relation: Text(50, 1) }, { additionalProperties: false })),
  channel: StringEnum(['window', 'online', 'township', 'village']),
  urgent: Type.Optional(Type.Boolean()),
  materials: Type.Array(MaterialInput, { maxItems: 100 }),
  /**
   * 代办件 only (a station or agent takes it): the applicant's authorization, a signed 委托书 printed
   * from the platform (`paper`) or the code of an SMS confirmation (POST /api/network/confirmations).
   */
  authorization: Type.Optional(Type.Object({
    kind: StringEnum(['paper', 'sms']),
    confirmationId: Type.Optional(Type.Integer({ minimum: 1 })),
    code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });
export type IntakeBody = Static<typeof IntakeBody>;

export const CaseLinks = Type.Object({ receipt: Type.String(), supplementNotice: Type.Optional(Type.String()), notAcceptedNotice: Type.Optional(Type.String()) });
export type CaseLinks = Static<typeof CaseLinks>;

export const IntakeAnswer = Type.Object({
  caseNo: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  missingMaterials: Type.Array(Named),
  links: CaseLinks,
});
export type IntakeAnswer = Static<typeof IntakeAnswer>;

/**
 * What an action's `data` may carry; each action names the fields it reads (`data` in
 * ./case-actions/<action>.ts) and its effect checks what it requires.
 */
export const ActionData = Type.Object({
  kind: Type.Optional(StringEnum(PAUSE_KINDS)),
  expectedDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  missing: Type.Optional(Type.Array(Text(20, 1), { maxItems: 100 })),
  materials: Type.Optional(Type.Array(MaterialInput, { maxItems: 100 })),
  resultNo: Type.Optional(Text(100)),
  method: Type.Optional(StringEnum(['window', 'post'])),
  pickupName: Type.Optional(Text(50)),
  pickupIdNumber: Type.Optional(Text(18)),
  trackingNo: Type.Optional(Text(50)),
  authority: Type.Optional(Text(100)),
  taskId: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });
export type ActionData = Static<typeof ActionData>;
/** ActionData's fields and the list the action files name them from must be the same set. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const actionDataFieldsMatch: SameKeys<keyof ActionData, ActionDataField> = true;
void actionDataFieldsMatch;

/** POST /api/cases/{caseNo}/actions */
export const ActionBody = Type.Object({
  action: StringEnum(CASE_ACTIONS),
  /** The version the user saw; a newer one answers 409 VERSION_CONFLICT (someone acted first). */
  expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
  comment: Type.Optional(Text(2000)),
  materials: Type.Optional(Type.Array(MaterialInput, { maxItems: 100 })),
  data: Type.Optional(ActionData),
}, { additionalProperties: false });
export type ActionBody = Static<typeof ActionBody>;

export const ActionAnswer = Type.Object({ caseNo: Type.String(), status: Type.String(), version: Type.Integer() });
export type ActionAnswer = Static<typeof ActionAnswer>;

/** The promised-limit clock (承诺时限) as everybody sees it: staff, applicant and supervisors. */
export const CaseClock = Type.Object({
  promisedDays: Type.Integer(),
  acceptedDate: NStr,
  dueDate: NStr,
  /** The due date reaches a year whose holiday calendar is not announced yet. */
  provisional: Type.Boolean(),
  daysLeft: Type.Union([Type.Integer(), Type.Null()]),
  /** Working days the clock stood still, including an interruption still open. */
  pausedDays: Type.Integer(),
  running: Type.Boolean(),
  pause: Type.Union([Type.Object({ kind: Type.String(), reason: Type.String(), since: Type.String(), resumeStatus: Type.String(), expectedDays: Type.Optional(Type.Integer()) }), Type.Null()]),
  warning: Type.Union([Warning, Type.Null()]),
  timeliness: Type.Union([StringEnum(['early', 'on_time', 'late']), Type.Null()]),
});
export type CaseClock = Static<typeof CaseClock>;

/** A department's task on a joint case (联办), one per department and stage. */
export const CaseTask = Type.Object({
  id: Type.Integer(), stage: Type.Integer(), stageName: Type.String(), department: Named,
  lead: Type.Boolean(), limitDays: Type.Integer(), status: Type.String(), startedDate: NStr, dueDate: NStr, finishedAt: NStr, comment: NStr,
});
export type CaseTask = Static<typeof CaseTask>;

/** GET /api/cases/{caseNo}. Personal data is masked unless the user handles the case. */
const TransitLeg = Type.Object({
  from: NStr,
  to: NStr,
  /** Whole hours; while the leg is open, so far. Null before it starts. */
  hours: Type.Union([Type.Integer(), Type.Null()]),
  running: Type.Boolean(),
});

/**
 * 代办件: the time a proxy case's papers spend on the road, apart from the promised clock: before
 * acceptance (intake at the place → the department's acceptance) and after completion (→ the
 * result handed back at the place).
 */
export const CaseTransit = Type.Object({
  place: Type.Object({ code: Type.String(), name: Type.String() }),
  before: TransitLeg,
  after: TransitLeg,
});
export type CaseTransit = Static<typeof CaseTransit>;

export const CaseView = Type.Object({
  caseNo: Type.String(),
  status: StringEnum(CASE_STATUSES),
  statusLabel: Type.String(),
  version: Type.Integer(),
  kind: StringEnum(ITEM_KINDS),
  urgent: Type.Boolean(),
  channel: Type.String(),
  item: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String({ description: 'English name of the item version; empty when none' }), versionId: Type.Integer() }),
  department: Named,
  applicant: Type.Object({ kind: Type.String(), name: Type.String(), idNumber: Type.Optional(Type.String()), creditCode: Type.Optional(Type.String()), phone: Type.String() }),
  agent: Type.Optional(Type.Object({ name: Type.String(), idNumber: Type.String(), phone: Type.String(), relation: Type.String() })),
  materials: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.Optional(Type.String()), required: Type.Boolean(), provided: Type.Boolean(), note: Type.Optional(Type.String()) })),
  receivedAt: Type.String(),
  acceptedAt: NStr,
  decision: NStr,
  decidedAt: NStr,
  completedAt: NStr,
  deliveredAt: NStr,
  resultNo: NStr,
  closedReason: NStr,
  clock: CaseClock,
  tasks: Type.Array(CaseTask),
  /** What this user may do now, from the transition table. */
  allowedActions: Type.Array(StringEnum(CASE_ACTIONS)),
  links: CaseLinks,
  /** Proxy cases only, on the case page (not in queues). */
  transit: Type.Optional(CaseTransit),
});
export type CaseView = Static<typeof CaseView>;

/** GET /api/cases: the queue, filtered by the caller's reach. */
export const QueueQuery = Type.Object({
  department: Type.Optional(Text(20)),
  status: Type.Optional(Type.Array(StringEnum(CASE_STATUSES), { maxItems: CASE_STATUSES.length })),
  warning: Type.Optional(Warning),
  item: Type.Optional(Text(40)),
  q: Type.Optional(Text(100)),
  mine: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });
export type QueueQuery = Static<typeof QueueQuery>;

export const QueueRow = Type.Object({
  caseNo: Type.String(), status: StringEnum(CASE_STATUSES), statusLabel: Type.String(), version: Type.Integer(), kind: StringEnum(ITEM_KINDS), urgent: Type.Boolean(),
  item: Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() }), department: Named,
  applicantName: Type.String(), applicantPhone: Type.String(), applicantIdNumber: Type.Optional(Type.String()), receivedAt: Type.String(),
  dueDate: NStr, daysLeft: Type.Union([Type.Integer(), Type.Null()]), pausedDays: Type.Integer(),
  // The clock's level, as on the case itself (null while the clock does not run).
  warning: Type.Union([Warning, Type.Null()]),
});
export type QueueRow = Static<typeof QueueRow>;

export const QueuePage = Type.Object({ items: Type.Array(QueueRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type QueuePage = Static<typeof QueuePage>;

/** GET /api/cases/{caseNo}/timeline: every step (全程留痕). */
export const TimelineEntry = Type.Object({
  seq: Type.Integer(), at: Type.String(), actorName: Type.String(), role: Type.String(), action: Type.String(), fromStatus: NStr,
  toStatus: Type.String(), clientAddress: Type.String(), comment: NStr, data: Type.Unknown(),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const CaseParams = Type.Object({ caseNo: Text(20, 1) });
