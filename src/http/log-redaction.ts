/**
 * What the server log may carry. Logs are read by operators and shipped to other systems, so no
 * personal data (ID numbers, phones, credit codes) and no secrets (cancel/rating/follow-up tokens,
 * complaint and booking codes) may reach them; request bodies are never logged at all.
 *
 * Everything is an allow-list where it can be: the request is logged as method + redacted path
 * (query values replaced unless their name is known to be harmless), errors as type, code and a
 * redacted message (never drizzle's params, never pg's detail/where/query). On top of that, every
 * string that passes through here has digit runs that look like phones, ID numbers or credit codes
 * masked, as a net for values that slip through a route or message we did not foresee.
 */
import type { FastifyServerOptions } from 'fastify';
import { maskIdNumber, maskPhone } from '../domain/identity.js';

const MASK = '***';

// Names whose values are about the request's shape, not about a person: kept for debugging.
const SAFE_QUERY_NAMES = new Set([
  'page', 'pageSize', 'limit', 'offset', 'sort', 'order', 'layout', 'lang', 'status', 'state', 'center', 'centerId',
  'from', 'to', 'date', 'day', 'month', 'year', 'kind', 'channel', 'window', 'department', 'dept', 'itemCode', 'item',
  'view', 'format', 'tab', 'group', 'groupBy', 'by', 'since', 'until', 'scope', 'type', 'category', 'paper', 'level',
]);

// Path segments that are secrets by position: the token or code of a public link or lookup.
const SECRET_SEGMENT_AFTER = [
  /^(\/f\/)[^/?#]+/,
  /^(\/api\/public\/followups\/)[^/?#]+/,
  /^(\/api\/public\/queue\/tickets\/)[^/?#]+/,
  /^(\/print\/queue-ticket\/)[^/?#]+/,
  /^(\/api\/public\/complaints\/)[^/?#]+/,
  /^(\/api\/public\/appointments\/)[^/?#]+/,
  /^(\/api\/appointments\/)[^/?#]+/,
];

// Random tokens (base64url, hex) wherever they appear in a path: long, and mixing digits with letters.
const TOKEN_SEGMENT = /(?<=\/)(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{16,}(?=\/|$)/g;

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
// Unified social credit code: 18 characters of the code alphabet, 2 + 6-digit region + 10.
const CREDIT_CODE = /(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])/g;
// Mobiles written with separators or a country prefix, then any long digit run (mobiles, old
// 15-digit IDs, bank cards, landlines with area code). Case numbers (YYMMDD-NNNNN-C) stay readable.
const SPACED_MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]\d{4}[- ]\d{4}(?!\d)/g;
const LONG_DIGITS = /(?<!\d)\+?\d{11,}(?!\d)/g;
const LANDLINE = /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g;

/** Masks phone numbers, ID numbers and credit codes anywhere in a string. */
export function redactText(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => maskIdNumber(m))
    .replace(CREDIT_CODE, (m) => maskIdNumber(m))
    .replace(SPACED_MOBILE, () => '1**********')
    .replace(LONG_DIGITS, (m) => maskPhone(m))
    .replace(LANDLINE, (m) => m.slice(0, m.indexOf('-') + 1) + '****' + m.slice(-2));
}

/** A request URL as it may be logged: secret path segments and query values replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  let path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  for (const re of SECRET_SEGMENT_AFTER) path = path.replace(re, `$1${MASK}`);
  path = path.replace(TOKEN_SEGMENT, MASK);
  if (!query) return redactText(path);
  const parts = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    let name = rawName;
    try { name = decodeURIComponent(rawName); } catch { /* keep it as sent */ }
    if (eq < 0) return SAFE_QUERY_NAMES.has(name) ? rawName : MASK;
    if (SAFE_QUERY_NAMES.has(name)) return pair;
    // The name says which lookup it was (phone=, t=); a name that is not a plain word could be data itself.
    return `${/^[A-Za-z][\w.[\]-]{0,39}$/.test(name) ? rawName : MASK}=${MASK}`;
  });
  return redactText(`${path}?${parts.join('&')}`);
}

// pg error fields that name things (never values): safe and useful to keep.
const SAFE_ERROR_FIELDS = ['code', 'statusCode', 'severity', 'routine', 'constraint', 'table', 'column', 'schema', 'dataType'] as const;

/** drizzle: "Failed query: <sql>\nparams: <user input>". The SQL has placeholders; the params go. */
function redactErrorMessage(message: string): string {
  let m = message;
  const params = m.search(/\n?params:/);
  if (m.startsWith('Failed query:') && params >= 0) m = m.slice(0, params) + ' (params not logged)';
  // Quoted values in messages ("invalid input syntax for type integer: \"…\"", JSON parse
  // snippets); quoted identifiers such as constraint names stay.
  m = m.replace(/"([^"\n]*)"/g, (all, inner: string) => (/^[A-Za-z_][\w.]{0,62}$/.test(inner) ? all : `"${MASK}"`));
  m = m.replace(/'([^'\n]*)'/g, (all, inner: string) => (/^[A-Za-z_][\w.]{0,62}$/.test(inner) ? all : `'${MASK}'`));
  return redactText(m);
}

export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
  [field: string]: unknown;
}

/** An error as it may be logged: what it is and where it came from, not the data it was about. */
export function redactError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error) && (typeof err !== 'object' || err === null)) {
    return { type: typeof err, message: redactErrorMessage(String(err)) };
  }
  const e = err as Error & Record<string, unknown>;
  const type = e instanceof Error ? e.constructor?.name ?? 'Error' : 'Object';
  const message = redactErrorMessage(typeof e.message === 'string' ? e.message : '');
  const out: LoggedError = { type, message };
  for (const field of SAFE_ERROR_FIELDS) {
    const v = e[field];
    if (typeof v === 'string' || typeof v === 'number') out[field] = typeof v === 'string' ? redactText(v) : v;
  }
  // The stack's first lines repeat the (unredacted, possibly multi-line) message: keep only frames.
  if (typeof e.stack === 'string') {
    const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${type}: ${message}`, ...frames].join('\n');
  }
  if (e.cause !== undefined && depth < 4) out.cause = redactError(e.cause, depth + 1);
  return out;
}

interface LoggableRequest {
  method?: string;
  url?: string;
  ip?: string;
  socket?: { remotePort?: number };
  routeOptions?: { url?: string };
}

/** What Fastify's default `req` serializer logs, with the URL redacted (and no headers, no body). */
export function serializeRequest(req: LoggableRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : undefined,
    route: req.routeOptions?.url,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/** Key/value pairs logged as-is by mistake elsewhere (e.g. an SMS's `to`): replaced by pino. */
const REDACT_PATHS = [
  'to', 'text', 'body', 'phone', 'mobile', 'idNumber', 'token', 't', 'code', 'password', 'params', 'query', 'detail',
  '*.to', '*.text', '*.body', '*.phone', '*.mobile', '*.idNumber', '*.token', '*.password', '*.params', '*.query', '*.detail',
  'req.headers', 'req.body', 'req.query', 'req.params',
];

/**
 * Logger options for Fastify: the level, the redacting serializers, and redact paths. `stream`
 * lets tests capture what would be written.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: serializeRequest as never,
      err: redactError,
      // `error` is sometimes a message already (the outbox worker's), sometimes an Error.
      error: (v: unknown) => (typeof v === 'string' ? redactErrorMessage(v) : redactError(v)),
      params: () => MASK,
      query: () => MASK,
      body: () => MASK,
    },
    redact: { paths: REDACT_PATHS, censor: MASK },
    ...(stream ? { stream } : {}),
  } as FastifyServerOptions['logger'];
}
