/**
 * Browser helpers for the end-to-end tests: Debian's Chromium driven by playwright-core,
 * and a check that the web bundle in dist/web is built from the current sources.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium as root, with no network chatter (this machine's network is closed). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A zone far from China for browsers that must not let their own zone show through: every time the
 * web apps show is the center's (Asia/Shanghai), whatever the browser's. OW_BROWSER_TZ overrides it.
 */
export const FOREIGN_TIMEZONE = process.env.OW_BROWSER_TZ ?? 'Europe/London';

/**
 * A browser context: Chinese, in China's zone by default (as the center's PCs are). Pass
 * `timezoneId: FOREIGN_TIMEZONE` to check that a page shows China times from anywhere.
 */
export function newBrowserContext(browser: Browser, opts: { timezoneId?: string; viewport?: { width: number; height: number }; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: opts.locale ?? 'zh-CN',
    timezoneId: opts.timezoneId ?? 'Asia/Shanghai',
    viewport: opts.viewport ?? { width: 1440, height: 1000 },
  });
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIR = path.join(ROOT, 'web');
const DIST_DIR = process.env.OW_WEB_DIST ?? path.join(ROOT, 'dist', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/web when it is missing or older than web/ or src/domain/ (the UI imports shared rules from there).
 * Only one test file should call this at a time: the build empties dist/web first.
 */
export async function ensureWebBuilt(): Promise<void> {
  const marker = path.join(DIST_DIR, 'admin.html');
  const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  const sources = Math.max(newestMtime(WEB_DIR), newestMtime(path.join(ROOT, 'src', 'domain')));
  if (built > sources) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
}

/**
 * Collects uncaught page errors and console errors. Failed requests the app expects
 * (401 from GET /api/auth/me on the login page) are left out.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Failed to load resource: the server responded with a status of 401/.test(text)) return;
    errors.push(`console: ${text} (${msg.location().url})`);
  });
  return errors;
}
