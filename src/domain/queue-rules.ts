/**
 * Rules of the hall's queue (叫号): ticket numbers, what a window may do with a ticket, the
 * estimated wait and the board's announcement. No I/O.
 */

export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'absent' | 'cancelled';
export type TicketStep = 'recall' | 'absent' | 'start' | 'finish' | 'transfer' | 'cancel';

/** Numbers restart each day per category; three digits read well on a board and on a slip. */
export function ticketNo(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`;
}

export function isValidPrefix(prefix: string): boolean {
  return /^[A-Z]{1,2}$/.test(prefix);
}

/** Where a ticket must be for each step; anything else is refused (409) and changes nothing. */
const FROM: Record<TicketStep, readonly TicketStatus[]> = {
  recall: ['called'],
  absent: ['called'],
  start: ['called'],
  finish: ['serving'],
  // A ticket may be sent on before service starts, or after the window finds it is the wrong one.
  transfer: ['called', 'serving'],
  cancel: ['waiting'],
};

export function canStep(status: TicketStatus, step: TicketStep): boolean {
  return FROM[step].includes(status);
}

/** A window as far as the right to act on its tickets goes. */
export interface Seat {
  id: number;
  active: boolean;
  staffId: number | null;
  categoryIds: number[];
}

export interface SteppedTicket {
  status: TicketStatus;
  categoryId: number;
  windowId: number | null;
  targetWindowId: number | null;
}

/** Whether the window could call this waiting ticket: the one it was sent to, else any serving its category (as claimNext picks). */
export function couldCall(w: Seat, t: Pick<SteppedTicket, 'categoryId' | 'targetWindowId'>): boolean {
  return w.active && (t.targetWindowId !== null ? w.id === t.targetWindowId : w.categoryIds.includes(t.categoryId));
}

/**
 * Who may act on a ticket. The hall's tickets are the applicants' places in line, so a clerk acts
 * only on those their own window serves: a waiting ticket from a window that could call it, a
 * called or served one from the window that called it. The center's admin may act on any (the
 * caller has already kept the ticket to the user's center).
 */
export function mayStep(user: { id: number; role: string }, t: SteppedTicket, windows: readonly Seat[]): boolean {
  if (user.role === 'admin') return true;
  const mine = windows.filter((w) => w.active && w.staffId === user.id);
  if (t.status === 'waiting') return mine.some((w) => couldCall(w, t));
  return t.windowId !== null && mine.some((w) => w.id === t.windowId);
}

/** A window calls for the staff seated at it; the center's admin may call for any. */
export function mayCall(user: { id: number; role: string }, w: Seat): boolean {
  return user.role === 'admin' || (w.active && w.staffId === user.id);
}

/**
 * Minutes a new ticket should expect to wait: the people ahead share the windows open for the
 * category, each taking the average service time. With no window open the wait is unknown (null).
 */
export function estimateWaitMinutes(ahead: number, avgServiceMinutes: number, openWindows: number): number | null {
  if (openWindows <= 0) return null;
  return Math.ceil((ahead * Math.max(1, avgServiceMinutes)) / openWindows);
}

/** What the board says aloud: 请A012号到3号窗口办理. */
export function announcement(ticket: string, windowNumber: number): string {
  return `请${ticket}号到${windowNumber}号窗口办理`;
}

export function announcementEn(ticket: string, windowNumber: number): string {
  return `Number ${ticket}, please go to window ${windowNumber}`;
}

/** Average of the non-null values in minutes, to one decimal; null when there are none. */
export function averageMinutes(ms: Array<number | null>): number | null {
  const xs = ms.filter((x): x is number => x !== null && Number.isFinite(x) && x >= 0);
  if (xs.length === 0) return null;
  return Math.round((xs.reduce((a, b) => a + b, 0) / xs.length / 60_000) * 10) / 10;
}
