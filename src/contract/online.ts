/** Applying online (网上申请) and the applicant's steps on their case; the staff's view of the uploaded files. */
import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';

export const APPLICANT_ACTIONS = ['resubmit', 'withdraw', 'cancel'] as const;
export type ApplicantAction = (typeof APPLICANT_ACTIONS)[number];

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const UploadId = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$', description: 'An id from POST /api/applicant/uploads or GET /api/applicant/materials' });
export const OnlineCaseNo = Type.String({ minLength: 1, maxLength: 20 });

export const MaterialGiven = Type.Object({
  code: Text(20, 1),
  uploadIds: Type.Optional(Type.Array(UploadId, { maxItems: 10, description: 'New uploads or earlier ones (材料共用)' })),
  resultCaseNos: Type.Optional(Type.Array(OnlineCaseNo, { maxItems: 5, description: 'My completed cases whose result serves as this material' })),
}, { additionalProperties: false });
export type MaterialGiven = Static<typeof MaterialGiven>;

export const ApplicationBody = Type.Object({
  itemCode: Text(40, 1),
  center: Type.Optional(Text(20, 1)),
  applicant: Type.Object({
    kind: StringEnum(['person', 'organization']),
    name: Text(100, 1),
    idNumber: Type.Optional(Text(18, 18)),
    creditCode: Type.Optional(Text(18, 18)),
  }, { additionalProperties: false }),
  agent: Type.Optional(Type.Object({
    name: Text(50, 1), idNumber: Text(18, 18), relation: Text(50, 1),
  }, { additionalProperties: false, description: 'Required for an organisation: its contact person (经办人). The phone is always the signed-in one.' })),
  materials: Type.Array(MaterialGiven, { maxItems: 50 }),
}, { additionalProperties: false });
export type ApplicationBody = Static<typeof ApplicationBody>;

export const ApplicantActionBody = Type.Object({
  action: StringEnum(APPLICANT_ACTIONS),
  expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
  comment: Type.Optional(Text(2000)),
  materials: Type.Optional(Type.Array(MaterialGiven, { maxItems: 50, description: 'resubmit: the fixed materials; each replaces that material\'s files' })),
}, { additionalProperties: false });
export type ApplicantActionBody = Static<typeof ApplicantActionBody>;

/** GET /api/cases/{caseNo}/files: one uploaded file of an online case. */
export const StaffFile = Type.Object({
  id: Type.String(), materialCode: Type.String(), materialName: Type.String(), name: Type.String(), mediaType: Type.String(), size: Type.Integer(),
  uploadedAt: Type.String(), seq: Type.Integer({ description: 'The case event that attached it' }),
  current: Type.Boolean({ description: 'In the material\'s newest set (false: replaced by a resubmission)' }), url: Type.String(),
});
export type StaffFile = Static<typeof StaffFile>;
