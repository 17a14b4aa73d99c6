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
