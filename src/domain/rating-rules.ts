/**
 * The national good/bad review rules (好差评): five levels, the two lowest need a reason and open
 * a follow-up that the department must answer in time. No I/O.
 */

export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** Where the follow-up of a bad rating stands (差评整改). */
export const FOLLOWUP_STATUSES = ['open', 'contacted', 'answered', 'closed', 'set_aside'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
/** The steps staff take on a follow-up, as the path segment of POST /api/ratings/followups/{id}/{step}. */
export const FOLLOWUP_STEPS = ['contact', 'answer', 'set-aside', 'close', 'reroute'] as const;
export type FollowupStepName = (typeof FOLLOWUP_STEPS)[number];

export const LEVEL_NAMES: Record<RatingLevel, { zh: string; en: string }> = {
  5: { zh: '非常满意', en: 'Very satisfied' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '基本满意', en: 'Fairly satisfied' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '非常不满意', en: 'Very dissatisfied' },
};

/** Reasons offered for a bad rating (差评原因). */
export const BAD_REASONS: Record<string, { zh: string; en: string }> = {
  attitude: { zh: '服务态度差', en: 'Unfriendly service' },
  slow: { zh: '办理时间长、效率低', en: 'Too slow' },
  'many-trips': { zh: '多次跑动、重复提交材料', en: 'Had to come back or resubmit' },
  unclear: { zh: '告知不清楚、一次性告知不到位', en: 'Requirements not explained at once' },
  'wrong-result': { zh: '办理结果有误或未办成', en: 'Wrong result or not done' },
  'wait-long': { zh: '排队等候时间长', en: 'Long wait in the queue' },
  fees: { zh: '乱收费或收费不明', en: 'Unclear or improper fees' },
  other: { zh: '其他', en: 'Other' },
};

export function isBad(level: number): boolean {
  return level <= 2;
}

export function isValidLevel(level: number): level is RatingLevel {
  return Number.isInteger(level) && level >= 1 && level <= 5;
}

/** A bad rating must say why: at least one listed reason, or free text when "other" is chosen. */
export function ratingProblem(level: number, reasons: string[], comment: string): string | null {
  if (!isValidLevel(level)) return 'level must be 1–5';
  const unknown = reasons.find((r) => !(r in BAD_REASONS));
  if (unknown) return `unknown reason ${unknown}`;
  if (!isBad(level)) return null;
  if (reasons.length === 0) return 'a bad rating needs a reason';
  if (reasons.includes('other') && !comment.trim()) return 'say what "other" means';
  return null;
}

/** Satisfaction rate: ratings of 3 and above over all ratings not set aside; null without ratings. */
export function satisfactionRate(levels: number[]): number | null {
  if (levels.length === 0) return null;
  return Math.round((levels.filter((l) => l >= 3).length / levels.length) * 1000) / 10;
}

/**
 * Who follows a bad rating up. The front desk (综合受理窗口), the windows, the queue and the hall are
 * the center's own, not the departments': a department can neither talk to the clerk nor change the
 * hall, and could only reject such a rating as unfounded. So a rating of a hall visit (from the
 * window pad, or of a ticket or a window), one with no department, or one whose reasons are all
 * about the hall (long queue) goes to the center; a rating of a case goes to the item's department.
 * Supervisors can re-route either way (see CENTER_HANDLERS).
 */
export type FollowupOwner = 'center' | 'department';

/** Reasons about the hall itself, not the department's handling of the case. */
export const HALL_REASONS: ReadonlySet<string> = new Set(['wait-long']);

export function followupOwner(r: {
  channel: string; ticketId: number | null; windowNumber: number | null; departmentId: number | null; reasons: readonly string[];
}): FollowupOwner {
  if (r.channel === 'pad' || r.ticketId !== null || r.windowNumber !== null) return 'center';
  if (r.departmentId === null) return 'center';
  if (r.reasons.length > 0 && r.reasons.every((x) => HALL_REASONS.has(x))) return 'center';
  return 'department';
}

/**
 * Who handles what the center owns (follow-ups and complaints with no department): the supervisors
 * (督查, who oversee the window staff and the hall) and the center's admin. They, and only they, may
 * also re-route a follow-up or a complaint to a department or back to the center, with a reason.
 */
export const CENTER_HANDLERS: readonly string[] = ['supervisor', 'admin'];
