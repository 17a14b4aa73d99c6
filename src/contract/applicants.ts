/** The online hall's applicant (办事人): SMS sign-in, my cases, my materials and results. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';
import { CaseClock as StaffCaseClock } from './cases.js';
import { CASE_ACTIONS, CASE_STATUSES } from '../domain/case-workflow.js';
import { ITEM_KINDS } from '../domain/catalog.js';

const NStr = Type.Union([Type.String(), Type.Null()]);
export const Label = Type.Object({ zh: Type.String(), en: Type.String() });
export type Label = Static<typeof Label>;

export const Profile = Type.Union([Type.Object({
  kind: StringEnum(['person', 'organization']),
  name: Type.String(),
  idNumber: Type.Optional(Type.String()),
  creditCode: Type.Optional(Type.String()),
  agent: Type.Optional(Type.Object({ name: Type.String(), idNumber: Type.String(), relation: Type.String() })),
}), Type.Null()], { description: 'What was filled in on the last application, to offer again' });
export type Profile = Static<typeof Profile>;

export const ApplicantMe = Type.Object({
  applicant: Type.Object({ id: Type.Integer(), phone: Type.String(), profile: Profile }),
  csrfToken: Type.String({ description: 'Send it as x-csrf-token on every POST of the applicant' }),
  uploadLimit: Type.Object({
    maxBytes: Type.Integer({ description: 'Largest file POST /api/applicant/uploads takes' }),
    mediaTypes: Type.Array(Type.String(), { description: 'Accepted kinds, recognised by content' }),
  }, { description: 'What the upload controls should say before a file is picked' }),
});
export type ApplicantMe = Static<typeof ApplicantMe>;

/** The clock on the applicant's own case: the staff clock without the interruption's details. */
export const CaseClock = Type.Omit(StaffCaseClock, ['pause']);
export type CaseClock = Static<typeof CaseClock>;

export const MyCaseSummary = Type.Object({
  caseNo: Type.String(),
  item: Type.Object({ code: Type.String(), name: Type.String() }),
  department: Type.Object({ code: Type.String(), name: Type.String() }),
  kind: StringEnum(ITEM_KINDS),
  channel: Type.String(),
  status: StringEnum(CASE_STATUSES),
  statusLabel: Label,
  version: Type.Integer({ description: 'Send it back as expectedVersion when acting on the case' }),
  receivedAt: Type.String(),
  acceptedAt: NStr,
  clock: CaseClock,
  visits: Type.Integer({ description: 'Trips to the hall this case needed: intake, supplement, pickup at a window; online steps count none' }),
  resultNo: NStr,
  nextStep: Label,
});
export type MyCaseSummary = Static<typeof MyCaseSummary>;

export const FileRef = Type.Object({ id: Type.String(), name: Type.String(), mediaType: Type.String(), size: Type.Integer(), uploadedAt: Type.String(), url: Type.String() });
export type FileRef = Static<typeof FileRef>;

export const MyCaseDetail = Type.Object({
  ...MyCaseSummary.properties,
  applicant: Type.Object({ kind: Type.String(), name: Type.String(), idNumber: NStr, creditCode: NStr, phone: Type.String() }),
  agent: Type.Union([Type.Object({ name: Type.String(), idNumber: Type.String(), relation: Type.String() }), Type.Null()]),
  materials: Type.Array(Type.Object({
    code: Type.String(), name: Type.String(), required: Type.Boolean(), provided: Type.Boolean(), note: NStr,
    files: Type.Array(FileRef, { description: 'The current files of this material' }),
  })),
  toFix: Type.Union([Type.Object({
    materials: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
    comment: NStr,
    at: NStr,
  }), Type.Null()], { description: 'The one-time list: what pre-review returned, or what a supplement asks for' }),
  stages: Type.Array(Type.Object({ stage: Type.Integer(), name: Type.String(), department: Type.String(), status: Type.String(), dueDate: NStr })),
  timeline: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), status: Type.String(), statusLabel: Label, by: Label, comment: NStr })),
  allowedActions: Type.Array(StringEnum(CASE_ACTIONS), { description: 'What I may do now: resubmit, withdraw (in pre-review), cancel (30 minutes after acceptance)' }),
  closedReason: NStr,
});
export type MyCaseDetail = Static<typeof MyCaseDetail>;

export const MyMaterials = Type.Object({
  uploads: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), mediaType: Type.String(), size: Type.Integer(), materialCode: NStr, uploadedAt: Type.String(), url: Type.String(),
    materialNames: Type.Array(Type.String(), { description: 'The materials it served as' }),
    usedIn: Type.Array(Type.String(), { description: 'Case numbers it was attached to' }),
  })),
  results: Type.Array(Type.Object({
    caseNo: Type.String(), item: Type.Object({ code: Type.String(), name: Type.String() }), resultName: Type.String(), resultType: Type.String(),
    resultNo: Type.String(), completedAt: NStr,
  })),
});
export type MyMaterials = Static<typeof MyMaterials>;


export const MyCasePage = Type.Object({ items: Type.Array(MyCaseSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
export type MyCasePage = Static<typeof MyCasePage>;
