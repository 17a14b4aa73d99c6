import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { queueCalls, queueTickets } from '../../src/db/schema/index.js';

// Monday 2026-11-16, 10:00 in Beijing.
let s: TestServer;
let desk1: Session;
let desk2: Session;
let admin: Session;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  [desk1, desk2, admin] = await Promise.all([login(s.url, 'desk1'), login(s.url, 'desk2'), login(s.url, 'admin')]);
});
afterAll(async () => s?.close());

const take = (category: string, extra: Record<string, unknown> = {}) => call(s.url, 'POST', '/api/public/queue/tickets', { category, ...extra });
const minutes = (n: number) => s.clock.advance(n * 60_000);

async function ticketRows() {
  return s.database.db.select().from(queueTickets);
}

describe('tickets and calls', () => {
  it('issues numbers per category with the people ahead, and refuses bad input without writing', async () => {
    const cats = await call(s.url, 'GET', '/api/public/queue/categories');
    expect(cats.status).toBe(200);
    expect(cats.body.map((c: { prefix: string }) => c.prefix)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);

    const a1 = await take('A');
    const a2 = await take('a', { mobile: '13800138000' });
    const b1 = await take('B');
    expect([a1.status, a2.status, b1.status]).toEqual([201, 201, 201]);
    expect([a1.body.ticketNo, a2.body.ticketNo, b1.body.ticketNo]).toEqual(['A001', 'A002', 'B001']);
    expect(a2.body.ahead).toBe(1);
    expect(a2.body.mobile).toBe('138****8000');
    // No window is staffed yet: the wait is unknown rather than a made-up figure.
    expect(a2.body.estimatedWaitMinutes).toBeNull();

    const before = (await ticketRows()).length;
    expect((await take('Z')).status).toBe(404);
    expect((await take('A', { mobile: '12345' })).status).toBe(400);
    expect((await take('A1')).status).toBe(400);
    expect((await ticketRows()).length).toBe(before);

    const followed = await call(s.url, 'GET', `/api/public/queue/tickets/${a2.body.token}`);
    expect(followed.body).toMatchObject({ ticketNo: 'A002', status: 'waiting', ahead: 1 });
    expect((await call(s.url, 'GET', '/api/public/queue/tickets/nope')).status).toBe(404);
  });

  it('calls in order to the window, shows it on the board, and walks recall → start → finish with the case', async () => {
    await desk1.request('POST', '/api/queue/windows/1/sit');
    const waitNow = await call(s.url, 'GET', '/api/public/queue/categories');
    // Two A tickets, one window open for A at 12 minutes each.
    expect(waitNow.body.find((c: { prefix: string }) => c.prefix === 'A').estimatedWaitMinutes).toBe(24);

    minutes(3);
    const first = await desk1.request('POST', '/api/queue/windows/1/call-next');
    expect(first.status).toBe(200);
    expect(first.body.called.ticketNo).toBe('A001');
    expect(first.body.announcement).toBe('请A001号到1号窗口办理');

    // The window must deal with its ticket before calling another.
    expect((await desk1.request('POST', '/api/queue/windows/1/call-next')).status).toBe(409);

    const board = await call(s.url, 'GET', '/api/public/queue/board');
    expect(board.body.windows.find((w: { number: number }) => w.number === 1)).toMatchObject({ open: true, ticketNo: 'A001', status: 'called' });
    expect(board.body.recentCalls[0]).toMatchObject({ ticketNo: 'A001', windowNumber: 1, kind: 'call' });

    const id = first.body.called.id;
    const again = await desk1.request('POST', `/api/queue/tickets/${id}/recall`);
    expect(again.body.announcement).toBe('请A001号到1号窗口办理');
    expect(again.body.ticket.callCount).toBe(2);
    expect((await desk1.request('POST', `/api/queue/tickets/${id}/finish`)).status).toBe(409);
    minutes(1);
    expect((await desk1.request('POST', `/api/queue/tickets/${id}/start`)).body.ticket.status).toBe('serving');
    minutes(6);
    expect((await desk1.request('POST', `/api/queue/tickets/${id}/finish`, { caseNo: 'NO-SUCH-CASE' })).status).toBe(400);
    const done = await desk1.request('POST', `/api/queue/tickets/${id}/finish`);
    expect(done.body.ticket).toMatchObject({ status: 'done', ticketNo: 'A001' });

    const next = await desk1.request('POST', '/api/queue/windows/1/call-next');
    // A002 was issued before B001; window 1 serves both categories in order of issue.
    expect(next.body.called.ticketNo).toBe('A002');
    expect((await desk1.request('POST', `/api/queue/tickets/${next.body.called.id}/absent`)).body.ticket.status).toBe('absent');
  });

  it('transfers to another category keeping the place in line, and to one window only', async () => {
    const b = await desk1.request('POST', '/api/queue/windows/1/call-next');
    expect(b.body.called.ticketNo).toBe('B001');
    const moved = await desk1.request('POST', `/api/queue/tickets/${b.body.called.id}/transfer`, { category: 'C' });
    expect(moved.body.ticket).toMatchObject({ status: 'waiting', ticketNo: 'B001', category: { prefix: 'C' } });
    const c1 = await take('C');
    await desk2.request('POST', '/api/queue/windows/4/sit');
    const at4 = await desk2.request('POST', '/api/queue/windows/4/call-next');
    expect(at4.body.called.ticketNo).toBe('B001');
    await desk2.request('POST', `/api/queue/tickets/${at4.body.called.id}/start`);
    expect((await desk2.request('POST', `/api/queue/tickets/${at4.body.called.id}/transfer`, { category: 'A', window: 2 })).status).toBe(400);
    expect((await desk2.request('POST', `/api/queue/tickets/${at4.body.called.id}/transfer`, {})).status).toBe(400);
    // Sent to window 7 (户政 only): window 4 cannot call it back, window 7 can.
    expect((await desk2.request('POST', `/api/queue/tickets/${at4.body.called.id}/transfer`, { window: 7 })).body.ticket.status).toBe('waiting');
    expect((await desk2.request('POST', `/api/queue/tickets/${at4.body.called.id}/transfer`, { window: 7 })).status).toBe(409);
    const next4 = await desk2.request('POST', '/api/queue/windows/4/call-next');
    expect(next4.body.called.ticketNo).toBe(c1.body.ticketNo);
    await desk1.request('POST', '/api/queue/windows/7/sit');
    const at7 = await desk1.request('POST', '/api/queue/windows/7/call-next');
    expect(at7.body.called.ticketNo).toBe('B001');
    expect(at7.body.announcement).toBe('请B001号到7号窗口办理');
  });
});

describe('appointments first', () => {
  it('a checked-in booking is called ahead of earlier walk-ins, and a second tap gives the same ticket', async () => {
    const day = '2026-11-16';
    const slots = await call(s.url, 'GET', `/api/public/appointments/slots?category=SS&from=${day}`);
    const slot = slots.body.slots.find((x: { start: string }) => x.start === '10:30');
    const booked = await call(s.url, 'POST', '/api/public/appointments', { category: 'SS', slotId: slot.id, name: '王五', mobile: '13900001111' });
    expect(booked.status).toBe(201);
    const walkIn = await take('B');
    minutes(5);
    const vip = await take('B', { appointmentCode: booked.body.code, mobile: '13900001111' });
    expect(vip.status).toBe(201);
    expect(vip.body.priority).toBe(true);
    const tapAgain = await take('B', { appointmentCode: booked.body.code, mobile: '13900001111' });
    expect(tapAgain.body.ticketNo).toBe(vip.body.ticketNo);
    // The wrong mobile number checks nothing in.
    expect((await take('B', { appointmentCode: booked.body.code, mobile: '13900002222' })).status).toBe(404);

    await desk1.request('POST', `/api/queue/tickets/${(await desk1.request('GET', '/api/queue/windows/7')).body.current.id}/absent`);
    await desk1.request('POST', '/api/queue/windows/3/sit');
    const w3 = await desk1.request('POST', '/api/queue/windows/3/call-next');
    expect(w3.body.called.ticketNo).toBe(vip.body.ticketNo);
    await desk2.request('POST', '/api/queue/windows/2/sit');
    const w3b = await desk2.request('POST', '/api/queue/windows/2/call-next');
    expect(w3b.body.called.ticketNo).toBe(walkIn.body.ticketNo);
  });
});

describe('several windows calling at once', () => {
  it('calls every ticket exactly once, none lost', async () => {
    const issued: string[] = [];
    for (let i = 0; i < 30; i++) issued.push((await take('E')).body.ticketNo);
    const windows = [7];
    await admin.request('PUT', '/api/admin/queue/windows', { number: 9, categories: ['E'] });
    await admin.request('PUT', '/api/admin/queue/windows', { number: 10, categories: ['E'] });
    await admin.request('PUT', '/api/admin/queue/windows', { number: 11, categories: ['E'] });
    windows.push(9, 10, 11);
    // Free window 7 from its earlier ticket.
    const cur7 = (await desk1.request('GET', '/api/queue/windows/7')).body.current;
    if (cur7) await desk1.request('POST', `/api/queue/tickets/${cur7.id}/absent`);
    const sessions = await Promise.all(windows.map((_, i) => login(s.url, i % 2 ? 'desk2' : 'desk1')));
    for (const [i, n] of windows.entries()) expect((await sessions[i]!.request('POST', `/api/queue/windows/${n}/sit`)).status).toBe(200);
    const called: string[] = [];
    await Promise.all(windows.map(async (n, i) => {
      const me = sessions[i]!;
      for (;;) {
        const res = await me.request('POST', `/api/queue/windows/${n}/call-next`);
        expect(res.status).toBe(200);
        if (!res.body.called) return;
        called.push(res.body.called.ticketNo);
        expect((await me.request('POST', `/api/queue/tickets/${res.body.called.id}/absent`)).status).toBe(200);
      }
    }));
    expect([...called].sort()).toEqual([...issued].sort());
    const calls = await s.database.db.select({ n: sql<number>`count(*)::int` }).from(queueCalls).where(eq(queueCalls.kind, 'call'));
    expect(calls[0]!.n).toBeGreaterThanOrEqual(30);
  });
});

describe('the board feed', () => {
  it('streams each call with its announcement', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${s.url}/api/public/queue/board/stream`, { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 10_000;
      while (!text.includes(needle) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
      return text.includes(needle);
    };
    expect(await readUntil(': connected')).toBe(true);
    const t = await take('D');
    await desk1.request('POST', '/api/queue/windows/6/sit');
    const c = await desk1.request('POST', '/api/queue/windows/6/call-next');
    expect(c.body.called.ticketNo).toBe(t.body.ticketNo);
    expect(await readUntil(`请${t.body.ticketNo}号到6号窗口办理`)).toBe(true);
    expect(text).toMatch(/event: call\ndata: .*"windowNumber":6/);
    ctrl.abort();
  });

  it('refuses bad parameters before it starts streaming', async () => {
    for (const [q, status] of [['after=-1', 400], ['after=abc', 400], ['center=NOPE', 404], ['x=1', 400]] as const) {
      const res = await call(s.url, 'GET', `/api/public/queue/board/stream?${q}`);
      expect(res.status, q).toBe(status);
      expect(res.body.code).toBeTruthy();
    }
  });
});

describe('statistics and access', () => {
  it('reports waiting and service times, and keeps the panel to staff', async () => {
    const stats = await admin.request('GET', '/api/queue/stats');
    expect(stats.status).toBe(200);
    const rows = await ticketRows();
    expect(stats.body.total.tickets).toBe(rows.length);
    expect(stats.body.total.served).toBe(rows.filter((r) => r.status === 'done').length);
    expect(stats.body.total.absent).toBe(rows.filter((r) => r.status === 'absent').length);
    const a001 = rows.find((r) => r.ticketNo === 'A001')!;
    const catA = stats.body.byCategory.find((c: { label: string }) => c.label.startsWith('A '));
    expect(catA.avgServiceMinutes).toBe(6);
    expect(+a001.calledAt! - +a001.issuedAt).toBe(3 * 60_000);

    expect((await call(s.url, 'POST', '/api/queue/windows/1/call-next')).status).toBe(401);
    const approver = await login(s.url, 'supervisor');
    expect((await approver.request('POST', '/api/queue/windows/1/call-next')).status).toBe(403);
    expect((await desk1.request('GET', '/api/queue/windows/99')).status).toBe(404);
  });
});
