import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import {
  IntermediaryReport, IrregularityQuery, IrregularityReport, NewNotice, Notice, NoticeAnswerBody, NoticeCloseBody, NoticeDetail, NoticeListQuery,
  NoticeParams, OversightSettings, OversightSettingsPatch, PeriodQuery, ReviewAnswer, ReviewBody,
} from '#contract/oversight.js';
import { getUser, requireRole } from '../../http/auth.js';
import {
  answerNotice, closeNotice, getNotice, getOversightSettings, intermediaryReport, irregularityReport, issueNotice,
  listNoticesFor, reviewFinding, updateOversightSettings, type OversightDeps, type RequestActor,
} from './oversight.service.js';

export function oversightDeps(ctx: AppContext): OversightDeps {
  return { db: ctx.db, clock: ctx.clock };
}

function actorOf(request: FastifyRequest): RequestActor {
  return { user: getUser(request), address: request.ip };
}

export function oversightRoutes(app: Api, ctx: AppContext): void {
  const deps = oversightDeps(ctx);
  const tags = ['supervision'];

  app.post('/supervision/notices', {
    preHandler: requireRole('supervisor', 'leader'),
    schema: {
      tags,
      summary: 'Issue a supervision notice (督办) to a department, or about a case (goes to its department); SMS to the department',
      body: NewNotice,
      response: { 201: Notice, ...errors(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await issueNotice(deps, actorOf(request), request.body)));

  app.get('/supervision/notices', {
    preHandler: requireRole('supervisor', 'leader', 'approver'),
    schema: {
      tags,
      summary: 'Supervision notices: supervisors and leaders see all, an approver those to his department. Overdue unanswered notices are escalated first.',
      querystring: NoticeListQuery,
      response: { 200: Type.Array(Notice), ...errors(400, 401, 403) },
    },
  }, async (request) => listNoticesFor(deps, getUser(request), request.query));

  app.get('/supervision/notices/:id', {
    preHandler: requireRole('supervisor', 'leader', 'approver'),
    schema: { tags, summary: 'One notice with its answers and history', params: NoticeParams, response: { 200: NoticeDetail, ...errors(401, 403, 404) } },
  }, async (request) => getNotice(deps, getUser(request), request.params.id));

  app.post('/supervision/notices/:id/answers', {
    preHandler: requireRole('approver'),
    schema: {
      tags,
      summary: 'Answer a notice (the department\'s approvers). Every answer is kept; a later one does not replace an earlier one.',
      params: NoticeParams,
      body: NoticeAnswerBody,
      response: { 201: NoticeDetail, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await answerNotice(deps, actorOf(request), request.params.id, request.body.body)));

  app.post('/supervision/notices/:id/close', {
    preHandler: requireRole('supervisor'),
    schema: {
      tags,
      summary: 'Close a notice (supervisor)',
      params: NoticeParams,
      body: NoticeCloseBody,
      response: { 200: NoticeDetail, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => closeNotice(deps, actorOf(request), request.params.id, request.body.note));

  app.get('/supervision/irregularities', {
    preHandler: requireRole('supervisor', 'leader'),
    schema: {
      tags,
      summary: 'Irregularities (异常行为) in a period, with the evidence: staff actions outside office hours, non-immediate items decided within minutes, repeated pauses, refusals after the due date',
      querystring: IrregularityQuery,
      response: { 200: IrregularityReport, ...errors(400, 401, 403) },
    },
  }, async (request) => irregularityReport(deps, getUser(request), request.query));

  app.get('/supervision/intermediaries', {
    preHandler: requireRole('supervisor', 'leader'),
    schema: {
      tags,
      summary: 'Intermediary signals (中介线索) in a period: agents and phones submitting for many applicants, submitters markedly faster or slower than everyone else on an item. Personal data masked.',
      querystring: PeriodQuery,
      response: { 200: IntermediaryReport, ...errors(400, 401, 403) },
    },
  }, async (request) => intermediaryReport(deps, getUser(request), request.query));

  app.post('/supervision/reviews', {
    preHandler: requireRole('supervisor', 'leader'),
    schema: {
      tags,
      summary: 'Mark a finding (irregularity or intermediary signal) as reviewed, with a note. Reviews are kept; the newest is shown.',
      body: ReviewBody,
      response: { 201: ReviewAnswer, ...errors(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await reviewFinding(deps, actorOf(request), request.body)));

  app.get('/supervision/settings', {
    preHandler: requireRole('supervisor', 'leader', 'admin'),
    schema: { tags, summary: 'Supervision settings: notice deadline, office hours and finding thresholds', response: { 200: OversightSettings, ...errors(401, 403) } },
  }, async () => getOversightSettings(ctx.db));

  app.put('/supervision/settings', {
    preHandler: requireRole('supervisor', 'admin'),
    schema: {
      tags,
      summary: 'Change supervision settings (any subset)',
      body: OversightSettingsPatch,
      response: { 200: OversightSettings, ...errors(400, 401, 403) },
    },
  }, async (request) => updateOversightSettings(deps, actorOf(request), request.body));
}
