import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { call, login, startTestServer, type Session, type TestServer } from '../helpers/test-server.js';
import { findItem, intake, PERSON } from '../helpers/cases.js';
import { appointments, appointmentSlots, outbox } from '../../src/db/schema/index.js';
import { createAppointmentReminder } from '../../src/jobs/appointment-reminders.js';

/**
 * Appointments (预约) on a real server and database. The clock starts on Monday 2026-09-28 10:00 (China
 * time), just before the National Day holiday (10-01 … 10-07) and its make-up working Saturday 10-10.
 */

let s: TestServer;
let admin: Session;
let desk: Session;

const mobile = (n: number) => `139${String(n).padStart(8, '0')}`;
/** Moves the clock; sessions expire over days, so staff log in again. */
async function at(iso: string): Promise<void> {
  s.clock.set(iso);
  [admin, desk] = await Promise.all([login(s.url, 'admin'), login(s.url, 'desk1')]);
}

beforeAll(async () => {
  s = await startTestServer({ now: '2026-09-28T02:00:00Z' });
  [admin, desk] = await Promise.all([login(s.url, 'admin'), login(s.url, 'desk1')]);
});
afterAll(async () => { await s?.close(); });

interface PublicSlot { id: number; date: string; start: string; end: string; capacity: number; remaining: number; bookable: boolean }

async function slots(category: string, from: string, to = from): Promise<PublicSlot[]> {
  const res = await call(s.url, 'GET', `/api/public/appointments/slots?category=${category}&from=${from}&to=${to}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.slots;
}

async function slot(category: string, date: string, start: string): Promise<PublicSlot> {
  const found = (await slots(category, date)).find((x) => x.start === start);
  if (!found) throw new Error(`no ${category} slot ${date} ${start}`);
  return found;
}

async function booked(slotId: number): Promise<number> {
  const [row] = await s.database.db.select({ booked: appointmentSlots.booked }).from(appointmentSlots).where(eq(appointmentSlots.id, slotId));
  return row!.booked;
}

function book(category: string, slotId: number, phone: string, extra: Record<string, unknown> = {}) {
  return call(s.url, 'POST', '/api/public/appointments', { category, slotId, name: '李四', mobile: phone, ...extra });
}

async function sms(phone: string, template?: string) {
  return s.database.db.select().from(outbox)
    .where(and(eq(outbox.recipient, phone), template ? eq(outbox.template, template) : like(outbox.template, 'appointment-%')))
    .orderBy(outbox.id);
}

async function outboxCount(): Promise<number> {
  const [row] = await s.database.db.select({ n: sql<number>`count(*)::int` }).from(outbox);
  return row!.n;
}

const TEMPLATE = [
  { start: '09:00', end: '09:30', capacity: 2 },
  { start: '09:30', end: '10:00', capacity: 3 },
  { start: '10:00', end: '10:30', capacity: 1 },
];
const GENERATED = ['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12'];

describe('categories and slots (admin)', () => {
  it('creates a category mapped to a department and items, and refuses bad ones', async () => {
    const created = await admin.request('POST', '/api/admin/appointments/categories', {
      code: 'TEST', name: '测试业务', department: 'SCJG', items: ['SCJG-001', 'SCJG-010'], periods: TEMPLATE,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      code: 'TEST', name: '测试业务', active: true, department: { code: 'SCJG' },
      items: [{ code: 'SCJG-001', name: '个体工商户设立登记' }, { code: 'SCJG-010', name: '食品经营许可' }],
      template: { periods: TEMPLATE },
    });
    const dup = await admin.request('POST', '/api/admin/appointments/categories', { code: 'TEST', name: '重复' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('DUPLICATE');
    const badItem = await admin.request('POST', '/api/admin/appointments/categories', { code: 'BAD', name: '坏', items: ['NO-SUCH'] });
    expect(badItem.status).toBe(400);
    expect(badItem.body.details).toEqual([{ field: 'items.0', message: 'no published item with this code' }]);
    const badDept = await admin.request('POST', '/api/admin/appointments/categories', { code: 'BAD', name: '坏', department: 'NOPE' });
    expect(badDept.status).toBe(400);
    const overlap = await admin.request('POST', '/api/admin/appointments/categories', {
      code: 'BAD', name: '坏', periods: [{ start: '09:00', end: '10:00', capacity: 1 }, { start: '09:30', end: '10:30', capacity: 1 }],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.details[0].field).toBe('periods.1.start');
    expect((await desk.request('POST', '/api/admin/appointments/categories', { code: 'DESK', name: 'x' })).status).toBe(403);
    const list = await admin.request('GET', '/api/admin/appointments/categories');
    expect(list.body.map((c: { code: string }) => c.code)).toEqual(['SS', 'SB', 'BDC', 'HZ', 'TEST']);
  });

  it('lays the template out on working days: no slots on the National Day holiday, slots on the make-up Saturday', async () => {
    const year = await call(s.url, 'GET', '/api/calendar/year/2026');
    const kind = new Map<string, string>(year.body.days.map((d: { date: string; kind: string }) => [d.date, d.kind]));
    for (let d = 1; d <= 7; d++) expect(kind.get(`2026-10-0${d}`)).toBe('holiday');
    expect(kind.get('2026-10-10')).toBe('makeup');

    const gen = await admin.request('POST', '/api/admin/appointments/categories/TEST/generate', { days: 6 });
    expect(gen.status, JSON.stringify(gen.body)).toBe(200);
    expect(gen.body).toEqual({ created: 18, dates: GENERATED, skippedDates: [] });

    const listed = await slots('TEST', '2026-09-28', '2026-10-14');
    expect([...new Set(listed.map((x) => x.date))]).toEqual(GENERATED);
    expect(listed).toHaveLength(18);
    // What the public sees carries no personal data, only seats.
    expect(Object.keys(listed[0]!).sort()).toEqual(['bookable', 'capacity', 'date', 'end', 'id', 'remaining', 'start']);
    expect(listed.every((x) => x.remaining === x.capacity && x.bookable)).toBe(true);

    // Again: days that have slots are left alone.
    const again = await admin.request('POST', '/api/admin/appointments/categories/TEST/generate', { days: 6 });
    expect(again.body).toEqual({ created: 0, dates: [], skippedDates: GENERATED });
    const fromHoliday = await admin.request('POST', '/api/admin/appointments/categories/TEST/generate', { from: '2026-10-01', days: 1 });
    expect(fromHoliday.body).toEqual({ created: 0, dates: [], skippedDates: ['2026-10-08'] });

    const onHoliday = await admin.request('PUT', '/api/admin/appointments/categories/TEST/days/2026-10-02', { periods: TEMPLATE });
    expect(onHoliday.status).toBe(422);
    expect(onHoliday.body.code).toBe('NOT_WORKING_DAY');
    const past = await admin.request('POST', '/api/admin/appointments/categories/TEST/generate', { from: '2026-09-01', days: 1 });
    expect(past.status).toBe(400);
  });

  it('needs a template before generating', async () => {
    expect((await admin.request('POST', '/api/admin/appointments/categories', { code: 'EMPTY', name: '无模板' })).status).toBe(201);
    const gen = await admin.request('POST', '/api/admin/appointments/categories/EMPTY/generate', { days: 3 });
    expect(gen.status).toBe(400);
    expect(gen.body.details).toEqual([{ field: 'template', message: 'no periods' }]);
    const set = await admin.request('PUT', '/api/admin/appointments/categories/EMPTY/template', { periods: [{ start: '14:00', end: '15:00', capacity: 2 }] });
    expect(set.body.template.periods).toEqual([{ start: '14:00', end: '15:00', capacity: 2 }]);
    expect((await admin.request('POST', '/api/admin/appointments/categories/EMPTY/generate', { days: 3 })).body.created).toBe(3);
    const hidden = await admin.request('PATCH', '/api/admin/appointments/categories/EMPTY', { active: false });
    expect(hidden.body.active).toBe(false);
    const pub = await call(s.url, 'GET', '/api/public/appointments/categories');
    expect(pub.body.map((c: { code: string }) => c.code)).toEqual(['SS', 'SB', 'BDC', 'HZ', 'TEST']);
    expect((await call(s.url, 'GET', '/api/public/appointments/slots?category=EMPTY')).status).toBe(404);
  });
});

let first: string; // 13900000001's TEST booking on 09-29

describe('booking', () => {
  it('books a slot, answers a code and queues the SMS confirmation with it', async () => {
    const a = await slot('TEST', '2026-09-29', '09:00');
    const before = await outboxCount();
    const res = await book('TEST', a.id, mobile(1), { idNumber: PERSON.idNumber, itemCode: 'SCJG-010' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(res.body).toMatchObject({
      status: 'booked', missed: false, category: { code: 'TEST', name: '测试业务' }, item: { code: 'SCJG-010', name: '食品经营许可' },
      slot: { id: a.id, date: '2026-09-29', start: '09:00', end: '09:30' },
      name: '李*', mobile: '139****0001', idNumber: '110105********002X', canChange: true, canCancel: true, caseNo: null,
      checkIn: { opensAt: '2026-09-29T00:30:00.000Z', closesAt: '2026-09-29T01:15:00.000Z' },
    });
    first = res.body.code;
    expect(await outboxCount()).toBe(before + 1);
    const [msg] = await sms(mobile(1));
    expect(msg).toMatchObject({ template: 'appointment-booked', status: 'pending', dedupeKey: expect.stringMatching(/^appointment:\d+:booked$/) });
    expect(msg!.body).toContain(`预约号${first}`);
    expect(msg!.body).toContain('2026年9月29日 09:00-09:30');
    expect((await slot('TEST', '2026-09-29', '09:00')).remaining).toBe(1);

    const mine = await call(s.url, 'GET', `/api/public/appointments/${first.toLowerCase().slice(0, 4)}-${first.slice(4)}?mobile=${mobile(1)}`);
    expect(mine.status).toBe(200);
    expect(mine.body.code).toBe(first);
    const wrong = await call(s.url, 'GET', `/api/public/appointments/${first}?mobile=${mobile(2)}`);
    expect(wrong.status).toBe(404);
  });

  it('refuses bad input with the field named, and changes nothing', async () => {
    const b = await slot('TEST', '2026-09-29', '09:30');
    const before = await outboxCount();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ mobile: '12345678901' }, 400, 'mobile'],
      [{ idNumber: '110105194912310021' }, 400, 'idNumber'],
      [{ itemCode: 'GA-001' }, 400, 'itemCode'],
      [{ name: '   ' }, 400, 'name'],
      [{ category: 'SS' }, 404, 'slotId'],
      [{ slotId: 99_999_999 }, 404, 'slotId'],
    ];
    for (const [patch, status, field] of cases) {
      const res = await call(s.url, 'POST', '/api/public/appointments', { category: 'TEST', slotId: b.id, name: '王五', mobile: mobile(2), ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(status);
      expect(res.body.details?.[0]?.field, JSON.stringify(patch)).toBe(field);
    }
    expect(await outboxCount()).toBe(before);
    expect(await booked(b.id)).toBe(0);
  });

  it('refuses a slot that has started', async () => {
    const a = await slot('TEST', '2026-09-29', '09:00');
    await at('2026-09-29T01:00:00Z');
    try {
      const res = await book('TEST', a.id, mobile(2));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('SLOT_UNAVAILABLE');
    } finally {
      await at('2026-09-28T02:00:00Z');
    }
  });

  it('allows one active booking per mobile, category and day', async () => {
    const b = await slot('TEST', '2026-09-29', '09:30');
    const before = await outboxCount();
    const dup = await book('TEST', b.id, mobile(1));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ALREADY_BOOKED');
    // The seat taken for the refused booking was given back with the rest of its transaction.
    expect(await booked(b.id)).toBe(0);
    expect(await outboxCount()).toBe(before);
    const otherDay = await book('TEST', (await slot('TEST', '2026-09-30', '09:30')).id, mobile(1));
    expect(otherDay.status).toBe(201);
    const otherCategory = await book('SS', (await slot('SS', '2026-09-29', '09:00')).id, mobile(1));
    expect(otherCategory.status).toBe(201);
    expect((await sms(mobile(1), 'appointment-booked'))).toHaveLength(3);
  });
});

describe('change and cancel', () => {
  it('moves atomically: a full target leaves the booking where it was', async () => {
    const a = await slot('TEST', '2026-09-29', '09:00');
    const b = await slot('TEST', '2026-09-29', '09:30');
    const c = await slot('TEST', '2026-09-29', '10:00');
    expect((await book('TEST', c.id, mobile(2))).status).toBe(201); // C (capacity 1) is now full

    const full = await call(s.url, 'POST', `/api/public/appointments/${first}/change`, { mobile: mobile(1), slotId: c.id });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('SLOT_FULL');
    const still = await call(s.url, 'GET', `/api/public/appointments/${first}?mobile=${mobile(1)}`);
    expect(still.body.slot.id).toBe(a.id);
    expect([await booked(a.id), await booked(c.id)]).toEqual([1, 1]);
    expect(await sms(mobile(1), 'appointment-changed')).toHaveLength(0);

    const moved = await call(s.url, 'POST', `/api/public/appointments/${first}/change`, { mobile: mobile(1), slotId: b.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.slot).toEqual({ id: b.id, date: '2026-09-29', start: '09:30', end: '10:00' });
    expect([await booked(a.id), await booked(b.id)]).toEqual([0, 1]);
    const changed = await sms(mobile(1), 'appointment-changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.body).toContain('已改至2026年9月29日 09:30-10:00');

    // The same slot again is a retried request: nothing happens.
    const same = await call(s.url, 'POST', `/api/public/appointments/${first}/change`, { mobile: mobile(1), slotId: b.id });
    expect(same.status).toBe(200);
    expect(await sms(mobile(1), 'appointment-changed')).toHaveLength(1);
  });

  it('refuses a move onto a day already booked, into another category, or by a wrong mobile', async () => {
    const b30 = await slot('TEST', '2026-09-30', '09:00');
    const sameDay = await call(s.url, 'POST', `/api/public/appointments/${first}/change`, { mobile: mobile(1), slotId: b30.id });
    expect(sameDay.status).toBe(409);
    expect(sameDay.body.code).toBe('ALREADY_BOOKED');
    expect(await booked(b30.id)).toBe(0);
    const ss = await slot('SS', '2026-09-29', '10:00');
    const other = await call(s.url, 'POST', `/api/public/appointments/${first}/change`, { mobile: mobile(1), slotId: ss.id });
    expect(other.status).toBe(404);
    expect(other.body.details[0].field).toBe('slotId');
    const stranger = await call(s.url, 'POST', `/api/public/appointments/${first}/change`, { mobile: mobile(3), slotId: b30.id });
    expect(stranger.status).toBe(404);
    expect((await call(s.url, 'GET', `/api/public/appointments/${first}?mobile=${mobile(1)}`)).body.slot.start).toBe('09:30');
  });

  it('cancels until the slot starts, once, and gives the seat back', async () => {
    const b = await slot('TEST', '2026-09-29', '09:30');
    const res = await call(s.url, 'POST', `/api/public/appointments/${first}/cancel`, { mobile: mobile(1) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', canCancel: false, canChange: false });
    expect(await booked(b.id)).toBe(0);
    const again = await call(s.url, 'POST', `/api/public/appointments/${first}/cancel`, { mobile: mobile(1) });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('cancelled');
    expect(await sms(mobile(1), 'appointment-cancelled')).toHaveLength(1);
    const change = await call(s.url, 'POST', `/api/public/appointments/${first}/change`, { mobile: mobile(1), slotId: b.id });
    expect(change.status).toBe(409);
    // A cancelled booking does not count against the day.
    expect((await book('TEST', b.id, mobile(1))).status).toBe(201);

    const tomorrow = (await sms(mobile(1), 'appointment-booked')).find((m) => m.body.includes('2026年9月30日'))!;
    const code = /预约号([A-Z0-9]+)/.exec(tomorrow.body)![1]!;
    await at('2026-09-30T01:31:00Z'); // 09:31 on the 30th: the 09:30 slot has started
    try {
      const late = await call(s.url, 'POST', `/api/public/appointments/${code}/cancel`, { mobile: mobile(1) });
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('TOO_LATE');
      const lateMove = await call(s.url, 'POST', `/api/public/appointments/${code}/change`, { mobile: mobile(1), slotId: (await slot('TEST', '2026-10-08', '09:00')).id });
      expect(lateMove.body.code).toBe('TOO_LATE');
    } finally {
      await at('2026-09-28T02:00:00Z');
    }
  });
});

describe('check-in', () => {
  const codes: Record<string, string> = {};

  it('opens 30 minutes before the slot and answers what the queue needs', async () => {
    for (const [n, start] of [[31, '09:00'], [32, '09:30'], [33, '10:00']] as const) {
      const res = await book('TEST', (await slot('TEST', '2026-10-08', start)).id, mobile(n), n === 33 ? { itemCode: 'SCJG-001' } : {});
      expect(res.status).toBe(201);
      codes[start] = res.body.code;
    }
    await at('2026-10-08T00:29:00Z'); // 08:29
    const early = await call(s.url, 'POST', `/api/public/appointments/${codes['09:00']}/check-in`, { mobile: mobile(31) });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'CHECK_IN_NOT_OPEN', opensAt: '2026-10-08T00:30:00.000Z', closesAt: '2026-10-08T01:15:00.000Z' });

    await at('2026-10-08T00:45:00Z'); // 08:45
    expect((await call(s.url, 'POST', `/api/public/appointments/${codes['09:00']}/check-in`, { mobile: mobile(32) })).status).toBe(404);
    const ok = await call(s.url, 'POST', `/api/public/appointments/${codes['09:00']}/check-in`, { mobile: mobile(31) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      code: codes['09:00'], status: 'checked_in', priority: true, category: { code: 'TEST', name: '测试业务' },
      slot: { date: '2026-10-08', start: '09:00' }, checkedInAt: '2026-10-08T00:45:00.000Z',
    });
    await at('2026-10-08T00:46:00Z');
    const twice = await call(s.url, 'POST', `/api/public/appointments/${codes['09:00']}/check-in`, { mobile: mobile(31) });
    expect(twice.status).toBe(200);
    expect(twice.body.checkedInAt).toBe('2026-10-08T00:45:00.000Z');
    const cancel = await call(s.url, 'POST', `/api/public/appointments/${codes['09:00']}/cancel`, { mobile: mobile(31) });
    expect(cancel.status).toBe(409);
  });

  it('closes 15 minutes after the start', async () => {
    await at('2026-10-08T01:46:00Z'); // 09:46, the 09:30 slot started 16 minutes ago
    const late = await desk.request('POST', `/api/appointments/${codes['09:30']}/check-in`, {});
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('CHECK_IN_CLOSED');
  });

  it('lets the desk check in and link the visit\'s case', async () => {
    await at('2026-10-08T01:50:00Z'); // 09:50
    const unknownCase = await desk.request('POST', `/api/appointments/${codes['10:00']}/check-in`, { caseNo: '261008-0001-X' });
    expect(unknownCase.status).toBe(404);
    expect(unknownCase.body.details[0].field).toBe('caseNo');
    const food = await findItem(s, '个体工商户设立登记');
    const created = await intake(desk, food);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await desk.request('POST', `/api/appointments/${codes['10:00']}/check-in`, { caseNo: created.body.caseNo });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'checked_in', priority: true, caseNo: created.body.caseNo, item: { code: 'SCJG-001' } });
    const [row] = await s.database.db.select().from(appointments).where(eq(appointments.code, codes['10:00']!));
    expect(row).toMatchObject({ checkInChannel: 'desk', caseId: expect.any(Number) });

    const linked = await desk.request('POST', `/api/appointments/${codes['09:00']}/case`, { caseNo: created.body.caseNo });
    expect(linked.status).toBe(200);
    expect(linked.body.caseNo).toBe(created.body.caseNo);
    const notIn = await desk.request('POST', `/api/appointments/${codes['09:30']}/case`, { caseNo: created.body.caseNo });
    expect(notIn.status).toBe(409);
  });

  it('shows the desk the day\'s bookings with phones and ID numbers masked', async () => {
    const res = await desk.request('GET', '/api/appointments?date=2026-10-08&category=TEST');
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ booked: 1, checkedIn: 2, cancelled: 0, missed: 1 });
    expect(res.body.items.map((r: { slot: { start: string }; status: string; missed: boolean }) => [r.slot.start, r.status, r.missed])).toEqual([
      ['09:00', 'checked_in', false], ['09:30', 'booked', true], ['10:00', 'checked_in', false],
    ]);
    expect(res.body.items[0]).toMatchObject({ name: '李四', mobile: '139****0031', checkInChannel: 'kiosk' });
    expect(JSON.stringify(res.body)).not.toContain(mobile(31));
    const supervisor = await login(s.url, 'supervisor');
    expect((await supervisor.request('GET', '/api/appointments?date=2026-10-08')).status).toBe(200);
    expect((await admin.request('GET', '/api/appointments')).status).toBe(403);
    expect((await call(s.url, 'GET', '/api/appointments')).status).toBe(401);
  });
});

describe('the day-before reminder', () => {
  it('reminds the next working day\'s bookings exactly once, however often it runs', async () => {
    await at('2026-10-09T02:00:00Z'); // Friday 10:00: the next working day is the make-up Saturday 10-10
    const job = createAppointmentReminder({ db: s.database.db, clock: s.clock });
    const sat = { a: await slot('TEST', '2026-10-10', '09:00'), b: await slot('TEST', '2026-10-10', '09:30') };
    const c41 = await book('TEST', sat.a.id, mobile(41));
    const c42 = await book('TEST', sat.b.id, mobile(42));
    const c43 = await book('TEST', sat.b.id, mobile(43));
    const c44 = await book('TEST', (await slot('TEST', '2026-10-12', '09:00')).id, mobile(44));
    for (const r of [c41, c42, c43, c44]) expect(r.status).toBe(201);
    await call(s.url, 'POST', `/api/public/appointments/${c43.body.code}/cancel`, { mobile: mobile(43) });

    const runs = await Promise.all([job.runOnce(), job.runOnce()]);
    await job.runOnce();
    expect(runs.map((r) => (r as { date: string }).date)).toEqual(['2026-10-10', '2026-10-10']);
    const reminders = async (n: number) => sms(mobile(n), 'appointment-reminder');
    expect(await reminders(41)).toHaveLength(1);
    expect(await reminders(42)).toHaveLength(1);
    expect(await reminders(43)).toHaveLength(0);
    expect(await reminders(44)).toHaveLength(0);
    expect((await reminders(41))[0]!.body).toContain('2026年10月10日 09:00-09:30');

    // Not at night.
    await at('2026-10-09T14:30:00Z'); // 22:30
    expect(await job.runOnce()).toEqual({ date: null, queued: 0 });

    // A booking moved to another day is reminded again for that day, once.
    await at('2026-10-09T03:00:00Z');
    const moved = await call(s.url, 'POST', `/api/public/appointments/${c42.body.code}/change`, { mobile: mobile(42), slotId: (await slot('TEST', '2026-10-12', '09:30')).id });
    expect(moved.status).toBe(200);
    await at('2026-10-10T02:00:00Z'); // Saturday: the next working day is Monday 10-12
    await job.runOnce();
    await job.runOnce();
    expect(await reminders(42)).toHaveLength(2);
    expect(await reminders(44)).toHaveLength(1);
    expect(await reminders(41)).toHaveLength(1);
  });
});

describe('no double booking under concurrent requests', () => {
  it('gives exactly five of fifty simultaneous bookings a slot of capacity five', async () => {
    await at('2026-10-10T02:00:00Z');
    const cat = await admin.request('POST', '/api/admin/appointments/categories', { code: 'RUSH', name: '高峰', periods: [{ start: '15:00', end: '15:30', capacity: 5 }] });
    expect(cat.status).toBe(201);
    const gen = await admin.request('POST', '/api/admin/appointments/categories/RUSH/generate', { from: '2026-10-13', days: 1 });
    expect(gen.body.created).toBe(1);
    const target = await slot('RUSH', '2026-10-13', '15:00');
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => book('RUSH', target.id, mobile(1000 + i))));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((x) => x === 201)).toHaveLength(5);
    expect(statuses.filter((x) => x === 409)).toHaveLength(45);
    for (const r of answers.filter((x) => x.status === 409)) expect(r.body.code).toBe('SLOT_FULL');
    expect(await booked(target.id)).toBe(5);
    const rows = await s.database.db.select().from(appointments).where(eq(appointments.slotId, target.id));
    expect(rows).toHaveLength(5);
    const winners = new Set(answers.filter((r) => r.status === 201).map((r) => r.body.code));
    expect(new Set(rows.map((r) => r.code))).toEqual(winners);
    const confirmations = await s.database.db.select().from(outbox).where(and(eq(outbox.template, 'appointment-booked'), like(outbox.recipient, '1390000%')));
    expect(confirmations.filter((m) => [...winners].some((c) => m.body.includes(c)))).toHaveLength(5);
    expect(await slot('RUSH', '2026-10-13', '15:00')).toMatchObject({ remaining: 0, bookable: false });
  });

  it('lets only one of several simultaneous moves take the last seat', async () => {
    const put = await admin.request('PUT', '/api/admin/appointments/categories/RUSH/days/2026-10-13', {
      periods: [{ start: '15:00', end: '15:30', capacity: 5 }, { start: '16:00', end: '16:30', capacity: 1 }],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const from = await slot('RUSH', '2026-10-13', '15:00');
    const to = await slot('RUSH', '2026-10-13', '16:00');
    const rows = await s.database.db.select().from(appointments).where(eq(appointments.slotId, from.id));
    const answers = await Promise.all(rows.map((r) => call(s.url, 'POST', `/api/public/appointments/${r.code}/change`, { mobile: r.mobile, slotId: to.id })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect([await booked(from.id), await booked(to.id)]).toEqual([4, 1]);
  });
});

describe('editing one day', () => {
  it('adds, resizes and removes periods without losing a booking', async () => {
    await at('2026-10-10T02:00:00Z');
    const day = '/api/admin/appointments/categories/TEST/days/2026-10-14';
    const one = await admin.request('PUT', day, { periods: [{ start: '09:00', end: '09:30', capacity: 1 }] });
    expect(one.status).toBe(200);
    expect(one.body.slots).toMatchObject([{ start: '09:00', capacity: 1, booked: 0, closed: false }]);
    const res = await book('TEST', one.body.slots[0].id, mobile(51));
    expect(res.status).toBe(201);

    const shrink = await admin.request('PUT', day, { periods: [{ start: '09:00', end: '09:45', capacity: 1 }] });
    expect(shrink.status).toBe(409);
    expect(shrink.body.code).toBe('SLOT_HAS_BOOKINGS');
    const remove = await admin.request('PUT', day, { periods: [] });
    expect(remove.body.code).toBe('SLOT_HAS_BOOKINGS');
    const grow = await admin.request('PUT', day, { periods: [{ start: '09:00', end: '09:30', capacity: 3 }, { start: '10:00', end: '10:30', capacity: 2 }] });
    expect(grow.status).toBe(200);
    expect(grow.body.slots.map((x: { start: string; capacity: number; booked: number }) => [x.start, x.capacity, x.booked])).toEqual([['09:00', 3, 1], ['10:00', 2, 0]]);

    await call(s.url, 'POST', `/api/public/appointments/${res.body.code}/cancel`, { mobile: mobile(51) });
    const closed = await admin.request('PUT', day, { periods: [{ start: '10:00', end: '10:30', capacity: 2 }] });
    expect(closed.status).toBe(200);
    // The 09:00 slot has a (cancelled) booking on it: it is closed, not deleted.
    expect(closed.body.slots.map((x: { start: string; closed: boolean }) => [x.start, x.closed])).toEqual([['09:00', true], ['10:00', false]]);
    expect((await slots('TEST', '2026-10-14')).map((x) => x.start)).toEqual(['10:00']);
    const listed = await admin.request('GET', '/api/admin/appointments/slots?category=TEST&from=2026-10-14&to=2026-10-14');
    expect(listed.body.slots).toHaveLength(2);
    expect((await admin.request('POST', '/api/admin/appointments/categories/TEST/generate', { from: '2026-10-14', days: 1 })).body.skippedDates).toEqual(['2026-10-14']);
  });

  it('keeps capacity at or above the bookings', async () => {
    const day = '/api/admin/appointments/categories/TEST/days/2026-10-14';
    const ten = await slot('TEST', '2026-10-14', '10:00');
    expect((await book('TEST', ten.id, mobile(52))).status).toBe(201);
    expect((await book('TEST', ten.id, mobile(53))).status).toBe(201);
    const below = await admin.request('PUT', day, { periods: [{ start: '10:00', end: '10:30', capacity: 1 }] });
    expect(below.status).toBe(409);
    expect(below.body.code).toBe('CAPACITY_BELOW_BOOKED');
    expect(below.body.details[0].field).toBe('periods.0.capacity');
    expect(await booked(ten.id)).toBe(2);
  });
});
