/**
 * Vite build for the web UIs. One multi-page build, one HTML entry per UI:
 *   index.html → public portal (/), login.html → /login, admin.html → /admin/*, desk.html → /desk/*
 *   (front desk), office.html → /office/* (back office; supervisors and leaders read-only).
 * The server (src/) serves dist/web and maps those paths to the HTML files.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const fromRoot = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const API_TARGET = process.env.ONEWINDOW_API ?? 'http://localhost:3000';

/** Each UI: its HTML entry and the path it is served under (src/http/web.ts maps the same). */
const PAGES = [
  { entry: 'portal', html: 'index.html', route: '/' },
  { entry: 'login', html: 'login.html', route: '/login' },
  { entry: 'admin', html: 'admin.html', route: '/admin' },
  { entry: 'desk', html: 'desk.html', route: '/desk' },
  { entry: 'office', html: 'office.html', route: '/office' },
  { entry: 'kiosk', html: 'kiosk.html', route: '/kiosk' },
  { entry: 'dashboard', html: 'dashboard.html', route: '/dashboard' },
  { entry: 'screen', html: 'screen.html', route: '/screen' },
  { entry: 'transparency', html: 'transparency.html', route: '/transparency' },
  { entry: 'window', html: 'window.html', route: '/window' },
  { entry: 'board', html: 'board.html', route: '/board' },
  { entry: 'pad', html: 'pad.html', route: '/pad' },
  { entry: 'station', html: 'station.html', route: '/station' },
];

/** Dev server only: map the pretty paths to the HTML entries, as the real server does. */
function spaFallback(): Plugin {
  return {
    name: 'onewindow-mpa-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const [path, query = ''] = url.split('?');
        const q = query ? `?${query}` : '';
        // The portal owns '/' and whatever no other UI claims, so it needs no rewrite.
        const page = PAGES.find((p) => p.route !== '/' && (path === p.route || path.startsWith(`${p.route}/`)));
        if (page) req.url = `/${page.html}${q}`;
        next();
      });
    },
  };
}

/**
 * The UIs share one page shell; each web/*.html holds only its title and entry script, and this wraps
 * them before Vite reads the page, so the head (and with it what the CSP allows: no inline script)
 * is written once.
 */
function htmlShell(): Plugin {
  return {
    name: 'onewindow-html-shell',
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const title = /<title>([^<]*)<\/title>/.exec(html)?.[1];
        const entry = /<script type="module" src="([^"]+)"><\/script>/.exec(html)?.[1];
        if (!title || !entry) throw new Error(`${ctx.filename}: expected a <title> and a module <script>`);
        // An installable UI (the station's) names its web manifest; the service worker is registered by its script.
        const manifest = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
        const install = manifest ? `\n    <link rel="manifest" href="${manifest}" />\n    <meta name="theme-color" content="#1d5fb8" />\n    <link rel="apple-touch-icon" href="/station-icon-192.png" />` : '';
        return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <meta name="color-scheme" content="light" />
    <link rel="icon" type="image/svg+xml" href="/src/favicon.svg" />
    <title>${title}</title>${install}
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="${entry}"></script>
  </body>
</html>
`;
      },
    },
  };
}

/**
 * Brotli and gzip copies of every text asset, made once at build: the server sends the copy the
 * browser accepts (@fastify/static preCompressed) instead of compressing on each request or not at
 * all. Node's own zlib does it; a plugin package would add a dependency for twenty lines.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'onewindow-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    writeBundle() {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const body = fs.readFileSync(file);
        if (body.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [htmlShell(), react(), spaFallback(), precompress()],
  resolve: {
    alias: {
      '@domain': fromRoot('../src/domain'),
    },
  },
  server: {
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: false },
      '/print': { target: API_TARGET, changeOrigin: false },
    },
  },
  build: {
    // OW_WEB_DIST lets parallel work build into its own folder (the build empties it first).
    outDir: process.env.OW_WEB_DIST ?? fromRoot('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: !!process.env.OW_SOURCEMAP,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: Object.fromEntries(PAGES.map((p) => [p.entry, fromRoot(`./${p.html}`)])),
      output: {
        // No hand-made vendor or shared chunk: Rolldown splits by what each UI (and each lazily loaded
        // page) really imports, so the portal's first load does not carry the desk's tables and forms.
        // A group pulls in its modules' dependencies too (that is how a "shared" group once dragged
        // all of antd into the portal's first load).
        codeSplitting: {
          groups: [
            // ECharts is only for the dashboard and the large screen: the portal and the kiosk never load it.
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
          ],
        },
      },
    },
  },
});
