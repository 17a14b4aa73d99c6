import type { AppContext } from '../../http/context.js';
import { getUser, requireRole } from '../../http/auth.js';
import { errors, type Api } from '../../http/schemas.js';
import { CenterCodeParams, ItemCodeParams, ItemsHere, OpeningBody, OpeningItem, OpeningList } from '#contract/network-places.js';
import { actorOf } from '../departments/departments.routes.js';
import { itemsHere, listOpenings, setOpenings } from './openings.service.js';

export function openingRoutes(app: Api, ctx: AppContext): void {
  app.get('/network/openings', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['network'],
      summary: '受办分离/通办: where each of the county\'s items is opened for proxy intake, and the county\'s stations and rooms',
      response: { 200: OpeningList, ...errors(401, 403) },
    },
  }, async (request) => listOpenings(ctx.db, getUser(request).centerId));

  app.put('/network/openings/:itemCode', {
    preHandler: requireRole('admin'),
    schema: {
      tags: ['network'],
      summary: 'Set where an item is opened: the county (通办 everywhere) and/or stations and rooms under it; [] = the county hall only. Admin log',
      params: ItemCodeParams,
      body: OpeningBody,
      response: { 200: OpeningItem, ...errors(400, 401, 403, 404) },
    },
  }, async (request) => setOpenings(ctx.db, actorOf(request, ctx), request.params.itemCode, request.body.centers));

  app.get('/centers/:code/items-here', {
    schema: {
      tags: ['network'],
      summary: 'The items a villager can start at a township station or village room (opened there or above it), nearest opening first',
      params: CenterCodeParams,
      response: { 200: ItemsHere, ...errors(400, 404) },
    },
  }, async (request) => itemsHere(ctx.db, request.params.code));
}
