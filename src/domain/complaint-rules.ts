/**
 * Consultations and complaints (咨询投诉): every complaint gets an answer in the form it came in,
 * within a deadline. No I/O.
 */

export const COMPLAINT_KINDS = ['complaint', 'consultation'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_CHANNELS = ['in_person', 'phone', 'letter', 'online'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_STATUSES = ['registered', 'assigned', 'answered', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
/** The answer is given in the form the complaint came in: spoken (phone, in person) or a letter. */
export const REPLY_FORMS = ['oral', 'written'] as const;
export type ReplyForm = (typeof REPLY_FORMS)[number];
/** What it is about: a case, a window, a staff member, a department, the hall (queue, waiting area, facilities), other. */
export const COMPLAINT_ABOUT = ['case', 'window', 'staff', 'department', 'hall', 'other'] as const;
export type ComplaintAbout = (typeof COMPLAINT_ABOUT)[number];

/**
 * Who answers: the center's management (no department; see CENTER_HANDLERS in rating-rules) for a
 * window, the hall, a front-desk (综合受理窗口) staff member, or anything no department was named
 * for; otherwise the department named. A complaint about the front desk clerk must not go to the
 * department of the item the applicant came for: the department cannot act on the center's staff.
 */
export function complaintOwner(c: { about: ComplaintAbout; departmentNamed: boolean; frontDeskStaff: boolean }): 'center' | 'department' {
  if (c.about === 'window' || c.about === 'hall') return 'center';
  if (c.about === 'staff' && c.frontDeskStaff) return 'center';
  return c.departmentNamed ? 'department' : 'center';
}

/** Oral in, oral out; written in, written out (a letter gets a letter, the online form a written reply). */
export function replyFormFor(channel: ComplaintChannel): 'oral' | 'written' {
  return channel === 'in_person' || channel === 'phone' ? 'oral' : 'written';
}

/** Default working days to answer; administrators can change them. */
export const DEFAULT_DUE_DAYS: Record<ComplaintKind, number> = { complaint: 5, consultation: 2 };

export interface ContactInput {
  kind: ComplaintKind;
  channel: ComplaintChannel;
  anonymous: boolean;
  contactName?: string;
  contactPhone?: string;
  contactAddress?: string;
}

/**
 * A complaint needs someone to answer to; a consultation may be anonymous. A letter needs an
 * address to send the written reply to, unless the writer left a phone number to collect it.
 */
export function contactProblem(c: ContactInput): { field: string; message: string } | null {
  const name = c.contactName?.trim() ?? '';
  const phone = c.contactPhone?.trim() ?? '';
  if (c.kind === 'complaint' && c.anonymous) return { field: 'anonymous', message: 'a complaint needs a contact' };
  if (c.anonymous) return null;
  if (!name) return { field: 'contactName', message: 'required' };
  if (!phone && !(c.channel === 'letter' && c.contactAddress?.trim())) return { field: 'contactPhone', message: 'required' };
  return null;
}

/** Lookup codes avoid letters that read like digits (O/0, I/1). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function complaintCode(prefix: 'TS' | 'ZX', bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return `${prefix}${s}`;
}
