import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { CenterCodeParams, Handbook, HandbookQuery } from '#contract/network-places.js';
import { getHandbook } from './handbook.service.js';
import { handbookPage } from './handbook-page.js';

export function handbookRoutes(app: Api, ctx: AppContext): void {
  app.get('/centers/:code/handbook', {
    schema: {
      tags: ['network'],
      summary: '百事通: a township\'s (or, with ?village=, one village room\'s) handbook: items villagers can start there by life event, agents, county window phones, coming service days',
      params: CenterCodeParams,
      querystring: HandbookQuery,
      response: { 200: Handbook, ...errors(400, 404) },
    },
  }, async (request) => getHandbook(ctx.db, ctx.clock, request.params.code, request.query.village));
}

/** Under /print: the booklet itself. Public, like the handbook it prints (it goes to every household). */
export function handbookPrintRoutes(app: Api, ctx: AppContext): void {
  app.get('/centers/:code/handbook', {
    schema: {
      tags: ['print'],
      summary: 'Printable 百事通 booklet, A5: cover (township or ?village= room, agents, contact), a page per life event, the county windows\' phones',
      params: CenterCodeParams,
      querystring: HandbookQuery,
      produces: ['text/html'],
      response: { 200: Type.String({ description: 'text/html printable page' }), ...errors(400, 404) },
    },
  }, async (request, reply) => {
    const h = await getHandbook(ctx.db, ctx.clock, request.params.code, request.query.village);
    return reply.type('text/html; charset=utf-8').send(handbookPage(h));
  });
}
