/*
 * The /station workplace's service worker (issue 17, point 4): the app opens without a connection.
 * Hand-written and small on purpose: it caches the app shell (the page, its hashed assets, the
 * manifest and icons) and nothing of the API. Data for offline work (the item list, the last cases,
 * the queue of intakes recorded offline) is kept by the app itself in IndexedDB, where it can tell
 * the agent how old it is.
 *
 * - /station pages: network first (a new build is picked up at once), the cached page when offline.
 * - /assets/*: cache first; the names are content hashes, so a cached file is never stale.
 * - Everything else (the API, prints): not touched.
 */
const CACHE = 'ow-station-v1';
const SHELL = ['/station', '/station.webmanifest', '/station-icon.svg', '/station-icon-192.png', '/station-icon-512.png'];

/** The page's scripts, styles and preloads, read from its HTML (Vite writes them with hashed names). */
async function cacheShell() {
  const cache = await caches.open(CACHE);
  const page = await fetch('/station', { cache: 'no-cache', credentials: 'same-origin' });
  if (!page.ok) return;
  const html = await page.clone().text();
  await cache.put('/station', page);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set([...SHELL.slice(1), ...assets])]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('ow-station-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

/** The app sends the assets it loaded before this worker controlled it (lazy chunks, fonts). */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string' && u.startsWith('/assets/'));
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((u) => cache.match(u).then((hit) => hit || cache.add(u).catch(() => undefined))))));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && (url.pathname === '/station' || url.pathname.startsWith('/station/'))) {
    event.respondWith((async () => {
      try {
        const fresh = await fetch(request);
        // The same page serves every /station/* path: keep the newest under one key.
        if (fresh.ok) { const cache = await caches.open(CACHE); await cache.put('/station', fresh.clone()); }
        return fresh;
      } catch {
        const cached = await caches.match('/station');
        return cached || Response.error();
      }
    })());
    return;
  }
  if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) {
    event.respondWith((async () => {
      const cached = await caches.match(url.pathname);
      if (cached) return cached;
      const fresh = await fetch(request);
      if (fresh.ok) { const cache = await caches.open(CACHE); await cache.put(url.pathname, fresh.clone()); }
      return fresh;
    })());
  }
});
