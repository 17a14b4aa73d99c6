import { daysLeft, dueDate, pausedSoFar, warningLevel, type WarningLevel } from '../../domain/case-clock.js';
import { CLOCK_RUNNING, CLOCK_STOPPED, type CaseStatus } from '../../domain/case-workflow.js';
import type { WorkCalendar } from '../../domain/working-days.js';
import type { CaseRow } from './cases.repository.js';
import type { CaseClock } from '#contract/cases.js';

export type ClockView = CaseClock;

/** Whether the clock of a case stands still now: paused, reported up, or waiting for a supplement after acceptance. */
export function clockStopped(c: Pick<CaseRow, 'status' | 'acceptedDate' | 'pause'>): boolean {
  return CLOCK_STOPPED.includes(c.status as CaseStatus) || (c.status === 'supplement' && c.acceptedDate !== null && c.pause !== null);
}

/** The clock as everybody sees it today: applicant, staff and supervisors read this same computation. */
export type ClockFields = Pick<CaseRow, 'status' | 'acceptedDate' | 'pause' | 'promisedDays' | 'pausedDays' | 'timeliness' | 'dueDate'>;

export function clockView(cal: WorkCalendar, c: ClockFields, today: string, warningDays: number): ClockView {
  // Each answer is written out whole: on Node 20, adding keys to a spread copy costs microseconds each
  // (the copy's map has no transitions), and every case page and progress answer comes through here.
  if (!c.acceptedDate) return view(c, null, false, null, 0, false, null);
  const stopped = clockStopped(c);
  const openPause = stopped && c.pause ? pausedSoFar(cal, c.pause.since, today) : 0;
  const due = dueDate(cal, c.acceptedDate, c.promisedDays, c.pausedDays + openPause);
  const open = CLOCK_RUNNING.includes(c.status as CaseStatus) || stopped;
  if (!open) return view(c, c.dueDate ?? due.date, due.provisional, null, c.pausedDays, false, null);
  const left = daysLeft(cal, due.date, today);
  return view(c, due.date, due.provisional, left, c.pausedDays + openPause, !stopped, warningLevel(left, warningDays));
}

function view(c: ClockFields, dueDate: string | null, provisional: boolean, daysLeft: number | null, pausedDays: number,
  running: boolean, warning: WarningLevel | null): ClockView {
  return {
    promisedDays: c.promisedDays, acceptedDate: c.acceptedDate, pause: c.pause, timeliness: c.timeliness,
    dueDate, provisional, daysLeft, pausedDays, running, warning,
  };
}
