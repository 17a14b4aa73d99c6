import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import type { TSchema } from 'typebox';
import { moveGuards, type Guard } from './auth.js';
import { ErrorBody } from './schemas.js';

/**
 * The route contract, completed in one place for every route: its access check runs before the body
 * is read (auth.ts `moveGuards`), and the OpenAPI document states what integrators need and what the
 * server really does — an operationId, who may call it (`security`), and every error status the
 * shared machinery can answer with, so that no route has to repeat them.
 */

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type ResponseMap = Record<string, unknown>;

interface ContractSchema extends FastifySchema {
  hide?: boolean;
  operationId?: string;
  security?: Record<string, string[]>[];
  produces?: string[];
}

/** `GET /api/cases/:caseNo/events` → `getCasesByCaseNoEvents`: stable, readable, unique per method and path. */
export function operationIdFor(method: string, url: string): string {
  const words = url.replace(/^\/api(?=\/|$)/, '').split('/').filter(Boolean).map((segment) => {
    const param = segment.startsWith(':') ? segment.slice(1) : segment === '*' ? 'path' : undefined;
    const word = (param ?? segment).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase());
    const cap = word.charAt(0).toUpperCase() + word.slice(1);
    return param ? `By${cap}` : cap;
  });
  return method.toLowerCase() + words.join('');
}

function securityFor(guard: Guard | undefined, mutating: boolean): Record<string, string[]>[] {
  if (!guard) return [];
  const session = guard.kind === 'staff' ? 'session' : 'applicantSession';
  return [mutating ? { [session]: [], csrf: [] } : { [session]: [] }];
}

/** The statuses the shared machinery answers on this route, beyond what its handler declares. */
function sharedStatuses(schema: ContractSchema, guard: Guard | undefined, mutating: boolean): number[] {
  const out = [500, 503];
  const hasParams = schema.params !== undefined || schema.body !== undefined || schema.querystring !== undefined || schema.headers !== undefined;
  // A mutating request may carry a body, which is parsed (400 malformed, 413 too large, 415 unknown type)
  // even on a route that declares none; a staff cookie without its CSRF token is refused on any of them (403).
  if (hasParams || mutating) out.push(400);
  if (mutating) out.push(403, 413, 415);
  if (guard) out.push(401, 403);
  // 414: a path segment longer than the router takes (answerFrameworkError), before any schema is read.
  if (schema.params !== undefined) out.push(404, 414);
  return out;
}

/**
 * A route that answers something other than JSON says so with `produces`; its success answers are
 * declared under those media types and its errors stay JSON (the error handler's body).
 */
function withMediaTypes(response: ResponseMap, produces: string[]): ResponseMap {
  const out: ResponseMap = {};
  for (const [status, schema] of Object.entries(response)) {
    const isSuccess = /^2/.test(status);
    const alreadyKeyed = typeof schema === 'object' && schema !== null && 'content' in schema;
    if (!isSuccess || alreadyKeyed) {
      out[status] = schema;
      continue;
    }
    const { description } = schema as { description?: string };
    const content: Record<string, { schema: unknown }> = {};
    for (const type of produces) content[type] = { schema };
    out[status] = { description: description ?? 'Success', content };
  }
  return out;
}

export function completeContract(route: RouteOptions): void {
  const guard = moveGuards(route);
  const schema = route.schema as ContractSchema | undefined;
  if (!schema || schema.hide) return;
  const methods = [route.method].flat().map(String);
  const mutating = methods.some((m) => MUTATING.has(m));
  schema.operationId ??= operationIdFor(methods[0]!, route.url);
  schema.security ??= securityFor(guard, mutating);
  let response: ResponseMap = { ...(schema.response as ResponseMap | undefined) };
  for (const status of sharedStatuses(schema, guard, mutating)) response[status] ??= ErrorBody as TSchema;
  if (schema.produces) {
    response = withMediaTypes(response, schema.produces);
    delete schema.produces;
  }
  schema.response = response;
}

/** Must be registered before any route: it completes each route as it is added. */
export function registerRouteContract(app: FastifyInstance): void {
  app.addHook('onRoute', completeContract);
}

export const securitySchemes = {
  session: { type: 'apiKey', in: 'cookie', name: 'ow_session', description: 'Staff session (POST /api/auth/login)' },
  applicantSession: { type: 'apiKey', in: 'cookie', name: 'ow_applicant', description: 'Applicant session (SMS code sign-in, POST /api/applicant/login)' },
  csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'The session\'s CSRF token, required on every mutating request made with a session cookie' },
} as const;
