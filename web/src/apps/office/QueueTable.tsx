/**
 * The case list of the back office: due date with its green / yellow / red mark first in mind,
 * joint cases with their current stage and each department's progress. A click or Enter on a row
 * opens the case.
 */
import { useEffect, useState, type HTMLAttributes, type KeyboardEvent } from 'react';
import { Input, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TablePaginationConfig, TableColumnsType } from 'antd';
import { api, seg } from '../../shared/api';
import type { CaseTask, CaseView, QueueRow } from '#contract/cases.js';
import { KindTag, formatDateTime, LocalName } from '../../shared/labels';
import { Link, navigate } from '../../shared/router';
import { CaseStatusTag, ClockBadge } from '../../shared/case/ClockBadge';
import { CaseTasks } from '../../shared/case/CaseTasks';
import { useDepartmentName } from '../../shared/case/dept-names';
import { useOfficeT } from './office-t';

const STOPPED = ['paused', 'reported', 'supplement'];

/** The search box over a case list: it shows the query in the address, and applies an edit on Enter. */
export function CaseSearch({ q, onSearch, testId }: { q: string; onSearch: (q: string) => void; testId: string }) {
  const t = useOfficeT();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  return (
    <Input.Search
      allowClear
      style={{ width: 250 }}
      placeholder={t('queue.search')}
      aria-label={t('queue.search')}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onSearch(v.trim())}
      data-testid={testId}
      maxLength={100}
    />
  );
}

export const caseHref = (caseNo: string) => `/office/cases/${encodeURIComponent(caseNo)}`;

/**
 * The queue rows do not carry joint tasks; the joint cases of the page are fetched one by one
 * (a page holds a handful of them) so the list can show who still has to decide.
 */
function useJointTasks(rows: QueueRow[]): Record<string, CaseTask[] | undefined> {
  const [tasks, setTasks] = useState<Record<string, CaseTask[] | undefined>>({});
  const key = rows
    .filter((r) => r.kind === 'joint')
    .map((r) => `${r.caseNo}@${r.version}`)
    .join(',');
  useEffect(() => {
    if (!key) return;
    let alive = true;
    const wanted = key.split(',').map((k) => k.split('@')[0]!);
    void Promise.all(
      wanted.map((no) =>
        api.get<CaseView>(`/api/cases/${seg(no)}`).then(
          (v) => [no, v.tasks] as const,
          () => [no, [] as CaseTask[]] as const,
        ),
      ),
    ).then((pairs) => alive && setTasks((prev) => ({ ...prev, ...Object.fromEntries(pairs) })));
    return () => {
      alive = false;
    };
  }, [key]);
  return tasks;
}

export function QueueTable({
  rows,
  loading,
  pagination,
  showDepartment,
  myDepartment,
  testId = 'queue-table',
  emptyText,
}: {
  rows: QueueRow[];
  loading: boolean;
  pagination: TablePaginationConfig | false;
  showDepartment?: boolean;
  myDepartment?: string;
  testId?: string;
  emptyText?: string;
}) {
  const t = useOfficeT();
  const deptName = useDepartmentName();
  const joint = useJointTasks(rows);

  const columns: TableColumnsType<QueueRow> = [
    {
      title: t('queue.col.caseNo'),
      dataIndex: 'caseNo',
      width: 156,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Link href={caseHref(r.caseNo)} className="ow-case-no" data-testid="queue-case-link" tabIndex={-1} onClick={(e) => e.stopPropagation()}>
            {r.caseNo}
          </Link>
          {r.urgent && (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('queue.urgent')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('queue.col.item'),
      key: 'item',
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <div style={{ wordBreak: 'break-word', lineHeight: 1.45 }}>
            <span data-testid="queue-item-name"><LocalName x={r.item} /></span>
            {r.kind !== 'promised' && (
              <span style={{ marginInlineStart: 6 }}>
                <KindTag kind={r.kind} />
              </span>
            )}
          </div>
          {r.kind === 'joint' &&
            (joint[r.caseNo] ? <CaseTasks tasks={joint[r.caseNo]!} myDepartment={myDepartment} compact /> : <Spin size="small" style={{ marginTop: 4 }} />)}
        </div>
      ),
    },
    ...(showDepartment
      ? [
          {
            title: t('queue.col.department'),
            key: 'department',
            width: 132,
            render: (_: unknown, r: QueueRow) => <span style={{ wordBreak: 'break-word' }}>{deptName(r.department.code, r.department.name)}</span>,
          },
        ]
      : []),
    {
      title: t('queue.col.applicant'),
      key: 'applicant',
      width: 168,
      render: (_, r) => (
        <div style={{ lineHeight: 1.45 }}>
          <div style={{ wordBreak: 'break-word' }}>{r.applicantName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.applicantPhone}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('queue.col.status'), dataIndex: 'status', width: 100, render: (_, r) => <CaseStatusTag status={r.status} /> },
    {
      title: t('queue.col.due'),
      key: 'due',
      width: 150,
      render: (_, r) => <ClockBadge dueDate={r.dueDate} daysLeft={r.daysLeft} warning={r.warning} stopped={STOPPED.includes(r.status)} />,
    },
    {
      title: t('queue.col.paused'),
      dataIndex: 'pausedDays',
      width: 82,
      align: 'center',
      render: (v: number) => (v > 0 ? <span data-testid="queue-paused">{t('queue.pausedN', { n: v })}</span> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('queue.col.received'),
      dataIndex: 'receivedAt',
      width: 100,
      render: (v: string) => {
        const [d, time] = formatDateTime(v).split(' ');
        return (
          <div style={{ lineHeight: 1.45, whiteSpace: 'nowrap' }}>
            <div>{d}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {time}
            </Typography.Text>
          </div>
        );
      },
    },
  ];

  const open = (r: QueueRow) => navigate(caseHref(r.caseNo));

  return (
    <Table<QueueRow>
      data-testid={testId}
      rowKey="caseNo"
      size="small"
      tableLayout="fixed"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={pagination}
      locale={{ emptyText: emptyText ?? t('queue.empty') }}
      rowClassName={(r) => `ow-clickable-row ow-queue-row${r.warning === 'red' ? ' ow-row-red' : r.warning === 'yellow' ? ' ow-row-yellow' : ''}`}
      onRow={(r) =>
        ({
          onClick: () => open(r),
          onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              open(r);
            }
          },
          tabIndex: 0,
          'data-testid': 'queue-row',
          'data-case-no': r.caseNo,
          'data-warning': r.warning ?? '',
          'aria-label': `${r.caseNo} ${r.item.name}`,
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
