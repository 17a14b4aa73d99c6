import type { AppContext } from '../../http/context.js';
import { getUser, requireRole } from '../../http/auth.js';
import { errors, type Api } from '../../http/schemas.js';
import { ConfirmationAnswer, ConfirmationBody } from '#contract/network.js';
import { sendProxyConfirmation } from './proxy-intake.service.js';
import { openingRoutes } from './openings.routes.js';
import { serviceDayRoutes } from './service-days.routes.js';
import { handbookRoutes } from './handbook.routes.js';

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
}
