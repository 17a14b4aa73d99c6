import type { Db } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import { queueReminders } from '../modules/appointments/appointments.service.js';
import { periodicJob, type PeriodicJob } from './periodic-job.js';

/**
 * The day-before reminder (预约提醒): every run queues an SMS for each booking of the next working
 * day that has not had one. A run outside daytime hours does nothing, so the first run after 08:00
 * sends them. Reminders are claimed row by row with their message, so runs that overlap, repeat or
 * happen on two servers still send one reminder per booking.
 */
export function createAppointmentReminder(deps: { db: Db; clock: Clock }, onError: (err: unknown) => void = () => {}): PeriodicJob {
  return periodicJob(() => queueReminders(deps), onError);
}
