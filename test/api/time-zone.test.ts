/**
 * Dates and times follow the center's zone (Asia/Shanghai), not the server's: this file runs its
 * server under TZ=America/New_York (set below, and by CI for a whole run). Exports say what the
 * screen says: labels in the user's language, local times, a UTF-8 BOM for Excel.
 */
// Node re-reads TZ when it changes: everything below runs with the server 13 hours behind China.
process.env.TZ = 'America/New_York';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, findItem, intake } from '../helpers/cases.js';
import { refreshStats } from '../../src/modules/stats/stats.service.js';
import { STATUS_LABELS } from '../../src/domain/case-workflow.js';
import { WARNING_LABELS } from '../../src/domain/case-labels.js';

let s: TestServer;
let desk: Session;
let sup: Session;
let lateNo: string;

/** Parses a CSV the way a spreadsheet does (quoted cells may hold commas and quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/\r\n$/, '').split('\r\n')) {
    const cells: string[] = [];
    const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) && m[0] !== '') {
      cells.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

async function csvOf(session: Session, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(s.url + path, { headers: { cookie: session.cookie, ...headers } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { bom: [...bytes.slice(0, 3)], rows: parseCsv(text.replace(/^\uFEFF/, '')) };
}

beforeAll(async () => {
  // 05:33 UTC = 13:33 in Shanghai (00:33 in New York).
  s = await startTestServer({ now: '2026-11-17T05:33:00Z' });
  desk = await login(s.url, 'desk1');
  const shop = await findItem(s, '个体工商户设立登记');
  const no = (await intake(desk, shop)).body.caseNo as string;
  expect((await act(desk, no, 'accept')).status).toBe(200);
  // 17:00 UTC on the 17th = 01:00 on the 18th in Shanghai (still noon of the 17th in New York).
  s.clock.set('2026-11-17T17:00:00Z');
  lateNo = (await intake(await login(s.url, 'desk1'), shop)).body.caseNo as string;
  s.clock.set('2026-11-18T03:00:00Z');
  await refreshStats(s.database.db, s.clock);
  sup = await login(s.url, 'supervisor');
}, 120_000);

afterAll(async () => {
  await s?.close();
});

describe('the center\'s zone, with the server under TZ=America/New_York', () => {
  it('the process really runs in New York time', () => {
    expect(new Date('2026-11-17T05:33:00Z').getHours()).toBe(0);
  });

  it('the session carries the center\'s zone for the web app', async () => {
    expect((await sup.request('GET', '/api/auth/me')).body.user.timeZone).toBe('Asia/Shanghai');
    const centers = (await call(s.url, 'GET', '/api/centers')).body as { timeZone: string }[];
    expect(centers.every((c) => c.timeZone === 'Asia/Shanghai')).toBe(true);
  });

  it('stats days are the center\'s days: a case received at 01:00 on the 18th counts on the 18th, in hour 1', async () => {
    const day17 = (await sup.request('GET', '/api/stats/overview?from=2026-11-17&to=2026-11-17')).body;
    const day18 = (await sup.request('GET', '/api/stats/overview?from=2026-11-18&to=2026-11-18')).body;
    expect(day17.totals.received).toBe(1);
    expect(day18.totals.received).toBe(1);
    const list = (await sup.request('GET', '/api/stats/cases?figure=received&from=2026-11-18&to=2026-11-18&hour=1')).body;
    expect(list.cases.map((c: { caseNo: string }) => c.caseNo)).toEqual([lateNo]);
  });

  it('the dashboard\'s CSV: BOM, the screen\'s status and warning labels, times on the center\'s clock', async () => {
    const { bom, rows } = await csvOf(sup, '/api/stats/cases.csv?figure=received&from=2026-11-17&to=2026-11-18');
    expect(bom).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...body] = rows;
    const col = (name: string) => head!.indexOf(name);
    expect(col('状态')).toBeGreaterThanOrEqual(0);
    expect(body).toHaveLength(2);
    const accepted = body.find((r) => r[col('收件时间')] === '2026-11-17 13:33');
    expect(accepted, JSON.stringify(body)).toBeDefined();
    expect(accepted![col('状态')]).toBe(STATUS_LABELS.accepted.zh);
    // The level the list API gives, in the words the dashboard shows for it.
    const json = (await sup.request('GET', '/api/stats/cases?figure=received&from=2026-11-17&to=2026-11-18')).body;
    const level = json.cases.find((c: { caseNo: string }) => c.caseNo === accepted![0]).warningLevel as keyof typeof WARNING_LABELS;
    expect(accepted![col('预警')]).toBe(WARNING_LABELS[level].zh);
    const late = body.find((r) => r[0] === lateNo)!;
    expect(late[col('收件时间')]).toBe('2026-11-18 01:00');
    expect(late[col('状态')]).toBe(STATUS_LABELS.received.zh);
    // Personal data stays masked.
    expect(body.flat().join(',')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });

  it('the same file in English: by ?lang=en or by the browser\'s Accept-Language', async () => {
    for (const [path, headers] of [
      ['/api/stats/cases.csv?figure=received&from=2026-11-17&to=2026-11-18&lang=en', {}],
      ['/api/stats/cases.csv?figure=received&from=2026-11-17&to=2026-11-18', { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' }],
    ] as const) {
      const { rows } = await csvOf(sup, path, headers);
      const [head, ...body] = rows;
      expect(head).toContain('Status');
      const statuses = body.map((r) => r[head!.indexOf('Status')]).sort();
      expect(statuses).toEqual([STATUS_LABELS.accepted.en, STATUS_LABELS.received.en].sort());
      expect(body.map((r) => r[head!.indexOf('Received')]).sort()).toEqual(['2026-11-17 13:33', '2026-11-18 01:00']);
    }
  });

  it('the bulletin\'s CSV: BOM, labels, local times, the month cut at the center\'s midnight', async () => {
    const { bom, rows } = await csvOf(sup, '/api/bulletin/cases.csv?month=2026-11&figure=received');
    expect(bom).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...body] = rows;
    expect(body).toHaveLength(2);
    const byNo = new Map(body.map((r) => [r[0], r]));
    expect(byNo.get(lateNo)![head!.indexOf('收件时间')]).toBe('2026-11-18 01:00');
    expect(byNo.get(lateNo)![head!.indexOf('状态')]).toBe(STATUS_LABELS.received.zh);
    const en = await csvOf(sup, '/api/bulletin/cases.csv?month=2026-11&figure=received&lang=en');
    expect(en.rows[0]).toContain('Status');
    expect(en.rows.slice(1).map((r) => r[en.rows[0]!.indexOf('Status')]).sort()).toEqual([STATUS_LABELS.accepted.en, STATUS_LABELS.received.en].sort());
  });
  it('an item published at 01:56 on 12-08 China time says 2026-12-08 in the API and on the printed guide', async () => {
    const shop = await findItem(s, '个体工商户设立登记');
    const guide = (await call(s.url, 'GET', `/api/items/${shop.code}`)).body;
    const { code: _c, version: _v, publishedAt: _p, publishedOn: _o, department: _d, center: _ce, links: _l, ...content } = guide;
    const admin = await login(s.url, 'admin');
    expect((await admin.request('PUT', `/api/admin/items/${shop.code}/draft`, content)).status).toBe(200);
    s.clock.set('2026-12-07T17:56:00Z');
    const admin2 = await login(s.url, 'admin');
    expect((await admin2.request('POST', `/api/admin/items/${shop.code}/publish`)).status).toBe(200);
    const after = (await call(s.url, 'GET', `/api/items/${shop.code}`)).body;
    expect(after.publishedAt).toBe('2026-12-07T17:56:00.000Z');
    expect(after.publishedOn).toBe('2026-12-08');
    expect(after.center.timeZone).toBe('Asia/Shanghai');
    const html = await (await fetch(`${s.url}/print/items/${shop.code}/guide`)).text();
    expect(html).toContain(`第${after.version}版（2026-12-08发布）`);
  });

});
