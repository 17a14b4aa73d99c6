import { Type } from 'typebox';
import { landingCenterName, landingPage } from '../print/landing.js';
import { findFollowupByToken } from './ratings.repository.js';
import { publicOrigin } from '../../http/public-url.js';
import type { AppContext } from '../../http/context.js';
import { DateString, errors, Ok, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { BAD_REASONS, LEVEL_NAMES } from '../../domain/rating-rules.js';
import {
  FOLLOWUP_STATUSES, FOLLOWUP_STEPS, Followup, FollowupAnswer, FollowupStepBody, PadState, Rating, RatingFields, Satisfaction,
} from '#contract/ratings.js';
import { esc } from '../print/html.js';
import { pageScript } from '../../http/page-scripts.js';
import {
  followupForApplicant, listFollowups, padState, rateAtPad, rateCaseByLink, replyToFollowup, satisfaction, stepFollowup,
  type FollowupStep, type RatingDeps,
} from './ratings.service.js';
import { invalid } from '../../domain/errors.js';
import { guessing } from '../progress/guess-throttle.js';

const Text = (max: number, min = 0) => Type.String({ minLength: min, maxLength: max });
/** The page behind the rating link in the delivery SMS: five big buttons, reasons for a bad one (page-scripts rate.js). */
function ratePage(caseNo: string, token: string, centerName: string): string {
  const levels = ([5, 4, 3, 2, 1] as const).map((l) => `<button class="lv" data-level="${l}">${LEVEL_NAMES[l].zh}</button>`).join('');
  const reasons = Object.entries(BAD_REASONS).map(([code, n]) => `<label><input type="checkbox" value="${code}"> ${esc(n.zh)}</label>`).join('<br>');
  const body = `<h1>办件评价（好差评）</h1>
  <p>办件编号：<span class="lp-case">${esc(caseNo)}</span></p>
  <p class="lp-muted">请对本次服务作出评价。</p>
  <div id="levels" class="lp-levels" data-case-no="${esc(caseNo)}" data-token="${esc(token)}">${levels}</div>
  <fieldset id="bad" hidden><legend>请选择不满意的原因</legend>${reasons}<br><textarea id="comment" rows="3" aria-label="补充说明"></textarea>
  <button id="send">提交评价</button></fieldset>
  <p id="result" role="status"></p>
  ${pageScript('rate.js')}`;
  return landingPage({ title: '办件评价', centerName, body });
}

function replyPage(token: string, centerName: string): string {
  const body = `<h1>差评整改回复</h1>
  <div id="answer" class="lp-muted" data-token="${esc(token)}">正在读取……</div>
  <p><button id="yes">满意</button> <button id="no">不满意</button></p>
  <p id="result" role="status"></p>
  ${pageScript('followup.js')}`;
  return landingPage({ title: '差评整改回复', centerName, body });
}

export function ratingRoutes(app: Api, ctx: AppContext): void {
  const deps: RatingDeps = { db: ctx.db, clock: ctx.clock };

  app.get('/public/pad/:window', {
    schema: {
      tags: ['ratings'],
      summary: 'The evaluation pad of a window: the service waiting for a rating (the window\'s last finished ticket, for 10 minutes), and the reasons offered',
      params: Type.Object({ window: Type.Integer({ minimum: 1, maximum: 999 }) }),
      querystring: Type.Object({ center: Type.Optional(Text(20, 1)) }, { additionalProperties: false }),
      response: {
        200: PadState,
        ...errors(404),
      },
    },
  }, async (request) => padState(deps, request.params.window, request.query.center));

  app.post('/public/pad/:window/ratings', {
    schema: {
      tags: ['ratings'],
      summary: 'Rate the service just finished at this window, on its pad (one rating per service on the pad)',
      params: Type.Object({ window: Type.Integer({ minimum: 1, maximum: 999 }) }),
      body: Type.Object({ ticketId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), ...RatingFields, center: Type.Optional(Text(20, 1)) }, { additionalProperties: false }),
      response: { 201: Rating, ...errors(400, 404, 409) },
    },
  }, async (request, reply) => {
    const { ticketId, center, ...input } = request.body;
    return reply.status(201).send(await rateAtPad(deps, request.params.window, ticketId, input, center));
  });

  app.post('/public/cases/:caseNo/rating', {
    schema: {
      tags: ['ratings'],
      summary: 'Rate a decided case from the link in its completion SMS (the token is the link\'s secret; wrong ones are throttled per address, with those of the cancel link)',
      params: Type.Object({ caseNo: Text(30, 1) }),
      body: Type.Object({ token: Text(64, 1), ...RatingFields }, { additionalProperties: false }),
      response: { 201: Rating, ...errors(400, 404, 409, 429) },
    },
  }, async (request, reply) => {
    const { token, ...input } = request.body;
    return reply.status(201).send(await guessing(ctx, 'case', request, reply, () => rateCaseByLink(deps, request.params.caseNo, token, input)));
  });

  app.get('/public/followups/:token', {
    schema: {
      tags: ['ratings'],
      summary: 'The answer to the applicant\'s bad rating (from the link in the answer SMS; wrong tokens are throttled per address)',
      params: Type.Object({ token: Text(40, 1) }),
      response: {
        200: FollowupAnswer,
        ...errors(404, 429),
      },
    },
  }, async (request, reply) => guessing(ctx, 'followup', request, reply, () => followupForApplicant(deps, request.params.token)));

  app.post('/public/followups/:token/reply', {
    schema: {
      tags: ['ratings'],
      summary: 'The applicant says whether the answer satisfied them (once)',
      params: Type.Object({ token: Text(40, 1) }),
      body: Type.Object({ satisfied: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: Ok, ...errors(400, 404, 409, 429) },
    },
  }, async (request, reply) => guessing(ctx, 'followup', request, reply, () => replyToFollowup(deps, request.params.token, request.body.satisfied)));

  app.get('/ratings/followups', {
    preHandler: requireRole('approver', 'admin', 'supervisor', 'leader', 'desk'),
    schema: {
      tags: ['ratings'],
      summary: 'Follow-ups of bad ratings (差评整改): approvers see their department\'s, the center sees all; overdue ones flagged',
      querystring: Type.Object({
        status: Type.Optional(StringEnum(FOLLOWUP_STATUSES)),
        overdue: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: Type.Array(Followup), ...errors(401, 403) },
    },
  }, async (request) => listFollowups(deps, getUser(request), request.query));

  app.post('/ratings/followups/:id/:step', {
    preHandler: requireRole('approver', 'admin', 'supervisor', 'desk'),
    schema: {
      tags: ['ratings'],
      summary: 'contact (note), answer (action taken + answer sent to the applicant by SMS), set-aside (center only: unfair rating, with reason), close, reroute (center only: to a department code or "center", with reason)',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), step: StringEnum(FOLLOWUP_STEPS) }),
      body: FollowupStepBody,
      response: { 200: Followup, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    const b = request.body;
    const need = (v: string | undefined, field: string): string => {
      if (!v || !v.trim()) throw invalid(`${field} is required`, [{ field, message: 'required' }]);
      return v.trim();
    };
    const step = request.params.step;
    const input: FollowupStep = step === 'contact' ? { step, note: need(b.note, 'note') }
      : step === 'answer' ? { step, action: need(b.action, 'action'), answer: need(b.answer, 'answer') }
        : step === 'set-aside' ? { step, reason: need(b.reason, 'reason') }
          : step === 'reroute' ? { step, to: need(b.to, 'to'), reason: need(b.reason, 'reason') }
            : { step: 'close', note: b.note };
    return stepFollowup(deps, getUser(request), request.params.id, input, request.ip, publicOrigin(request, ctx.config));
  });

  app.get('/ratings/satisfaction', {
    preHandler: requireRole('admin', 'supervisor', 'leader'),
    schema: {
      tags: ['ratings'],
      summary: 'Satisfaction (满意率: 基本满意 and above) per window, staff member, department and item; set-aside ratings left out',
      querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }, { additionalProperties: false }),
      response: {
        200: Satisfaction,
        ...errors(400, 401, 403),
      },
    },
  }, async (request) => satisfaction(deps, getUser(request), request.query));
}

/** The two public pages the SMS links open: rate a case, and answer whether a follow-up satisfied. */
export function ratingPages(app: Api, ctx: AppContext): void {
  app.get('/r/:caseNo', {
    schema: {
      tags: ['public'], summary: 'The page behind the rating link in the delivery SMS',
      params: Type.Object({ caseNo: Text(30, 1) }),
      querystring: Type.Object({ t: Text(64, 1) }, { additionalProperties: false }),
      produces: ['text/html'],
      response: { 200: Type.String(), ...errors(400) },
    },
  }, async (request, reply) => {
    const centerName = await landingCenterName(ctx.db, { caseNo: request.params.caseNo, token: request.query.t });
    return reply.type('text/html; charset=utf-8').send(ratePage(request.params.caseNo, request.query.t, centerName));
  });
  app.get('/f/:token', {
    schema: {
      tags: ['public'], summary: 'The page behind the link in a bad rating\'s answer SMS',
      params: Type.Object({ token: Text(40, 1) }),
      produces: ['text/html'],
      response: { 200: Type.String(), ...errors(400) },
    },
  }, async (request, reply) => {
    const found = await findFollowupByToken(ctx.db, request.params.token);
    const centerName = await landingCenterName(ctx.db, { centerId: found?.r.centerId });
    return reply.type('text/html; charset=utf-8').send(replyPage(request.params.token, centerName));
  });
}
