import type { AppContext } from '../../http/context.js';
import { getUser, requireRole } from '../../http/auth.js';
import { errors, type Api } from '../../http/schemas.js';
import { ConfirmationAnswer, ConfirmationBody, NetworkCasesPage, NetworkCasesQuery, NetworkItems } from '#contract/network.js';
import { sendProxyConfirmation } from './proxy-intake.service.js';
import { openingRoutes } from './openings.routes.js';
import { serviceDayRoutes } from './service-days.routes.js';
import { handbookRoutes } from './handbook.routes.js';
import { listNetworkCases, listNetworkItems } from './network-cases.service.js';

export function networkRoutes(app: Api, ctx: AppContext): void {
  app.post('/network/confirmations', {
    preHandler: requireRole('station', 'agent'),
    schema: {
      tags: ['network'],
      summary: '短信委托确认: send the applicant a code that authorizes this station or agent to apply for them; the proxy intake names it with the code the applicant reads back',
      body: ConfirmationBody,
      response: { 201: ConfirmationAnswer, ...errors(400, 401, 403, 429) },
    },
  }, async (request, reply) => {
    const { phone, itemCode } = request.body;
    return reply.status(201).send(await sendProxyConfirmation(ctx.db, ctx.clock, getUser(request), phone, itemCode));
  });
  openingRoutes(app, ctx);
  serviceDayRoutes(app, ctx);
  handbookRoutes(app, ctx);

  app.get('/network/cases', {
    preHandler: requireRole('station', 'agent'),
    schema: {
      tags: ['network'],
      summary: '我的代办件: an agent\'s room\'s proxy cases, a station\'s township\'s; newest first; `waiting` = results to hand back (待领取). Applicant data masked.',
      querystring: NetworkCasesQuery,
      response: { 200: NetworkCasesPage, ...errors(400, 401, 403) },
    },
  }, async (request) => listNetworkCases(ctx.db, getUser(request), request.query));

  app.get('/network/items', {
    preHandler: requireRole('station', 'agent'),
    schema: {
      tags: ['network'],
      summary: 'The county items open for proxy intake at my place (or a center above it), with their checklists; `version` (also the ETag) changes with any opening or published version',
      response: { 200: NetworkItems, ...errors(401, 403) },
    },
  }, async (request, reply) => {
    const list = await listNetworkItems(ctx.db, getUser(request));
    // The station app keeps this list for offline intake; the ETag lets it ask cheaply whether it changed.
    const etag = `"${list.version}"`;
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    return list;
  });
}
