/**
 * The API client: fetch with the session cookie, the CSRF header on every state-changing call,
 * and errors turned into ApiRequestError (status, code, message, field details).
 */
import { setCenterTimeZone } from './time-zone';
import type { ErrorBody } from '#contract/common.js';
import type { Me } from '#contract/auth.js';

export class ApiRequestError extends Error implements ErrorBody {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Query = Record<string, string | number | boolean | undefined | null>;

let csrfToken: string | null = null;
let acceptLanguage = 'zh-CN';
let unauthorizedHandler: ((err: ApiRequestError) => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Sent as Accept-Language, so the server can answer in the user's language where it can. */
export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

/** Called on a 401 from any call except /api/auth/*, e.g. to send the user to the login page. */
export function onUnauthorized(handler: ((err: ApiRequestError) => void) | null): void {
  unauthorizedHandler = handler;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function request<T>(method: Method, path: string, options: { query?: Query; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage, ...options.headers };
  let body: string | undefined;
  if (method !== 'GET') {
    if (!csrfToken && !path.startsWith('/api/auth/login')) await fetchMe();
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    // POST/PUT/PATCH always carry a JSON object, so a route with an (empty) body schema is satisfied.
    if (options.body !== undefined || method !== 'DELETE') {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body ?? {});
    }
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiRequestError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const e = (data ?? {}) as Partial<ErrorBody>;
    const err = new ApiRequestError(
      res.status,
      typeof e.code === 'string' ? e.code : `HTTP_${res.status}`,
      typeof e.message === 'string' && e.message ? e.message : `${res.status} ${res.statusText}`.trim(),
      Array.isArray(e.details) ? e.details : undefined,
    );
    if (res.status === 401 && !path.startsWith('/api/auth/')) unauthorizedHandler?.(err);
    // The server holds every request of an account whose admin-set password is unchanged: the sign-in page asks for the change.
    if (err.code === 'PASSWORD_CHANGE_REQUIRED') toPasswordChange();
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  /** `headers` for the few calls that need one, e.g. Idempotency-Key on intake. */
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, { body, headers }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Sends a staff page whose user must first change the password to the sign-in page, which asks for it and comes back. */
function toPasswordChange(): void {
  if (typeof window === 'undefined' || window.location.pathname === '/login') return;
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
}

/** POST /api/auth/change-password: the signed-in user's own password (the current one proves who it is). */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await request<unknown>('POST', '/api/auth/change-password', { body: { currentPassword, newPassword } });
}

/** GET /api/auth/me: the signed-in user and the CSRF token, or null when not signed in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await request<Me>('GET', '/api/auth/me');
    csrfToken = me.csrfToken;
    setCenterTimeZone(me.user.timeZone);
    if (me.user.mustChangePassword) toPasswordChange();
    return me;
  } catch (e) {
    if (e instanceof ApiRequestError && e.status === 401) {
      csrfToken = null;
      return null;
    }
    throw e;
  }
}

export async function login(username: string, password: string): Promise<Me> {
  const me = await request<Me>('POST', '/api/auth/login', { body: { username, password } });
  csrfToken = me.csrfToken;
  setCenterTimeZone(me.user.timeZone);
  return me;
}

export async function logout(): Promise<void> {
  try {
    await request<unknown>('POST', '/api/auth/logout');
  } finally {
    csrfToken = null;
  }
}

/** Encodes one path segment (item and department codes are plain, but be safe). */
export const seg = (s: string | number) => encodeURIComponent(String(s));
