import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { getApplicant, requireApplicant } from '../applicants/applicant-auth.js';
import { requestCaseDeps } from '../cases/cases.routes.js';
import { applicantAction, applyOnlineIdempotent, filesForStaff } from './online.service.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const UploadId = Type.String({ pattern: '^[A-Za-z0-9_-]{22}$', description: 'An id from POST /api/applicant/uploads or GET /api/applicant/materials' });
const CaseNo = Type.String({ minLength: 1, maxLength: 20 });

const MaterialGiven = Type.Object({
  code: Text(20, 1),
  uploadIds: Type.Optional(Type.Array(UploadId, { maxItems: 10, description: 'New uploads or earlier ones (材料共用)' })),
  resultCaseNos: Type.Optional(Type.Array(CaseNo, { maxItems: 5, description: 'My completed cases whose result serves as this material' })),
}, { additionalProperties: false });

const ApplicationBody = Type.Object({
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

const ActionBody = Type.Object({
  action: StringEnum(['resubmit', 'withdraw', 'cancel']),
  expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
  comment: Type.Optional(Text(2000)),
  materials: Type.Optional(Type.Array(MaterialGiven, { maxItems: 50, description: 'resubmit: the fixed materials; each replaces that material\'s files' })),
}, { additionalProperties: false });

const Answer = Type.Object({ caseNo: Type.String(), status: Type.String(), version: Type.Integer() });

const StaffFile = Type.Object({
  id: Type.String(), materialCode: Type.String(), materialName: Type.String(), name: Type.String(), mediaType: Type.String(), size: Type.Integer(),
  uploadedAt: Type.String(), seq: Type.Integer({ description: 'The case event that attached it' }),
  current: Type.Boolean({ description: 'In the material\'s newest set (false: replaced by a resubmission)' }), url: Type.String(),
});

export function onlineRoutes(app: Api, ctx: AppContext): void {
  const depsFor = requestCaseDeps(ctx);

  app.post('/applicant/applications', {
    preHandler: requireApplicant(ctx),
    schema: {
      tags: ['applicant'],
      summary: '网上申请: apply online for an item that allows it. Every required material needs an upload or a reused result. The case starts in pre-review (submitted): no clock until the desk takes it in and the department accepts it.',
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'One per draft: a retry with the same key and body answers the first result; another body → 422' })) }),
      body: ApplicationBody,
      response: { 201: Answer, ...errors(400, 401, 403, 404, 409, 422) },
    },
  }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    const result = await applyOnlineIdempotent(depsFor(request), getApplicant(request), request.body, request.ip, typeof key === 'string' ? key : undefined);
    return reply.status(201).send(result);
  });

  app.post('/applicant/cases/:caseNo/actions', {
    preHandler: requireApplicant(ctx),
    schema: {
      tags: ['applicant'],
      summary: 'My step on my case: resubmit after pre-review returned it (with the fixed materials), withdraw in pre-review (comment = reason), cancel within 30 minutes of acceptance',
      params: Type.Object({ caseNo: CaseNo }),
      body: ActionBody,
      response: { 200: Answer, ...errors(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => applicantAction(depsFor(request), getApplicant(request), request.params.caseNo, request.body, request.ip));

  app.get('/cases/:caseNo/files', {
    preHandler: requireRole('desk', 'approver', 'supervisor', 'leader'),
    schema: {
      tags: ['cases'],
      summary: 'The uploaded files of an online case, per material, with the ones replaced by a resubmission; download each at its url',
      params: Type.Object({ caseNo: CaseNo }),
      response: { 200: Type.Array(StaffFile), ...errors(401, 403, 404) },
    },
  }, async (request) => filesForStaff(depsFor(request), { user: getUser(request), address: request.ip }, request.params.caseNo));
}
