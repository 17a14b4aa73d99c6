import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, StringEnum, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { actorOf } from '../departments/departments.routes.js';
import { ItemSummarySchema } from '../catalog/catalog.schemas.js';
import { createEvent, EVENT_KINDS, getPublicEvent, listAdminEvents, listPublicEvents, updateEvent } from './events.service.js';

const EventSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  kind: StringEnum(EVENT_KINDS, { description: 'life: 个人生活; business: 企业经营' }),
  icon: Type.String(),
  description: Type.String(),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  itemCount: Type.Optional(Type.Integer({ description: 'Published items whose guide names the event' })),
});
const EventList = Type.Object({ events: Type.Array(EventSchema) });
const EventDetail = Type.Object({ ...EventSchema.properties, items: Type.Array(ItemSummarySchema) });

const EventBody = Type.Object({
  slug: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'URL handle: a lower-case letter, then letters, digits and -, at most 40 (never all digits: a number is read as the id)' }),
  name: Type.String({ minLength: 1, maxLength: 50, pattern: '\\S', description: 'Items join the event by listing this name in their events' }),
  nameEn: Type.Optional(Type.String({ maxLength: 100 })),
  kind: StringEnum(EVENT_KINDS),
  icon: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{0,30}$' })),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

const CenterQuery = Type.Object({ center: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });

export function eventRoutes(api: Api, ctx: AppContext): void {
  api.get('/public/events', {
    schema: {
      tags: ['catalog'],
      summary: 'Life events (个人生活) and business events (企业经营) to browse the catalog by, with their number of items',
      querystring: CenterQuery,
      response: { 200: EventList, ...errors(400, 404) },
    },
  }, async (request) => listPublicEvents(ctx.db, request.query.center));

  api.get('/public/events/:ref', {
    schema: {
      tags: ['catalog'],
      summary: 'An event (by id or slug) with the published items it bundles',
      params: Type.Object({ ref: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'The id or the slug' }) }, { additionalProperties: false }),
      querystring: CenterQuery,
      response: { 200: EventDetail, ...errors(400, 404) },
    },
  }, async (request) => getPublicEvent(ctx.db, request.params.ref, request.query.center));

  api.get('/admin/events', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Every event of my center, inactive ones included',
      response: { 200: EventList, ...errors(401, 403) },
    },
  }, async (request) => listAdminEvents(ctx.db, getUser(request).centerId));

  api.post('/admin/events', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Create an event',
      body: EventBody,
      response: { 201: EventSchema, ...errors(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await createEvent(ctx.db, actorOf(request, ctx), request.body)));

  api.put('/admin/events/:id', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Replace an event\'s fields (active: false hides it from the portal)',
      params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false }),
      body: EventBody,
      response: { 200: EventSchema, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => updateEvent(ctx.db, actorOf(request, ctx), request.params.id, request.body));
}
