/**
 * 好差评 through the online hall: the signed-in applicant rates a decided case of their own once,
 * and sees the rating given. The rule itself lives in the ratings module (rateCaseOnline).
 */
import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { MyRating, Rating, RatingBody } from '#contract/ratings.js';
import { onlineRatingState, rateCaseOnline } from '../ratings/ratings.service.js';
import { getApplicant, requireApplicant } from './applicant-auth.js';
import { findMyCase } from './my-cases.service.js';

const CaseParams = Type.Object({ caseNo: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });

export function applicantRatingRoutes(app: Api, ctx: AppContext): void {
  app.get('/applicant/cases/:caseNo/rating', {
    preHandler: requireApplicant(ctx),
    schema: {
      tags: ['applicant'], summary: 'Whether I may rate this case of mine online, and the rating I gave',
      params: CaseParams, response: { 200: MyRating, ...errors(401, 404) },
    },
  }, async (request) => onlineRatingState(ctx.db, await findMyCase(ctx.db, getApplicant(request), request.params.caseNo)));

  app.post('/applicant/cases/:caseNo/rating', {
    preHandler: requireApplicant(ctx),
    schema: {
      tags: ['applicant'], summary: 'Rate a decided case of mine (once); a bad rating opens a follow-up',
      params: CaseParams, body: RatingBody, response: { 201: Rating, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request, reply) => {
    const me = getApplicant(request);
    // Resolve through my own cases first: the same 404 for a stranger's case as for none.
    const c = await findMyCase(ctx.db, me, request.params.caseNo);
    return reply.status(201).send(await rateCaseOnline({ db: ctx.db, clock: ctx.clock }, c.caseNo, me.phone, request.body));
  });
}
