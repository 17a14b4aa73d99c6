import type { AppContext } from '../../http/context.js';
import { ping } from '../../db/client.js';
import { errors, type Api } from '../../http/schemas.js';
import { Health } from '#contract/health.js';

export function healthRoutes(app: Api, ctx: AppContext): void {
  app.get('/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness and database reachability',
      response: { 200: Health, ...errors(503) },
    },
  }, async () => {
    await ping(ctx.db);
    return { status: 'ok' as const, database: ctx.dbKind };
  });
}
