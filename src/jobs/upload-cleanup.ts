import type { Db } from '../db/client.js';
import type { Clock } from '../domain/clock.js';
import { cleanupUnattachedUploads } from '../modules/uploads/uploads.service.js';
import { periodicJob, type PeriodicJob } from './periodic-job.js';

/**
 * Deletes uploads that were never attached to an application within 7 days (drafts given up), so
 * the upload folder holds only what some case uses or a live draft may still use.
 */
export function createUploadCleanup(deps: { db: Db; clock: Clock; uploadDir: string }, onError: (err: unknown) => void = () => {}): PeriodicJob {
  return periodicJob(() => cleanupUnattachedUploads(deps), onError);
}
