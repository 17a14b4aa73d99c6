import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Each workplace has its own page and bundle; a missing UI (not built yet) answers 404, not a crash. */
const PAGES: Record<string, string> = {
  '/': 'index.html',
  '/login': 'login.html',
  '/admin': 'admin.html',
  '/desk': 'desk.html',
  '/office': 'office.html',
  '/kiosk': 'kiosk.html',
  '/dashboard': 'dashboard.html',
  '/screen': 'screen.html',
  '/transparency': 'transparency.html',
  '/window': 'window.html',
  '/board': 'board.html',
  '/pad': 'pad.html',
  '/station': 'station.html',
};

/**
 * The station workplace is an installable web app that opens offline (issue 17): its manifest, icons
 * and service worker sit at the root, from web/public. The worker is asked for again on every visit
 * (no-cache) so a new build replaces it; its scope is /station, under its own path, so no
 * Service-Worker-Allowed header is needed.
 */
const ROOT_FILES: Record<string, string> = {
  '/station.webmanifest': 'application/manifest+json; charset=utf-8',
  '/station-sw.js': 'text/javascript; charset=utf-8',
  '/station-icon.svg': 'image/svg+xml',
  '/station-icon-192.png': 'image/png',
  '/station-icon-512.png': 'image/png',
};

export async function registerWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const built = fs.existsSync(path.join(webDir, 'index.html'));
  if (!built) {
    app.log.warn(`web app not built in ${webDir}; run npm run build:web`);
    return;
  }
  // The build wrote .br and .gz copies (web/vite.config.ts): the one the browser accepts is sent as it
  // is. The cache headers are ours, not send's default `max-age=0`: hashed assets never change, pages
  // are asked again every time so that a new build is picked up.
  await app.register(fastifyStatic, { root: webDir, serve: false, preCompressed: true, cacheControl: false });
  app.get('/assets/*', { schema: { hide: true } }, (request, reply) => {
    const rel = (request.params as { '*': string })['*'];
    return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(path.posix.join('assets', rel));
  });
  for (const [route, type] of Object.entries(ROOT_FILES)) {
    if (!fs.existsSync(path.join(webDir, route.slice(1)))) continue;
    app.get(route, { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').type(type).sendFile(route.slice(1)));
  }
  for (const [route, file] of Object.entries(PAGES)) {
    const send = (_req: unknown, reply: { header: (k: string, v: string) => { sendFile: (f: string) => unknown } }) =>
      reply.header('cache-control', 'no-cache').sendFile(file);
    app.get(route, { schema: { hide: true } }, send as never);
    if (route !== '/') app.get(`${route}/*`, { schema: { hide: true } }, send as never);
  }
}
