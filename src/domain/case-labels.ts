/**
 * The words a person reads for a case's status, warning level and timeliness, in both languages.
 * One copy for the web apps (the dashboard's lists) and the server's exports (CSV, Excel), so a
 * downloaded file says what the screen says.
 */
import { STATUS_LABELS, type CaseStatus } from './case-workflow.js';
import type { WarningLevel } from './case-clock.js';

export type LabelLang = 'zh' | 'en';

export const WARNING_LABELS: Record<WarningLevel, { zh: string; en: string }> = {
  normal: { zh: '正常', en: 'Normal' },
  yellow: { zh: '黄灯预警', en: 'Yellow (due soon)' },
  red: { zh: '红灯超期', en: 'Red (overdue)' },
};

export type Timeliness = 'early' | 'on_time' | 'late';

export const TIMELINESS_LABELS: Record<Timeliness, { zh: string; en: string }> = {
  early: { zh: '提前', en: 'Early' },
  on_time: { zh: '按期', en: 'On time' },
  late: { zh: '超期', en: 'Late' },
};

/** The status as shown; an unknown code is shown as it is. */
export function statusText(status: string, lang: LabelLang): string {
  return STATUS_LABELS[status as CaseStatus]?.[lang] ?? status;
}

export function warningText(level: string | null | undefined, lang: LabelLang): string {
  return level ? WARNING_LABELS[level as WarningLevel]?.[lang] ?? level : '';
}

export function timelinessText(t: string | null | undefined, lang: LabelLang): string {
  return t ? TIMELINESS_LABELS[t as Timeliness]?.[lang] ?? t : '';
}
