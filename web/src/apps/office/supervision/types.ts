/** Answers of /api/supervision/* as the pages read them: the contract's types (src/contract/oversight.ts). */
import { zonedDateTime } from '../../../shared/time-zone';

export type {
  Identity, IntermediaryReport, Irregularity, IrregularityKind, IrregularityReport, Notice, NoticeDetail, NoticeStatus, Review, SignalCase,
} from '#contract/oversight.js';

/** Local date-time as the center reads it (its zone), e.g. 2026-11-17 22:30. */
export function localTime(iso: string): string {
  return zonedDateTime(iso);
}
