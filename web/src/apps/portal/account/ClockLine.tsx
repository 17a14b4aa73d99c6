/** A case's clock in words: due date and days left, paused, or not started (pre-review). */
import { Tag } from 'antd';
import type { CaseClock } from '#contract/applicants.js';
import { useAccountT } from './i18n';

const STATUS_COLORS: Record<string, string> = {
  submitted: 'processing',
  prereview_returned: 'warning',
  supplement: 'warning',
  paused: 'warning',
  completed: 'success',
  delivered: 'success',
  refused: 'error',
  not_accepted: 'error',
  withdrawn: 'default',
  cancelled: 'default',
  returned: 'default',
};

export function StatusTag({ status, text }: { status: string; text: string }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'blue'} data-testid="my-status" data-status={status}>
      {text}
    </Tag>
  );
}

export function ClockLine({ clock }: { clock: CaseClock }) {
  const t = useAccountT();
  if (!clock.dueDate) return <span>{t('mine.noClock')}</span>;
  const left =
    clock.daysLeft === null ? null : clock.daysLeft > 0 ? t('mine.daysLeft', { n: clock.daysLeft }) : clock.daysLeft === 0 ? t('mine.dueToday') : t('mine.overdue', { n: -clock.daysLeft });
  return (
    <span data-testid="my-clock">
      {clock.dueDate}
      {clock.running && left ? `（${left}）` : ''}
      {!clock.running && clock.acceptedDate && !clock.timeliness ? `（${t('mine.paused')}）` : ''}
    </span>
  );
}
