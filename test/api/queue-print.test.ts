/** The 80 mm ticket slip (号票) at /print/queue-ticket/{token}, on the real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';

// Monday 2026-11-16, 10:00 in Beijing.
let s: TestServer;
let desk1: Session;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  desk1 = await login(s.url, 'desk1');
});
afterAll(async () => s?.close());

async function slip(token: string) {
  const res = await fetch(`${s.url}/print/queue-ticket/${encodeURIComponent(token)}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
}

describe('ticket slip', () => {
  it('prints the number, category, time, people ahead, wait, the note and a QR code to follow the ticket', async () => {
    await call(s.url, 'POST', '/api/public/queue/tickets', { category: 'A' });
    await desk1.request('POST', '/api/queue/windows/1/sit');
    const taken = await call(s.url, 'POST', '/api/public/queue/tickets', { category: 'A' });
    expect(taken.status).toBe(201);
    const { status, type, html } = await slip(taken.body.token);
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    expect(html).toContain('和平县政务服务中心');
    expect(html).toMatch(/<div class="ticket-no"[^>]*>A002<\/div>/);
    expect(html).toContain(taken.body.category.name);
    expect(html).toContain('2026年11月16日 10:00');
    expect(html).toMatch(/前面等候<\/span><span>1 人/);
    expect(html).toContain(`约 ${taken.body.estimatedWaitMinutes} 分钟`);
    expect(html).toContain('过号请重新取号');
    expect(html).toContain('size: 80mm');

    const url = `${s.url}/?ticket=${taken.body.token}`;
    const svg = html.match(/<div class="doc-qr">(<svg[\s\S]*?<\/svg>)/)![1];
    expect(svg.trim()).toBe((await QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' })).trim());
  });

  it('drops the waiting figures once the ticket is called, and answers 404 for an unknown token', async () => {
    const first = await desk1.request('POST', '/api/queue/windows/1/call-next');
    expect(first.status).toBe(200);
    const { status, html } = await slip(first.body.called.token);
    expect(status).toBe(200);
    expect(html).toContain('A001');
    expect(html).not.toContain('前面等候');

    expect((await slip('no-such-ticket')).status).toBe(404);
    expect((await slip('x'.repeat(41))).status).toBe(400);
  });
});
