/**
 * The one call the shared client cannot make: intake with an Idempotency-Key header, so that a
 * double press or a retry after a lost answer returns the same case instead of creating a second one.
 * Errors become the shared ApiRequestError, exactly as the shared client does.
 */
import { ApiRequestError, fetchMe } from '../../shared/api';
import type { IntakeAnswer, IntakeBody } from '../../shared/case-types';

let token: string | null = null;

export function setDeskCsrf(csrf: string): void {
  token = csrf;
}

export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return `desk-${crypto.randomUUID()}`;
  return `desk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

async function send(body: IntakeBody, key: string, lang: string): Promise<Response> {
  if (!token) token = (await fetchMe())?.csrfToken ?? null;
  return fetch('/api/cases', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'accept-language': lang,
      'content-type': 'application/json',
      'idempotency-key': key,
      ...(token ? { 'x-csrf-token': token } : {}),
    },
    body: JSON.stringify(body),
  });
}

export async function postIntake(body: IntakeBody, key: string, lang: 'zh' | 'en', onUnauthorized: () => void): Promise<IntakeAnswer> {
  const acceptLanguage = lang === 'zh' ? 'zh-CN' : 'en';
  let res: Response;
  try {
    res = await send(body, key, acceptLanguage);
    if (res.status === 403) {
      // The session's CSRF token may have been renewed (signed in again in another tab): fetch it and retry once.
      const clone = res.clone();
      const data = (await clone.json().catch(() => ({}))) as { code?: string };
      if (data.code === 'CSRF_FAILED') {
        token = (await fetchMe())?.csrfToken ?? null;
        res = await send(body, key, acceptLanguage);
      }
    }
  } catch (e) {
    throw new ApiRequestError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  const text = await res.text();
  let data: Record<string, unknown> = {};
  try {
    data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    data = {};
  }
  if (!res.ok) {
    if (res.status === 401) onUnauthorized();
    throw new ApiRequestError(
      res.status,
      typeof data.code === 'string' ? data.code : `HTTP_${res.status}`,
      typeof data.message === 'string' && data.message ? data.message : `${res.status} ${res.statusText}`.trim(),
      Array.isArray(data.details) ? (data.details as { field: string; message: string }[]) : undefined,
    );
  }
  return data as unknown as IntakeAnswer;
}
