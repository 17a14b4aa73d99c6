import type { Db } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import { queueWarningDigests } from '../modules/warnings/warnings.service.js';
import { periodicJob, type PeriodicJob } from './periodic-job.js';

/**
 * The daily warning digest (预警日报) to each department head: a run before 08:30 local or on a
 * day off does nothing, so the first run after 08:30 on a working day queues it. The outbox key per
 * head and day makes repeated runs, and two servers, send one.
 */
export function createWarningDigest(deps: { db: Db; clock: Clock }, onError: (err: unknown) => void = () => {}): PeriodicJob {
  return periodicJob(() => queueWarningDigests(deps), onError);
}
