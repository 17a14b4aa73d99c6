import { escalateOverdueNotices, type OversightDeps } from '../modules/oversight/oversight.service.js';
import { periodicJob, type PeriodicJob } from './periodic-job.js';

/**
 * Escalates unanswered supervision notices past their deadline, so a leader's list is right even when
 * nobody has opened it (reading a list escalates too). Conditional on 'open': safe to run twice or on
 * several servers at once.
 */
export function createNoticeEscalator(deps: OversightDeps, onError?: (err: unknown) => void): PeriodicJob {
  return periodicJob(() => escalateOverdueNotices(deps), onError);
}
