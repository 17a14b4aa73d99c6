/**
 * Hands a checked-in appointment from the check-in page to the intake page (which stays mounted, so
 * a module-level hand-over is enough) and links the case the intake produces back to the booking.
 */
import type { MessageInstance } from 'antd/es/message/interface';
import { api, seg } from '../../shared/api';
import type { ItemGuide } from '#contract/catalog.js';
import { errorMessage } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import type { PickedItem } from './ItemFinder';
import * as messages from './appointments-messages';

interface Pending {
  code: string;
  item: PickedItem | null;
}

let pending: Pending | null = null;
/** The booking whose visit the current intake is for, until its case is created. */
let current: Pending | null = null;

/** Reads the appointment's item (when it named one) and leaves both for the intake page. */
export async function prepareIntake(code: string, itemCode: string | null): Promise<void> {
  let item: PickedItem | null = null;
  if (itemCode) {
    const g = await api.get<ItemGuide>(`/api/items/${seg(itemCode)}`);
    item = { code: g.code, name: g.name, kind: g.kind, department: g.department };
  }
  pending = { code, item };
}

/** The intake page takes the hand-over once, when it becomes active. */
export function takePendingAppointment(): Pending | null {
  const p = pending;
  pending = null;
  if (p) current = p;
  return p;
}

function say(key: keyof typeof messages.zh, params: Record<string, string>): string {
  const lang = document.documentElement.lang.startsWith('en') ? 'en' : 'zh';
  const text: string = messages[lang][key] ?? translate(lang, 'common.error');
  return text.replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

/**
 * After a successful intake: link the case to the booking it came from, if any. An intake for another
 * item than the booked one is taken as the clerk having moved on to someone else: no link.
 */
export async function linkAppointmentCase(caseNo: string, itemCode: string, message: MessageInstance): Promise<void> {
  const booking = current;
  current = null;
  if (!booking || (booking.item && booking.item.code !== itemCode)) return;
  const code = booking.code;
  try {
    await api.post(`/api/appointments/${seg(code)}/case`, { caseNo });
    void message.success(say('appt.linked', { code, caseNo }));
  } catch (e) {
    const lang = document.documentElement.lang.startsWith('en') ? 'en' : 'zh';
    void message.error(say('appt.linkFailed', { code, error: errorMessage(e, (k, p) => translate(lang, k, p)) }));
  }
}
