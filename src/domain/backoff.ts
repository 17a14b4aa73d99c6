export interface BackoffPolicy {
  /** Wait after the first failed try. */
  baseDelayMs: number;
  /** No wait is longer than this, however many tries failed. */
  maxDelayMs: number;
}

/**
 * Wait before the next try after `attempts` failed tries: base·2^(attempts−1), capped.
 * Doubling lets a gateway that is briefly down recover without a storm of retries, and the cap keeps
 * a message from sleeping for hours once it is back.
 */
export function backoffDelay(attempts: number, policy: BackoffPolicy): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^(n−1) overflows to Infinity for large n, which the cap absorbs.
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
}

/**
 * When the next try is due. A gateway's Retry-After (429) is honoured when it asks for longer than our
 * own backoff, but never beyond the cap: a misconfigured gateway cannot park a message for a day.
 */
export function nextAttemptAt(now: Date, attempts: number, policy: BackoffPolicy, retryAfterMs?: number): Date {
  const own = backoffDelay(attempts, policy);
  const wait = retryAfterMs !== undefined && retryAfterMs > own ? Math.min(policy.maxDelayMs, retryAfterMs) : own;
  return new Date(now.getTime() + wait);
}
