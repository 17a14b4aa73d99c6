/**
 * Registers the service worker (web/public/station-sw.js) that lets /station open offline, and
 * hands it the assets this page loaded before the worker controlled it (lazy chunks, fonts): those
 * are not in the HTML the worker reads at install.
 */
const listeners = new Set<(ready: boolean) => void>();
let ready = false;

export function onOfflineReady(fn: (ready: boolean) => void): () => void {
  listeners.add(fn);
  fn(ready);
  return () => listeners.delete(fn);
}

export function registerStationWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('/station-sw.js', { scope: '/station' })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      const urls = performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name))
        .filter((u) => u.origin === window.location.origin && u.pathname.startsWith('/assets/'))
        .map((u) => u.pathname);
      reg.active?.postMessage({ type: 'cache-urls', urls });
      ready = true;
      for (const fn of listeners) fn(true);
    })
    .catch(() => undefined);
}
