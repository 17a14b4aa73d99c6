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
