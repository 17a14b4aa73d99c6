import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { jobPublicUrl, perOrigin } from '../../http/public-url.js';
import { errors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { CASE_ACTIONS, CASE_STATUSES } from '../../domain/case-workflow.js';
import { ITEM_KINDS } from '../../domain/catalog.js';
import { act, getCase, getTimeline, intakeIdempotent, listCases, type ActingUser, type CaseDeps } from './cases.service.js';
import { PAUSE_KINDS } from './case-effects.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const MaterialInput = Type.Object({ code: Text(20, 1), provided: Type.Boolean(), note: Type.Optional(Text(500)) }, { additionalProperties: false });

const IntakeBody = Type.Object({
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
}, { additionalProperties: false });

const Links = Type.Object({ receipt: Type.String(), supplementNotice: Type.Optional(Type.String()), notAcceptedNotice: Type.Optional(Type.String()) });

const IntakeAnswer = Type.Object({
  caseNo: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  missingMaterials: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  links: Links,
});

const ActionBody = Type.Object({
  action: StringEnum(CASE_ACTIONS),
  expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
  comment: Type.Optional(Text(2000)),
  materials: Type.Optional(Type.Array(MaterialInput, { maxItems: 100 })),
  data: Type.Optional(Type.Object({
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
  }, { additionalProperties: false })),
}, { additionalProperties: false });

const ActionAnswer = Type.Object({ caseNo: Type.String(), status: Type.String(), version: Type.Integer() });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NStr = Nullable(Type.String());

const ClockSchema = Type.Object({
  promisedDays: Type.Integer(),
  acceptedDate: NStr,
  dueDate: NStr,
  provisional: Type.Boolean(),
  daysLeft: Type.Union([Type.Integer(), Type.Null()]),
  pausedDays: Type.Integer(),
  running: Type.Boolean(),
  pause: Type.Union([Type.Object({ kind: Type.String(), reason: Type.String(), since: Type.String(), resumeStatus: Type.String(), expectedDays: Type.Optional(Type.Integer()) }), Type.Null()]),
  warning: Type.Union([StringEnum(['normal', 'yellow', 'red']), Type.Null()]),
  timeliness: Type.Union([StringEnum(['early', 'on_time', 'late']), Type.Null()]),
});

const CaseSchema = Type.Object({
  caseNo: Type.String(),
  status: StringEnum(CASE_STATUSES),
  statusLabel: Type.String(),
  version: Type.Integer(),
  kind: StringEnum(ITEM_KINDS),
  urgent: Type.Boolean(),
  channel: Type.String(),
  item: Type.Object({ code: Type.String(), name: Type.String(), versionId: Type.Integer() }),
  department: Type.Object({ code: Type.String(), name: Type.String() }),
  applicant: Type.Object({ kind: Type.String(), name: Type.String(), idNumber: Type.Optional(Type.String()), creditCode: Type.Optional(Type.String()), phone: Type.String() }),
  agent: Type.Optional(Type.Object({ name: Type.String(), idNumber: Type.String(), phone: Type.String(), relation: Type.String() })),
  materials: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), required: Type.Boolean(), provided: Type.Boolean(), note: Type.Optional(Type.String()) })),
  receivedAt: Type.String(),
  acceptedAt: NStr,
  decision: NStr,
  decidedAt: NStr,
  completedAt: NStr,
  deliveredAt: NStr,
  resultNo: NStr,
  closedReason: NStr,
  clock: ClockSchema,
  tasks: Type.Array(Type.Object({
    id: Type.Integer(), stage: Type.Integer(), stageName: Type.String(), department: Type.Object({ code: Type.String(), name: Type.String() }),
    lead: Type.Boolean(), limitDays: Type.Integer(), status: Type.String(), startedDate: NStr, dueDate: NStr, finishedAt: NStr, comment: NStr,
  })),
  allowedActions: Type.Array(StringEnum(CASE_ACTIONS)),
  links: Links,
});

const QueueRow = Type.Object({
  caseNo: Type.String(), status: Type.String(), statusLabel: Type.String(), version: Type.Integer(), kind: Type.String(), urgent: Type.Boolean(),
  item: Type.Object({ code: Type.String(), name: Type.String() }), department: Type.Object({ code: Type.String(), name: Type.String() }),
  applicantName: Type.String(), applicantPhone: Type.String(), applicantIdNumber: Type.Optional(Type.String()), receivedAt: Type.String(),
  dueDate: NStr, daysLeft: Type.Union([Type.Integer(), Type.Null()]), pausedDays: Type.Integer(),
  // The clock's level, as on the case itself (null while the clock does not run).
  warning: Type.Union([StringEnum(['normal', 'yellow', 'red']), Type.Null()]),
});

const TimelineEntry = Type.Object({
  seq: Type.Integer(), at: Type.String(), actorName: Type.String(), role: Type.String(), action: Type.String(), fromStatus: NStr,
  toStatus: Type.String(), clientAddress: Type.String(), comment: NStr, data: Type.Unknown(),
});

const CaseParams = Type.Object({ caseNo: Text(20, 1) });

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
    preHandler: requireRole('desk'),
    schema: {
      tags: ['cases'],
      summary: 'Intake (收件): complete materials → received; a required material missing → supplement with the full list. Header Idempotency-Key supported.',
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
      querystring: Type.Object({
        department: Type.Optional(Text(20)),
        status: Type.Optional(Type.Array(StringEnum(CASE_STATUSES), { maxItems: CASE_STATUSES.length })),
        warning: Type.Optional(StringEnum(['normal', 'yellow', 'red'])),
        item: Type.Optional(Text(40)),
        q: Type.Optional(Text(100)),
        mine: Type.Optional(Type.Boolean()),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(QueueRow), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }), ...errors(400, 401, 403) },
    },
  }, async (request) => {
    const q = request.query;
    return listCases(depsFor(request), actingUser(request), { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
  });

  app.get('/cases/:caseNo', {
    preHandler: requireRole('desk', 'approver', 'supervisor', 'leader'),
    schema: { tags: ['cases'], summary: 'A case with materials, tasks, clock and the actions allowed to me now', params: CaseParams, response: { 200: CaseSchema, ...errors(401, 403, 404) } },
  }, async (request) => getCase(depsFor(request), actingUser(request), request.params.caseNo));

  app.get('/cases/:caseNo/timeline', {
    preHandler: requireRole('desk', 'approver', 'supervisor', 'leader'),
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
