import type { Db } from '../../db/client.js';
import type { Clock } from '../../domain/clock.js';
import { localDate } from '../../domain/clock.js';
import type { Actor } from '../../domain/case-workflow.js';
import type { SessionUser } from '../auth/auth.service.js';
import { findCachedCalendar, loadCalendar } from '../calendar/calendar.service.js';
import { findCachedSettings, getSettingsCached } from '../settings/settings.service.js';
import type { ViewEnv } from './case-view.js';

export interface CaseDeps {
  db: Db;
  clock: Clock;
  /** Base of links sent by SMS (cancel, progress). */
  publicUrl: string;
}

export interface ActingUser {
  user: SessionUser;
  address: string;
}

export interface OnlineApplicant {
  name: string;
  address: string;
}

/** Who takes a step: staff (with their account), the applicant, or the system. */
export interface ActorRef {
  actor: Actor;
  user?: SessionUser;
  address: string;
  name?: string;
}

/** The calendar, settings and day a step or a page is computed on (in memory on the hot path: no await). */
export async function viewEnv(deps: CaseDeps): Promise<ViewEnv> {
  const now = deps.clock.now();
  const cal = findCachedCalendar(deps.db) ?? await loadCalendar(deps.db);
  const settings = findCachedSettings(deps.db) ?? await getSettingsCached(deps.db);
  return { cal, now, today: localDate(now), warningDays: settings.warningDays };
}
