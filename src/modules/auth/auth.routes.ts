import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { errors, Ok, type Api } from '../../http/schemas.js';
import { ChangePasswordBody, LoginBody, Me } from '#contract/auth.js';
import { getUser } from '../../http/auth.js';
import { AppError } from '../../domain/errors.js';
import { login, logout, SESSION_COOKIE, SESSION_TTL_MS, type SessionUser } from './auth.service.js';
import { changeOwnPassword } from '../users/users.service.js';

export function toMe(user: SessionUser, csrfToken: string): Me {
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      centerId: user.centerId,
      timeZone: user.timeZone,
      department: user.departmentId && user.departmentCode && user.departmentName
        ? { id: user.departmentId, code: user.departmentCode, name: user.departmentName }
        : undefined,
      mustChangePassword: user.mustChangePassword,
    },
    csrfToken,
  };
}

function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** The host of an Origin header; undefined when it is no URL (browsers send "null" from sandboxed pages). */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export function authRoutes(app: Api, ctx: AppContext): void {
  app.post('/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Log in; sets the httpOnly session cookie and returns the CSRF token',
      body: LoginBody,
      response: { 200: Me, ...errors(400, 401, 403, 429) },
    },
  }, async (request, reply) => {
    // A login form posted from another site would log the victim into the attacker's account.
    const origin = request.headers.origin;
    if (origin && originHost(origin) !== request.headers.host) {
      throw new AppError('CSRF_FAILED', 'Cross-origin login refused');
    }
    try {
      const result = await login(ctx.db, ctx.clock, request.body.username, request.body.password, request.ip);
      setSessionCookie(reply, result.token, ctx.config.production);
      return toMe(result.user, result.csrfToken);
    } catch (err) {
      if (err instanceof AppError && err.code === 'THROTTLED') reply.header('retry-after', String(err.extra?.retryAfter ?? 1));
      throw err;
    }
  });

  app.post('/auth/logout', {
    schema: { tags: ['auth'], summary: 'Log out (ends the session)', response: { 200: Ok, ...errors(403) } },
  }, async (request, reply) => {
    if (request.sessionToken) await logout(ctx.db, request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post('/auth/change-password', {
    schema: {
      tags: ['auth'],
      summary: 'Change my own password (needs the current one); clears the must-change flag and ends my other sessions',
      body: ChangePasswordBody,
      response: { 200: Ok, ...errors(400, 401, 403) },
    },
  }, async (request) => {
    const user = getUser(request);
    await changeOwnPassword(ctx.db, user.id, request.sessionToken!, request.body);
    return { ok: true };
  });

  app.get('/auth/me', {
    schema: { tags: ['auth'], summary: 'The logged-in user and the CSRF token', response: { 200: Me, ...errors(401) } },
  }, async (request) => {
    const user = getUser(request);
    return toMe(user, request.csrfToken ?? '');
  });
}
