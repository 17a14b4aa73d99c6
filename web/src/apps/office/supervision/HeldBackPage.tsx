/**
 * 压件监察: cases decided but not completed, or completed but neither delivered nor notified, for
 * longer than the center's setting, with who took the last step (the holder). Approvers see their
 * department's, supervisors and leaders all.
 */
import { Alert, Empty, Table, Tag } from 'antd';
import { api } from '../../../shared/api';
import { Link } from '../../../shared/router';
import { localTime } from './types';
import type { HeldBack as HeldBackRow, HeldBackList } from '#contract/warnings.js';
import { useAlertT } from './alert-messages';
import { OfficePageTitle } from '../OfficePageTitle';
import { useFetched } from '../../../shared/use-fetched';
import { RefreshButton } from '../../../shared/ListPanel';

export function HeldBackPage() {
  const t = useAlertT();

  const { data, loading, error, reload } = useFetched(t, () => api.get<HeldBackList>('/api/supervision/held-back'), []);

  return (
    <div data-testid="held-back-page">
      <OfficePageTitle title={t('held.title')} subtitle={t('held.subtitle', { h: data?.heldBackHours ?? 24 })} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div style={{ background: '#fff', borderRadius: 8, padding: 12 }}>
        <div style={{ display: 'flex', marginBottom: 12 }}>
          <div style={{ flex: 1 }} />
          <RefreshButton onClick={reload}>{t('common.refresh')}</RefreshButton>
        </div>
        <Table<HeldBackRow>
          size="small"
          rowKey="caseNo"
          loading={loading}
          dataSource={data?.items ?? []}
          data-testid="held-back-table"
          locale={{ emptyText: <Empty description={t('held.empty')} /> }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: t('held.col.case'), render: (_, r) => <Link href={`/office/cases/${encodeURIComponent(r.caseNo)}`} data-testid="held-case">{r.caseNo}</Link> },
            { title: t('held.col.item'), dataIndex: 'itemName', ellipsis: true },
            { title: t('held.col.department'), render: (_, r) => r.department.name },
            { title: t('held.col.stage'), render: (_, r) => <Tag color={r.stage === 'decided' ? 'orange' : 'volcano'}>{t(`held.stage.${r.stage}`)}</Tag> },
            { title: t('held.col.since'), width: 150, render: (_, r) => localTime(r.since) },
            { title: t('held.col.hours'), dataIndex: 'hours', align: 'right', width: 110 },
            { title: t('held.col.holder'), render: (_, r) => r.heldBy.name || '—' },
          ]}
        />
      </div>
    </div>
  );
}
