import type { Db } from '../../db/client.js';
import { CHECK_IN_OPENS_BEFORE_MIN } from '../../domain/appointment-rules.js';
import { getCenterCached } from '../centers/centers.service.js';
import { enqueueSms } from '../sms/sms.repository.js';
import { renderAppointmentSms, type AppointmentSmsTemplate } from '../sms/sms-templates.js';
import type { BookingContext } from './appointment-views.js';
import type { AppointmentRow } from './appointments.repository.js';

/** `db` is the database itself (it keys the cache), `tx` the business transaction the message joins. */
export async function queueSms(db: Db, tx: Db, template: AppointmentSmsTemplate, a: AppointmentRow, c: BookingContext, dedupeKey: string, now: Date) {
  // Read through the transaction: on PGlite (one connection) a query on the database itself would
  // wait for the open transaction for ever.
  const center = await getCenterCached(db, a.centerId, tx);
  const body = renderAppointmentSms(template, {
    centerName: center.name, categoryName: c.category.name, code: a.code, date: c.slot.date, start: c.slot.startTime, end: c.slot.endTime,
    itemName: c.itemName, checkInBefore: CHECK_IN_OPENS_BEFORE_MIN,
  });
  await enqueueSms(tx, { recipient: a.mobile, template, body, dedupeKey, now });
}
