import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import type { SlotPeriod } from '../../db/schema/index.js';
import { localDate, type Clock } from '../../domain/clock.js';
import { AppError, invalid } from '../../domain/errors.js';
import { addCalendarDays, isValidDate, isWorkingDay } from '../../domain/working-days.js';
import { MAX_LIST_DAYS, periodProblems, slotInstant, workingDatesFrom } from '../../domain/appointment-rules.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import type { Actor } from '../departments/departments.service.js';
import { categoryOf } from './appointment-categories.service.js';
import * as repo from './appointments.repository.js';
import type { CategoryRow, SlotRow } from './appointments.repository.js';

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

export function checkRange(from: string, to: string) {
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
