import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';

/**
 * Who may act on a hall ticket (issue 14, item 5): a waiting ticket only from a window that could
 * call it, a called or served one only from the window that called it, a call only from one's own
 * window; the center's admin may do all of it. Anyone else gets 403 and nothing changes.
 *
 * Demo hall: window 1 and 2 serve A and B, 4 serves C, 5 serves C and A, 7 serves E.
 */

// Monday 2026-11-16, 10:00 in Beijing.
let s: TestServer;
let desk1: Session;
let desk2: Session;
let admin: Session;
let approver: Session;
let otherAdmin: Session;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  // An admin of another center (the county's township): the demo has none, so one is made.
  await s.database.db.execute(sql`update users set role = 'admin', department_id = null, center_id = (select id from centers where code = 'HP-CG') where username = 'approver-ga'`);
  [desk1, desk2, admin, approver, otherAdmin] = await Promise.all(['desk1', 'desk2', 'admin', 'approver-scjg', 'approver-ga'].map((u) => login(s.url, u)));
});
afterAll(async () => { await s?.close(); });

async function take(category: string): Promise<{ id: number; token: string; ticketNo: string }> {
  const res = await call(s.url, 'POST', '/api/public/queue/tickets', { category });
  expect(res.status).toBe(201);
  return res.body;
}

async function ticket(id: number) {
  const all = (await admin.request('GET', '/api/queue/tickets')).body as Array<{ id: number; status: string; callCount: number; category: { prefix: string }; window: { number: number } | null }>;
  return all.find((t) => t.id === id)!;
}

function refused(res: { status: number; body: { code?: string } }) {
  expect(res.status, JSON.stringify(res.body)).toBe(403);
  expect(res.body.code).toBe('FORBIDDEN');
}

/** Empties every window, so that each test seats exactly whom it names. */
async function clearSeats() {
  await s.database.db.execute(sql`update hall_windows set staff_id = null, staff_name = null`);
}

describe('a waiting ticket', () => {
  it('is cancelled only by staff seated at a window serving its category, or by the center admin', async () => {
    await clearSeats();
    const a = await take('A');
    refused(await approver.request('POST', `/api/queue/tickets/${a.id}/cancel`));
    await desk2.request('POST', '/api/queue/windows/4/sit'); // C only
    refused(await desk2.request('POST', `/api/queue/tickets/${a.id}/cancel`));
    expect((await otherAdmin.request('POST', `/api/queue/tickets/${a.id}/cancel`)).status).toBe(404);
    expect((await ticket(a.id)).status).toBe('waiting');

    await desk1.request('POST', '/api/queue/windows/1/sit'); // A and B
    const cancelled = await desk1.request('POST', `/api/queue/tickets/${a.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.ticket.status).toBe('cancelled');

    const b = await take('A');
    const byAdmin = await admin.request('POST', `/api/queue/tickets/${b.id}/cancel`);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.ticket.status).toBe('cancelled');

    // The seat decides, not the role: an approver seated at window 5 (C and A) may.
    const c = await take('A');
    await approver.request('POST', '/api/queue/windows/5/sit');
    expect((await approver.request('POST', `/api/queue/tickets/${c.id}/cancel`)).status).toBe(200);
  });

  it('sent to one window is cancelled from that window only', async () => {
    await clearSeats();
    await take('A');
    await desk1.request('POST', '/api/queue/windows/1/sit');
    const called = (await desk1.request('POST', '/api/queue/windows/1/call-next')).body.called;
    expect((await desk1.request('POST', `/api/queue/tickets/${called.id}/transfer`, { window: 7 })).status).toBe(200);
    // Window 1 serves A, but the ticket now waits for window 7 alone.
    refused(await desk1.request('POST', `/api/queue/tickets/${called.id}/cancel`));
    expect((await ticket(called.id)).status).toBe('waiting');
    await desk2.request('POST', '/api/queue/windows/7/sit');
    expect((await desk2.request('POST', `/api/queue/tickets/${called.id}/cancel`)).status).toBe(200);
  });
});

describe('a called ticket', () => {
  it('is stepped only by the staff seated at the window that called it, or by the center admin', async () => {
    await clearSeats();
    await take('A');
    await desk1.request('POST', '/api/queue/windows/1/sit');
    const called = (await desk1.request('POST', '/api/queue/windows/1/call-next')).body.called;
    const id = called.id as number;

    for (const step of ['recall', 'absent', 'start']) refused(await approver.request('POST', `/api/queue/tickets/${id}/${step}`));
    refused(await approver.request('POST', `/api/queue/tickets/${id}/transfer`, { category: 'C' }));
    // Window 2 serves A too, but did not call this ticket.
    await desk2.request('POST', '/api/queue/windows/2/sit');
    refused(await desk2.request('POST', `/api/queue/tickets/${id}/recall`));
    refused(await desk2.request('POST', `/api/queue/tickets/${id}/transfer`, { window: 2 }));
    expect((await otherAdmin.request('POST', `/api/queue/tickets/${id}/recall`)).status).toBe(404);
    expect(await ticket(id)).toMatchObject({ status: 'called', callCount: 1, window: { number: 1 } });

    const again = await desk1.request('POST', `/api/queue/tickets/${id}/recall`);
    expect(again.status).toBe(200);
    expect(again.body.ticket.callCount).toBe(2);
    expect((await admin.request('POST', `/api/queue/tickets/${id}/start`)).body.ticket.status).toBe('serving');
    refused(await desk2.request('POST', `/api/queue/tickets/${id}/finish`));
    expect((await ticket(id)).status).toBe('serving');
    expect((await desk1.request('POST', `/api/queue/tickets/${id}/finish`)).body.ticket.status).toBe('done');
  });
});

describe('calling the next ticket', () => {
  it('is done only by the staff seated at that window, or by the center admin', async () => {
    await clearSeats();
    const a = await take('A');
    await desk1.request('POST', '/api/queue/windows/1/sit');
    await desk2.request('POST', '/api/queue/windows/2/sit');
    refused(await approver.request('POST', '/api/queue/windows/2/call-next'));
    refused(await desk1.request('POST', '/api/queue/windows/2/call-next'));
    expect((await ticket(a.id)).status).toBe('waiting');
    // The refused call did not take the window either.
    expect((await desk1.request('GET', '/api/queue/windows/2')).body.window.staffName).toBe('综合受理窗口二');

    const called = await desk2.request('POST', '/api/queue/windows/2/call-next');
    expect(called.body.called.id).toBe(a.id);

    const b = await take('A');
    const byAdmin = await admin.request('POST', '/api/queue/windows/1/call-next');
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.called.id).toBe(b.id);
    // The admin calls for the window; its clerk stays seated and serves the ticket.
    expect((await desk1.request('GET', '/api/queue/windows/1')).body.window.staffName).toBe('综合受理窗口一');
    expect((await desk1.request('POST', `/api/queue/tickets/${b.id}/start`)).status).toBe(200);
  });
});
