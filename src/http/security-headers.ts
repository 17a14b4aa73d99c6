/**
 * Security headers on every answer: pages, API, static files, errors and 404s (issue 14).
 *
 * The policy is what the platform's own pages need and nothing more:
 * - scripts only from this origin: the Vite bundles, the page scripts of the server-rendered
 *   papers and SMS landing pages (src/http/page-scripts.ts), Swagger UI's files. No inline script,
 *   no inline event handler (script-src-attr 'none'), no eval.
 * - styles also inline: antd's CSS-in-JS injects <style> elements at run time, the papers carry
 *   their CSS in the page and style= attributes, and the slip page sizes itself with a generated
 *   @page rule. Inline style cannot run code, so this is the usual and accepted trade-off.
 * - images from data: and blob: URLs: QR codes (antd draws them on a canvas) and local previews.
 * - frames only from this origin, and only this origin may frame us: the kiosk prints a ticket or a
 *   guide through a hidden iframe of /print/…; nothing else may frame a page (clickjacking).
 * - no Referer at all: the SMS links carry their token in the URL.
 * HSTS (and upgrade-insecure-requests) only in production, which is served over HTTPS; a center
 * testing on plain HTTP in its LAN would otherwise be locked out of its own server.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { registerPageScripts } from './page-scripts.js';

export function contentSecurityPolicy(production: boolean): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'media-src': ["'self'"],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
    ...(production ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

export async function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'production'>): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config.production) },
    // Everything the pages load is same-origin; cross-origin isolation would gain nothing here.
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'sameorigin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  registerPageScripts(app);
}
