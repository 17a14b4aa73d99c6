/** The last search the user ran, so "back to the list" returns to it. */
let lastSearchUrl = '/';

export function rememberSearch(url: string): void {
  lastSearchUrl = url;
}

export function lastSearch(): string {
  return lastSearchUrl;
}

/** The public progress look-up; the QR codes and SMS links add the case number. */
export const PROGRESS_HREF = '/?progress=';

// The applicant's pages. The portal is served at "/" only, so every page is a query parameter.
export const SIGN_IN_HREF = '/?signin';
export const MY_CASES_HREF = '/?mine';
export const EVENTS_HREF = '/?events';

/** Sign in, then come back to `next` (a portal URL). */
export function signInHref(next?: string): string {
  return next ? `/?signin&next=${encodeURIComponent(next)}` : SIGN_IN_HREF;
}

export function applyHref(itemCode: string): string {
  return `/?apply=${encodeURIComponent(itemCode)}`;
}

export function myCaseHref(caseNo: string): string {
  return `/?mycase=${encodeURIComponent(caseNo)}`;
}

/** Only portal URLs are followed after sign-in, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : MY_CASES_HREF;
}
