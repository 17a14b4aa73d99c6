import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { watchTransactionOverlap } from '../helpers/tx-overlap.js';

/**
 * A transaction holds one connection, and a connection answers one query at a time: reads inside a
 * transaction go one after another (issue 14, item 8: pg warned "Calling client.query() when the
 * client is already executing a query" under fuzzing). Each test walks a path whose transaction
 * read several things at once.
 */

// Monday 2026-11-16, 10:00 in Beijing.
let s: TestServer;
let admin: Session;
let desk: Session;
let watch: ReturnType<typeof watchTransactionOverlap>;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  watch = watchTransactionOverlap(s.database.db);
  [admin, desk] = await Promise.all([login(s.url, 'admin'), login(s.url, 'desk1')]);
});
afterAll(async () => {
  watch?.stop();
  await s?.close();
});

function overlapsDuring(): () => string[] {
  const before = watch.overlaps.length;
  return () => watch.overlaps.slice(before);
}

describe('one query at a time inside a transaction', () => {
  it('creating a catalog item (the content check reads settings and departments)', async () => {
    const overlaps = overlapsDuring();
    const created = await admin.request('POST', '/api/admin/items', {
      code: 'TX-001', department: 'SCJG', name: '测试事项', kind: 'promised', category: '行政许可', legalBasis: '《中华人民共和国行政许可法》',
      conditions: '符合法定条件', procedure: ['申请', '受理', '审查', '决定'], statutoryDays: 20, promisedDays: 10, feeBasis: '', feeStandard: '不收费',
      feeCents: 0, resultType: '证照', resultName: '测试许可证', location: '县政务服务中心一楼', phone: '0599-1234567', onlineAllowed: true,
      deemedApproval: false, stages: [], materials: [{ code: 'M01', name: '申请书', form: 'original', copies: 1, required: true }], events: [],
    });
    expect(created.status, JSON.stringify(created.body).slice(0, 400)).toBe(201);
    expect(overlaps()).toEqual([]);
  });

  it('cancelling a booking (its view reads slot, category, item and case)', async () => {
    const open = (await call(s.url, 'GET', '/api/public/appointments/slots?category=SB')).body.slots.find((x: { bookable: boolean }) => x.bookable);
    const booked = await call(s.url, 'POST', '/api/public/appointments', { category: 'SB', slotId: open.id, name: '李四', mobile: '13900001234' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const overlaps = overlapsDuring();
    const cancelled = await call(s.url, 'POST', `/api/public/appointments/${booked.body.code}/cancel`, { mobile: '13900001234' });
    expect(cancelled.status).toBe(200);
    expect(overlaps()).toEqual([]);
  });

  it('a bad rating at the pad (its follow-up reads the policy and the calendar)', async () => {
    await desk.request('POST', '/api/queue/windows/1/sit');
    await call(s.url, 'POST', '/api/public/queue/tickets', { category: 'A' });
    const called = (await desk.request('POST', '/api/queue/windows/1/call-next')).body.called;
    await desk.request('POST', `/api/queue/tickets/${called.id}/start`);
    await desk.request('POST', `/api/queue/tickets/${called.id}/finish`, {});
    const overlaps = overlapsDuring();
    const rated = await call(s.url, 'POST', '/api/public/pad/1/ratings', { ticketId: called.id, level: 1, reasons: ['attitude'] });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(overlaps()).toEqual([]);
  });
});
