import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import type { Clock } from '../../domain/clock.js';
import { AppError, invalid } from '../../domain/errors.js';
import { localDate } from '../../domain/time-zone.js';
import { slotInstant } from '../../domain/appointment-rules.js';
import { addCalendarDays, isValidDate, isWorkingDay } from '../../domain/working-days.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import * as appointmentsRepo from '../appointments/appointments.repository.js';
import { checkRange } from '../appointments/appointment-slots.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { listCenters } from '../centers/centers.repository.js';
import { getCenterCached, getPublicCenter, type CenterRow } from '../centers/centers.service.js';
import { getNetworkPlace } from './places.js';
import * as repo from './service-days.repository.js';
import type { ServiceDay, ServiceDayBody, ServiceDayList, ServiceDayQuery } from '#contract/network-places.js';

/**
 * Each village room books its service days through one appointment category of its own, so the
 * public booking API (categories, slots, booking, SMS, reminders, cancel) serves them unchanged.
 */
export const SERVICE_DAY_CATEGORY = 'SERVICE-DAY';
export const DEFAULT_SERVICE_DAY_CAPACITY = 20;
/** A villager sees the coming two months of service days. */
const LIST_DAYS = 62;

export interface NetworkActor {
  user: SessionUser;
  address: string;
  at: Date;
}

/** A village room named in a request body; anything else is a 400 on that field. */
async function villageByCode(db: Db, code: string): Promise<CenterRow> {
  const center = await getPublicCenter(db, code).catch(() => undefined);
  if (!center || center.level !== 'village') {
    throw invalid(`${code} 不是村便民服务室 / ${code} is not a village room`, [{ field: 'village', message: 'not a village room' }]);
  }
  return center;
}

/** The village room with its township and county, if it is under the caller's township (station) or county (admin). */
async function villageFor(db: Db, user: SessionUser, center: CenterRow) {
  const at = await getNetworkPlace(db, center.id);
  const mine = user.role === 'station' ? at.township.id === user.centerId : user.role === 'admin' && at.county.id === user.centerId;
  if (!mine) throw new AppError('FORBIDDEN', `${center.name}不属于本账号所在的乡镇或县 / ${center.code} is not under your township or county`);
  return at;
}

function view(r: Awaited<ReturnType<typeof repo.listServiceDays>>[number]): ServiceDay {
  const capacity = r.capacity ?? 0;
  const booked = r.booked ?? 0;
  return {
    id: r.day.id, township: { code: r.townshipCode, name: r.townshipName }, village: { code: r.villageCode, name: r.villageName },
    date: r.day.date, startTime: r.day.startTime, endTime: r.day.endTime, staff: r.day.staff, note: r.day.note,
    booking: { category: SERVICE_DAY_CATEGORY, slotId: r.slotId, capacity, booked, remaining: Math.max(0, capacity - booked) },
  };
}

/** The village room's service-day category, created with its first service day. */
async function ensureCategory(tx: Db, village: CenterRow, township: CenterRow, at: Date): Promise<number> {
  const found = await appointmentsRepo.findCategory(tx, village.id, SERVICE_DAY_CATEGORY);
  if (found) return found.category.id;
  await appointmentsRepo.insertCategory(tx, {
    centerId: village.id, code: SERVICE_DAY_CATEGORY, name: '驻村服务日', nameEn: 'Village service day',
    description: `${township.name}工作人员到${village.name}：咨询、办理、代办件取件`,
    // No items and no department: the day is for whatever the villager brings; the purpose is said on the day.
    departmentId: null, itemCodes: [], template: { periods: [] }, active: true, sortOrder: 10, createdAt: at, updatedAt: at,
  });
  return (await appointmentsRepo.findCategory(tx, village.id, SERVICE_DAY_CATEGORY))!.category.id;
}

/**
 * Publishes a service day and lays out its one bookable slot (the whole visit, with the day's
 * capacity): villagers book a seat for the day and come during the hours, the way a 驻村服务日 works.
 */
export async function publishServiceDay(db: Db, actor: NetworkActor, body: ServiceDayBody): Promise<ServiceDay> {
  const { place: village, township } = await villageFor(db, actor.user, await villageByCode(db, body.village));
  const today = localDate(actor.at, village.timeZone);
  if (!isValidDate(body.date)) throw invalid('date is not a valid date', [{ field: 'date', message: 'not a valid date' }]);
  if (body.date <= today) throw invalid('驻村服务日须在明天或以后 / a service day is published for tomorrow or later', [{ field: 'date', message: 'must be after today' }]);
  if (body.endTime <= body.startTime) throw invalid('结束时间须晚于开始时间 / endTime must be after startTime', [{ field: 'endTime', message: 'must be after startTime' }]);
  const cal = await loadCalendar(db);
  if (!isWorkingDay(cal, body.date)) {
    throw new AppError('NOT_WORKING_DAY', `${body.date} 不是工作日 / ${body.date} is not a working day`, [{ field: 'date', message: 'not a working day' }]);
  }
  if (!body.staff.trim()) throw invalid('staff must not be blank', [{ field: 'staff', message: 'must not be blank' }]);
  const capacity = body.capacity ?? DEFAULT_SERVICE_DAY_CAPACITY;
  const id = await inTransaction(db, async (tx) => {
    const categoryId = await ensureCategory(tx, village, township, actor.at);
    const day = await repo.insertServiceDay(tx, {
      townshipCenterId: township.id, villageCenterId: village.id, date: body.date, startTime: body.startTime, endTime: body.endTime,
      staff: body.staff.trim(), note: body.note?.trim() ?? '', categoryId, createdBy: actor.user.id, createdAt: actor.at,
    });
    if (!day) throw new AppError('DUPLICATE', `${village.name}在 ${body.date} 已有驻村服务日 / ${body.village} already has a service day on ${body.date}`, [{ field: 'date', message: 'already has a service day' }]);
    // Slots left closed by a day taken down earlier on this date are reused or stay closed, never doubled.
    const existing = await repo.lockDaySlots(tx, categoryId, body.date);
    const same = existing.find((s) => s.startTime === body.startTime);
    for (const s of existing) if (s !== same && !s.closed) await appointmentsRepo.updateSlot(tx, s.id, { closed: true });
    if (same) await appointmentsRepo.updateSlot(tx, same.id, { endTime: body.endTime, capacity: Math.max(capacity, same.booked), closed: false });
    else {
      await appointmentsRepo.insertSlots(tx, [{
        centerId: village.id, categoryId, date: body.date, startTime: body.startTime, endTime: body.endTime,
        startsAt: slotInstant(body.date, body.startTime, village.timeZone), capacity, booked: 0, closed: false,
      }]);
    }
    await writeAdminLog(tx, {
      userId: actor.user.id, address: actor.address, at: actor.at, action: 'network.service-day.create', target: `${body.village}:${body.date}`,
      detail: { ...body, capacity },
    });
    return day.id;
  });
  return (await repo.listServiceDays(db, [village.id], body.date, body.date)).map(view).find((d) => d.id === id)!;
}

/** Public: the service days of a village, or of every village of a township, in a date range. */
export async function listServiceDays(db: Db, clock: Clock, q: ServiceDayQuery): Promise<ServiceDayList> {
  if (!q.township === !q.village) throw invalid('name either township or village', [{ field: q.township ? 'village' : 'township', message: 'give exactly one of township and village' }]);
  const code = (q.village ?? q.township)!;
  const center = await getPublicCenter(db, code);
  const wanted = q.village ? 'village' : 'township';
  if (center.level !== wanted) throw new AppError('NOT_FOUND', `${code} 不是${wanted === 'village' ? '村便民服务室' : '乡镇便民服务站'} / ${code} is not a ${wanted}`);
  const from = q.from ?? localDate(clock.now(), center.timeZone);
  const to = q.to ?? addCalendarDays(from, LIST_DAYS);
  checkRange(from, to);
  const villageIds = wanted === 'village' ? [center.id] : (await listCenters(db)).filter((c) => c.parentId === center.id && c.level === 'village').map((c) => c.id);
  return { from, to, days: (await repo.listServiceDays(db, villageIds, from, to)).map(view) };
}

/**
 * Takes a service day down: only a day still to come and with no booking standing. Villagers who
 * booked must be told by a person (the station phones them, or the day stays): a silent SMS
 * cancellation of a visit people planned around is the wrong default, so the API refuses instead.
 */
export async function deleteServiceDay(db: Db, actor: NetworkActor, id: number): Promise<void> {
  const found = await repo.findServiceDay(db, id);
  if (!found) throw new AppError('NOT_FOUND', `驻村服务日 ${id} 不存在 / no service day ${id}`);
  const { place: village } = await villageFor(db, actor.user, await getCenterCached(db, found.villageCenterId));
  await inTransaction(db, async (tx) => {
    const day = await repo.lockServiceDay(tx, id);
    if (!day) throw new AppError('NOT_FOUND', `驻村服务日 ${id} 不存在 / no service day ${id}`);
    if (day.date <= localDate(actor.at, village.timeZone)) throw new AppError('TOO_LATE', '当天及以前的驻村服务日不能撤销 / a service day can be taken down only before its date');
    const slots = day.categoryId === null ? [] : await repo.lockDaySlots(tx, day.categoryId, day.date);
    const booked = await repo.activeBookings(tx, slots.map((s) => s.id));
    if (booked > 0) {
      throw new AppError('SLOT_HAS_BOOKINGS', `该驻村服务日已有 ${booked} 人预约，不能撤销 / ${booked} villagers have booked this day; it cannot be taken down`);
    }
    // A slot that cancelled bookings point at is closed, not deleted: their record keeps its slot.
    const referenced = await appointmentsRepo.referencedSlots(tx, slots.map((s) => s.id));
    for (const s of slots) {
      if (referenced.has(s.id)) await appointmentsRepo.updateSlot(tx, s.id, { closed: true });
      else await appointmentsRepo.deleteSlot(tx, s.id);
    }
    await repo.deleteServiceDay(tx, id);
    await writeAdminLog(tx, {
      userId: actor.user.id, address: actor.address, at: actor.at, action: 'network.service-day.delete', target: `${village.code}:${day.date}`,
      detail: { id, startTime: day.startTime, endTime: day.endTime, staff: day.staff },
    });
  });
}
