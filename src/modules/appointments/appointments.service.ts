import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { inTransaction, readAll } from '../../db/tx.js';
import type { SlotPeriod } from '../../db/schema/index.js';
import { localDate, type Clock } from '../../domain/clock.js';
import { AppError, invalid, type FieldProblem } from '../../domain/errors.js';
import { isValidMobile, maskIdNumber, maskName, maskPhone, validateResidentId } from '../../domain/identity.js';
import { addCalendarDays, isValidDate, isWorkingDay } from '../../domain/working-days.js';
import {
  bookingCode, canStillChange, checkInTiming, checkInWindow, CHECK_IN_OPENS_BEFORE_MIN, isMissed, localHour, MAX_LIST_DAYS,
  periodProblems, REMINDER_HOURS, reminderTargetDate, slotInstant, workingDatesFrom,
} from '../../domain/appointment-rules.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { getCenter, getPublicCenter } from '../centers/centers.service.js';
import { findDepartment } from '../departments/departments.repository.js';
import type { Actor } from '../departments/departments.service.js';
import { enqueueSms } from '../sms/sms.repository.js';
import { renderAppointmentSms, type AppointmentSmsTemplate } from '../sms/sms-templates.js';
import * as repo from './appointments.repository.js';
import type { AppointmentRow, CategoryRow, SlotRow } from './appointments.repository.js';

export interface AppointmentDeps {
  db: Db;
  clock: Clock;
}

// ─── errors ───

const notFoundBooking = () => new AppError('NOT_FOUND', '未找到该预约，请核对预约号和手机号码 / No booking matches this code and mobile number');
const slotFull = () => new AppError('SLOT_FULL', '该时段已约满，请选择其他时段 / This slot is fully booked; choose another one');
const slotUnavailable = () => new AppError('SLOT_UNAVAILABLE', '该时段不可预约（已开始、已关闭或非工作日） / This slot cannot be booked (started, closed or not a working day)');
const alreadyBooked = (date?: string) => new AppError('ALREADY_BOOKED',
  `该手机号在${date ?? '当天'}已有此类业务的预约，每人每天每类业务限约一次 / This mobile number already has a booking for this service on ${date ?? 'that day'}`);
const tooLate = () => new AppError('TOO_LATE', '预约时段已开始，不能再改约或取消 / The slot has started; the booking can no longer be changed or cancelled');
const notActive = (status: string) => new AppError('INVALID_TRANSITION',
  status === 'cancelled' ? '该预约已取消 / The booking is cancelled' : '该预约已签到 / The booking is already checked in');

function isUniqueViolation(err: unknown, constraint: string): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const { code, constraint: name, cause } = e as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === '23505' && (name === undefined || name === constraint)) return true;
    e = cause;
  }
  return false;
}

// ─── views ───

export interface CategoryView {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  department: { code: string; name: string } | null;
  items: { code: string; name: string }[];
}

type CategoryJoin = { category: CategoryRow; departmentCode: string | null; departmentName: string | null };

async function categoryViews(db: Db, centerId: number, rows: CategoryJoin[]) {
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

function adminCategoryView(v: Awaited<ReturnType<typeof categoryViews>>[number]) {
  const { row, ...rest } = v;
  return { ...rest, active: row.active, sortOrder: row.sortOrder, template: row.template };
}

function publicCategoryView(v: Awaited<ReturnType<typeof categoryViews>>[number]): CategoryView {
  const { row: _row, ...rest } = v;
  return rest;
}

function publicSlot(s: SlotRow, now: Date, working: boolean) {
  const remaining = Math.max(0, s.capacity - s.booked);
  return {
    id: s.id, date: s.date, start: s.startTime, end: s.endTime, capacity: s.capacity, remaining,
    bookable: working && !s.closed && remaining > 0 && s.startsAt > now,
  };
}

interface BookingContext {
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

async function contextOf(db: Db, a: AppointmentRow): Promise<BookingContext> {
  // Also read inside the changing and cancelling transactions: readAll, not Promise.all.
  const [slot, category, names, caseNo] = await readAll(db, [
    () => repo.findSlot(db, a.slotId),
    () => repo.findCategoryById(db, a.categoryId),
    () => (a.itemCode ? repo.itemNames(db, a.centerId, [a.itemCode]) : Promise.resolve(new Map<string, string>())),
    () => (a.caseId ? repo.findCaseNo(db, a.caseId) : Promise.resolve(undefined)),
  ]);
  return { slot: slot!, category: category!, itemName: a.itemCode ? names.get(a.itemCode) : undefined, caseNo };
}

async function viewOf(db: Db, a: AppointmentRow, now: Date): Promise<BookingView> {
  return bookingView(a, await contextOf(db, a), now);
}

// ─── SMS ───

// Center names for the SMS signature. Read through the transaction: on PGlite (one connection) a
// query on the database itself would wait for the open transaction for ever.
const centerNames = new WeakMap<Db, Map<number, string>>();

async function centerName(db: Db, tx: Db, centerId: number): Promise<string> {
  let names = centerNames.get(db);
  if (!names) centerNames.set(db, (names = new Map()));
  let name = names.get(centerId);
  if (name === undefined) {
    name = (await getCenter(tx, centerId)).name;
    names.set(centerId, name);
  }
  return name;
}

/** `db` is the database itself (it keys the cache), `tx` the business transaction the message joins. */
async function queueSms(db: Db, tx: Db, template: AppointmentSmsTemplate, a: AppointmentRow, c: BookingContext, dedupeKey: string, now: Date) {
  const center = { name: await centerName(db, tx, a.centerId) };
  const body = renderAppointmentSms(template, {
    centerName: center.name, categoryName: c.category.name, code: a.code, date: c.slot.date, start: c.slot.startTime, end: c.slot.endTime,
    itemName: c.itemName, checkInBefore: CHECK_IN_OPENS_BEFORE_MIN,
  });
  await enqueueSms(tx, { recipient: a.mobile, template, body, dedupeKey, now });
}

// ─── categories (admin) ───

const CATEGORY_NOT_FOUND = (code: string) => new AppError('NOT_FOUND', `预约业务类别 ${code} 不存在 / Appointment category ${code} not found`);

async function categoryOf(db: Db, centerId: number, code: string) {
  const found = await repo.findCategory(db, centerId, code);
  if (!found) throw CATEGORY_NOT_FOUND(code);
  return found;
}

export interface CategoryInput {
  name?: string;
  nameEn?: string;
  description?: string;
  department?: string | null;
  items?: string[];
  active?: boolean;
  sortOrder?: number;
}

async function resolveCategoryInput(db: Db, centerId: number, input: CategoryInput) {
  const problems: FieldProblem[] = [];
  let departmentId: number | null | undefined;
  if (input.department === null) departmentId = null;
  else if (input.department !== undefined) {
    const dept = await findDepartment(db, centerId, input.department);
    if (!dept) problems.push({ field: 'department', message: 'unknown department' });
    else departmentId = dept.id;
  }
  let itemCodes: string[] | undefined;
  if (input.items !== undefined) {
    itemCodes = [...new Set(input.items)];
    const names = await repo.itemNames(db, centerId, itemCodes);
    input.items.forEach((c, i) => { if (!names.has(c)) problems.push({ field: `items.${i}`, message: 'no published item with this code' }); });
  }
  if (input.name !== undefined && !input.name.trim()) problems.push({ field: 'name', message: 'must not be blank' });
  if (problems.length) throw invalid(`Invalid category: ${problems[0]!.field} ${problems[0]!.message}`, problems);
  return { departmentId, itemCodes };
}

export async function listCategoriesAdmin(db: Db, centerId: number) {
  return (await categoryViews(db, centerId, await repo.listCategories(db, centerId, false))).map(adminCategoryView);
}

export async function createCategory(db: Db, actor: Actor, input: CategoryInput & { code: string; name: string; periods?: SlotPeriod[] }) {
  const { departmentId, itemCodes } = await resolveCategoryInput(db, actor.centerId, input);
  const periods = input.periods ?? [];
  const problems = periodProblems(periods);
  if (problems.length) throw invalid(`Invalid template: ${problems[0]!.field} ${problems[0]!.message}`, problems);
  await inTransaction(db, async (tx) => {
    const created = await repo.insertCategory(tx, {
      centerId: actor.centerId, code: input.code, name: input.name.trim(), nameEn: input.nameEn ?? '', description: input.description ?? '',
      departmentId: departmentId ?? null, itemCodes: itemCodes ?? [], template: { periods }, active: input.active ?? true,
      // A new category goes last unless told otherwise.
      sortOrder: input.sortOrder ?? (await repo.maxSortOrder(tx, actor.centerId)) + 10, createdAt: actor.at, updatedAt: actor.at,
    });
    if (!created) throw new AppError('DUPLICATE', `预约业务类别 ${input.code} 已存在 / Category ${input.code} already exists`, [{ field: 'code', message: 'already exists' }]);
    await writeAdminLog(tx, { ...actor, action: 'appointment.category.create', target: input.code, detail: input });
  });
  return getCategoryAdmin(db, actor.centerId, input.code);
}

export async function getCategoryAdmin(db: Db, centerId: number, code: string) {
  const found = await categoryOf(db, centerId, code);
  return adminCategoryView((await categoryViews(db, centerId, [found]))[0]!);
}

export async function updateCategory(db: Db, actor: Actor, code: string, patch: CategoryInput) {
  const found = await categoryOf(db, actor.centerId, code);
  const { departmentId, itemCodes } = await resolveCategoryInput(db, actor.centerId, patch);
  await inTransaction(db, async (tx) => {
    await repo.updateCategory(tx, found.category.id, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.nameEn !== undefined ? { nameEn: patch.nameEn } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(departmentId !== undefined ? { departmentId } : {}),
      ...(itemCodes !== undefined ? { itemCodes } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
      updatedAt: actor.at,
    });
    await writeAdminLog(tx, { ...actor, action: 'appointment.category.update', target: code, detail: patch });
  });
  return getCategoryAdmin(db, actor.centerId, code);
}

export async function setTemplate(db: Db, actor: Actor, code: string, periods: SlotPeriod[]) {
  const found = await categoryOf(db, actor.centerId, code);
  const problems = periodProblems(periods);
  if (problems.length) throw invalid(`Invalid template: ${problems[0]!.field} ${problems[0]!.message}`, problems);
  const sorted = [...periods].sort((a, b) => a.start.localeCompare(b.start));
  await inTransaction(db, async (tx) => {
    await repo.updateCategory(tx, found.category.id, { template: { periods: sorted }, updatedAt: actor.at });
    await writeAdminLog(tx, { ...actor, action: 'appointment.template', target: code, detail: { periods: sorted } });
  });
  return getCategoryAdmin(db, actor.centerId, code);
}

// ─── slots (admin) ───

function slotRows(category: Pick<CategoryRow, 'id' | 'centerId'>, date: string, periods: SlotPeriod[], now: Date) {
  return periods
    .map((p) => ({ p, startsAt: slotInstant(date, p.start) }))
    // Periods of today that have already begun are not laid out: nobody could book them.
    .filter(({ startsAt }) => startsAt > now)
    .map(({ p, startsAt }) => ({
      centerId: category.centerId, categoryId: category.id, date, startTime: p.start, endTime: p.end, startsAt, capacity: p.capacity, booked: 0, closed: false,
    }));
}

/**
 * Lays the category's template out on the next `days` working days from `from` (default tomorrow).
 * A date that already has slots of the category is left as it is: it may have bookings or a
 * one-day edit, and generating again must never undo either.
 */
export async function generateSlots(db: Db, actor: Actor, code: string, input: { days: number; from?: string }) {
  const found = await categoryOf(db, actor.centerId, code);
  const today = localDate(actor.at);
  const from = input.from ?? addCalendarDays(today, 1);
  if (!isValidDate(from)) throw invalid('from is not a valid date', [{ field: 'from', message: 'not a valid date' }]);
  if (from < today) throw invalid('from is in the past', [{ field: 'from', message: 'must not be in the past' }]);
  const periods = found.category.template.periods;
  if (periods.length === 0) throw invalid('The category has no template yet: set its periods first', [{ field: 'template', message: 'no periods' }]);
  const cal = await loadCalendar(db);
  const dates = workingDatesFrom(cal, from, input.days);
  const result = await inTransaction(db, async (tx) => {
    const existing = dates.length ? await repo.datesWithSlots(tx, found.category.id, dates[0]!, dates[dates.length - 1]!) : new Set<string>();
    const fresh = dates.filter((d) => !existing.has(d));
    const created = await repo.insertSlots(tx, fresh.flatMap((d) => slotRows(found.category, d, periods, actor.at)));
    await writeAdminLog(tx, { ...actor, action: 'appointment.generate', target: code, detail: { from, days: input.days, created } });
    return { created, dates: fresh, skippedDates: dates.filter((d) => existing.has(d)) };
  });
  return result;
}

function adminSlot(s: SlotRow, counts: { booked: number; checkedIn: number } | undefined, working: boolean) {
  return {
    id: s.id, date: s.date, start: s.startTime, end: s.endTime, capacity: s.capacity, booked: s.booked,
    checkedIn: counts?.checkedIn ?? 0, remaining: Math.max(0, s.capacity - s.booked), closed: s.closed, working,
  };
}

function checkRange(from: string, to: string) {
  if (!isValidDate(from)) throw invalid('from is not a valid date', [{ field: 'from', message: 'not a valid date' }]);
  if (!isValidDate(to)) throw invalid('to is not a valid date', [{ field: 'to', message: 'not a valid date' }]);
  if (to < from) throw invalid('to is before from', [{ field: 'to', message: 'must not be before from' }]);
  if (addCalendarDays(from, MAX_LIST_DAYS) < to) throw invalid(`at most ${MAX_LIST_DAYS} days at once`, [{ field: 'to', message: `at most ${MAX_LIST_DAYS} days after from` }]);
}

export async function adminSlots(db: Db, clock: Clock, centerId: number, code: string, from?: string, to?: string) {
  const found = await categoryOf(db, centerId, code);
  const today = localDate(clock.now());
  const start = from ?? today;
  const end = to ?? addCalendarDays(start, 20);
  checkRange(start, end);
  const [cal, slots] = await Promise.all([loadCalendar(db), repo.listSlots(db, found.category.id, start, end, true)]);
  const counts = await repo.bookingsBySlot(db, slots.map((s) => s.id));
  return { category: { code: found.category.code, name: found.category.name }, from: start, to: end, slots: slots.map((s) => adminSlot(s, counts.get(s.id), isWorkingDay(cal, s.date))) };
}

/**
 * Sets one day's periods. A period with bookings keeps its times and cannot drop below its bookings;
 * a removed period is deleted, or closed when bookings (even cancelled ones) point at it.
 */
export async function putDay(db: Db, actor: Actor, code: string, date: string, periods: SlotPeriod[]) {
  const found = await categoryOf(db, actor.centerId, code);
  if (!isValidDate(date)) throw invalid('date is not a valid date', [{ field: 'date', message: 'not a valid date' }]);
  if (date < localDate(actor.at)) throw invalid('date is in the past', [{ field: 'date', message: 'must not be in the past' }]);
  const problems = periodProblems(periods);
  if (problems.length) throw invalid(`Invalid periods: ${problems[0]!.field} ${problems[0]!.message}`, problems);
  const cal = await loadCalendar(db);
  if (periods.length > 0 && !isWorkingDay(cal, date)) {
    throw new AppError('NOT_WORKING_DAY', `${date} 不是工作日，不能设置预约时段 / ${date} is not a working day`, [{ field: 'date', message: 'not a working day' }]);
  }
  const category = found.category;
  await inTransaction(db, async (tx) => {
    const existing = await repo.lockDaySlots(tx, category.id, date);
    const byStart = new Map(existing.map((s) => [s.startTime, s]));
    const wanted = new Set(periods.map((p) => p.start));
    const removed = existing.filter((s) => !wanted.has(s.startTime) && !s.closed);
    const taken = removed.filter((s) => s.booked > 0);
    if (taken.length) {
      throw new AppError('SLOT_HAS_BOOKINGS', `时段 ${taken.map((s) => s.startTime).join('、')} 已有预约，不能删除 / These periods have bookings and cannot be removed: ${taken.map((s) => s.startTime).join(', ')}`,
        [{ field: 'periods', message: `periods with bookings: ${taken.map((s) => s.startTime).join(', ')}` }]);
    }
    const referenced = await repo.referencedSlots(tx, removed.map((s) => s.id));
    for (const s of removed) {
      if (referenced.has(s.id)) await repo.updateSlot(tx, s.id, { closed: true });
      else await repo.deleteSlot(tx, s.id);
    }
    const fresh: SlotPeriod[] = [];
    for (const [i, p] of periods.entries()) {
      const s = byStart.get(p.start);
      if (!s) {
        fresh.push(p);
        continue;
      }
      if (p.capacity < s.booked) {
        throw new AppError('CAPACITY_BELOW_BOOKED', `时段 ${p.start} 已有 ${s.booked} 个预约，容量不能少于此数 / ${p.start} already has ${s.booked} bookings`,
          [{ field: `periods.${i}.capacity`, message: `at least ${s.booked} (already booked)` }]);
      }
      if (p.end !== s.endTime && s.booked > 0) {
        throw new AppError('SLOT_HAS_BOOKINGS', `时段 ${p.start} 已有预约，不能改变结束时间 / ${p.start} has bookings; its end time cannot change`,
          [{ field: `periods.${i}.end`, message: 'the period has bookings' }]);
      }
      await repo.updateSlot(tx, s.id, { capacity: p.capacity, endTime: p.end, closed: false });
    }
    // A closed slot that would overlap a new period stays closed; only open ones are compared.
    await repo.insertSlots(tx, fresh.map((p) => ({
      centerId: category.centerId, categoryId: category.id, date, startTime: p.start, endTime: p.end, startsAt: slotInstant(date, p.start),
      capacity: p.capacity, booked: 0, closed: false,
    })));
    await writeAdminLog(tx, { ...actor, action: 'appointment.day', target: `${code}:${date}`, detail: { periods } });
  });
  const slots = await repo.listSlots(db, category.id, date, date, true);
  const counts = await repo.bookingsBySlot(db, slots.map((s) => s.id));
  return { date, working: isWorkingDay(cal, date), slots: slots.map((s) => adminSlot(s, counts.get(s.id), isWorkingDay(cal, date))) };
}

// ─── public ───

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
async function ownBooking(db: Db, code: string, mobile: string, lock: boolean): Promise<AppointmentRow> {
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

// ─── check-in ───

export type CheckInBy = { kind: 'kiosk'; mobile: string } | { kind: 'desk'; user: SessionUser; caseNo?: string };

async function caseIdFor(db: Db, centerId: number, caseNo: string): Promise<number> {
  const id = await repo.findCaseId(db, centerId, caseNo.trim());
  if (id === undefined) throw new AppError('NOT_FOUND', `办件 ${caseNo} 不存在 / Case ${caseNo} not found`, [{ field: 'caseNo', message: 'no such case' }]);
  return id;
}

/**
 * Checks the applicant in (from 30 minutes before to 15 minutes after the start) and answers what the
 * queue needs: the category to ticket, the booking, and that an appointment holder is served first.
 * Checking in again answers the same, so a double tap at the kiosk does no harm.
 */
export async function checkIn(deps: AppointmentDeps, code: string, by: CheckInBy) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    let a: AppointmentRow;
    if (by.kind === 'kiosk') a = await ownBooking(tx, code, by.mobile, true);
    else {
      const found = await repo.lockByCode(tx, code);
      if (!found || found.centerId !== by.user.centerId) throw new AppError('NOT_FOUND', `未找到预约 ${code} / Booking ${code} not found`);
      a = found;
    }
    if (a.status === 'cancelled') throw notActive(a.status);
    const caseId = by.kind === 'desk' && by.caseNo ? await caseIdFor(tx, a.centerId, by.caseNo) : undefined;
    if (a.status === 'booked') {
      const timing = checkInTiming(a.startsAt, now);
      if (timing !== 'open') {
        const w = checkInWindow(a.startsAt);
        const extra = { opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() };
        throw timing === 'early'
          ? new AppError('CHECK_IN_NOT_OPEN', `签到尚未开始，请于预约时段开始前${CHECK_IN_OPENS_BEFORE_MIN}分钟内签到 / Check-in opens ${CHECK_IN_OPENS_BEFORE_MIN} minutes before the slot`, undefined, extra)
          : new AppError('CHECK_IN_CLOSED', '已超过签到时间，请到取号机取号办理 / Check-in has closed; please take a normal ticket', undefined, extra);
      }
      a = await repo.updateAppointment(tx, a.id, {
        status: 'checked_in', checkedInAt: now, updatedAt: now, checkInChannel: by.kind,
        checkedInBy: by.kind === 'desk' ? by.user.id : null, ...(caseId !== undefined ? { caseId } : {}),
      });
    } else if (caseId !== undefined && a.caseId !== caseId) {
      a = await repo.updateAppointment(tx, a.id, { caseId, updatedAt: now });
    }
    const ctx = await contextOf(tx, a);
    return { ...bookingView(a, ctx, now), priority: true };
  });
}

/** Links a checked-in appointment to the case its visit produced (the case usually exists only after check-in). */
export async function linkCase(deps: AppointmentDeps, user: SessionUser, code: string, caseNo: string, address: string) {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const a = await repo.lockByCode(tx, code);
    if (!a || a.centerId !== user.centerId) throw new AppError('NOT_FOUND', `未找到预约 ${code} / Booking ${code} not found`);
    if (a.status !== 'checked_in') {
      throw new AppError('INVALID_TRANSITION', '只有已签到的预约才能关联办件 / Only a checked-in booking can be linked to a case');
    }
    const caseId = await caseIdFor(tx, a.centerId, caseNo);
    const linked = a.caseId === caseId ? a : await repo.updateAppointment(tx, a.id, { caseId, updatedAt: now });
    if (linked !== a) await writeAdminLog(tx, { userId: user.id, address, at: now, action: 'appointment.link-case', target: a.code, detail: { caseNo } });
    return viewOf(tx, linked, now);
  });
}

// ─── desk ───

export async function deskList(deps: AppointmentDeps, user: SessionUser, q: { date?: string; category?: string; status?: AppointmentRow['status'] }) {
  const now = deps.clock.now();
  const date = q.date ?? localDate(now, user.timeZone);
  if (!isValidDate(date)) throw invalid('date is not a valid date', [{ field: 'date', message: 'not a valid date' }]);
  const category = q.category ? (await categoryOf(deps.db, user.centerId, q.category)).category : undefined;
  const rows = await repo.listDay(deps.db, user.centerId, date, category?.id);
  const names = await repo.itemNames(deps.db, user.centerId, [...new Set(rows.flatMap((r) => (r.a.itemCode ? [r.a.itemCode] : [])))]);
  const items = rows.filter((r) => !q.status || r.a.status === q.status).map((r) => ({
    code: r.a.code,
    status: r.a.status,
    missed: isMissed(r.a.status, r.a.startsAt, now),
    category: { code: r.categoryCode, name: r.categoryName },
    item: r.a.itemCode ? { code: r.a.itemCode, name: names.get(r.a.itemCode) ?? r.a.itemCode } : null,
    slot: { id: r.slot.id, date: r.slot.date, start: r.slot.startTime, end: r.slot.endTime },
    // The desk greets the applicant by name; numbers stay masked in the list.
    name: r.a.name,
    mobile: maskPhone(r.a.mobile),
    idNumber: r.a.idNumber ? maskIdNumber(r.a.idNumber) : null,
    checkedInAt: r.a.checkedInAt?.toISOString() ?? null,
    checkInChannel: r.a.checkInChannel,
    caseNo: r.caseNo,
    checkInOpen: r.a.status === 'booked' && checkInTiming(r.a.startsAt, now) === 'open',
  }));
  const count = (s: string) => rows.filter((r) => r.a.status === s).length;
  return {
    date,
    counts: {
      booked: count('booked'), checkedIn: count('checked_in'), cancelled: count('cancelled'),
      missed: rows.filter((r) => isMissed(r.a.status, r.a.startsAt, now)).length,
    },
    items,
  };
}

// ─── reminders ───

export interface ReminderRun {
  /** The working day whose bookings were reminded; null outside daytime hours. */
  date: string | null;
  queued: number;
}

/**
 * Queues the day-before reminder for every booking of the next working day that has none yet. Each
 * booking is claimed with a conditional update in its own transaction together with its message
 * (whose dedupe key is unique as well), so two runs, or two servers, queue one reminder per booking.
 */
export async function queueReminders(deps: AppointmentDeps, batch = 200): Promise<ReminderRun> {
  const now = deps.clock.now();
  const hour = localHour(now);
  if (hour < REMINDER_HOURS.from || hour >= REMINDER_HOURS.to) return { date: null, queued: 0 };
  const date = reminderTargetDate(await loadCalendar(deps.db), localDate(now));
  let queued = 0;
  for (;;) {
    const due = await repo.dueReminders(deps.db, date, batch);
    for (const { id } of due) {
      const sent = await inTransaction(deps.db, async (tx) => {
        const a = await repo.claimReminder(tx, id, date, now);
        if (!a) return false;
        const ctx = await contextOf(tx, a);
        await queueSms(deps.db, tx, 'appointment-reminder', a, ctx, `appointment:${a.id}:reminder:${date}`, now);
        return true;
      });
      if (sent) queued++;
    }
    if (due.length < batch) break;
  }
  return { date, queued };
}
