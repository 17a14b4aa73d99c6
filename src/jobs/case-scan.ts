import { scanCases, type CaseDeps } from '../modules/cases/cases.service.js';
import { periodicJob, type PeriodicJob } from './periodic-job.js';

/**
 * Keeps warning levels current and applies deemed approval (超时默许). The scan writes only what
 * changed and deemed approval goes through the case's version check, so two servers running it
 * at once, or one running it twice, change nothing twice.
 */
export function createCaseScanner(deps: CaseDeps, onError: (err: unknown) => void = () => {}): PeriodicJob {
  return periodicJob(() => scanCases(deps), onError);
}
