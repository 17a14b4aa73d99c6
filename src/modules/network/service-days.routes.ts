import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../http/context.js';
import { getUser, requireRole } from '../../http/auth.js';
import { errors, Ok, type Api } from '../../http/schemas.js';
import { ServiceDay, ServiceDayBody, ServiceDayList, ServiceDayParams, ServiceDayQuery } from '#contract/network-places.js';
import { deleteServiceDay, listServiceDays, publishServiceDay, type NetworkActor } from './service-days.service.js';

const actor = (request: FastifyRequest, ctx: AppContext): NetworkActor => ({ user: getUser(request), address: request.ip, at: ctx.clock.now() });

export function serviceDayRoutes(app: Api, ctx: AppContext): void {
  app.post('/network/service-days', {
    preHandler: requireRole('station', 'admin'),
    schema: {
      tags: ['network'],
      summary: '驻村服务日: township staff (for their villages) or the county admin publish a day at a village room; it is bookable at once through the public appointments API (category SERVICE-DAY, center = the village)',
      body: ServiceDayBody,
      response: { 201: ServiceDay, ...errors(400, 401, 403, 409, 422) },
    },
  }, async (request, reply) => reply.status(201).send(await publishServiceDay(ctx.db, actor(request, ctx), request.body)));

  app.get('/network/service-days', {
    schema: {
      tags: ['network'],
      summary: 'Public: the service days of a village (?village=) or of every village of a township (?township=), default today and the next 62 days, with seats left',
      querystring: ServiceDayQuery,
      response: { 200: ServiceDayList, ...errors(400, 404) },
    },
  }, async (request) => listServiceDays(ctx.db, ctx.clock, request.query));

  app.delete('/network/service-days/:id', {
    preHandler: requireRole('station', 'admin'),
    schema: {
      tags: ['network'],
      summary: 'Take down a service day still to come that nobody has booked (a booked day is refused: the station tells the villagers itself)',
      params: ServiceDayParams,
      response: { 200: Ok, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (request) => {
    await deleteServiceDay(ctx.db, actor(request, ctx), request.params.id);
    return { ok: true };
  });
}
