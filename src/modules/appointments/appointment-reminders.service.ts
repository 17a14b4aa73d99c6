import { inTransaction } from '../../db/tx.js';
import { localHour, REMINDER_HOURS, reminderTargetDate } from '../../domain/appointment-rules.js';
import { localDate } from '../../domain/clock.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import type { AppointmentDeps } from './appointment-deps.js';
import { queueSms } from './appointment-sms.js';
import { contextOf } from './appointment-views.js';
import * as repo from './appointments.repository.js';

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
