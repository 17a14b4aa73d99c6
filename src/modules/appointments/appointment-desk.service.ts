import { checkInTiming, isMissed } from '../../domain/appointment-rules.js';
import { localDate } from '../../domain/clock.js';
import { invalid } from '../../domain/errors.js';
import { maskIdNumber, maskPhone } from '../../domain/identity.js';
import { isValidDate } from '../../domain/working-days.js';
import type { SessionUser } from '../auth/auth.service.js';
import { categoryOf } from './appointment-categories.service.js';
import type { AppointmentDeps } from './appointment-deps.js';
import * as repo from './appointments.repository.js';
import type { AppointmentRow } from './appointments.repository.js';

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
