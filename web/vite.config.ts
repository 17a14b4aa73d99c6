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

/** Dev server only: map the pretty paths to the HTML entries, as the real server does. */
function spaFallback(): Plugin {
  return {
    name: 'onewindow-mpa-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '/';
        const [path, query = ''] = url.split('?');
        const q = query ? `?${query}` : '';
        if (path === '/login' || path === '/login/') req.url = `/login.html${q}`;
        else if (path === '/admin' || path.startsWith('/admin/')) req.url = `/admin.html${q}`;
        else if (path === '/desk' || path.startsWith('/desk/')) req.url = `/desk.html${q}`;
        else if (path === '/office' || path.startsWith('/office/')) req.url = `/office.html${q}`;
        else if (path === '/kiosk' || path.startsWith('/kiosk/')) req.url = `/kiosk.html${q}`;
        else if (path === '/dashboard' || path.startsWith('/dashboard/')) req.url = `/dashboard.html${q}`;
        else if (path === '/screen' || path.startsWith('/screen/')) req.url = `/screen.html${q}`;
        else if (path === '/transparency' || path.startsWith('/transparency/')) req.url = `/transparency.html${q}`;
        else if (path === '/window' || path.startsWith('/window/')) req.url = `/window.html${q}`;
        else if (path === '/board' || path.startsWith('/board/')) req.url = `/board.html${q}`;
        else if (path === '/pad' || path.startsWith('/pad/')) req.url = `/pad.html${q}`;
        next();
      });
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
  plugins: [react(), spaFallback(), precompress()],
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
      input: {
        portal: fromRoot('./index.html'),
        login: fromRoot('./login.html'),
        admin: fromRoot('./admin.html'),
        desk: fromRoot('./desk.html'),
        office: fromRoot('./office.html'),
        kiosk: fromRoot('./kiosk.html'),
        dashboard: fromRoot('./dashboard.html'),
        screen: fromRoot('./screen.html'),
        transparency: fromRoot('./transparency.html'),
        window: fromRoot('./window.html'),
        board: fromRoot('./board.html'),
        pad: fromRoot('./pad.html'),
      },
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
