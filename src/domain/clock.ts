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

/** The center's local date (China Standard Time, no daylight saving) as YYYY-MM-DD. */
export function localDate(at: Date): string {
  const t = at.getTime();
  if (t >= today.from && t < today.to) return today.date;
  const shifted = t + CST_OFFSET_MS;
  const date = new Date(shifted).toISOString().slice(0, 10);
  const from = Math.floor(shifted / DAY_MS) * DAY_MS - CST_OFFSET_MS;
  today = { from, to: from + DAY_MS, date };
  return date;
}

const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** The local day last asked for: every request asks for today's, many times. */
let today = { from: 0, to: 0, date: '' };
