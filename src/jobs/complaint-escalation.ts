import { escalateOverdue, type ComplaintDeps } from '../modules/complaints/complaints.service.js';
import { periodicJob, type PeriodicJob } from './periodic-job.js';

/** Marks unanswered consultations and complaints past their deadline for the supervisors, once each. */
export function createComplaintEscalation(deps: ComplaintDeps, onError: (err: unknown) => void = () => {}): PeriodicJob {
  return periodicJob(() => escalateOverdue(deps), onError);
}
