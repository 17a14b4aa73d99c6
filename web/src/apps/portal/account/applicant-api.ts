/**
 * The applicant's session on the portal: who is signed in (GET /api/applicant/me), shared by the
 * header and every account page, and the calls the shared client cannot make (multipart uploads).
 */
import { useSyncExternalStore } from 'react';
import { ApiRequestError, api, setCsrfToken } from '../../../shared/api';
import type { Lang } from '../../../shared/i18n';
import type { ApplicantMe, Label } from '#contract/applicants.js';
import type { Upload } from '#contract/uploads.js';

export const label = (l: Label, lang: Lang) => l[lang] || l.zh;

/** What one material of an application carries: new or earlier uploads, or results of my cases. */
export interface MaterialChoice {
  uploads: Upload[];
  resultCaseNos: string[];
}

// ─── the session, as a tiny store the header and the pages share ───

type State = { status: 'loading' } | { status: 'out' } | { status: 'in'; me: ApplicantMe };
let state: State = { status: 'loading' };
let started = false;
const listeners = new Set<() => void>();

function set(next: State): void {
  state = next;
  // The applicant's CSRF token, not a staff one, goes with every POST of the portal.
  setCsrfToken(next.status === 'in' ? next.me.csrfToken : null);
  listeners.forEach((l) => l());
}

export async function refreshApplicant(): Promise<void> {
  try {
    set({ status: 'in', me: await api.get<ApplicantMe>('/api/applicant/me') });
  } catch (e) {
    if (e instanceof ApiRequestError && e.status === 401) set({ status: 'out' });
    else if (state.status === 'loading') set({ status: 'out' });
  }
}

export function useApplicant(): State {
  if (!started) {
    started = true;
    void refreshApplicant();
  }
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

export async function sendCode(phone: string): Promise<{ expiresIn: number; resendAfter: number }> {
  return api.post('/api/applicant/code', { phone });
}

export async function signIn(phone: string, code: string): Promise<ApplicantMe> {
  const me = await api.post<ApplicantMe>('/api/applicant/login', { phone, code });
  set({ status: 'in', me });
  return me;
}

export async function signOut(): Promise<void> {
  await api.post('/api/applicant/logout').catch(() => undefined);
  set({ status: 'out' });
}

/** One file to POST /api/applicant/uploads (multipart: the material code, then the file). */
export async function uploadFile(file: File, materialCode: string): Promise<Upload> {
  const form = new FormData();
  form.append('materialCode', materialCode);
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (state.status === 'in') headers['x-csrf-token'] = state.me.csrfToken;
  let res: Response;
  try {
    res = await fetch('/api/applicant/uploads', { method: 'POST', body: form, headers, credentials: 'same-origin' });
  } catch (e) {
    throw new ApiRequestError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
  }
  const data = (await res.json().catch(() => ({}))) as Partial<Upload> & { code?: string; message?: string };
  if (!res.ok) throw new ApiRequestError(res.status, data.code ?? `HTTP_${res.status}`, data.message ?? `${res.status}`);
  return data as Upload;
}

/** A key per draft: a retried submit (lost answer, double tap) never makes a second case. */
export function newDraftKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** A file's size as people read it: 820 B, 35 KB, 2.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
