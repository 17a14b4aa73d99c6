/**
 * Failed-login throttling. Guessing must get slow quickly, but an attacker must not be able to
 * lock a real clerk out of the front desk for long, so blocks are short and capped, and they
 * grow only while failures keep coming inside one window.
 */
export interface ThrottleState {
  windowStart: Date;
  failures: number;
  blockedUntil: Date | null;
}

export interface ThrottlePolicy {
  windowMs: number;
  freeFailures: number;
  maxBlockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { windowMs: 15 * 60_000, freeFailures: 5, maxBlockMs: 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { windowMs: 15 * 60_000, freeFailures: 20, maxBlockMs: 5 * 60_000 };

/** Milliseconds to wait before another attempt is allowed; 0 = allowed now. */
export function retryAfterMs(state: ThrottleState | undefined, now: Date): number {
  if (!state?.blockedUntil) return 0;
  return Math.max(0, state.blockedUntil.getTime() - now.getTime());
}

export function afterFailure(state: ThrottleState | undefined, now: Date, policy: ThrottlePolicy): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStart.getTime() > policy.windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now : state.windowStart;
  const over = failures - policy.freeFailures;
  if (over <= 0) return { windowStart, failures, blockedUntil: null };
  const blockMs = Math.min(policy.maxBlockMs, 1000 * 2 ** (over - 1));
  return { windowStart, failures, blockedUntil: new Date(now.getTime() + blockMs) };
}
