/**
 * Browser helpers for the end-to-end tests: Debian's Chromium driven by playwright-core,
 * and a check that the web bundle in dist/web is built from the current sources.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium as root, with no network chatter (this machine's network is closed). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  const browser = await chromium.launch({
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
  return failOnCspViolations(browser);
}

const CSP_VIOLATION = /Content Security Policy|Refused to (execute|load|apply|connect|frame|evaluate|create)/i;

/**
 * A page that breaks the Content-Security-Policy (an inline script, a handler attribute, a
 * stylesheet or frame from elsewhere) fails its test file even where the test does not collect
 * console errors: every context of the browser is watched, and closing the browser throws if
 * anything was refused.
 */
function failOnCspViolations(browser: Browser): Browser {
  const violations: string[] = [];
  const watched = new WeakSet<BrowserContext>();
  const watch = (context: BrowserContext) => {
    if (watched.has(context)) return;
    watched.add(context);
    context.on('console', (msg) => {
      if (msg.type() === 'error' && CSP_VIOLATION.test(msg.text())) violations.push(`${msg.text()} (${msg.location().url})`);
    });
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    watch(context);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watch(page.context());
    return page;
  };
  const close = browser.close.bind(browser);
  browser.close = async (...args) => {
    await close(...args);
    if (violations.length > 0) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
  };
  return browser;
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
 * Builds dist/web when it is missing or older than web/, src/domain/ or src/contract/ (the UI imports shared rules and the API's shapes from there).
 * Only one test file should call this at a time: the build empties dist/web first.
 */
export async function ensureWebBuilt(): Promise<void> {
  const marker = path.join(DIST_DIR, 'admin.html');
  const built = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  const sources = Math.max(newestMtime(WEB_DIR), newestMtime(path.join(ROOT, 'src', 'domain')), newestMtime(path.join(ROOT, 'src', 'contract')));
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

const AXE_URL_PATH = '/__e2e__/axe.min.js';
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeRouted = new WeakSet<Page>();

/**
 * Loads axe-core into the page, unless it is there. The pages allow scripts from their own origin
 * only, so axe is loaded by a same-origin URL that the browser answers itself: an inline copy
 * (addScriptTag's content or path) would be refused, as the CSP intends.
 */
export async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  const url = new URL(AXE_URL_PATH, page.url()).href;
  if (!axeRouted.has(page)) {
    axeRouted.add(page);
    await page.route(`**${AXE_URL_PATH}`, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: AXE_SOURCE }));
  }
  await page.addScriptTag({ url });
}

/**
 * A link of the portal's header. On a phone (< 768 px) the links sit in the menu drawer: it is opened
 * first. The drawer closes again when a link is followed or the language changes.
 */
export async function portalNav(page: Page, testId: string): Promise<Locator> {
  const menu = page.getByTestId('portal-menu');
  await page.getByTestId('portal-title').waitFor();
  if (await menu.isVisible()) {
    await menu.click();
    await page.locator('.ant-drawer-open').getByTestId(testId).first().waitFor();
  }
  return page.getByTestId(testId);
}

/**
 * Chooses `option` in the Ant Design select with this test id, and checks that the select shows it.
 * On a phone-width page the dropdown can still be moving when the click lands (the form takes the
 * click), or close again as the page scrolls; so the whole pick is tried again, a few times, until
 * the select shows the option. Long lists are virtual: `search` types the text to render the option.
 */
export async function pickOption(page: Page, testId: string, option: string, { search = false } = {}): Promise<void> {
  const select = page.getByTestId(testId);
  const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option }).first();
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      if (!(await item.isVisible())) {
        await select.click();
        if (search) {
          await page.keyboard.press('ControlOrMeta+A');
          await page.keyboard.type(option);
        }
      }
      await item.click({ timeout: 5_000 });
      await select.locator('.ant-select-content, .ant-select-selection-item', { hasText: option }).first().waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      lastError = error;
      await page.keyboard.press('Escape');
    }
  }
  throw lastError;
}

/** The password of every demo staff account (src/db/seed). */
export const DEMO_PASSWORD = 'onewindow-demo';

/** Fills the staff login form the page shows and sends it. */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Signs a staff member in on the login page, asking to go on to `next` (without one, the login page
 * sends the user to their own workplace). With `arrive`, waits until the browser is at `next`.
 */
export async function signInAs(page: Page, baseUrl: string, username: string, next?: string, { password = DEMO_PASSWORD, arrive = false } = {}): Promise<void> {
  await page.goto(next ? `${baseUrl}/login?next=${encodeURIComponent(next)}` : `${baseUrl}/login`);
  await submitLogin(page, username, password);
  if (next && arrive) await page.waitForURL(`**${next}`);
}

/**
 * Opens a staff page signed out, as a bookmark would: it must send the browser to the login page;
 * signs in there and waits to be back under `landsUnder` (the page's own path unless told), and for
 * the workplace's header (`current-user`) unless `ready` is null.
 */
export async function signInThrough(page: Page, baseUrl: string, username: string, to: string, { landsUnder = to, ready = 'current-user' as string | null } = {}): Promise<void> {
  await page.goto(`${baseUrl}${to}`);
  await page.waitForURL(/\/login\?next=/);
  await submitLogin(page, username);
  await page.waitForURL((u) => u.pathname.startsWith(landsUnder));
  if (ready) await page.getByTestId(ready).waitFor();
}

/** The desk and office PCs' screen; most staff pages are tested at this size. */
export const STAFF_VIEWPORT = { width: 1366, height: 768 };

/** A phone as the portal's phone tests hold it. */
export const PHONE_CONTEXT = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export interface OpenedPage { context: BrowserContext; page: Page; errors: string[] }

/**
 * A page in a context of its own: Chinese, in China's zone, a staff PC's screen unless told, with
 * the tests' timeouts and its errors collected. Closing the browser closes it.
 */
export async function openPage(
  browser: Browser,
  { timeout = 60_000, clockAt, ...options }: { timeout?: number; clockAt?: string } & NonNullable<Parameters<Browser['newContext']>[0]> = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: STAFF_VIEWPORT, ...options });
  // The browser's clock starts at the server's (test) time and runs on, so "today" is the same day for both.
  if (clockAt) await context.clock.install({ time: new Date(clockAt) });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  page.setDefaultNavigationTimeout(timeout);
  return { context, page, errors: collectPageErrors(page) };
}

/**
 * Ends a test file: the contexts, then the browser (which throws on a CSP violation), then the server,
 * which is closed even when the browser throws.
 */
export async function closeAll(browser: Browser | undefined, server: { close(): Promise<void> } | undefined, contexts: (BrowserContext | undefined)[] = []): Promise<void> {
  try {
    for (const c of contexts) await c?.close().catch(() => undefined);
    await browser?.close();
  } finally {
    await server?.close();
  }
}

/** Where the tests leave their screenshots (never committed). */
export const ARTIFACTS = path.resolve('test-artifacts');

/**
 * A browser test file's server and browser: before its tests the screenshots' folder is made, the
 * web built, the server started, the browser launched and `setUp` run (to open the pages); after
 * them all is closed. Read `server` and `browser` inside tests and hooks only.
 */
export function browserSuite<S extends { close(): Promise<void> }>(
  start: () => Promise<S>,
  setUp: (browser: Browser) => Promise<void> = async () => undefined,
): { readonly server: S; readonly browser: Browser } {
  const env = {} as { server: S; browser: Browser };
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await ensureWebBuilt();
    env.server = await start();
    env.browser = await launchBrowser();
    await setUp(env.browser);
  }, 240_000);
  afterAll(() => closeAll(env.browser, env.server), 60_000);
  return env;
}

/** A text box by its test id, which antd puts on the <input> itself or on a wrapper around it. */
export const field = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
export const textarea = (page: Page, testId: string) => page.locator(`textarea[data-testid="${testId}"], [data-testid="${testId}"] textarea`).first();

declare global {
  interface Window {
    __kioskPrints?: number;
  }
}

/**
 * A kiosk's touch screen. The kiosk prints from a hidden frame: the page counts the calls in
 * window.__kioskPrints instead of opening the system dialog (an init script also runs on a page
 * the context already has, when it next loads).
 */
export async function openKioskPage(browser: Browser, viewport = { width: 1080, height: 1920 }): Promise<OpenedPage> {
  const opened = await openPage(browser, { viewport, hasTouch: true });
  await opened.context.addInitScript(() => {
    window.print = () => {
      window.top!.__kioskPrints = (window.top!.__kioskPrints ?? 0) + 1;
    };
  });
  return opened;
}

/** Taps the kiosk's on-screen keys one by one, the way a visitor types. */
export async function tapKeys(page: Page, keys: string): Promise<void> {
  for (const k of keys) await page.getByTestId(`kb-${k.toUpperCase()}`).click();
}

/** The enabled, visible buttons smaller than a finger (64 px), for a touch screen. */
export function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')]
      .filter((b) => !b.disabled && b.offsetParent !== null)
      .map((b) => ({ text: b.getAttribute('aria-label') ?? b.textContent, r: b.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 64 || r.height < 64)
      .map(({ text, r }) => `${text} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
}

/** Runs axe on the page as it is: its serious and critical violations, one line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
