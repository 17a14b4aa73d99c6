/**
 * 网上预审: online applications waiting for the desk, oldest first (whoever waited longest is
 * answered first). Each row opens the case page, which takes it in or returns it with the list.
 */
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api } from '../../shared/api';
import type { QueuePage, QueueRow } from '#contract/cases.js';
import { errorMessage } from '../../shared/errors';
import { formatDateTime, LocalName } from '../../shared/labels';
import { navigate } from '../../shared/router';
import { caseNoColumn } from './case-bits';
import { useDeskT } from './i18n';
import { CaseStatusTag } from '../../shared/case/ClockBadge';

export function PrereviewPage() {
  const t = useDeskT();
  const [rows, setRows] = useState<QueueRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    // The server sorts its queue by due date, which pre-review cases do not have yet.
    api
      .get<QueuePage>('/api/cases', { status: 'submitted', mine: false, pageSize: 200 })
      .then((d) => {
        if (!alive) return;
        setRows([...d.items].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.caseNo.localeCompare(b.caseNo)));
        setTotal(d.total);
        setError(null);
      })
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tick]);

  const columns: TableColumnsType<QueueRow> = [
    caseNoColumn(t),
    { title: t('prereview.submittedAt'), dataIndex: 'receivedAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: t('list.item'), key: 'item', className: 'desk-wrap', render: (_, r) => <LocalName x={r.item} /> },
    { title: t('list.applicant'), dataIndex: 'applicantName', width: 170, className: 'desk-wrap' },
    { title: t('applicant.phone'), dataIndex: 'applicantPhone', width: 112, render: (v: string) => <span className="desk-mono">{v}</span> },
    { title: t('list.status'), key: 'status', width: 120, render: (_, r) => <CaseStatusTag status={r.status} /> },
  ];

  return (
    <div className="desk-page" data-testid="prereview-page">
      <div className="desk-page-head">
        <h2 className="desk-h2">
          {t('prereview.title')} <span className="desk-muted desk-h2-sub">{t('prereview.count', { n: total })}</span>
        </h2>
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} data-testid="prereview-reload">
          {t('common.refresh')}
        </Button>
      </div>
      <p className="desk-muted">{t('prereview.intro')}</p>
      {error && <Alert type="error" showIcon title={error} className="desk-gap" />}
      <section className="desk-card desk-card-tight">
        <Table<QueueRow>
          rowKey="caseNo"
          size="small"
          columns={columns}
          dataSource={rows ?? []}
          loading={loading}
          data-testid="prereview-table"
          tableLayout="fixed"
          pagination={false}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/desk/cases/${r.caseNo}`), 'data-testid': 'case-row', 'data-case-no': r.caseNo }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t('prereview.empty') }}
        />
      </section>
    </div>
  );
}
