/** Time comes in through this, so tests set it instead of waiting on it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(d: Date | string): void {
    this.current = new Date(d);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Local dates in a center's zone live in time-zone.ts; re-exported here for the many callers that import it from the clock. */
export { localDate } from './time-zone.js';
