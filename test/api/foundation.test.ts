import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(async () => { await s?.close(); });

describe('health and docs', () => {
  it('reports status and the database in use', async () => {
    const res = await call(s.url, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: process.env.DATABASE_URL ? 'postgresql' : 'pglite' });
  });

  it('documents every API route with a request and a response schema', async () => {
    const res = await call(s.url, 'GET', '/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const paths = res.body.paths as Record<string, Record<string, { responses?: Record<string, unknown>; parameters?: unknown[]; requestBody?: unknown }>>;
    // Every route registered under /api or /print must appear in the document with a 200/201 response schema.
    const expected = [
      ['get', '/api/health'], ['post', '/api/auth/login'], ['post', '/api/auth/logout'], ['get', '/api/auth/me'],
      ['get', '/api/items'], ['get', '/api/items/{code}'], ['get', '/api/departments'], ['get', '/api/centers'],
      ['get', '/api/admin/items'], ['post', '/api/admin/items'], ['get', '/api/admin/items/{code}'],
      ['put', '/api/admin/items/{code}/draft'], ['post', '/api/admin/items/{code}/publish'], ['post', '/api/admin/items/{code}/retire'],
      ['get', '/api/admin/departments'], ['post', '/api/admin/departments'], ['patch', '/api/admin/departments/{code}'],
      ['post', '/api/admin/departments/{code}/retire'], ['get', '/api/calendar/add-working-days'], ['get', '/api/calendar/year/{year}'],
      ['get', '/api/calendar/years'], ['get', '/api/admin/calendar/overrides'], ['put', '/api/admin/calendar/overrides/{date}'],
      ['delete', '/api/admin/calendar/overrides/{date}'], ['put', '/api/admin/calendar/years/{year}'],
      ['get', '/api/admin/settings'], ['put', '/api/admin/settings'],
      ['get', '/print/items/{code}/guide'], ['get', '/print/items/{code}/notice'],
    ];
    for (const [method, path] of expected) {
      const op = paths[path!]?.[method!];
      expect(op, `${method} ${path}`).toBeDefined();
      const ok = op!.responses?.['200'] ?? op!.responses?.['201'];
      expect(ok, `${method} ${path} success response`).toBeDefined();
      if (['post', 'put', 'patch'].includes(method!) && !path!.endsWith('/publish') && !path!.endsWith('/retire') && path !== '/api/auth/logout') {
        expect(op!.requestBody, `${method} ${path} request body`).toBeDefined();
      }
    }
    // And nothing under /api is left out of the document.
    const documented = new Set(Object.keys(paths));
    const registered = collectRoutes(s);
    for (const [, path] of expected) expect(registered).toContain(path);
    for (const r of registered) expect(documented.has(r), r).toBe(true);
  });

  it('serves the docs UI', async () => {
    const res = await fetch(s.url + '/api/docs/static/index.html');
    expect(res.status).toBe(200);
  });
});

function collectRoutes(server: TestServer): string[] {
  const urls = server.app.routeList
    .filter((r) => r.method !== 'HEAD' && /^\/(api|print)\//.test(r.url) && !r.url.startsWith('/api/docs'))
    .map((r) => r.url.replace(/:([a-zA-Z]+)/g, '{$1}'));
  return [...new Set(urls)];
}

describe('accounts', () => {
  it('logs in, tells who I am, logs out', async () => {
    const admin = await login(s.url, 'admin');
    const me = await admin.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(me.body.csrfToken).toBe(admin.csrf);
    const out = await admin.request('POST', '/api/auth/logout');
    expect(out.status).toBe(200);
    expect((await admin.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('sets an httpOnly, SameSite session cookie', async () => {
    const res = await fetch(s.url + '/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'desk1', password: 'onewindow-demo' }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/ow_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('gives an approver their department', async () => {
    const a = await login(s.url, 'approver-scjg');
    const me = await a.request('GET', '/api/auth/me');
    expect(me.body.user.role).toBe('approver');
    expect(me.body.user.department.code).toBe('SCJG');
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const wrong = await call(s.url, 'POST', '/api/auth/login', { username: 'leader', password: 'nope-nope' }, { 'x-forwarded-for': '10.0.0.1' });
    const unknown = await call(s.url, 'POST', '/api/auth/login', { username: 'nobody-here', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('throttles repeated failures on one account, briefly, and lets the real user in afterwards', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await call(s.url, 'POST', '/api/auth/login', { username: 'desk2', password: 'guess' + i })).status).toBe(401);
    }
    const sixth = await call(s.url, 'POST', '/api/auth/login', { username: 'desk2', password: 'guess6' });
    expect(sixth.status).toBe(401);
    const blocked = await call(s.url, 'POST', '/api/auth/login', { username: 'desk2', password: 'onewindow-demo' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('THROTTLED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    s.clock.advance(61_000);
    const ok = await call(s.url, 'POST', '/api/auth/login', { username: 'desk2', password: 'onewindow-demo' });
    expect(ok.status).toBe(200);
  });

  it('refuses a mutating request that carries the cookie but no CSRF token, and changes nothing', async () => {
    const admin = await login(s.url, 'admin');
    const before = await admin.request('GET', '/api/admin/settings');
    const res = await call(s.url, 'PUT', '/api/admin/settings', { warningDays: 9 }, { cookie: admin.cookie });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_FAILED');
    const wrong = await call(s.url, 'PUT', '/api/admin/settings', { warningDays: 9 }, { cookie: admin.cookie, 'x-csrf-token': (admin.csrf.startsWith('x') ? 'y' : 'x') + admin.csrf.slice(1) });
    expect(wrong.status).toBe(403);
    expect((await admin.request('GET', '/api/admin/settings')).body).toEqual(before.body);
    const good = await admin.request('PUT', '/api/admin/settings', { warningDays: 4 });
    expect(good.status).toBe(200);
    expect(good.body.warningDays).toBe(4);
    await admin.request('PUT', '/api/admin/settings', { warningDays: 3 });
  });

  it('refuses a cross-origin login form', async () => {
    const res = await call(s.url, 'POST', '/api/auth/login', { username: 'admin', password: 'onewindow-demo' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('keeps admin routes to admins', async () => {
    expect((await call(s.url, 'GET', '/api/admin/items')).status).toBe(401);
    const desk = await login(s.url, 'desk1');
    const res = await desk.request('GET', '/api/admin/items');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('has the demo accounts: admin, desks, supervisor, leader and an approver per department', async () => {
    const rows = await s.database.db.execute(sql`select username, role from users order by username`);
    const users = (rows as unknown as { rows: { username: string; role: string }[] }).rows;
    const names = users.map((u) => u.username);
    for (const n of ['admin', 'desk1', 'desk2', 'supervisor', 'leader']) expect(names).toContain(n);
    const depts = await call(s.url, 'GET', '/api/departments');
    for (const d of depts.body) expect(names).toContain(`approver-${d.code.toLowerCase()}`);
    expect(users.filter((u) => u.role === 'approver').length).toBe(depts.body.length);
  });
});

describe('errors', () => {
  it('answers unknown routes and malformed JSON with {code, message}', async () => {
    const nf = await call(s.url, 'GET', '/api/nothing-here');
    expect(nf.status).toBe(404);
    expect(nf.body.code).toBe('NOT_FOUND');
    const bad = await call(s.url, 'POST', '/api/auth/login', '{"username":', {});
    expect(bad.status).toBe(400);
    expect(bad.body).toHaveProperty('code');
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('names the unknown field', async () => {
    const res = await call(s.url, 'POST', '/api/auth/login', { username: 'a', password: 'b', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({ field: 'extra', message: 'unknown field' });
  });
});
