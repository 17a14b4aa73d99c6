/** Small pieces of the desk's case pages and lists: the case number link, the clock in one line, the urgent mark, a form's foot. */
import type { ReactNode } from 'react';
import { Alert, Button, Tag, Tooltip, type TableColumnsType } from 'antd';
import { ClockCircleOutlined, ThunderboltFilled } from '@ant-design/icons';
import type { QueueRow } from '#contract/cases.js';
import { WARNING_COLOR, daysLeftText, useCaseT } from '../../shared/case/ClockBadge';
import { Link } from '../../shared/router';
import { useDeskT } from './i18n';

/** The case number, a link to the case page. */
export function caseNoColumn(t: ReturnType<typeof useDeskT>): TableColumnsType<QueueRow>[number] {
  return {
    title: t('list.caseNo'),
    dataIndex: 'caseNo',
    width: 150,
    render: (v: string) => (
      <Link href={`/desk/cases/${v}`} className="desk-mono" data-testid="row-case-link">
        {v}
      </Link>
    ),
  };
}

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

/** The end of a desk form: the last error, then the primary button with its Ctrl+Enter hint. */
export function FormFoot({ error, errorTestId, saving, onSubmit, testId, children }: {
  error: string | null;
  errorTestId: string;
  saving: boolean;
  onSubmit: () => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <>
      {error && <Alert type="error" showIcon title={error} className="desk-gap" data-testid={errorTestId} />}
      <div className="desk-card-foot">
        <Button type="primary" size="large" loading={saving} onClick={onSubmit} data-testid={testId}>
          {children} <kbd className="desk-kbd desk-kbd-dark">Ctrl+Enter</kbd>
        </Button>
      </div>
    </>
  );
}
