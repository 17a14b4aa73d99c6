import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { errors, Ok, type Api } from '../../http/schemas.js';
import { AppError } from '../../domain/errors.js';
import { ApplicantMe, MyCaseDetail, MyCasePage, MyMaterials } from '#contract/applicants.js';
import { getApplicant, requireApplicant } from './applicant-auth.js';
import { APPLICANT_COOKIE, APPLICANT_SESSION_TTL_MS, loginWithCode, logout, sendCode, type Applicant } from './applicants.service.js';
import { getMyCase, listMyCases, myMaterials } from './my-cases.service.js';

const Phone = Type.String({ minLength: 11, maxLength: 11, description: 'Mainland mobile number, 11 digits' });
const MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

function toMe(applicant: Applicant, csrfToken: string, maxBytes: number) {
  return { applicant: { id: applicant.id, phone: applicant.phone, profile: applicant.profile }, csrfToken, uploadLimit: { maxBytes, mediaTypes: MEDIA_TYPES } };
}

function setCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(APPLICANT_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: APPLICANT_SESSION_TTL_MS / 1000 });
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

const CaseParams = Type.Object({ caseNo: Type.String({ minLength: 1, maxLength: 20 }) });

export function applicantRoutes(app: Api, ctx: AppContext): void {
  app.post('/applicant/code', {
    schema: {
      tags: ['applicant'],
      summary: 'Send a 6-digit sign-in code by SMS (valid 5 minutes). Same answer whether or not the number has an account. 429 + retry-after: one per 60 s and 5 per hour per number, 20 per hour per address.',
      body: Type.Object({ phone: Phone }, { additionalProperties: false }),
      response: { 200: Type.Object({ ok: Type.Boolean(), expiresIn: Type.Integer({ description: 'seconds' }), resendAfter: Type.Integer({ description: 'seconds' }) }), ...errors(400, 429) },
    },
  }, async (request, reply) => {
    try {
      return { ok: true, ...(await sendCode(ctx.db, ctx.clock, request.body.phone, request.ip)) };
    } catch (err) {
      if (err instanceof AppError && err.code === 'THROTTLED') reply.header('retry-after', String(err.extra?.retryAfter ?? 60));
      throw err;
    }
  });

  app.post('/applicant/login', {
    schema: {
      tags: ['applicant'],
      summary: 'Sign in with the phone and its newest code; sets the httpOnly applicant cookie and returns the CSRF token. Five wrong tries void the code.',
      body: Type.Object({ phone: Phone, code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
      response: { 200: ApplicantMe, ...errors(400, 401, 403) },
    },
  }, async (request, reply) => {
    // A sign-in posted from another site would sign the victim in to the attacker's account.
    const origin = request.headers.origin;
    if (origin && originHost(origin) !== request.headers.host) throw new AppError('CSRF_FAILED', 'Cross-origin sign-in refused');
    const result = await loginWithCode(ctx.db, ctx.clock, request.body.phone, request.body.code, request.ip);
    setCookie(reply, result.token, ctx.config.production);
    return toMe(result.applicant, result.csrfToken, ctx.config.uploadMaxBytes);
  });

  app.post('/applicant/logout', {
    preHandler: requireApplicant(ctx),
    schema: { tags: ['applicant'], summary: 'Sign out (ends the applicant session)', response: { 200: Ok, ...errors(401, 403) } },
  }, async (request, reply) => {
    if (request.applicantToken) await logout(ctx.db, request.applicantToken);
    reply.clearCookie(APPLICANT_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/applicant/me', {
    preHandler: requireApplicant(ctx),
    schema: { tags: ['applicant'], summary: 'The signed-in applicant, the last profile used and the CSRF token', response: { 200: ApplicantMe, ...errors(401) } },
  }, async (request) => toMe(getApplicant(request), request.applicantCsrf ?? '', ctx.config.uploadMaxBytes));

  app.get('/applicant/cases', {
    preHandler: requireApplicant(ctx),
    schema: {
      tags: ['applicant'],
      summary: 'My cases (every case with my phone as the applicant\'s, online or at a window), newest first, with status, clock and visits',
      querystring: Type.Object({
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      }, { additionalProperties: false }),
      response: { 200: MyCasePage, ...errors(400, 401) },
    },
  }, async (request) => listMyCases(ctx.db, ctx.clock, getApplicant(request), request.query.page ?? 1, request.query.pageSize ?? 20));

  app.get('/applicant/cases/:caseNo', {
    preHandler: requireApplicant(ctx),
    schema: {
      tags: ['applicant'],
      summary: 'One of my cases: clock, materials with their files, the list to fix, the steps so far and what I may do now',
      params: CaseParams,
      response: { 200: MyCaseDetail, ...errors(401, 404) },
    },
  }, async (request) => getMyCase(ctx.db, ctx.clock, getApplicant(request), request.params.caseNo));

  app.get('/applicant/materials', {
    preHandler: requireApplicant(ctx),
    schema: {
      tags: ['applicant'],
      summary: '材料共用: my earlier uploads and the results issued to me, to attach to a new application instead of uploading again',
      response: { 200: MyMaterials, ...errors(401) },
    },
  }, async (request) => myMaterials(ctx.db, getApplicant(request)));
}
