import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { actorOf } from '../departments/departments.routes.js';
import { CenterQuery } from '#contract/catalog.js';
import { EventBody, ServiceEvent, ServiceEventDetail, ServiceEventList } from '#contract/events.js';
import { createEvent, getPublicEvent, listAdminEvents, listPublicEvents, updateEvent } from './events.service.js';

export function eventRoutes(api: Api, ctx: AppContext): void {
  api.get('/public/events', {
    schema: {
      tags: ['catalog'],
      summary: 'Life events (个人生活) and business events (企业经营) to browse the catalog by, with their number of items',
      querystring: CenterQuery,
      response: { 200: ServiceEventList, ...errors(400, 404) },
    },
  }, async (request) => listPublicEvents(ctx.db, request.query.center));

  api.get('/public/events/:ref', {
    schema: {
      tags: ['catalog'],
      summary: 'An event (by id or slug) with the published items it bundles',
      params: Type.Object({ ref: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'The id or the slug' }) }, { additionalProperties: false }),
      querystring: CenterQuery,
      response: { 200: ServiceEventDetail, ...errors(400, 404) },
    },
  }, async (request) => getPublicEvent(ctx.db, request.params.ref, request.query.center));

  api.get('/admin/events', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Every event of my center, inactive ones included',
      response: { 200: ServiceEventList, ...errors(401, 403) },
    },
  }, async (request) => listAdminEvents(ctx.db, getUser(request).centerId));

  api.post('/admin/events', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Create an event',
      body: EventBody,
      response: { 201: ServiceEvent, ...errors(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await createEvent(ctx.db, actorOf(request, ctx), request.body)));

  api.put('/admin/events/:id', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Replace an event\'s fields (active: false hides it from the portal)',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false }),
      body: EventBody,
      response: { 200: ServiceEvent, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => updateEvent(ctx.db, actorOf(request, ctx), request.params.id, request.body));
}
