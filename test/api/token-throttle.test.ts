import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { call, login, startTestServer, type TestServer } from '../helpers/test-server.js';
import { findItem, intake, PERSON } from '../helpers/cases.js';
import { cases, ratingFollowups } from '../../src/db/schema/index.js';

/**
 * The secrets in links and on slips (a ticket's token, a case's link token, a follow-up's reply
 * token) are guessed no faster than a case number and phone (issue 14, item 7): from one address,
 * wrong guesses past the free ones are answered 429 THROTTLED with Retry-After, while another
 * address is not held up, the slowed one may go on once the wait is over, and right answers never
 * count against anyone.
 */

// Monday 2026-11-16, 10:00 in Beijing.
let s: TestServer;
let ticketToken = '';
let caseNo = '';
let caseToken = '';
let replyToken = '';

beforeAll(async () => {
  // Each test speaks from addresses of its own, named in X-Forwarded-For as a proxy would.
  s = await startTestServer({ now: '2026-11-16T02:00:00Z', config: { trustProxy: true } });
  const desk = await login(s.url, 'desk1');

  ticketToken = (await call(s.url, 'POST', '/api/public/queue/tickets', { category: 'A', mobile: '13700001111' })).body.token;

  const created = await intake(desk, await findItem(s, '食品经营许可'), { applicant: { ...PERSON, phone: '13600002222' } });
  caseNo = created.body.caseNo;
  const [c] = await s.database.db.select({ token: cases.cancelToken }).from(cases).where(eq(cases.caseNo, caseNo));
  caseToken = c!.token;

  // A bad rating at window 1's pad opens a follow-up; its answer is set here, as the department's would be.
  await desk.request('POST', '/api/queue/windows/1/sit');
  const called = (await desk.request('POST', '/api/queue/windows/1/call-next')).body.called;
  await desk.request('POST', `/api/queue/tickets/${called.id}/start`);
  await desk.request('POST', `/api/queue/tickets/${called.id}/finish`, {});
  const bad = await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId: called.id, level: 1, reasons: ['attitude'] });
  expect(bad.status).toBe(201);
  await s.database.db.execute(sql`update rating_followups set status = 'answered', answer = '已整改', answered_at = now() where rating_id = ${bad.body.id}`);
  const [f] = await s.database.db.select({ token: ratingFollowups.replyToken }).from(ratingFollowups).where(eq(ratingFollowups.ratingId, bad.body.id));
  replyToken = f!.token;
});
afterAll(async () => { await s?.close(); });

interface Endpoint {
  name: string;
  /** Asks with this secret from this address. */
  ask(secret: string, from: string): Promise<{ status: number; body: any; headers: Headers }>;
  right(): string;
  /** What a right secret is answered (a 409 also proves the secret got through). */
  ok: number[];
}

const from = (address: string) => ({ 'x-forwarded-for': address });
const ENDPOINTS: Endpoint[] = [
  { name: 'following a ticket', ask: (t, a) => call(s.url, 'GET', `/api/public/queue/tickets/${t}`, undefined, from(a)), right: () => ticketToken, ok: [200] },
  { name: 'printing a ticket slip', ask: (t, a) => call(s.url, 'GET', `/print/queue-ticket/${t}`, undefined, from(a)), right: () => ticketToken, ok: [200] },
  {
    name: 'rating a case by its link (the case is not decided yet: 409)',
    ask: (t, a) => call(s.url, 'POST', `/api/public/cases/${caseNo}/rating`, { token: t, level: 4 }, from(a)), right: () => caseToken, ok: [409],
  },
  { name: 'reading a follow-up\'s answer', ask: (t, a) => call(s.url, 'GET', `/api/public/followups/${t}`, undefined, from(a)), right: () => replyToken, ok: [200] },
  {
    name: 'replying to a follow-up (once: 200, then 409)',
    ask: (t, a) => call(s.url, 'POST', `/api/public/followups/${t}/reply`, { satisfied: true }, from(a)), right: () => replyToken, ok: [200, 409],
  },
];

const wrong = (i: number) => `wrong-guess-${String(i).padStart(4, '0')}`;

describe('guessing the secret of a public link', () => {
  ENDPOINTS.forEach((e, n) => {
    it(e.name, async () => {
      const guesser = `10.14.${n}.1`;
      const other = `10.14.${n}.2`;
      const honest = `10.14.${n}.3`;

      // Right answers do not count: many of them, then the free wrong guesses, and nothing is refused.
      for (let i = 0; i < 12; i++) expect(e.ok).toContain((await e.ask(e.right(), honest)).status);
      for (let i = 0; i < 10; i++) expect((await e.ask(wrong(i), honest)).status).toBe(404);

      const statuses: number[] = [];
      let last: Awaited<ReturnType<Endpoint['ask']>> | undefined;
      for (let i = 0; i < 15; i++) {
        last = await e.ask(wrong(100 + i), guesser);
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
      expect(last!.status).toBe(429);
      expect(last!.body.code).toBe('THROTTLED');
      const wait = Number(last!.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);

      // While slowed, even the right secret waits at that address; another address is not held up.
      const held = await e.ask(e.right(), guesser);
      expect(held.status).toBe(429);
      expect(held.headers.get('retry-after')).toBeTruthy();
      expect(e.ok).toContain((await e.ask(e.right(), other)).status);

      s.clock.advance(wait * 1000);
      expect(e.ok).toContain((await e.ask(e.right(), guesser)).status);
    });
  });
});

describe('one secret, several routes', () => {
  it('counts wrong guesses at a secret on every route that takes it', async () => {
    const a = '10.14.99.1';
    for (let i = 0; i < 11; i++) expect((await call(s.url, 'GET', `/api/public/queue/tickets/${wrong(i)}`, undefined, from(a))).status).toBe(404);
    expect((await call(s.url, 'GET', `/print/queue-ticket/${ticketToken}`, undefined, from(a))).status).toBe(429);

    // A case's link token: guessed through the rating link, the cancel link is slowed too (with Retry-After).
    const b = '10.14.99.2';
    for (let i = 0; i < 11; i++) expect((await call(s.url, 'POST', `/api/public/cases/${caseNo}/rating`, { token: wrong(i), level: 4 }, from(b))).status).toBe(404);
    const cancel = await call(s.url, 'POST', `/api/public/cases/${caseNo}/cancel`, { token: caseToken }, from(b));
    expect(cancel.status).toBe(429);
    expect(Number(cancel.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
