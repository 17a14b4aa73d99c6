/**
 * What a barcode scanner may type: a bare case number, or the progress link printed as a QR code on
 * receipts and sent by SMS (https://…/?progress=<caseNo>). Answers the canonical case number or undefined.
 */
import { parseCaseNo } from '@domain/case-number';

export function caseNoFromScan(raw: string): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const m = /[?&]progress=([^&#\s]+)/.exec(text);
  let candidate = text;
  if (m) {
    try {
      candidate = decodeURIComponent(m[1]!);
    } catch {
      return undefined;
    }
  }
  return parseCaseNo(candidate);
}

/** Query parameters the kiosk reads once at start: the idle time (`?idle=` seconds) and a scanned `?progress=`. */
export function kioskParams(search: string): { idleSeconds: number; progress?: string } {
  const q = new URLSearchParams(search);
  const idle = Number(q.get('idle'));
  return {
    // Between 2 s (tests) and an hour; anything else falls back to the default.
    idleSeconds: Number.isFinite(idle) && idle >= 2 && idle <= 3600 ? idle : 90,
    progress: caseNoFromScan(q.get('progress') ?? ''),
  };
}
