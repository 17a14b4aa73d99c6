import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { DateString, errors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { IRREGULARITY_KINDS } from '../../domain/oversight-rules.js';
import {
  answerNotice, closeNotice, FINDING_KEY_PATTERN, getNotice, getOversightSettings, intermediaryReport, irregularityReport, issueNotice,
  listNoticesFor, reviewFinding, updateOversightSettings, type OversightDeps, type RequestActor,
} from './oversight.service.js';

const STATUSES = ['open', 'answered', 'escalated', 'closed'] as const;
const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const NStr = Type.Union([Type.String(), Type.Null()]);
const Ref = Type.Object({ code: Type.String(), name: Type.String() });
const NoticeParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, local time' });

const Notice = Type.Object({
  id: Type.Integer(),
  subject: Type.String(),
  body: Type.String(),
  status: StringEnum(STATUSES),
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
const NoticeDetail = Type.Object({
  notice: Notice,
  answers: Type.Array(Type.Object({ id: Type.Integer(), body: Type.String(), answeredBy: Type.String(), answeredAt: Type.String() })),
  history: Type.Array(Type.Object({
    action: Type.String(), at: Type.String(), actor: NStr, fromStatus: NStr, toStatus: Type.String(), note: NStr,
  })),
});

const Review = Type.Union([Type.Object({ note: Type.String(), by: Type.String(), at: Type.String() }), Type.Null()]);
const PeriodQuery = {
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
};
const Irregularities = Type.Object({
  from: Type.String(), to: Type.String(),
  settings: Type.Object({ officeStart: Type.String(), officeEnd: Type.String(), quickDecisionMinutes: Type.Number(), minPauseCycles: Type.Number() }),
  items: Type.Array(Type.Object({
    key: Type.String({ description: 'Stable key of the finding; a review names it' }),
    kind: StringEnum(IRREGULARITY_KINDS),
    caseNo: Type.String(),
    itemName: Type.String(),
    department: Type.Union([Ref, Type.Null()]),
    actor: NStr,
    at: Type.String(),
    facts: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
    events: Type.Array(Type.Object({ seq: Type.Integer(), at: Type.String(), action: Type.String(), actorName: Type.String(), role: Type.String() })),
    review: Review,
  })),
});
const Identity = Type.Object({ type: StringEnum(['agent-id', 'phone']), value: Type.String({ description: 'Masked' }) });
const SignalCase = Type.Object({
  caseNo: Type.String(), itemName: Type.String(), department: Type.Union([Ref, Type.Null()]), receivedAt: Type.String(),
  applicantName: Type.String({ description: 'Masked' }), applicantPhone: Type.String({ description: 'Masked' }), agentName: NStr, status: Type.String(),
  acceptedDate: Type.Optional(NStr), completedDate: Type.Optional(NStr), usedDays: Type.Optional(Type.Number()),
});
const Intermediaries = Type.Object({
  from: Type.String(), to: Type.String(),
  settings: Type.Object({
    minApplicants: Type.Number(), minItemCases: Type.Number(), minSubmitterCases: Type.Number(),
    fastRatio: Type.Number(), slowRatio: Type.Number(), minDiffDays: Type.Number(),
  }),
  frequentSubmitters: Type.Array(Type.Object({
    key: Type.String(), identity: Identity, agentNames: Type.Array(Type.String()), applicants: Type.Integer(), cases: Type.Array(SignalCase), review: Review,
  })),
  speedOutliers: Type.Array(Type.Object({
    key: Type.String(), itemCode: Type.String(), itemName: Type.String(), identity: Identity, direction: StringEnum(['faster', 'slower']),
    submitterMedian: Type.Number(), othersMedian: Type.Number(), submitterCases: Type.Integer(), otherCases: Type.Integer(),
    cases: Type.Array(SignalCase), review: Review,
  })),
});

const SettingsBody = Type.Object({
  noticeDays: Type.Integer({ minimum: 1, maximum: 30 }),
  officeStart: Time,
  officeEnd: Time,
  quickDecisionMinutes: Type.Integer({ minimum: 1, maximum: 480 }),
  minPauseCycles: Type.Integer({ minimum: 2, maximum: 20 }),
  minApplicants: Type.Integer({ minimum: 2, maximum: 1000 }),
  minItemCases: Type.Integer({ minimum: 2, maximum: 10000 }),
  minSubmitterCases: Type.Integer({ minimum: 1, maximum: 1000 }),
  fastRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  slowRatio: Type.Number({ minimum: 1, maximum: 100 }),
  minDiffDays: Type.Integer({ minimum: 0, maximum: 365 }),
});

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
      body: Type.Object({
        caseNo: Type.Optional(Text(20, 1)),
        department: Type.Optional(Text(20, 1)),
        subject: Text(100, 1),
        body: Text(2000, 1),
        deadline: Type.Optional(Type.String({ ...DateString, description: 'YYYY-MM-DD, a year from 2000 to 2100; default: N working days from today (settings)' })),
      }, { additionalProperties: false }),
      response: { 201: Notice, ...errors(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await issueNotice(deps, actorOf(request), request.body)));

  app.get('/supervision/notices', {
    preHandler: requireRole('supervisor', 'leader', 'approver'),
    schema: {
      tags,
      summary: 'Supervision notices: supervisors and leaders see all, an approver those to his department. Overdue unanswered notices are escalated first.',
      querystring: Type.Object({
        status: Type.Optional(StringEnum(STATUSES)),
        caseNo: Type.Optional(Text(20, 1)),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      }, { additionalProperties: false }),
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
      body: Type.Object({ body: Text(2000, 1) }, { additionalProperties: false }),
      response: { 201: NoticeDetail, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await answerNotice(deps, actorOf(request), request.params.id, request.body.body)));

  app.post('/supervision/notices/:id/close', {
    preHandler: requireRole('supervisor'),
    schema: {
      tags,
      summary: 'Close a notice (supervisor)',
      params: NoticeParams,
      body: Type.Object({ note: Type.Optional(Text(500)) }, { additionalProperties: false }),
      response: { 200: NoticeDetail, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => closeNotice(deps, actorOf(request), request.params.id, request.body.note));

  app.get('/supervision/irregularities', {
    preHandler: requireRole('supervisor', 'leader'),
    schema: {
      tags,
      summary: 'Irregularities (异常行为) in a period, with the evidence: staff actions outside office hours, non-immediate items decided within minutes, repeated pauses, refusals after the due date',
      querystring: Type.Object({ ...PeriodQuery, kind: Type.Optional(StringEnum(IRREGULARITY_KINDS)) }, { additionalProperties: false }),
      response: { 200: Irregularities, ...errors(400, 401, 403) },
    },
  }, async (request) => irregularityReport(deps, getUser(request), request.query));

  app.get('/supervision/intermediaries', {
    preHandler: requireRole('supervisor', 'leader'),
    schema: {
      tags,
      summary: 'Intermediary signals (中介线索) in a period: agents and phones submitting for many applicants, submitters markedly faster or slower than everyone else on an item. Personal data masked.',
      querystring: Type.Object(PeriodQuery, { additionalProperties: false }),
      response: { 200: Intermediaries, ...errors(400, 401, 403) },
    },
  }, async (request) => intermediaryReport(deps, getUser(request), request.query));

  app.post('/supervision/reviews', {
    preHandler: requireRole('supervisor', 'leader'),
    schema: {
      tags,
      summary: 'Mark a finding (irregularity or intermediary signal) as reviewed, with a note. Reviews are kept; the newest is shown.',
      body: Type.Object({ key: Type.String({ pattern: FINDING_KEY_PATTERN, maxLength: 200 }), note: Text(1000, 1) }, { additionalProperties: false }),
      response: { 201: Type.Object({ key: Type.String(), review: Review }), ...errors(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await reviewFinding(deps, actorOf(request), request.body)));

  app.get('/supervision/settings', {
    preHandler: requireRole('supervisor', 'leader', 'admin'),
    schema: { tags, summary: 'Supervision settings: notice deadline, office hours and finding thresholds', response: { 200: SettingsBody, ...errors(401, 403) } },
  }, async () => getOversightSettings(ctx.db));

  app.put('/supervision/settings', {
    preHandler: requireRole('supervisor', 'admin'),
    schema: {
      tags,
      summary: 'Change supervision settings (any subset)',
      body: Type.Partial(SettingsBody, { additionalProperties: false }),
      response: { 200: SettingsBody, ...errors(400, 401, 403) },
    },
  }, async (request) => updateOversightSettings(deps, actorOf(request), request.body));
}
