import { Type } from 'typebox';
import type { AppContext } from '../../http/context.js';
import { DateString, errors, type Api } from '../../http/schemas.js';
import { processingTimes, transparencyBoard } from './transparency.service.js';

const ProcessingTimeSchema = Type.Object({
  itemCode: Type.String(),
  itemName: Type.String(),
  departmentName: Type.String(),
  kind: Type.String(),
  promisedDays: Type.Integer(),
  statutoryDays: Type.Integer(),
  completed: Type.Integer({ description: 'cases of the item completed in the window' }),
  avgDays: Type.Union([Type.Number(), Type.Null()], { description: 'mean working days from acceptance to completion, paused days excluded' }),
  p90Days: Type.Union([Type.Integer(), Type.Null()], { description: '90th percentile (nearest rank) of the same' }),
  expectedDate: DateString,
}, { additionalProperties: false });

const TimesSchema = Type.Object({
  from: DateString,
  to: DateString,
  items: Type.Array(ProcessingTimeSchema),
}, { additionalProperties: false });

const BoardSchema = Type.Object({
  centerName: Type.String(),
  today: DateString,
  generatedAt: Type.String(),
  intake: Type.Object({ received: Type.Integer(), accepted: Type.Integer(), completed: Type.Integer() }, { additionalProperties: false }),
  from: DateString,
  to: DateString,
  items: Type.Array(ProcessingTimeSchema),
}, { additionalProperties: false });

const Center = Type.Optional(Type.String({ maxLength: 40 }));

export function transparencyRoutes(app: Api, ctx: AppContext): void {
  app.get('/public/processing-times', {
    schema: {
      tags: ['public'],
      summary: 'Published processing times (阳光政务): per item the promised limit, the real average and P90 working days of the last 30 days, and the expected completion date of a case accepted today',
      querystring: Type.Object({ item: Type.Optional(Type.String({ maxLength: 40 })), center: Center }, { additionalProperties: false }),
      response: { 200: TimesSchema, ...errors(400, 404) },
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
      response: { 200: BoardSchema, ...errors(400, 404) },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return transparencyBoard(ctx.db, ctx.clock, request.query);
  });
}
