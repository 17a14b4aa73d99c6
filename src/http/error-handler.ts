import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from '../domain/errors.js';

const STATUS: Record<string, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  WEAK_PASSWORD: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  DUPLICATE: 409,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  SLOT_FULL: 409,
  SLOT_UNAVAILABLE: 409,
  ALREADY_BOOKED: 409,
  TOO_LATE: 409,
  CHECK_IN_NOT_OPEN: 409,
  CHECK_IN_CLOSED: 409,
  SLOT_HAS_BOOKINGS: 409,
  CAPACITY_BELOW_BOOKED: 409,
  NOT_WORKING_DAY: 422,
  CANNOT_DISABLE_SELF: 409,
  CANNOT_DEMOTE_SELF: 409,
  LAST_ADMIN: 409,
  MATERIALS_MISSING: 422,
  IN_PROGRESS: 409,
  IDEMPOTENCY_MISMATCH: 422,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ONLINE_NOT_ALLOWED: 422,
  NOT_OPEN_HERE: 422,
  NOT_NEIGHBOUR: 422,
  NOT_HELD_HERE: 409,
  NOT_HOME: 409,
  ALREADY_RECEIVED: 409,
  ALREADY_RETURNED: 409,
  HANDOVER_TOKEN_INVALID: 403,
  LOGIN_CODE_INVALID: 401,
  THROTTLED: 429,
  DATABASE_UNAVAILABLE: 503,
  CASE_NUMBERS_EXHAUSTED: 503,
  DATA_DIR_LOCKED: 503,
};

export function statusFor(code: string): number {
  return STATUS[code] ?? 500;
}

interface AjvLikeError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns JSON-schema errors into `{field, message}` with dotted body paths. */
export function fieldProblems(errors: AjvLikeError[], part: string): FieldProblem[] {
  return errors.map((e) => {
    const base = e.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    const extra = e.keyword === 'additionalProperties' ? String(e.params.additionalProperty)
      : e.keyword === 'required' ? String(e.params.missingProperty) : '';
    const field = [base, extra].filter(Boolean).join('.') || part;
    const message = e.keyword === 'additionalProperties' ? 'unknown field' : (e.message ?? 'invalid');
    return { field, message };
  });
}

const PG_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006']);
const PG_UNAVAILABLE_MESSAGE = /Connection terminated|connect ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|is not queryable/i;

/**
 * A lost or unreachable database. pg's errors come bare from rawQuery but wrapped by drizzle
 * ("Failed query: …", the pg error in `cause`), so the cause chain is searched. The wrapper's own
 * message holds the query's parameters (user input), so it is not matched against.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && PG_UNAVAILABLE.has(code)) return true;
    if (typeof message === 'string' && !message.startsWith('Failed query:') && PG_UNAVAILABLE_MESSAGE.test(message)) return true;
    e = cause;
  }
  return false;
}

/**
 * What the router refuses before any route runs (a malformed URL, a path segment over the router's
 * limit): the same `{code, message}` as every other error, without echoing the URL back (it may hold
 * a token), and with the headers no hook could add this early.
 */
export function answerFrameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply
    .status(tooLong ? 414 : 400)
    .headers({
      'content-security-policy': "default-src 'none'; frame-ancestors 'self'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
    })
    .send(tooLong
      ? { code: 'URI_TOO_LONG', message: 'A part of the address is too long' }
      : { code: 'BAD_REQUEST', message: 'The address is malformed' });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { validation?: AjvLikeError[]; validationContext?: string } | AppError, request, reply) => {
    if (err instanceof AppError) {
      const status = statusFor(err.code);
      if (status >= 500) request.log.error({ err }, 'application error');
      return reply.status(status).send({ code: err.code, message: err.message, details: err.details, ...err.extra });
    }
    if (err.validation) {
      const part = err.validationContext ?? 'body';
      const details = fieldProblems(err.validation, part);
      const first = details[0];
      return reply.status(400).send({
        code: 'VALIDATION_FAILED',
        message: first ? `Invalid ${part}: ${first.field} ${first.message}` : `Invalid ${part}`,
        details,
      });
    }
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, 'database unavailable');
      return reply.status(503).header('retry-after', '2').send({ code: 'DATABASE_UNAVAILABLE', message: 'The database is not reachable; try again shortly.' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const mapped = err.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      return reply.status(err.statusCode).send({ code: mapped, message: err.message });
    }
    request.log.error({ err }, 'unexpected error');
    return reply.status(500).send({ code: 'INTERNAL', message: 'Internal error' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` });
  });
}
