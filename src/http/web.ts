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
  for (const [route, file] of Object.entries(PAGES)) {
    const send = (_req: unknown, reply: { header: (k: string, v: string) => { sendFile: (f: string) => unknown } }) =>
      reply.header('cache-control', 'no-cache').sendFile(file);
    app.get(route, { schema: { hide: true } }, send as never);
    if (route !== '/') app.get(`${route}/*`, { schema: { hide: true } }, send as never);
  }
}
