/**
 * SMS sign-in codes: how long they live, how often they may be sent, how many guesses they take.
 * Pure rules; the service feeds them the send times it finds in the database.
 */
export const CODE_LENGTH = 6;
export const CODE_TTL_MS = 5 * 60_000;
/** Wrong tries a code takes; the next one voids it. */
export const CODE_MAX_ATTEMPTS = 5;
/** One message per phone per minute, five per hour: a real user needs two at most. */
export const RESEND_INTERVAL_MS = 60_000;
export const PHONE_HOURLY_LIMIT = 5;
/** One address asking for many numbers is a script (or an SMS-bombing relay), not a person. */
export const ADDRESS_HOURLY_LIMIT = 20;
export const WINDOW_MS = 3600_000;

export interface SendHistory {
  /** Send times for this phone within the last hour, any order. */
  phone: Date[];
  /** Sends from this address within the last hour. */
  addressCount: number;
  /** The oldest of those, when addressCount > 0. */
  addressOldest?: Date;
}

export type SendVerdict = { ok: true } | { ok: false; reason: 'too-soon' | 'phone-hourly' | 'address-hourly'; retryAfterMs: number };

export function mayResend(h: SendHistory, now: Date): SendVerdict {
  const t = now.getTime();
  const times = h.phone.map((d) => d.getTime()).filter((x) => t - x < WINDOW_MS).sort((a, b) => a - b);
  const last = times[times.length - 1];
  if (last !== undefined && t - last < RESEND_INTERVAL_MS) {
    return { ok: false, reason: 'too-soon', retryAfterMs: RESEND_INTERVAL_MS - (t - last) };
  }
  if (times.length >= PHONE_HOURLY_LIMIT) {
    // The hour frees one send when the oldest of the last PHONE_HOURLY_LIMIT leaves the window.
    const oldest = times[times.length - PHONE_HOURLY_LIMIT]!;
    return { ok: false, reason: 'phone-hourly', retryAfterMs: WINDOW_MS - (t - oldest) };
  }
  if (h.addressCount >= ADDRESS_HOURLY_LIMIT) {
    const oldest = h.addressOldest?.getTime() ?? t;
    return { ok: false, reason: 'address-hourly', retryAfterMs: Math.max(1000, WINDOW_MS - (t - oldest)) };
  }
  return { ok: true };
}
