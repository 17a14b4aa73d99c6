import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { AppError } from '../../domain/errors.js';
import { guardHook } from '../../http/auth.js';
import { APPLICANT_COOKIE, findApplicantSession, type Applicant } from './applicants.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    applicant?: Applicant;
    applicantToken?: string;
    applicantCsrf?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Loads the applicant's session from its own cookie (never the staff one). A mutating request must
 * carry the session's CSRF token in `x-csrf-token`, as staff requests do.
 */
export async function loadApplicant(ctx: AppContext, request: FastifyRequest): Promise<Applicant | undefined> {
  if (request.applicant) return request.applicant;
  const token = request.cookies[APPLICANT_COOKIE];
  if (!token) return undefined;
  const found = await findApplicantSession(ctx.db, ctx.clock, token);
  if (!found) return undefined;
  if (!SAFE_METHODS.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameToken(sent, found.csrfToken)) throw new AppError('CSRF_FAILED', 'Missing or wrong x-csrf-token header');
  }
  const { applicant } = found;
  request.applicant = { id: applicant.id, phone: applicant.phone, profile: applicant.profile };
  request.applicantToken = token;
  request.applicantCsrf = found.csrfToken;
  return request.applicant;
}

export function requireApplicant(ctx: AppContext): preHandlerAsyncHookHandler {
  return guardHook(async (request: FastifyRequest) => {
    if (!(await loadApplicant(ctx, request))) throw new AppError('UNAUTHENTICATED', '请先登录网上办事大厅 / Sign in with your mobile number first');
  }, { kind: 'applicant' });
}

export function getApplicant(request: FastifyRequest): Applicant {
  if (!request.applicant) throw new AppError('UNAUTHENTICATED', '请先登录网上办事大厅 / Sign in with your mobile number first');
  return request.applicant;
}
