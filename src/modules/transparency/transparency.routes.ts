import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { errors, type Api } from '../../http/schemas.js';
import { ProcessingTimes, TransparencyBoard } from '#contract/transparency.js';
import { processingTimes, transparencyBoard } from './transparency.service.js';

const Center = Type.Optional(Type.String({ maxLength: 40 }));

export function transparencyRoutes(app: Api, ctx: AppContext): void {
  app.get('/public/processing-times', {
    schema: {
      tags: ['public'],
      summary: 'Published processing times (阳光政务): per item the promised limit, the real average and P90 working days of the last 30 days, and the expected completion date of a case accepted today',
      querystring: Type.Object({ item: Type.Optional(Type.String({ maxLength: 40 })), center: Center }, { additionalProperties: false }),
      response: { 200: ProcessingTimes, ...errors(400, 404) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'public, max-age=60');
    return processingTimes(ctx.db, ctx.clock, request.query);
  });

  app.get('/public/transparency', {
    schema: {
      tags: ['public'],
      summary: 'The transparency board (阳光政务): today\'s intake and completions and the processing times of every published item; no personal data',
      querystring: Type.Object({ center: Center }, { additionalProperties: false }),
      response: { 200: TransparencyBoard, ...errors(400, 404) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return transparencyBoard(ctx.db, ctx.clock, request.query);
  });
}
