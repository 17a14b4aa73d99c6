/**
 * Issue 14 (B): security headers on every answer (pages, API, 404, errors, printed papers, SMS
 * landing pages, the API docs), HSTS in production only, and server-rendered pages that work under
 * a CSP without inline scripts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
let desk: Session;
let caseNo: string;
const webBuilt = fs.existsSync(path.resolve(process.env.OW_WEB_DIST ?? 'dist/web', 'index.html'));

beforeAll(async () => {
  s = await startTestServer();
  desk = await login(s.url, 'desk1');
  const item = (await call(s.url, 'GET', '/api/items/' + (await call(s.url, 'GET', '/api/items?pageSize=1')).body.items[0].code)).body;
  const intake = await desk.request('POST', '/api/cases', {
    itemCode: item.code,
    applicant: { kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13812345678' },
    channel: 'window',
    materials: item.materials.map((m: { code: string }) => ({ code: m.code, provided: true })),
  });
  expect(intake.status).toBe(201);
  caseNo = intake.body.caseNo;
});

afterAll(async () => {
  await s?.close();
});

function directives(csp: string | null): Map<string, string[]> {
  expect(csp, 'content-security-policy header').toBeTruthy();
  return new Map(csp!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name!, values] as [string, string[]];
  }));
}

function expectSecurityHeaders(headers: Headers, what: string): void {
  const csp = directives(headers.get('content-security-policy'));
  expect(csp.get('script-src'), what).toEqual(["'self'"]);
  expect(csp.get('script-src-attr'), what).toEqual(["'none'"]);
  expect(csp.get('default-src'), what).toEqual(["'self'"]);
  expect(csp.get('frame-ancestors'), what).toEqual(["'self'"]);
  expect(csp.get('connect-src'), what).toEqual(["'self'"]);
  expect(csp.get('object-src'), what).toEqual(["'none'"]);
  expect(csp.get('img-src'), what).toEqual(expect.arrayContaining(["'self'", 'data:', 'blob:']));
  expect(headers.get('content-security-policy'), what).not.toMatch(/unsafe-eval/);
  expect(headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('strict-transport-security'), `${what}: no HSTS outside production`).toBeNull();
}

/** A server-rendered page that runs under script-src 'self': every script by URL, no on*= handler. */
function expectNoInlineScript(html: string, what: string): void {
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  for (const tag of scripts) expect(tag, `${what}: ${tag}`).toMatch(/\bsrc=/);
  expect(html, what).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  expect(html, what).not.toMatch(/javascript:/i);
}

describe('security headers', () => {
  it('are on an API answer, a 404, an error answer and a 401', async () => {
    const answers = {
      api: await call(s.url, 'GET', '/api/items?pageSize=1'),
      notFound: await call(s.url, 'GET', '/api/no-such-thing'),
      pageNotFound: await call(s.url, 'GET', '/no-such-page'),
      badRequest: await call(s.url, 'GET', '/api/public/progress?caseNo=x'),
      badJson: await call(s.url, 'POST', '/api/auth/login', '{"username":'),
      unauthenticated: await call(s.url, 'GET', '/api/auth/me'),
    };
    expect(answers.api.status).toBe(200);
    expect(answers.notFound.status).toBe(404);
    expect(answers.pageNotFound.status).toBe(404);
    expect(answers.badRequest.status).toBe(400);
    expect(answers.badJson.status).toBe(400);
    expect(answers.unauthenticated.status).toBe(401);
    for (const [what, res] of Object.entries(answers)) expectSecurityHeaders(res.headers, what);
  });

  it.skipIf(!webBuilt)('are on the web apps and their bundles, which have no inline script', async () => {
    for (const p of ['/', '/login', '/desk', '/kiosk', '/dashboard']) {
      const res = await call(s.url, 'GET', p);
      expect(res.status, p).toBe(200);
      expectSecurityHeaders(res.headers, p);
      expectNoInlineScript(res.body, p);
    }
    const html = (await call(s.url, 'GET', '/')).body as string;
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    expectSecurityHeaders((await call(s.url, 'GET', asset)).headers, asset);
  });

  it('are on the printed papers, whose scripts load by URL', async () => {
    const code = (await call(s.url, 'GET', '/api/items?pageSize=1')).body.items[0].code;
    const pages = {
      guide: await call(s.url, 'GET', `/print/items/${code}/guide`),
      receipt: await desk.request('GET', `/print/cases/${caseNo}/receipt`),
      slip: await desk.request('GET', `/print/cases/${caseNo}/receipt?layout=slip`),
    };
    for (const [what, res] of Object.entries(pages)) {
      expect(res.status, what).toBe(200);
      expectSecurityHeaders(res.headers, what);
      expectNoInlineScript(res.body, what);
      expect(res.body, what).toContain('data-action="print"');
      expect(res.body, what).toContain('<script src="/page-scripts/print.js"');
    }
    expect(pages.slip.body).toContain('<script src="/page-scripts/slip.js"');
  });

  it('are on the SMS landing pages, which carry their data in attributes, escaped', async () => {
    const token = 'abc"></b><script>alert(1)</script>';
    const pages = {
      cancel: await call(s.url, 'GET', `/c/${caseNo}?t=${encodeURIComponent(token)}`),
      rate: await call(s.url, 'GET', `/r/${caseNo}?t=${encodeURIComponent(token)}`),
      followup: await call(s.url, 'GET', `/f/${encodeURIComponent('tok"en')}`),
    };
    for (const [what, res] of Object.entries(pages)) {
      expect(res.status, what).toBe(200);
      expectSecurityHeaders(res.headers, what);
      expectNoInlineScript(res.body, what);
    }
    expect(pages.cancel.body).toContain(`data-case-no="${caseNo}"`);
    expect(pages.cancel.body).toContain('data-token="abc&quot;&gt;&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('serves the page scripts as JavaScript, and 404 for others', async () => {
    for (const name of ['print.js', 'slip.js', 'cancel.js', 'rate.js', 'followup.js']) {
      const res = await call(s.url, 'GET', `/page-scripts/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type'), name).toMatch(/^text\/javascript/);
      expectSecurityHeaders(res.headers, name);
    }
    expect((await call(s.url, 'GET', '/page-scripts/nope.js')).status).toBe(404);
  });

  it('are on the API docs, whose page has no inline script', async () => {
    for (const p of ['/api/docs', '/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js', '/api/docs/json']) {
      const res = await call(s.url, 'GET', p);
      expect(res.status, p).toBe(200);
      expectSecurityHeaders(res.headers, p);
      if (typeof res.body === 'string' && res.body.includes('<html')) expectNoInlineScript(res.body, p);
    }
  });
});

describe('HSTS', () => {
  let prod: TestServer;
  beforeAll(async () => {
    prod = await startTestServer({ config: { production: true } });
  });
  afterAll(async () => {
    await prod?.close();
  });

  it('is sent in production, on pages and API answers alike', async () => {
    for (const p of ['/api/items?pageSize=1', '/api/no-such-thing', '/api/docs']) {
      const res = await call(prod.url, 'GET', p);
      expect(res.headers.get('strict-transport-security'), p).toMatch(/max-age=31536000/);
      expect(res.headers.get('content-security-policy'), p).toMatch(/upgrade-insecure-requests/);
    }
  });
});
