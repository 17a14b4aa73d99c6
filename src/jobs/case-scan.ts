import { scanCases, type CaseDeps } from '../modules/cases/cases.service.js';
import { periodicJob, type PeriodicJob } from './periodic-job.js';

/**
 * Keeps warning levels current, raises the warning alerts and applies deemed approval (超时默许).
 * Each run reads only the cases and joint tasks whose `next_level_date` has come (partial indexes),
 * so a routine run costs an index probe however many cases are open. Writes are conditional on
 * what was read and alerts unique per case/task and level, so two servers running it at once, or
 * one running it twice, change nothing twice.
 */
export function createCaseScanner(deps: CaseDeps, onError: (err: unknown) => void = () => {}): PeriodicJob {
  return periodicJob(() => scanCases(deps), onError);
}
