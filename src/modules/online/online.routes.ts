import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { getApplicant, requireApplicant } from '../applicants/applicant-auth.js';
import { requestCaseDeps } from '../cases/cases.routes.js';
import { ApplicantActionBody, ApplicationBody, OnlineCaseNo, StaffFile } from '#contract/online.js';
import { ActionAnswer } from '#contract/cases.js';
import { applicantAction, applyOnlineIdempotent, filesForStaff } from './online.service.js';

const CaseNo = OnlineCaseNo;

export function onlineRoutes(app: Api, ctx: AppContext): void {
  const depsFor = requestCaseDeps(ctx);

  app.post('/applicant/applications', {
    preHandler: requireApplicant(ctx),
    schema: {
      tags: ['applicant'],
      summary: '网上申请: apply online for an item that allows it. Every required material needs an upload or a reused result. The case starts in pre-review (submitted): no clock until the desk takes it in and the department accepts it.',
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'One per draft: a retry with the same key and body answers the first result; another body → 422' })) }),
      body: ApplicationBody,
      response: { 201: ActionAnswer, ...errors(400, 401, 403, 404, 409, 422) },
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
      body: ApplicantActionBody,
      response: { 200: ActionAnswer, ...errors(400, 401, 403, 404, 409, 422) },
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
