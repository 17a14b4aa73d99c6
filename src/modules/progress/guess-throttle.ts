import { afterFailure, retryAfterMs, type ThrottlePolicy, type ThrottleState } from '../../domain/login-throttle.js';

/**
 * Wrong guesses at the public progress query, per address. Kept in memory: the successful query is
 * the hot path and must not write; a restart forgets a burst, which only costs a guesser a moment.
 */
export class GuessThrottle {
  private readonly states = new Map<string, ThrottleState>();

  constructor(private readonly policy: ThrottlePolicy, private readonly maxEntries = 50_000) {}

  retryAfterMs(address: string, now: Date): number {
    return retryAfterMs(this.states.get(address), now);
  }

  fail(address: string, now: Date): void {
    if (this.states.size >= this.maxEntries) this.states.delete(this.states.keys().next().value!);
    this.states.set(address, afterFailure(this.states.get(address), now, this.policy));
  }
}

/** Ten wrong guesses free per quarter hour, then waits doubling from one second to five minutes. */
export const PROGRESS_POLICY: ThrottlePolicy = { windowMs: 15 * 60_000, freeFailures: 10, maxBlockMs: 5 * 60_000 };
