import type { Db } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import { refreshStats } from '../modules/stats/stats.service.js';
import { periodicJob, type PeriodicJob } from './periodic-job.js';

/**
 * Keeps the dashboard rollups current after the fact, so no case step ever waits on them. One run
 * at a time across processes (advisory lock); a run over nothing new writes nothing.
 */
export function createStatsRefresher(deps: { db: Db; clock: Clock }, onError: (err: unknown) => void = () => {}): PeriodicJob {
  return periodicJob(() => refreshStats(deps.db, deps.clock), onError);
}
