import { Type, type TSchema } from 'typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody } from '#contract/common.js';

export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** Standard error answers for the OpenAPI document. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = {};
  for (const s of statuses) out[s] = ErrorBody;
  return out;
}

/** Error answers of a page route whose error handler answers a browser with a page and others with JSON. */
export function pageErrors(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {};
  for (const s of statuses) {
    out[s] = {
      description: 'An error page for a browser (Accept: text/html), the JSON error otherwise',
      content: { 'application/json': { schema: ErrorBody }, 'text/html': { schema: Type.String() } },
    };
  }
  return out;
}

export { DateString, ErrorBody, MonthString, Ok, StringEnum } from '#contract/common.js';
