import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { Department, DepartmentListQuery, DepartmentParams, DepartmentPatch, NewDepartment } from '#contract/departments.js';
import { getUser, requireRole } from '../../http/auth.js';
import { getPublicCenter } from '../centers/centers.service.js';
import { listDepartments } from './departments.repository.js';
import { createDepartment, retireDepartment, updateDepartment, type Actor } from './departments.service.js';

export function actorOf(request: FastifyRequest, ctx: AppContext): Actor {
  const user = getUser(request);
  return { userId: user.id, centerId: user.centerId, address: request.ip, at: ctx.clock.now() };
}

export function departmentRoutes(app: Api, ctx: AppContext): void {
  app.get('/departments', {
    schema: {
      tags: ['catalog'],
      summary: 'Active departments of a center (public)',
      querystring: DepartmentListQuery,
      response: { 200: Type.Array(Department), ...errors(400, 404) },
    },
  }, async (request) => {
    const center = await getPublicCenter(ctx.db, request.query.center);
    return listDepartments(ctx.db, center.id, true);
  });

  app.get('/admin/departments', {
    preHandler: requireRole('admin'),
    schema: { tags: ['admin'], summary: 'All departments of my center, retired included', response: { 200: Type.Array(Department), ...errors(401, 403) } },
  }, async (request) => listDepartments(ctx.db, getUser(request).centerId, false));

  app.post('/admin/departments', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Create a department',
      body: NewDepartment,
      response: { 201: Department, ...errors(400, 401, 403, 409) },
    },
  }, async (request, reply) => {
    const created = await createDepartment(ctx.db, actorOf(request, ctx), request.body);
    return reply.status(201).send(created);
  });

  app.patch('/admin/departments/:code', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Rename a department',
      params: DepartmentParams,
      body: DepartmentPatch,
      response: { 200: Department, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => updateDepartment(ctx.db, actorOf(request, ctx), request.params.code, request.body));

  app.post('/admin/departments/:code/retire', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Retire a department (kept for history)',
      params: DepartmentParams,
      response: { 200: Department, ...errors(401, 403, 404) },
    },
  }, async (request) => retireDepartment(ctx.db, actorOf(request, ctx), request.params.code));
}
