/** Small pieces of a case shown on several desk pages: status tag, the clock, the facts. */
import { Descriptions, Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, PauseCircleOutlined, ThunderboltFilled } from '@ant-design/icons';
import type { CaseStatus, CaseView, QueueRow, Warning } from '#contract/cases.js';
import { useI18n } from '../../shared/i18n';
import { formatDateTime, LocalName } from '../../shared/labels';
import { KindTag } from '../../shared/labels';
import { useDeskT, statusLabel } from './i18n';

const STATUS_COLOR: Partial<Record<CaseStatus, string>> = {
  supplement: 'orange',
  received: 'blue',
  accepted: 'geekblue',
  reviewed: 'geekblue',
  paused: 'purple',
  reported: 'purple',
  approved: 'cyan',
  refused: 'volcano',
  completed: 'green',
  delivered: 'default',
  not_accepted: 'red',
  returned: 'red',
  withdrawn: 'default',
  cancelled: 'default',
};

export function CaseStatusTag({ status }: { status: CaseStatus | string }) {
  const { lang } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status as CaseStatus] ?? 'default'} data-testid="case-status" data-status={status}>
      {statusLabel(status, lang)}
    </Tag>
  );
}

const WARN_COLOR: Record<Warning, string> = { normal: '#237804', yellow: '#ad6800', red: '#cf1322' };

/** Due date and working days left, the stop when the clock is paused. */
export function ClockText({ c }: { c: Pick<QueueRow, 'dueDate' | 'daysLeft' | 'warning' | 'status'> & { clock?: CaseView['clock'] } }) {
  const t = useDeskT();
  const pause = c.clock?.pause;
  if (pause && pause.kind === 'supplement' && !c.clock?.acceptedDate) {
    // Before acceptance no clock runs yet: the case simply waits for the applicant.
    return (
      <span className="desk-clock paused">
        <PauseCircleOutlined /> {t('clock.waitingSupplement', { since: pause.since })}
      </span>
    );
  }
  if (pause) {
    return (
      <span className="desk-clock paused">
        <PauseCircleOutlined /> {t('clock.paused', { reason: pause.reason || pause.kind, since: pause.since })}
      </span>
    );
  }
  if (!c.dueDate) return <span className="desk-muted">{c.status === 'supplement' || c.status === 'received' ? t('clock.notStarted') : '—'}</span>;
  const color = c.warning ? WARN_COLOR[c.warning as Warning] : undefined;
  const left = c.daysLeft;
  const stopped = ['completed', 'delivered', 'refused'].includes(c.status);
  return (
    <span className="desk-clock" style={{ color: stopped ? undefined : color }}>
      <ClockCircleOutlined /> {c.dueDate}
      {!stopped && left !== null && left !== undefined && <> · {left >= 0 ? t('clock.left', { n: left }) : t('clock.overdue', { n: -left })}</>}
    </span>
  );
}

export function UrgentTag({ urgent }: { urgent: boolean }) {
  const t = useDeskT();
  if (!urgent) return null;
  return (
    <Tooltip title={t('case.urgentHint')}>
      <Tag color="red" icon={<ThunderboltFilled />}>
        {t('applicant.urgentTag')}
      </Tag>
    </Tooltip>
  );
}

/** The applicant, agent and dates of a case. */
export function CaseFacts({ c }: { c: CaseView }) {
  const t = useDeskT();
  const a = c.applicant;
  const items = [
    { key: 'item', label: t('case.item'), children: <LocalName x={c.item} />, span: 2 },
    { key: 'dept', label: t('case.department'), children: c.department.name },
    { key: 'kind', label: t('case.kind'), children: <KindTag kind={c.kind} /> },
    { key: 'applicant', label: a.kind === 'organization' ? t('applicant.orgName') : t('applicant.name'), children: <span data-testid="case-applicant">{a.name}</span> },
    {
      key: 'id',
      label: a.kind === 'organization' ? t('applicant.creditCode') : t('applicant.idNumber'),
      children: <span className="desk-mono">{a.kind === 'organization' ? a.creditCode : a.idNumber}</span>,
    },
    { key: 'phone', label: t('applicant.phone'), children: <span className="desk-mono">{a.phone}</span> },
    { key: 'received', label: t('case.receivedAt'), children: formatDateTime(c.receivedAt) },
    ...(c.agent
      ? [
          { key: 'agent', label: t('applicant.agent'), children: `${c.agent.name}（${c.agent.relation}）`, span: 1 },
          { key: 'agentId', label: t('applicant.agentId'), children: <span className="desk-mono">{c.agent.idNumber}</span> },
        ]
      : []),
    ...(c.acceptedAt ? [{ key: 'accepted', label: t('case.acceptedAt'), children: formatDateTime(c.acceptedAt) }] : []),
    { key: 'due', label: t('case.due'), children: <ClockText c={{ ...c, dueDate: c.clock.dueDate, daysLeft: c.clock.daysLeft, warning: c.clock.warning, clock: c.clock }} /> },
    ...(c.completedAt ? [{ key: 'completed', label: t('case.completedAt'), children: formatDateTime(c.completedAt) }] : []),
    ...(c.resultNo ? [{ key: 'resultNo', label: t('case.resultNo'), children: <span data-testid="case-result-no">{c.resultNo}</span> }] : []),
    ...(c.deliveredAt ? [{ key: 'delivered', label: t('case.deliveredAt'), children: formatDateTime(c.deliveredAt) }] : []),
    ...(c.closedReason ? [{ key: 'reason', label: t('case.closedReason'), children: <span className="ow-pre">{c.closedReason}</span>, span: 2 }] : []),
  ];
  return <Descriptions size="small" bordered column={2} items={items} className="desk-facts" styles={{ label: { width: 112, whiteSpace: 'nowrap' } }} />;
}
