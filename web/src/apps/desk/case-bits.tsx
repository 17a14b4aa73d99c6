/** Small pieces of a case in the desk's lists: the clock in one line, the urgent mark. */
import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, ThunderboltFilled } from '@ant-design/icons';
import type { QueueRow } from '#contract/cases.js';
import { WARNING_COLOR, daysLeftText, useCaseT } from '../../shared/case/ClockBadge';
import { useDeskT } from './i18n';

/** Due date and working days left in one line, for the desk's narrow list column. */
export function ClockText({ c }: { c: Pick<QueueRow, 'dueDate' | 'daysLeft' | 'warning' | 'status'> }) {
  const t = useDeskT();
  const ct = useCaseT();
  if (!c.dueDate) return <span className="desk-muted">{c.status === 'supplement' || c.status === 'received' ? t('list.notStarted') : '—'}</span>;
  const stopped = ['completed', 'delivered', 'refused'].includes(c.status);
  return (
    <span className="desk-clock" style={{ color: stopped || !c.warning ? undefined : WARNING_COLOR[c.warning] }}>
      <ClockCircleOutlined /> {c.dueDate}
      {!stopped && c.daysLeft !== null && <> · {daysLeftText(ct, c.daysLeft)}</>}
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
