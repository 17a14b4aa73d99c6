import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { localDate } from '../../domain/clock.js';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.js';
import { isValidMobile, validateResidentId } from '../../domain/identity.js';
import { addCalendarDays, isWorkingDay } from '../../domain/working-days.js';
import { bookingCode, canStillChange } from '../../domain/appointment-rules.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { getPublicCenter } from '../centers/centers.service.js';
import { CATEGORY_NOT_FOUND } from './appointment-categories.service.js';
import type { AppointmentDeps } from './appointment-deps.js';
import { alreadyBooked, isUniqueViolation, notActive, notFoundBooking, slotFull, slotUnavailable, tooLate } from './appointment-errors.js';
import { checkRange } from './appointment-slots.service.js';
import { queueSms } from './appointment-sms.js';
import { bookingView, categoryViews, contextOf, publicCategoryView, publicSlot, viewOf } from './appointment-views.js';
import * as repo from './appointments.repository.js';
import type { AppointmentRow, CategoryRow } from './appointments.repository.js';

export async function listCategoriesPublic(db: Db, centerCode?: string) {
  const center = await getPublicCenter(db, centerCode);
  return (await categoryViews(db, center.id, await repo.listCategories(db, center.id, true))).map(publicCategoryView);
}

export async function publicSlots(deps: AppointmentDeps, q: { category: string; from?: string; to?: string; center?: string }) {
  const center = await getPublicCenter(deps.db, q.center);
  const found = await repo.findCategory(deps.db, center.id, q.category);
  if (!found || !found.category.active) throw CATEGORY_NOT_FOUND(q.category);
  const now = deps.clock.now();
  const today = localDate(now);
  const from = q.from ?? today;
  const to = q.to ?? addCalendarDays(from, 13);
  checkRange(from, to);
  const [cal, slots] = await Promise.all([loadCalendar(deps.db), repo.listSlots(deps.db, found.category.id, from, to, false)]);
  return {
    category: { code: found.category.code, name: found.category.name },
    from, to,
    // A day closed after its slots were laid out (a local closure) offers nothing.
    slots: slots.filter((s) => isWorkingDay(cal, s.date)).map((s) => publicSlot(s, now, true)),
  };
}

export interface BookInput {
  category: string;
  slotId: number;
  name: string;
  mobile: string;
  idNumber?: string;
  itemCode?: string;
}

function checkPerson(input: { name: string; mobile: string; idNumber?: string }, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.name.trim()) problems.push({ field: 'name', message: 'must not be blank' });
  if (!isValidMobile(input.mobile)) problems.push({ field: 'mobile', message: 'not a valid mainland mobile number' });
  if (input.idNumber !== undefined && input.idNumber !== '') {
    const p = validateResidentId(input.idNumber, today);
    if (p) problems.push({ field: 'idNumber', message: `not a valid resident ID number (${p})` });
  }
  return problems;
}

async function allowedItems(db: Db, category: CategoryRow): Promise<string[]> {
  if (category.itemCodes.length) return category.itemCodes;
  if (category.departmentId) return repo.departmentItemCodes(db, category.departmentId);
  return [];
}

export async function book(deps: AppointmentDeps, input: BookInput) {
  const { db, clock } = deps;
  const now = clock.now();
  const problems = checkPerson(input, localDate(now));
  if (problems.length) throw invalid(`Invalid booking: ${problems[0]!.field} ${problems[0]!.message}`, problems);
  const slot = await repo.findSlot(db, input.slotId);
  const category = slot ? await repo.findCategoryById(db, slot.categoryId) : undefined;
  if (!slot || !category || category.code !== input.category || !category.active) {
    throw new AppError('NOT_FOUND', '未找到该预约时段 / No such slot in this category', [{ field: 'slotId', message: 'no such slot in this category' }]);
  }
  let itemName: string | undefined;
  if (input.itemCode) {
    const names = await repo.itemNames(db, category.centerId, [input.itemCode]);
    if (!names.has(input.itemCode) || !(await allowedItems(db, category)).includes(input.itemCode)) {
      throw invalid('The item is not served by this category', [{ field: 'itemCode', message: 'not an item of this category' }]);
    }
    itemName = names.get(input.itemCode);
  }
  const cal = await loadCalendar(db);
  if (slot.closed || !isWorkingDay(cal, slot.date) || slot.startsAt <= now) throw slotUnavailable();
  const idNumber = input.idNumber ? input.idNumber : null;
  const name = input.name.trim();

  const created = await inTransaction(db, async (tx) => {
    if (!(await repo.takeSeat(tx, slot.id))) {
      const again = await repo.findSlot(tx, slot.id);
      throw again?.closed ? slotUnavailable() : slotFull();
    }
    let row: AppointmentRow | undefined;
    // A code collision (31^8 codes) is all but impossible; a few tries make it a non-event.
    for (let attempt = 0; attempt < 4 && !row; attempt++) {
      row = await repo.insertAppointment(tx, {
        code: bookingCode(randomBytes(8)), centerId: category.centerId, categoryId: category.id, slotId: slot.id, date: slot.date,
        startsAt: slot.startsAt, itemCode: input.itemCode ?? null, name, mobile: input.mobile, idNumber, status: 'booked',
        createdAt: now, updatedAt: now,
      });
      if (!row && (await repo.findActiveOnDay(tx, category.id, slot.date, input.mobile))) throw alreadyBooked(slot.date);
    }
    if (!row) throw new AppError('CONFLICT', 'Could not allot a booking code; try again');
    const ctx = { slot, category, itemName };
    await queueSms(db, tx, 'appointment-booked', row, ctx, `appointment:${row.id}:booked`, now);
    return bookingView(row, ctx, now);
  });
  return created;
}

/** The booking for a code and mobile number; a wrong pair answers like an unknown code. */
export async function ownBooking(db: Db, code: string, mobile: string, lock: boolean): Promise<AppointmentRow> {
  const a = lock ? await repo.lockByCode(db, code) : await repo.findByCode(db, code);
  if (!a || a.mobile !== mobile) throw notFoundBooking();
  return a;
}

export async function getBooking(deps: AppointmentDeps, code: string, mobile: string) {
  const a = await ownBooking(deps.db, code, mobile, false);
  return viewOf(deps.db, a, deps.clock.now());
}

/**
 * Moves a booking to another slot of the same category in one transaction: the new seat is taken
 * before the old one is given back, and a full target rolls everything back, so the applicant never
 * holds two seats and never loses the first.
 */
export async function changeBooking(deps: AppointmentDeps, code: string, mobile: string, slotId: number) {
  const { db, clock } = deps;
  const now = clock.now();
  const cal = await loadCalendar(db);
  try {
    return await inTransaction(db, async (tx) => {
      const a = await ownBooking(tx, code, mobile, true);
      if (a.status !== 'booked') throw notActive(a.status);
      if (!canStillChange(a.startsAt, now)) throw tooLate();
      if (a.slotId === slotId) return viewOf(tx, a, now);
      const locked = await repo.lockSlots(tx, [a.slotId, slotId]);
      const target = locked.find((s) => s.id === slotId);
      if (!target || target.categoryId !== a.categoryId) {
        throw new AppError('NOT_FOUND', '该类业务没有这个时段；改约只能在同类业务内进行 / No such slot in this category; to book another service, cancel and book again',
          [{ field: 'slotId', message: 'no such slot in this category' }]);
      }
      if (target.closed || !isWorkingDay(cal, target.date) || target.startsAt <= now) throw slotUnavailable();
      if (!(await repo.takeSeat(tx, target.id))) throw slotFull();
      if (target.date !== a.date && (await repo.findActiveOnDay(tx, a.categoryId, target.date, a.mobile, a.id))) throw alreadyBooked(target.date);
      await repo.releaseSeat(tx, a.slotId);
      const moved = await repo.updateAppointment(tx, a.id, {
        slotId: target.id, date: target.date, startsAt: target.startsAt, changes: a.changes + 1, updatedAt: now,
        // A reminder sent for the old day says nothing about the new one.
        remindedAt: target.date === a.date ? a.remindedAt : null,
      });
      const ctx = await contextOf(tx, moved);
      await queueSms(db, tx, 'appointment-changed', moved, ctx, `appointment:${a.id}:changed:${moved.changes}`, now);
      return bookingView(moved, ctx, now);
    });
  } catch (err) {
    // Another booking for the same day slipped in between the check and the move.
    if (isUniqueViolation(err, 'appointments_one_active_per_day')) throw alreadyBooked();
    throw err;
  }
}

export async function cancelBooking(deps: AppointmentDeps, code: string, mobile: string) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const a = await ownBooking(tx, code, mobile, true);
    // Cancelling twice (a retried request) answers the same.
    if (a.status === 'cancelled') return viewOf(tx, a, now);
    if (a.status !== 'booked') throw notActive(a.status);
    if (!canStillChange(a.startsAt, now)) throw tooLate();
    const cancelled = await repo.updateAppointment(tx, a.id, { status: 'cancelled', cancelledAt: now, updatedAt: now });
    await repo.releaseSeat(tx, a.slotId);
    const ctx = await contextOf(tx, cancelled);
    await queueSms(deps.db, tx, 'appointment-cancelled', cancelled, ctx, `appointment:${a.id}:cancelled`, now);
    return bookingView(cancelled, ctx, now);
  });
}
