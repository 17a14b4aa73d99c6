import type { Db } from '../../db/client.js';
import { inTransaction } from '../../db/tx.js';
import { checkInTiming, checkInWindow, CHECK_IN_OPENS_BEFORE_MIN } from '../../domain/appointment-rules.js';
import { AppError } from '../../domain/errors.js';
import { writeAdminLog } from '../admin-log/admin-log.repository.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { AppointmentDeps } from './appointment-deps.js';
import { ownBooking } from './appointment-booking.service.js';
import { notActive } from './appointment-errors.js';
import { bookingView, contextOf, viewOf } from './appointment-views.js';
import * as repo from './appointments.repository.js';
import type { AppointmentRow } from './appointments.repository.js';

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
