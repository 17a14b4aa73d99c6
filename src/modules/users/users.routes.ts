import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { errors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { ROLES } from '../auth/roles.js';
import { DeptCode } from '../departments/departments.routes.js';
import { createUser, listUsers, resetPassword, updateUser, type Actor } from './users.service.js';

const Ref = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

const UserBody = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  center: Ref,
  department: Type.Union([Ref, Type.Null()]),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});

const UserWithPassword = Type.Object({
  user: UserBody,
  generatedPassword: Type.Optional(Type.String({ description: 'Only when the server chose the password: shown this once, never stored in clear' })),
});

const Username = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{1,31}$',
  description: 'Lower-case letters, digits, . _ - (2–32 characters, starting with a letter or digit)',
});
const DisplayName = Type.String({ minLength: 1, maxLength: 50 });
const Password = Type.String({
  // The strength rules are the service's, so a short password is refused with WEAK_PASSWORD like any other weak one.
  minLength: 1, maxLength: 256,
  description: 'At least 10 characters, not the username, not the demo password. Leave out to have one generated.',
});
const CenterCode = Type.String({ minLength: 1, maxLength: 40 });
const UserId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

function actorOf(request: FastifyRequest, ctx: AppContext): Actor {
  const user = getUser(request);
  return { userId: user.id, centerId: user.centerId, address: request.ip, at: ctx.clock.now(), sessionToken: request.sessionToken };
}

export function userRoutes(app: Api, ctx: AppContext): void {
  app.get('/admin/users', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Staff accounts of my center and the stations below it (never with password hashes)',
      querystring: Type.Object({
        role: Type.Optional(StringEnum(ROLES)),
        department: Type.Optional(DeptCode),
        disabled: Type.Optional(Type.Boolean()),
        q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the username or display name' })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
        pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(UserBody), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }), ...errors(400, 401, 403) },
    },
  }, async (request) => {
    const { page = 1, pageSize = 20, ...filter } = request.query;
    return listUsers(ctx.db, actorOf(request, ctx), { ...filter, page, pageSize });
  });

  app.post('/admin/users', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Create a staff account; an approver needs a department, the other roles have none',
      body: Type.Object({
        username: Username,
        displayName: DisplayName,
        role: StringEnum(ROLES),
        center: Type.Optional(CenterCode),
        department: Type.Optional(Type.Union([DeptCode, Type.Null()])),
        password: Type.Optional(Password),
      }, { additionalProperties: false }),
      response: { 201: UserWithPassword, ...errors(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const created = await createUser(ctx.db, actorOf(request, ctx), request.body);
    return reply.status(201).send(created);
  });

  app.patch('/admin/users/:id', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Change display name, role, department or disabled; a disabled account, a new role or department ends its sessions at once',
      params: UserId,
      body: Type.Object({
        displayName: Type.Optional(DisplayName),
        role: Type.Optional(StringEnum(ROLES)),
        department: Type.Optional(Type.Union([DeptCode, Type.Null()])),
        disabled: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: UserBody, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => updateUser(ctx.db, actorOf(request, ctx), request.params.id, request.body));

  app.post('/admin/users/:id/reset-password', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Set a new password (or have one generated, answered once); ends the account\'s sessions',
      params: UserId,
      body: Type.Object({ password: Type.Optional(Password) }, { additionalProperties: false }),
      response: { 200: UserWithPassword, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => resetPassword(ctx.db, actorOf(request, ctx), request.params.id, request.body));
}
