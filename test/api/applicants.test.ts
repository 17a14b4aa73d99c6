import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login } from '../helpers/test-server.js';
import { PERSON } from '../helpers/cases.js';
import { loadConfig } from '../../src/config.js';
import { codeFromOutbox, rows, signIn, startApplicantServer, type ApplicantServer } from '../helpers/applicant.js';

let s: ApplicantServer;

beforeAll(async () => {
  // As in production (or with a real SMS gateway): sign-in codes are never shown to staff.
  s = await startApplicantServer({ now: '2026-11-16T02:00:00Z', config: { showSmsCodes: false } });
});
afterAll(async () => { await s?.close(); });

const askCode = (phone: string, headers: Record<string, string> = {}) => call(s.url, 'POST', '/api/applicant/code', { phone }, headers);
const signInWith = (phone: string, code: string | undefined, headers: Record<string, string> = {}) =>
  call(s.url, 'POST', '/api/applicant/login', { phone, code }, headers);
/** Every test starts a fresh hour, so the per-address cap (all requests come from 127.0.0.1) is not carried over. */
const nextHour = () => s.clock.advance(3600_000 + 1000);

describe('sign-in by SMS code', () => {
  it('sends a 6-digit code through the SMS outbox, keeps only its hash, and signs in with it', async () => {
    const phone = '13700000001';
    const sent = await askCode(phone);
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ ok: true, expiresIn: 300, resendAfter: 60 });
    const code = await codeFromOutbox(s, phone);
    expect(code).toMatch(/^\d{6}$/);
    const [sms] = await rows<{ template: string; status: string; body: string }>(s, sql`select template, status, body from outbox where recipient = ${phone}`);
    expect(sms).toMatchObject({ template: 'login-code', status: 'pending' });
    expect(sms!.body).toContain('【和平县政务服务中心】');
    expect(sms!.body).toContain('5分钟内有效');
    // The code table holds a salted hash, never the code.
    const stored = await rows<Record<string, unknown>>(s, sql`select * from applicant_login_codes where phone = ${phone}`);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code!);

    const res = await fetch(s.url + '/api/applicant/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, code }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ow_applicant=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const body = (await res.json()) as { applicant: { phone: string; profile: unknown }; csrfToken: string };
    expect(body.applicant).toMatchObject({ phone, profile: null });
    expect(body.csrfToken.length).toBeGreaterThan(20);
    // The session table, too, holds only the SHA-256 of the cookie.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const sessions = await rows<{ token_hash: string }>(s, 'select token_hash from applicant_sessions');
    expect(sessions.some((x) => x.token_hash === token)).toBe(false);

    const me = await call(s.url, 'GET', '/api/applicant/me', undefined, { cookie: cookie.split(';')[0]! });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ applicant: { phone }, csrfToken: body.csrfToken });

    // The code works once.
    expect((await signInWith(phone, code)).status).toBe(401);
  });

  it('answers the same for a number with an account and one without', async () => {
    nextHour();
    await signIn(s, '13700000002'); // now has an account
    s.clock.advance(61_000);
    const known = await askCode('13700000002');
    const unknown = await askCode('13700000003');
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.body).toEqual(unknown.body);
    expect(await rows(s, sql`select 1 from applicants where phone = '13700000003'`)).toHaveLength(0);
  });

  it('refuses a resend within 60 s with 429 and retry-after, and a sixth code within the hour', async () => {
    nextHour();
    const phone = '13700000010';
    expect((await askCode(phone)).status).toBe(200);
    s.clock.advance(20_000);
    const soon = await askCode(phone);
    expect(soon.status).toBe(429);
    expect(soon.body.code).toBe('THROTTLED');
    expect(Number(soon.headers.get('retry-after'))).toBe(40);
    expect(soon.body.retryAfter).toBe(40);
    // Still only the first code was sent.
    expect(await rows(s, sql`select 1 from outbox where recipient = ${phone}`)).toHaveLength(1);

    for (let i = 2; i <= 5; i++) {
      s.clock.advance(60_000);
      expect((await askCode(phone)).status, `code ${i}`).toBe(200);
    }
    s.clock.advance(60_000);
    const sixth = await askCode(phone);
    expect(sixth.status).toBe(429);
    const wait = Number(sixth.headers.get('retry-after'));
    // The first of the five was sent 20 + 4×60 + 60 = 320 s ago: the hour frees a send in 3280 s.
    expect(wait).toBe(3600 - 320);
    expect(await rows(s, sql`select 1 from outbox where recipient = ${phone}`)).toHaveLength(5);
    s.clock.advance(wait * 1000);
    expect((await askCode(phone)).status).toBe(200);
  });

  it('sends one code when many requests for a number arrive at once', async () => {
    nextHour();
    const phone = '13700000015';
    const answers = await Promise.all(Array.from({ length: 6 }, () => askCode(phone)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429, 429, 429, 429, 429]);
    expect(await rows(s, sql`select 1 from outbox where recipient = ${phone}`)).toHaveLength(1);
  });

  it('voids a code after five wrong tries, even for the right code afterwards', async () => {
    nextHour();
    const phone = '13700000020';
    await askCode(phone);
    const code = (await codeFromOutbox(s, phone))!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 4; i++) {
      const res = await signInWith(phone, wrong);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'LOGIN_CODE_INVALID', attemptsLeft: 5 - i });
    }
    const fifth = await signInWith(phone, wrong);
    expect(fifth.status).toBe(401);
    expect(fifth.body.attemptsLeft).toBe(0);
    const right = await signInWith(phone, code);
    expect(right.status).toBe(401);
    expect(right.body.code).toBe('LOGIN_CODE_INVALID');
    expect(right.headers.get('set-cookie')).toBeNull();
    // A new code (after the resend interval) works.
    s.clock.advance(60_000);
    await askCode(phone);
    expect((await signInWith(phone, await codeFromOutbox(s, phone))).status).toBe(200);
  });

  it('refuses an expired code, and an older code once a newer one was sent', async () => {
    nextHour();
    const phone = '13700000030';
    await askCode(phone);
    const first = (await codeFromOutbox(s, phone))!;
    s.clock.advance(5 * 60_000 + 1000);
    expect((await signInWith(phone, first)).status).toBe(401);

    await askCode(phone);
    const older = (await codeFromOutbox(s, phone))!;
    s.clock.advance(60_000);
    await askCode(phone);
    const newer = (await codeFromOutbox(s, phone))!;
    if (older !== newer) expect((await signInWith(phone, older)).status).toBe(401);
    expect((await signInWith(phone, newer)).status).toBe(200);
  });

  it('refuses bad numbers and malformed codes with 400 and sends nothing', async () => {
    nextHour();
    const before = await rows(s, 'select id from outbox');
    for (const phone of ['12345678901', '1380013800', '138001380000', '+8613800138000', '1380013800a']) {
      const res = await askCode(phone);
      expect(res.status, phone).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    for (const code of ['12345', '1234567', 'abcdef', '12 456']) expect((await signInWith('13700000040', code)).status, code).toBe(400);
    expect(await rows(s, 'select id from outbox')).toHaveLength(before.length);
  });

  it('caps the codes one address may ask for in an hour, whatever the numbers', async () => {
    nextHour();
    for (let i = 0; i < 20; i++) expect((await askCode(`1390000${String(i).padStart(4, '0')}`)).status, `phone ${i}`).toBe(200);
    const over = await askCode('13900009999');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await rows(s, sql`select 1 from outbox where recipient = '13900009999'`)).toHaveLength(0);
  });

  it('refuses a sign-in posted from another site', async () => {
    nextHour();
    await askCode('13700000050');
    const res = await signInWith('13700000050', await codeFromOutbox(s, '13700000050'), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_FAILED');
  });
});

describe('applicant sessions are apart from staff sessions', () => {
  it('never lets one cookie open the other side, needs the CSRF token, and ends at sign-out', async () => {
    nextHour();
    const me = await signIn(s, '13700000060');
    const desk = await login(s.url, 'desk1');
    // The applicant's cookie is no staff session…
    expect((await call(s.url, 'GET', '/api/auth/me', undefined, { cookie: me.cookie })).status).toBe(401);
    expect((await call(s.url, 'GET', '/api/cases?status=submitted', undefined, { cookie: me.cookie })).status).toBe(401);
    const intake = { itemCode: 'SCJG-010', applicant: PERSON, channel: 'window', materials: [] };
    expect((await call(s.url, 'POST', '/api/cases', intake, { cookie: me.cookie, 'x-csrf-token': me.csrf })).status).toBe(401);
    // …and a staff cookie is no applicant session.
    expect((await desk.request('GET', '/api/applicant/me')).status).toBe(401);
    expect((await desk.request('GET', '/api/applicant/cases')).status).toBe(401);
    // A mutating request needs the applicant's own CSRF token.
    expect((await call(s.url, 'POST', '/api/applicant/logout', undefined, { cookie: me.cookie })).status).toBe(403);
    expect((await call(s.url, 'POST', '/api/applicant/logout', undefined, { cookie: me.cookie, 'x-csrf-token': desk.csrf })).status).toBe(403);
    // Both cookies in one browser: each side works with its own token.
    const both = `${me.cookie}; ${desk.cookie}`;
    expect((await call(s.url, 'GET', '/api/applicant/me', undefined, { cookie: both })).body.applicant.phone).toBe('13700000060');
    expect((await call(s.url, 'GET', '/api/auth/me', undefined, { cookie: both })).body.user.username).toBe('desk1');
    expect((await call(s.url, 'GET', '/api/cases?status=submitted', undefined, { cookie: both, 'x-csrf-token': desk.csrf })).status).toBe(200);

    const out = await call(s.url, 'POST', '/api/applicant/logout', undefined, { cookie: both, 'x-csrf-token': me.csrf });
    expect(out.status).toBe(200);
    expect((await me.request('GET', '/api/applicant/me')).status).toBe(401);
    // Staff stay signed in.
    expect((await desk.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('ends the session after 12 hours', async () => {
    nextHour();
    const me = await signIn(s, '13700000070');
    s.clock.advance(12 * 3600_000 - 1000);
    expect((await me.request('GET', '/api/applicant/me')).status).toBe(200);
    s.clock.advance(2000);
    expect((await me.request('GET', '/api/applicant/me')).status).toBe(401);
  });

  it('shows staff the SMS list without the sign-in codes', async () => {
    nextHour();
    await askCode('13700000080');
    const code = (await codeFromOutbox(s, '13700000080'))!;
    const admin = await login(s.url, 'admin');
    const list = await admin.request('GET', '/api/admin/sms?pageSize=200');
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((i: { template: string }) => i.template === 'login-code');
    expect(mine.length).toBeGreaterThan(0);
    for (const item of mine) {
      expect(item.body).toContain('验证码为******');
      expect(item.body).not.toMatch(/\d{6}/);
    }
    expect(JSON.stringify(list.body)).not.toContain(code);
    expect(list.body.codesShown).toBe(false);
  });
});

describe('trying the demo (log gateway, not production)', () => {
  it('shows the admin the sign-in code that was not really sent, so that the applicant sign-in can be tried', async () => {
    const demo = await startApplicantServer({ now: '2026-11-16T02:00:00Z', config: { showSmsCodes: loadConfig({ SMS_GATEWAY: 'log' }).showSmsCodes } });
    try {
      expect((await call(demo.url, 'POST', '/api/applicant/code', { phone: '13700000090' })).status).toBe(200);
      const code = (await codeFromOutbox(demo, '13700000090'))!;
      const admin = await login(demo.url, 'admin');
      const list = await admin.request('GET', '/api/admin/sms?pageSize=200');
      expect(list.body.codesShown).toBe(true);
      const mine = list.body.items.filter((i: { template: string; recipient: string }) => i.template === 'login-code' && i.recipient === '137****0090');
      expect(mine).toHaveLength(1);
      expect(mine[0].body).toContain(`验证码为${code}`);
    } finally {
      await demo.close();
    }
    expect(loadConfig({ SMS_GATEWAY: 'log', NODE_ENV: 'production' }).showSmsCodes).toBe(false);
    expect(loadConfig({ SMS_GATEWAY: 'http' }).showSmsCodes).toBe(false);
  });
});
