/**
 * The clock across places (县乡村通办): a proxy case spends time on the road that the promised
 * clock does not count — from the intake at the village or township to the department's
 * acceptance at the county, and from the completion back to the applicant's hands. Shown beside
 * the promised clock, never inside it: the department is not late for the days a paper travelled.
 */

const HOUR_MS = 3_600_000;

/** Whole hours from one instant to another (0 when the second is not after the first). */
export function wholeHours(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / HOUR_MS));
}

export interface TransitLeg {
  from: Date | null;
  to: Date | null;
  /** Whole hours; for a leg still open, so far. Null when the leg has not started. */
  hours: number | null;
  running: boolean;
}

export interface TransitTimes {
  receivedAt: Date;
  acceptedAt: Date | null;
  completedAt: Date | null;
  /** When the result was handed back to the applicant at their place (the ledger's return), if it was. */
  returnedAt: Date | null;
  /** A case closed without acceptance (not accepted, cancelled): the first leg stops there. */
  closedAt?: Date | null;
}

function leg(from: Date | null, to: Date | null, now: Date): TransitLeg {
  if (!from) return { from: null, to: null, hours: null, running: false };
  return { from, to, hours: wholeHours(from, to ?? now), running: to === null };
}

export function transitOf(t: TransitTimes, now: Date): { before: TransitLeg; after: TransitLeg } {
  return {
    before: leg(t.receivedAt, t.acceptedAt ?? t.closedAt ?? null, now),
    after: leg(t.completedAt, t.returnedAt, now),
  };
}
