import type { Db } from '../../db/client.js';
import { readAll } from '../../db/tx.js';
import { canStillChange, checkInWindow, isMissed } from '../../domain/appointment-rules.js';
import { maskIdNumber, maskName, maskPhone } from '../../domain/identity.js';
import * as repo from './appointments.repository.js';
import type { AppointmentRow, CategoryRow, SlotRow } from './appointments.repository.js';

export interface CategoryView {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  department: { code: string; name: string } | null;
  items: { code: string; name: string }[];
}

type CategoryJoin = { category: CategoryRow; departmentCode: string | null; departmentName: string | null };

export async function categoryViews(db: Db, centerId: number, rows: CategoryJoin[]) {
  const names = await repo.itemNames(db, centerId, [...new Set(rows.flatMap((r) => r.category.itemCodes))]);
  return rows.map((r) => ({
    code: r.category.code,
    name: r.category.name,
    nameEn: r.category.nameEn,
    description: r.category.description,
    department: r.departmentCode ? { code: r.departmentCode, name: r.departmentName ?? '' } : null,
    // An item retired since it was listed simply drops out of the list.
    items: r.category.itemCodes.filter((c) => names.has(c)).map((c) => ({ code: c, name: names.get(c)! })),
    row: r.category,
  }));
}

export function adminCategoryView(v: Awaited<ReturnType<typeof categoryViews>>[number]) {
  const { row, ...rest } = v;
  return { ...rest, active: row.active, sortOrder: row.sortOrder, template: row.template };
}

export function publicCategoryView(v: Awaited<ReturnType<typeof categoryViews>>[number]): CategoryView {
  const { row: _row, ...rest } = v;
  return rest;
}

export function publicSlot(s: SlotRow, now: Date, working: boolean) {
  const remaining = Math.max(0, s.capacity - s.booked);
  return {
    id: s.id, date: s.date, start: s.startTime, end: s.endTime, capacity: s.capacity, remaining,
    bookable: working && !s.closed && remaining > 0 && s.startsAt > now,
  };
}

export interface BookingContext {
  slot: Pick<SlotRow, 'id' | 'date' | 'startTime' | 'endTime'>;
  category: Pick<CategoryRow, 'code' | 'name'>;
  itemName?: string;
  caseNo?: string | null;
}

/** A booking as shown to whoever holds its code and mobile number (applicant, kiosk): personal data masked. */
export function bookingView(a: AppointmentRow, c: BookingContext, now: Date) {
  const w = checkInWindow(a.startsAt);
  return {
    code: a.code,
    status: a.status,
    missed: isMissed(a.status, a.startsAt, now),
    category: { code: c.category.code, name: c.category.name },
    item: a.itemCode ? { code: a.itemCode, name: c.itemName ?? a.itemCode } : null,
    slot: { id: c.slot.id, date: c.slot.date, start: c.slot.startTime, end: c.slot.endTime },
    name: maskName(a.name),
    mobile: maskPhone(a.mobile),
    idNumber: a.idNumber ? maskIdNumber(a.idNumber) : null,
    createdAt: a.createdAt.toISOString(),
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    checkedInAt: a.checkedInAt?.toISOString() ?? null,
    checkIn: { opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() },
    canChange: a.status === 'booked' && canStillChange(a.startsAt, now),
    canCancel: a.status === 'booked' && canStillChange(a.startsAt, now),
    caseNo: c.caseNo ?? null,
  };
}

export type BookingView = ReturnType<typeof bookingView>;

export async function contextOf(db: Db, a: AppointmentRow): Promise<BookingContext> {
  // Also read inside the changing and cancelling transactions: readAll, not Promise.all.
  const [slot, category, names, caseNo] = await readAll(db, [
    () => repo.findSlot(db, a.slotId),
    () => repo.findCategoryById(db, a.categoryId),
    () => (a.itemCode ? repo.itemNames(db, a.centerId, [a.itemCode]) : Promise.resolve(new Map<string, string>())),
    () => (a.caseId ? repo.findCaseNo(db, a.caseId) : Promise.resolve(undefined)),
  ]);
  return { slot: slot!, category: category!, itemName: a.itemCode ? names.get(a.itemCode) : undefined, caseNo };
}

export async function viewOf(db: Db, a: AppointmentRow, now: Date): Promise<BookingView> {
  return bookingView(a, await contextOf(db, a), now);
}
