import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { DateString, errors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { AppError } from '../../domain/errors.js';
import {
  Complaint, COMPLAINT_KINDS, COMPLAINT_STATUSES, ComplaintReceipt, FeedbackAnswer, OnlineComplaintBody, PublicComplaint, REPLY_FORMS, StaffComplaintBody,
} from '#contract/complaints.js';
import { guessing } from '../progress/guess-throttle.js';
import { esc, printPage, zhDate } from '../print/html.js';
import { getCenter } from '../centers/centers.service.js';
import {
  assign, complaintForPrint, reroute, getComplaint, listComplaints, publicFeedback, publicLookup, recordFeedback, registerByStaff, reply,
  submitOnline, type ComplaintDeps,
} from './complaints.service.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const CodeParams = Type.Object({ code: Text(20, 1) });

export function complaintRoutes(app: Api, ctx: AppContext): void {
  const deps: ComplaintDeps = { db: ctx.db, clock: ctx.clock };
  const guarded = <T>(request: FastifyRequest, reply: FastifyReply, run: () => Promise<T>) => guessing(ctx, 'complaint', request, reply, run);

  app.post('/public/complaints', {
    schema: {
      tags: ['complaints'],
      summary: 'Submit a consultation or complaint online (咨询投诉); answers the lookup code. Anonymous consultations allowed; complaints need a contact',
      body: OnlineComplaintBody,
      response: { 201: ComplaintReceipt, ...errors(400, 404) },
    },
  }, async (request, reply) => reply.status(201).send(await submitOnline(deps, request.body)));

  app.get('/public/complaints/:code', {
    schema: {
      tags: ['complaints'],
      summary: 'Follow one\'s own consultation or complaint by its code and the phone given (none for an anonymous consultation)',
      params: CodeParams,
      querystring: Type.Object({ phone: Type.Optional(Text(20)) }, { additionalProperties: false }),
      response: { 200: PublicComplaint, ...errors(404, 429) },
    },
  }, async (request, reply) => guarded(request, reply, () => publicLookup(deps, request.params.code, request.query.phone)));

  app.post('/public/complaints/:code/feedback', {
    schema: {
      tags: ['complaints'],
      summary: 'Say whether the reply satisfied (once)',
      params: CodeParams,
      body: Type.Object({ phone: Type.Optional(Text(20)), satisfied: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: FeedbackAnswer, ...errors(400, 404, 409, 429) },
    },
  }, async (request, reply) => guarded(request, reply, () => publicFeedback(deps, request.params.code, request.body.phone, request.body.satisfied)));

  app.post('/complaints', {
    preHandler: requireRole('desk', 'admin', 'supervisor', 'approver'),
    schema: {
      tags: ['complaints'],
      summary: 'Register a consultation or complaint that came in person, by phone or by letter',
      body: StaffComplaintBody,
      response: { 201: Complaint, ...errors(400, 401, 403) },
    },
  }, async (request, reply) => reply.status(201).send(await registerByStaff(deps, getUser(request), request.body)));

  app.get('/complaints', {
    preHandler: requireRole('desk', 'admin', 'supervisor', 'leader', 'approver'),
    schema: {
      tags: ['complaints'],
      summary: 'Consultations and complaints (approvers: their department\'s and those assigned to them); overdue flagged',
      querystring: Type.Object({
        status: Type.Optional(StringEnum(COMPLAINT_STATUSES)), kind: Type.Optional(StringEnum(COMPLAINT_KINDS)), overdue: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: Type.Array(Complaint), ...errors(401, 403) },
    },
  }, async (request) => listComplaints(deps, getUser(request), request.query));

  app.get('/complaints/:id', {
    preHandler: requireRole('desk', 'admin', 'supervisor', 'leader', 'approver'),
    schema: { tags: ['complaints'], summary: 'One consultation or complaint with its history', params: IdParams, response: { 200: Complaint, ...errors(401, 403, 404) } },
  }, async (request) => getComplaint(deps, getUser(request), request.params.id));

  app.post('/complaints/:id/assign', {
    preHandler: requireRole('desk', 'admin', 'supervisor'),
    schema: {
      tags: ['complaints'], summary: 'Assign a handler (username), optionally with another deadline', params: IdParams,
      body: Type.Object({ handler: Text(40, 1), dueDate: Type.Optional(DateString) }, { additionalProperties: false }),
      response: { 200: Complaint, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => assign(deps, getUser(request), request.params.id, request.body, request.ip));

  app.post('/complaints/:id/reroute', {
    preHandler: requireRole('admin', 'supervisor'),
    schema: {
      tags: ['complaints'], summary: 'Re-route an unanswered one to a department (code) or to the center ("center"), with a reason (转办)', params: IdParams,
      body: Type.Object({ to: Text(20, 1), reason: Text(500, 1) }, { additionalProperties: false }),
      response: { 200: Complaint, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => reroute(deps, getUser(request), request.params.id, request.body, request.ip));

  app.post('/complaints/:id/reply', {
    preHandler: requireRole('desk', 'admin', 'supervisor', 'approver'),
    schema: {
      tags: ['complaints'],
      summary: 'Record the reply, in the form it came in: oral (recorded) for in person and phone, written for letters and online',
      params: IdParams,
      body: Type.Object({ text: Text(4000, 1), form: StringEnum(REPLY_FORMS) }, { additionalProperties: false }),
      response: { 200: Complaint, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => reply(deps, getUser(request), request.params.id, request.body, request.ip));

  app.post('/complaints/:id/feedback', {
    preHandler: requireRole('desk', 'admin', 'supervisor', 'approver'),
    schema: {
      tags: ['complaints'], summary: 'Record whether the reply satisfied the complainant (asked in person or by phone)', params: IdParams,
      body: Type.Object({ satisfied: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: FeedbackAnswer, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => recordFeedback(deps, getUser(request), request.params.id, request.body.satisfied));
}

/** The written reply as a letter (书面答复), A4. */
export function complaintPrintRoutes(app: Api, ctx: AppContext): void {
  app.get('/complaint-reply/:id', {
    preHandler: requireRole('desk', 'admin', 'supervisor', 'approver'),
    schema: { tags: ['print'], summary: 'The written reply to a consultation or complaint, as a letter', params: IdParams, produces: ['text/html'], response: { 200: Type.String(), ...errors(401, 403, 404) } },
  }, async (request, reply) => {
    const user = getUser(request);
    const r = await complaintForPrint(ctx.db, user, request.params.id);
    const center = await getCenter(ctx.db, user.centerId);
    const to = r.contactName ? `${esc(r.contactName)}：` : '';
    const body = `<h1 style="text-align:center">${r.kind === 'complaint' ? '投诉' : '咨询'}答复书</h1>
      <p style="text-align:right">查询码：${esc(r.code)}</p>
      <p>${to}</p>
      <p style="text-indent:2em">您于${esc(zhDate(r.createdAt))}反映的“${esc(r.subject)}”一事，经调查核实，现答复如下：</p>
      <p style="text-indent:2em;white-space:pre-wrap">${esc(r.reply)}</p>
      <p style="text-indent:2em">如对本答复有异议，可持本答复书向中心电子监察室反映。</p>
      <p style="text-align:right;margin-top:3em">${esc(center.name)}<br>${esc(zhDate(r.repliedAt ?? ctx.clock.now()))}</p>`;
    return reply.type('text/html; charset=utf-8').send(printPage({ title: `答复书 ${r.code}`, body }));
  });
}
