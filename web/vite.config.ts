/**
 * Vite build for the web UIs. One multi-page build, one HTML entry per UI:
 *   index.html → public portal (/), login.html → /login, admin.html → /admin/*, desk.html → /desk/*
 *   (front desk), office.html → /office/* (back office; supervisors and leaders read-only).
 * The server (src/) serves dist/web and maps those paths to the HTML files.
 */
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

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), spaFallback()],
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
    sourcemap: false,
    reportCompressedSize: false,
    // antd is large; the vendor chunk is shared and cached by all three UIs.
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
        // Rolldown's successor of Rollup's manualChunks: React, antd and the rest of node_modules
        // go into one shared vendor chunk; each UI keeps its own entry chunk.
        codeSplitting: {
          groups: [
            // ECharts is only for the dashboard and the large screen: the portal and the kiosk never load it.
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 20 },
            // The web UIs' own shared code (API client, i18n, layout) and the shared domain rules.
            { name: 'shared', test: /[\\/]web[\\/]src[\\/]shared[\\/]|[\\/]src[\\/]domain[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
