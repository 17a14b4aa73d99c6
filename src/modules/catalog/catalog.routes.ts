import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { getUser, requireRole } from '../../http/auth.js';
import { actorOf } from '../departments/departments.routes.js';
import {
  AdminItem, CenterQuery, ItemCode, ItemContent, ItemGuide, ItemListQuery, ItemPage, ItemStatus, NewItem, PublishResult,
} from '#contract/catalog.js';
import { createItem, getAdminItem, getGuide, publishItem, retireItem, saveDraft, searchAdmin, searchPublic } from './catalog.service.js';

const CodeParams = Type.Object({ code: ItemCode });

export function catalogRoutes(app: Api, ctx: AppContext): void {
  app.get('/items', {
    schema: {
      tags: ['catalog'],
      summary: 'Search published items by name, code, full pinyin or initials (gtgsh → 个体工商户设立登记)',
      querystring: Type.Object({ ...ItemListQuery.properties, center: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
      response: { 200: ItemPage, ...errors(400, 404) },
    },
  }, async (request) => {
    const q = request.query;
    return searchPublic(ctx.db, { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
  });

  app.get('/items/:code', {
    schema: {
      tags: ['catalog'],
      summary: 'The published service guide of an item (all eight publics)',
      params: CodeParams,
      querystring: CenterQuery,
      response: { 200: ItemGuide, ...errors(400, 404) },
    },
  }, async (request) => getGuide(ctx.db, request.params.code, request.query.center));

  app.get('/admin/items', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'All items of my center with their newest version',
      querystring: Type.Object({
        ...ItemListQuery.properties,
        status: Type.Optional(ItemStatus),
      }, { additionalProperties: false }),
      response: { 200: ItemPage, ...errors(400, 401, 403) },
    },
  }, async (request) => {
    const q = request.query;
    return searchAdmin(ctx.db, getUser(request).centerId, { ...q, page: q.page ?? 1, pageSize: q.pageSize ?? 20 });
  });

  app.get('/admin/items/:code', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'An item with every version, newest first',
      params: CodeParams,
      response: { 200: AdminItem, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => getAdminItem(ctx.db, getUser(request).centerId, request.params.code));

  app.post('/admin/items', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Create an item as a draft (version 1)',
      body: NewItem,
      response: { 201: AdminItem, ...errors(400, 401, 403, 409) },
    },
  }, async (request, reply) => reply.status(201).send(await createItem(ctx.db, actorOf(request, ctx), request.body)));

  app.put('/admin/items/:code/draft', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Create or replace the draft version (a published version is never edited)',
      params: CodeParams,
      body: ItemContent,
      response: { 200: AdminItem, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => saveDraft(ctx.db, actorOf(request, ctx), request.params.code, request.body));

  app.post('/admin/items/:code/publish', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Publish the draft as the new current version; returns warnings such as a promised limit above 60 % of the statutory one',
      params: CodeParams,
      response: { 200: PublishResult, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => publishItem(ctx.db, actorOf(request, ctx), request.params.code));

  app.post('/admin/items/:code/retire', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['admin'],
      summary: 'Retire an item: it leaves the public catalog; its versions stay for the cases that used them',
      params: CodeParams,
      response: { 200: Type.Object({ status: Type.Literal('retired') }), ...errors(400, 401, 403, 404) },
    },
  }, async (request) => retireItem(ctx.db, actorOf(request, ctx), request.params.code));
}
