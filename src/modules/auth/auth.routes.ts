import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { errors, Ok, StringEnum, type Api } from '../../http/schemas.js';
import { getUser } from '../../http/auth.js';
import { AppError } from '../../domain/errors.js';
import { login, logout, SESSION_COOKIE, SESSION_TTL_MS, type SessionUser } from './auth.service.js';
import { ROLES } from './roles.js';
import { changeOwnPassword } from '../users/users.service.js';

const MeBody = Type.Object({
  user: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    role: StringEnum(ROLES),
    centerId: Type.Integer(),
    timeZone: Type.String({ description: 'IANA zone of the user\'s center: the web app shows every time in it' }),
    department: Type.Optional(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
    mustChangePassword: Type.Boolean({ description: 'An administrator set the password: every request but change-password, me and logout answers 403 PASSWORD_CHANGE_REQUIRED until it is changed' }),
  }),
  csrfToken: Type.String(),
});

export function toMe(user: SessionUser, csrfToken: string) {
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
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 64 }),
        password: Type.String({ minLength: 1, maxLength: 256 }),
      }, { additionalProperties: false }),
      response: { 200: MeBody, ...errors(400, 401, 403, 429) },
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
      body: Type.Object({
        currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
        newPassword: Type.String({ minLength: 1, maxLength: 256, description: 'At least 10 characters, not the username, not the demo password, not the current one' }),
      }, { additionalProperties: false }),
      response: { 200: Ok, ...errors(400, 401, 403) },
    },
  }, async (request) => {
    const user = getUser(request);
    await changeOwnPassword(ctx.db, user.id, request.sessionToken!, request.body);
    return { ok: true };
  });

  app.get('/auth/me', {
    schema: { tags: ['auth'], summary: 'The logged-in user and the CSRF token', response: { 200: MeBody, ...errors(401) } },
  }, async (request) => {
    const user = getUser(request);
    return toMe(user, request.csrfToken ?? '');
  });
}
