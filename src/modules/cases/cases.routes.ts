import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { jobPublicUrl, perOrigin } from '../../http/public-url.js';
import { errors, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { ActionAnswer, ActionBody, CaseParams, CaseView, IntakeAnswer, IntakeBody, QueuePage, QueueQuery, TimelineEntry } from '#contract/cases.js';
import { act, getCase, getTimeline, intakeIdempotent, listCases, type ActingUser, type CaseDeps } from './cases.service.js';

/** Case services for work with no request (jobs); a request's links use `requestCaseDeps`. */
export function caseDeps(ctx: AppContext): CaseDeps {
  return { db: ctx.db, clock: ctx.clock, publicUrl: jobPublicUrl(ctx.config) };
}

/** Case services whose SMS links and QR codes point where the request came from (src/http/public-url.ts). */
export function requestCaseDeps(ctx: AppContext): (request: FastifyRequest) => CaseDeps {
  const forOrigin = perOrigin((publicUrl): CaseDeps => ({ db: ctx.db, clock: ctx.clock, publicUrl }));
  return (request) => forOrigin(request, ctx.config);
}

function actingUser(request: FastifyRequest): ActingUser {
  return { user: getUser(request), address: request.ip };
}

export function caseRoutes(app: Api, ctx: AppContext): void {
  const depsFor = requestCaseDeps(ctx);

  app.post('/cases', {
    preHandler: requireRole('desk', 'station', 'agent'),
    schema: {
      tags: ['cases'],
      summary: 'Intake (收件): complete materials → received; a required material missing → supplement with the full list. Header Idempotency-Key supported. A station (channel township) or agent (channel village) takes a proxy case (代办件) into its county for items opened at its place, with the applicant\'s authorization.',
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
      body: IntakeBody,
      response: { 201: IntakeAnswer, ...errors(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    const result = await intakeIdempotent(depsFor(request), actingUser(request), request.body, typeof key === 'string' ? key : undefined);
    return reply.status(201).send(result.body);
  });

  app.get('/cases', {
    preHandler: requireRole('desk', 'approver', 'supervisor', 'leader'),
    schema: {
      tags: ['cases'],
      summary: 'The queue, sorted by due date: an approver sees its department\'s cases and tasks, the desk what it received (mine=false: the whole center; status=submitted, the online pre-review queue, is always the whole center), supervisors and leaders everything',
      querystring: QueueQuery,
      response: { 200: QueuePage, ...errors(400, 401, 403) },
    },
  }, async (request) => {
    const q = request.query;
    return listCases(depsFor(request), actingUser(request), { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
  });

  app.get('/cases/:caseNo', {
    preHandler: requireRole('desk', 'approver', 'supervisor', 'leader', 'station', 'agent'),
    schema: { tags: ['cases'], summary: 'A case with materials, tasks, clock and the actions allowed to me now', params: CaseParams, response: { 200: CaseView, ...errors(401, 403, 404) } },
  }, async (request) => getCase(depsFor(request), actingUser(request), request.params.caseNo));

  app.get('/cases/:caseNo/timeline', {
    preHandler: requireRole('desk', 'approver', 'supervisor', 'leader', 'station', 'agent'),
    schema: { tags: ['cases'], summary: 'Every step of the case (全程留痕)', params: CaseParams, response: { 200: Type.Array(TimelineEntry), ...errors(401, 403, 404) } },
  }, async (request) => getTimeline(depsFor(request), actingUser(request), request.params.caseNo));

  app.post('/cases/:caseNo/actions', {
    preHandler: requireRole('desk', 'approver', 'supervisor', 'leader'),
    schema: {
      tags: ['cases'],
      summary: 'Drive the case: accept, review-pass, request-supplement, resupply, approve, refuse, pause, resume, report-up, report-back, return, withdraw, cancel, complete, deliver, not-accept, task-pass, task-refuse; online pre-review (desk): prereview-accept (→ received), prereview-return (comment + data.missing, the list to fix)',
      params: CaseParams,
      body: ActionBody,
      response: { 200: ActionAnswer, ...errors(400, 401, 403, 404, 409, 422) },
    },
  }, async (request) => act(depsFor(request), actingUser(request), request.params.caseNo, request.body));
}
