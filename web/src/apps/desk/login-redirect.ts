/** Back to the login page, returning here afterwards. */
export function toLogin(): void {
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/login?next=${encodeURIComponent(here)}`);
}
