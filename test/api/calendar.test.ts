import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';

let s: TestServer;
let admin: Session;
beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  admin = await login(s.url, 'admin');
});
afterAll(async () => { await s?.close(); });

const add = (from: string, days: number | string) => call(s.url, 'GET', `/api/calendar/add-working-days?from=${from}&days=${days}`);

describe('working-day arithmetic over HTTP', () => {
  it('does not count the start day and follows the national calendar', async () => {
    expect((await add('2026-09-30', 3)).body).toEqual({ date: '2026-10-10', provisional: false });
    expect((await add('2026-02-13', 2)).body).toEqual({ date: '2026-02-24', provisional: false });
  });

  it('flags a result reaching a year with no announced calendar', async () => {
    const res = await add('2026-12-28', 10);
    expect(res.body.provisional).toBe(true);
    expect(res.body.date.startsWith('2027-')).toBe(true);
  });

  it('refuses a date that is not a date', async () => {
    for (const from of ['2026-02-30', '2026-13-01', 'yesterday']) {
      const res = await add(from, 1);
      expect(res.status, from).toBe(400);
      expect(res.body.details[0].field).toBe('from');
    }
    expect((await add('2026-01-05', -1)).status).toBe(400);
    expect((await add('2026-01-05', 'x')).status).toBe(400);
  });
});

describe('overrides and announced years', () => {
  it('a local closure moves deadlines, and removing it moves them back', async () => {
    expect((await add('2026-12-07', 1)).body.date).toBe('2026-12-08');
    const put = await admin.request('PUT', '/api/admin/calendar/overrides/2026-12-08', { working: false, reason: '台风停止办公' });
    expect(put.status).toBe(200);
    expect((await add('2026-12-07', 1)).body.date).toBe('2026-12-09');
    const list = await admin.request('GET', '/api/admin/calendar/overrides?year=2026');
    expect(list.body).toEqual([{ date: '2026-12-08', working: false, reason: '台风停止办公' }]);
    const year = await call(s.url, 'GET', '/api/calendar/year/2026');
    expect(year.body.days.find((d: { date: string }) => d.date === '2026-12-08')).toMatchObject({ working: false, kind: 'override-off', name: '台风停止办公' });
    expect((await admin.request('DELETE', '/api/admin/calendar/overrides/2026-12-08')).status).toBe(200);
    expect((await add('2026-12-07', 1)).body.date).toBe('2026-12-08');
    expect((await admin.request('DELETE', '/api/admin/calendar/overrides/2026-12-08')).status).toBe(404);
  });

  it('lists the missing years, and entering next year\'s calendar makes its deadlines firm', async () => {
    const years = (await call(s.url, 'GET', '/api/calendar/years')).body;
    expect(years.missing).toEqual([2027, 2028]);
    expect(years.announced).toContain(2026);
    // New Year 2027: Friday 1 January off; then declare 2027 announced.
    await admin.request('PUT', '/api/admin/calendar/overrides/2027-01-01', { working: false, reason: '元旦' });
    expect((await admin.request('PUT', '/api/admin/calendar/years/2027', { announced: true })).status).toBe(200);
    expect((await call(s.url, 'GET', '/api/calendar/years')).body.missing).toEqual([2028]);
    const res = await add('2026-12-31', 1);
    expect(res.body).toEqual({ date: '2027-01-04', provisional: false });
  });

  it('shows holidays and make-up days in the year view', async () => {
    const y = (await call(s.url, 'GET', '/api/calendar/year/2026')).body;
    expect(y.days).toHaveLength(365);
    expect(y.announced).toBe(true);
    expect(y.days.find((d: { date: string }) => d.date === '2026-10-01')).toMatchObject({ working: false, kind: 'holiday', name: '国庆节' });
    expect(y.days.find((d: { date: string }) => d.date === '2026-10-10')).toMatchObject({ working: true, kind: 'makeup' });
    expect(y.days.find((d: { date: string }) => d.date === '2026-11-21')).toMatchObject({ working: false, kind: 'weekend' });
  });

  it('keeps calendar edits to admins and validates them', async () => {
    const desk = await login(s.url, 'desk1');
    expect((await desk.request('PUT', '/api/admin/calendar/overrides/2026-12-09', { working: false, reason: 'x' })).status).toBe(403);
    expect((await admin.request('PUT', '/api/admin/calendar/overrides/2026-02-31', { working: false, reason: 'x' })).status).toBe(400);
    expect((await admin.request('PUT', '/api/admin/calendar/overrides/2026-12-09', { working: 'no', reason: 'x' })).status).toBe(400);
    expect((await admin.request('PUT', '/api/admin/calendar/overrides/2026-12-09', { working: false, reason: '' })).status).toBe(400);
    expect((await admin.request('GET', '/api/admin/calendar/overrides?year=2026')).body).toEqual([]);
  });
});
