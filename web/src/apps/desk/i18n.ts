import { useAppT } from '../../shared/i18n';
import type { Lang } from '../../shared/i18n';
import { STATUS_LABELS, type CaseStatus } from '@domain/case-workflow';
import { deskMessages } from './messages';

export function useDeskT() {
  return useAppT(deskMessages);
}

export type DeskT = ReturnType<typeof useDeskT>;

export function statusLabel(status: string, lang: Lang): string {
  const l = STATUS_LABELS[status as CaseStatus];
  return l ? l[lang] : status;
}
