/**
 * The whole-case read used before every action and case page comes as one json value outside a
 * transaction (src/modules/cases/cases.repository.ts, findCaseByNo). It must give exactly the row
 * Drizzle gives, in every state a case passes through: timestamps as the same instants, dates as
 * text, jsonb as objects, nulls as null.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { act, findItem, intake } from '../helpers/cases.js';
import { cases } from '../../src/db/schema/index.js';
import { canRawQuery } from '../../src/db/client.js';
import { findCaseByNo } from '../../src/modules/cases/cases.repository.js';

let s: TestServer;
let desk: Session;

beforeAll(async () => {
  s = await startTestServer({ now: '2026-11-16T02:00:00Z' });
  desk = await login(s.url, 'desk1');
});
afterAll(async () => {
  await s?.close();
});

async function drizzleRow(caseNo: string) {
  const found = await s.database.db.select().from(cases).where(eq(cases.caseNo, caseNo));
  expect(found).toHaveLength(1);
  return found[0]!;
}

async function expectSameRead(caseNo: string) {
  const direct = await drizzleRow(caseNo);
  expect(canRawQuery(s.database.db)).toBe(true); // the json read, not the fallback
  const read = await findCaseByNo(s.database.db, caseNo, direct.centerId);
  expect(read).toEqual(direct);
  expect(Object.keys(read!).sort()).toEqual(Object.keys(direct).sort());
  for (const key of ['receivedAt', 'acceptedAt', 'decidedAt', 'completedAt', 'deliveredAt', 'updatedAt'] as const) {
    expect(read![key] === null || read![key] instanceof Date).toBe(true);
    expect(read![key]?.getTime() ?? null).toBe(direct[key]?.getTime() ?? null);
  }
  // Inside a transaction the same function reads through the transaction: same row again.
  const inTx = await s.database.db.transaction(async (tx) => findCaseByNo(tx as unknown as typeof s.database.db, caseNo, direct.centerId));
  expect(inTx).toEqual(direct);
  return read!;
}

describe('the whole-case read', () => {
  it('equals the Drizzle row from intake to delivery, through a pause, with an agent', async () => {
    const item = await findItem(s, '食品经营许可');
    let scjg = await login(s.url, `approver-${item.department.code.toLowerCase()}`);
    const caseNo = (await intake(desk, item, { agent: { name: '王五', idNumber: '11010519491231002X', phone: '13812345679', relation: '村代办员' } })).body.caseNo as string;
    const received = await expectSameRead(caseNo);
    expect(received.acceptedAt).toBeNull();
    expect(received.agent).toMatchObject({ name: '王五' });
    expect(Array.isArray(received.materials)).toBe(true);

    expect((await act(scjg, caseNo, 'accept')).status).toBe(200);
    const accepted = await expectSameRead(caseNo);
    expect(accepted.acceptedDate).toBe('2026-11-16');
    expect(accepted.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expect((await act(scjg, caseNo, 'pause', { comment: '现场核查经营场所', data: { kind: 'site-survey', expectedDays: 3 } })).status).toBe(200);
    expect((await expectSameRead(caseNo)).pause).toMatchObject({ kind: 'site-survey', expectedDays: 3 });
    s.clock.set('2026-11-19T02:00:00.123Z');
    // Three days on, the sessions have lapsed: sign in again.
    scjg = await login(s.url, `approver-${item.department.code.toLowerCase()}`);
    desk = await login(s.url, 'desk1');
    expect((await act(scjg, caseNo, 'resume')).status).toBe(200);
    expect((await expectSameRead(caseNo)).pausedDays).toBe(3);
    for (const [action, body] of [['review-pass', {}], ['approve', {}], ['complete', { data: { resultNo: 'JY13501000012345' } }]] as const) {
      expect((await act(scjg, caseNo, action, body)).status).toBe(200);
      await expectSameRead(caseNo);
    }
    expect((await act(desk, caseNo, 'deliver', { data: { method: 'post', trackingNo: 'EMS1234567890' } })).status).toBe(200);
    const delivered = await expectSameRead(caseNo);
    expect(delivered.deliveredAt?.toISOString()).toBe('2026-11-19T02:00:00.123Z');
    expect(delivered.delivery).toMatchObject({ method: 'post', trackingNo: 'EMS1234567890' });
    expect(delivered.timeliness).toBe('early');
  });

  it('finds nothing for an unknown number or another center', async () => {
    const item = await findItem(s, '食品经营许可');
    const caseNo = (await intake(desk, item)).body.caseNo as string;
    const { centerId } = await drizzleRow(caseNo);
    expect(await findCaseByNo(s.database.db, caseNo, centerId)).toBeDefined();
    expect(await findCaseByNo(s.database.db, caseNo, centerId + 1000)).toBeUndefined();
    expect(await findCaseByNo(s.database.db, '261116-99999-X', centerId)).toBeUndefined();
  });
});
