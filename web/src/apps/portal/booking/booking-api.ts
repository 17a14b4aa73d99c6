/** The error texts the booking pages show and small helpers; the API's shapes are in #contract/appointments.js. */
import { zonedTime } from '../../../shared/time-zone';
import { ApiRequestError } from '../../../shared/api';
import type { Lang } from '../../../shared/i18n';
import type { PublicCategory } from '#contract/appointments.js';

export const MOBILE = /^1\d{10}$/;
export const ID_NUMBER = /^\d{17}[\dXx]$/;

export const categoryName = (c: PublicCategory, lang: Lang) => (lang === 'en' && c.nameEn ? c.nameEn : c.name);

/** Server messages are written "中文 / English"; show the half in the page's language. */
export function serverText(err: unknown, lang: Lang): string {
  const text = err instanceof Error ? err.message : String(err);
  const parts = text.split(' / ');
  if (parts.length < 2) return text;
  return lang === 'en' ? parts.slice(1).join(' / ') : parts[0]!;
}

export const errorCode = (err: unknown): string | null => (err instanceof ApiRequestError ? err.code : null);

/** Local time of an ISO instant in the center's zone, as HH:MM. */
export function hhmm(iso: string): string {
  return zonedTime(iso);
}
