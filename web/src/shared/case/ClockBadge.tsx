/**
 * Small pieces that show where a case stands: its status, the green / yellow / red warning, and
 * the due date with the working days left. Lists and case pages of every UI use the same ones.
 */
import { Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { STATUS_LABELS } from '@domain/case-workflow';
import { useAppT, useI18n, type Lang } from '../i18n';
import type { CaseStatus, Warning } from '#contract/cases.js';
import { caseMessages, type CaseMessageKey } from './case-messages';

export function useCaseT() {
  return useAppT(caseMessages);
}

export function statusLabel(status: string, lang: Lang): string {
  const l = STATUS_LABELS[status as CaseStatus];
  return l ? l[lang] : status;
}

const STATUS_COLOR: Record<CaseStatus, string> = {
  submitted: 'cyan',
  prereview_returned: 'orange',
  supplement: 'orange',
  received: 'cyan',
  accepted: 'blue',
  reviewed: 'geekblue',
  paused: 'purple',
  reported: 'purple',
  approved: 'green',
  refused: 'volcano',
  completed: 'green',
  delivered: 'default',
  not_accepted: 'default',
  returned: 'default',
  withdrawn: 'default',
  cancelled: 'default',
};

export function CaseStatusTag({ status }: { status: string }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status as CaseStatus] ?? 'default'} data-testid="case-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {statusLabel(status, lang)}
    </Tag>
  );
}

export const WARNING_COLOR: Record<Warning, string> = { normal: '#237804', yellow: '#ad6800', red: '#cf1322' };

/** 正常 / 黄灯预警 / 已超期, with a colored dot so it reads in black-and-white print too. */
export function WarningTag({ warning }: { warning: Warning | null | undefined }) {
  const t = useCaseT();
  if (!warning) return null;
  const color = warning === 'normal' ? 'success' : warning === 'yellow' ? 'warning' : 'error';
  return (
    <Tag color={color} data-testid="warning-tag" data-warning={warning} icon={warning === 'normal' ? undefined : <WarningOutlined />} style={{ marginInlineEnd: 0 }}>
      {t(`warning.${warning}` as CaseMessageKey)}
    </Tag>
  );
}

/** The round mark in front of a due date. */
export function WarningDot({ warning }: { warning: Warning | null | undefined }) {
  const t = useCaseT();
  if (!warning) return <span style={{ display: 'inline-block', width: 10 }} />;
  return (
    <Tooltip title={t(`warning.${warning}` as CaseMessageKey)}>
      <span
        role="img"
        aria-label={t(`warning.${warning}` as CaseMessageKey)}
        data-warning={warning}
        style={{ display: 'inline-block', width: 10, height: 10, borderRadius: '50%', background: WARNING_COLOR[warning], flex: 'none' }}
      />
    </Tooltip>
  );
}

/** "剩 3 个工作日" / "今日到期" / "超期 2 个工作日"; nothing when the clock is not counting. */
export function daysLeftText(t: ReturnType<typeof useCaseT>, daysLeft: number | null | undefined): string {
  if (daysLeft === null || daysLeft === undefined) return '—';
  if (daysLeft > 0) return t('clock.left', { n: daysLeft });
  if (daysLeft === 0) return t('clock.dueToday');
  return t('clock.overdue', { n: -daysLeft });
}

/**
 * Due date with its mark and the days left, for lists: two short lines that fit a narrow column.
 * `stopped` shows the pause icon (the days left stay frozen while the clock stands still).
 */
export function ClockBadge({
  dueDate,
  daysLeft,
  warning,
  stopped,
}: {
  dueDate: string | null;
  daysLeft: number | null;
  warning: Warning | null;
  stopped?: boolean;
}) {
  const t = useCaseT();
  if (!dueDate) return <Typography.Text type="secondary">{t('clock.notCounting')}</Typography.Text>;
  const color = warning ? WARNING_COLOR[warning] : undefined;
  return (
    <div data-testid="clock-badge" data-warning={warning ?? ''} style={{ lineHeight: 1.4 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, whiteSpace: 'nowrap' }}>
        <WarningDot warning={warning} />
        <span>{dueDate}</span>
      </div>
      {daysLeft !== null && (
        <div style={{ color, fontSize: 12, whiteSpace: 'nowrap', paddingInlineStart: 16 }}>
          {stopped ? <PauseCircleOutlined style={{ marginInlineEnd: 4 }} /> : <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />}
          {daysLeftText(t, daysLeft)}
        </div>
      )}
    </div>
  );
}

/** Pause kinds as the law names them (听证、专家评审…); unknown kinds show as they came. */
export function pauseKindLabel(t: ReturnType<typeof useCaseT>, kind: string): string {
  const key = `pause.${kind}` as CaseMessageKey;
  const text = t(key);
  return text === key ? kind : text;
}
