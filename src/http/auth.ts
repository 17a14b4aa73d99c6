import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../domain/errors.js';
import { findSession, SESSION_COOKIE } from '../modules/auth/auth.service.js';
import type { Role } from '../modules/auth/roles.js';
import type { AppContext } from './context.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Loads the session from the cookie. A mutating request that rides on the cookie must also carry
 * the session's CSRF token in `x-csrf-token`: a cross-site form can send the cookie but cannot read the token.
 */
export function registerSessionHook(app: FastifyInstance, ctx: AppContext): void {
  // onRequest, before the body is parsed or validated: an anonymous or forged request is refused
  // for who it is (401/403), never answered with details about the body it sent.
  app.addHook('onRequest', async (request) => {
    // Applicant routes have their own session and CSRF token (src/modules/applicants): a staff cookie
    // in the same browser must neither act there nor have its CSRF check refuse the applicant.
    if (request.url.startsWith('/api/applicant/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const row = await findSession(ctx.db, ctx.clock, token);
    if (!row) return;
    const { csrfToken, ...user } = row;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, csrfToken)) {
        throw new AppError('CSRF_FAILED', 'Missing or wrong x-csrf-token header');
      }
    }
    request.user = user;
    request.sessionToken = token;
    request.csrfToken = csrfToken;
  });
}

/** Who may call a route: read by `moveGuards` (when it runs) and by the OpenAPI document (its `security`). */
export type Guard = { kind: 'staff'; roles: readonly Role[] } | { kind: 'applicant' };
const GUARD = Symbol('guard');
type GuardedHook = preHandlerAsyncHookHandler & { [GUARD]?: Guard };

/** Marks a route hook as the route's access check. */
export function guardHook(hook: preHandlerAsyncHookHandler, guard: Guard): preHandlerAsyncHookHandler {
  return Object.assign(hook, { [GUARD]: guard });
}

export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return guardHook(async (request: FastifyRequest) => {
    getUser(request, roles);
  }, { kind: 'staff', roles });
}

/**
 * Routes declare their access check as `preHandler: requireRole(…)`; it is moved to the route's
 * onRequest hooks (after the session hook) so that it runs before the body is parsed and validated.
 * Returns the route's guard, if it has one.
 */
export function moveGuards(route: RouteOptions): Guard | undefined {
  const pre = [route.preHandler ?? []].flat() as GuardedHook[];
  const guards = pre.filter((h) => h[GUARD]);
  if (guards.length === 0) return undefined;
  route.preHandler = pre.filter((h) => !h[GUARD]) as RouteOptions['preHandler'];
  route.onRequest = [...guards, ...[route.onRequest ?? []].flat()] as RouteOptions['onRequest'];
  return guards[0]![GUARD];
}

export function getUser(request: FastifyRequest, roles?: Role[]) {
  const user = request.user;
  if (!user) throw new AppError('UNAUTHENTICATED', 'Login required');
  if (roles && !roles.includes(user.role)) throw new AppError('FORBIDDEN', 'Your role may not do this');
  return user;
}
