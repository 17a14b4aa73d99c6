import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { AdminUser, AdminUserPage, AdminUserWithPassword, NewUser, PasswordReset, UserListQuery, UserParams, UserPatch } from '#contract/users.js';
import { getUser, requireRole } from '../../http/auth.js';
import { createUser, listUsers, resetPassword, updateUser, type Actor } from './users.service.js';

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
      querystring: UserListQuery,
      response: { 200: AdminUserPage, ...errors(400, 401, 403) },
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
      body: NewUser,
      response: { 201: AdminUserWithPassword, ...errors(400, 401, 403, 409) },
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
      params: UserParams,
      body: UserPatch,
      response: { 200: AdminUser, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => updateUser(ctx.db, actorOf(request, ctx), request.params.id, request.body));

  app.post('/admin/users/:id/reset-password', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Set a new password (or have one generated, answered once); ends the account\'s sessions',
      params: UserParams,
      body: PasswordReset,
      response: { 200: AdminUserWithPassword, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => resetPassword(ctx.db, actorOf(request, ctx), request.params.id, request.body));
}
