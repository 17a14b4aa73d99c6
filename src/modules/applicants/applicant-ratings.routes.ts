/**
 * 好差评 through the online hall: the signed-in applicant rates a decided case of their own once,
 * and sees the rating given. The rule itself lives in the ratings module (rateCaseOnline).
 */
import { Type } from 'typebox';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import type { Db } from '../../db/client.js';
import { ratings } from '../../db/schema.js';
import { BAD_REASONS, LEVEL_NAMES, type RatingLevel } from '../../domain/rating-rules.js';
import { MyRating, Rating, RatingBody } from '#contract/ratings.js';
import { RATABLE, rateCaseOnline, ratingView } from '../ratings/ratings.service.js';
import { getApplicant, requireApplicant } from './applicant-auth.js';
import type { Applicant } from './applicants.service.js';
import { findMyCase } from './my-cases.service.js';

const CaseParams = Type.Object({ caseNo: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false });

async function myRating(db: Db, me: Applicant, caseNo: string) {
  const c = await findMyCase(db, me, caseNo);
  const [r] = await db.select().from(ratings).where(and(eq(ratings.caseNo, c.caseNo), eq(ratings.channel, 'online'))).limit(1);
  return {
    ratable: !r && RATABLE.includes(c.status),
    rating: r ? ratingView(r) : null,
    levels: ([5, 4, 3, 2, 1] as RatingLevel[]).map((level) => ({ level, name: LEVEL_NAMES[level].zh, nameEn: LEVEL_NAMES[level].en })),
    reasons: Object.entries(BAD_REASONS).map(([code, n]) => ({ code, name: n.zh, nameEn: n.en })),
  };
}

export function applicantRatingRoutes(app: Api, ctx: AppContext): void {
  app.get('/applicant/cases/:caseNo/rating', {
    preHandler: requireApplicant(ctx),
    schema: {
      tags: ['applicant'], summary: 'Whether I may rate this case of mine online, and the rating I gave',
      params: CaseParams, response: { 200: MyRating, ...errors(401, 404) },
    },
  }, async (request) => myRating(ctx.db, getApplicant(request), request.params.caseNo));

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
