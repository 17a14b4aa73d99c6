/** The public appointment API's shapes and the error texts the booking pages show. */
import { zonedTime } from '../../../shared/time-zone';
import { ApiRequestError } from '../../../shared/api';
import type { Lang } from '../../../shared/i18n';

export interface Ref {
  code: string;
  name: string;
}

export interface PublicCategory {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  department: Ref | null;
  items: Ref[];
}

export interface PublicSlot {
  id: number;
  date: string;
  start: string;
  end: string;
  capacity: number;
  remaining: number;
  bookable: boolean;
}

export interface SlotList {
  category: Ref;
  from: string;
  to: string;
  slots: PublicSlot[];
}

export interface Booking {
  code: string;
  status: 'booked' | 'checked_in' | 'cancelled';
  missed: boolean;
  category: Ref;
  item: Ref | null;
  slot: { id: number; date: string; start: string; end: string };
  name: string;
  mobile: string;
  idNumber: string | null;
  createdAt: string;
  cancelledAt: string | null;
  checkedInAt: string | null;
  checkIn: { opensAt: string; closesAt: string };
  canChange: boolean;
  canCancel: boolean;
  caseNo: string | null;
}

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
