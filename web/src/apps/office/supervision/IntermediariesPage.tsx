/**
 * 中介线索 for supervisors and leaders: agents or phones acting for many unrelated applicants, and
 * submitters whose cases go markedly faster or slower than everyone else's on an item. Personal data
 * comes masked from the server; the cases are the evidence, a person judges.
 */
import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { seg } from '../../../shared/api';
import { Link, navigate, withQuery } from '../../../shared/router';
import { useSupervisionT, type SupervisionKey } from './messages';
import { ReviewButton } from './ReviewButton';
import { ReportActions } from './SettingsButton';
import { localTime, type Identity, type IntermediaryReport, type SignalCase } from './types';
import { OfficePageTitle } from '../OfficePageTitle';
import { PeriodPicker, usePeriodReport } from './period';
import { ListToolbar } from '../../../shared/ListPanel';

function CaseList({ cases, showUsed }: { cases: SignalCase[]; showUsed?: boolean }) {
  const t = useSupervisionT();
  return (
    <Table<SignalCase>
      size="small"
      rowKey="caseNo"
      pagination={false}
      dataSource={cases}
      data-testid="signal-cases"
      columns={[
        { title: t('int.col.caseNo'), render: (_, c) => <Link href={`/office/cases/${seg(c.caseNo)}`}>{c.caseNo}</Link> },
        { title: t('int.item'), dataIndex: 'itemName' },
        { title: t('int.col.applicant'), dataIndex: 'applicantName' },
        { title: t('int.col.phone'), dataIndex: 'applicantPhone' },
        { title: t('int.col.received'), render: (_, c) => localTime(c.receivedAt) },
        ...(showUsed ? [{ title: t('int.col.used'), dataIndex: 'usedDays' }] : []),
      ]}
    />
  );
}

function IdentityTag({ identity }: { identity: Identity }) {
  const t = useSupervisionT();
  return (
    <Space size={4}>
      <Tag>{t(`int.type.${identity.type}` as SupervisionKey)}</Tag>
      <Typography.Text code data-testid="signal-identity">{identity.value}</Typography.Text>
    </Space>
  );
}

export function IntermediariesPage() {
  const t = useSupervisionT();
  const { draft, setDraft, data: report, loading, error, reload } = usePeriodReport<IntermediaryReport>('/api/supervision/intermediaries', {}, []);

  return (
    <div data-testid="intermediaries-page">
      <OfficePageTitle title={t('int.title')} subtitle={t('int.subtitle')} />
      <ListToolbar
        filters={<PeriodPicker draft={draft} setDraft={setDraft} testId="int" onQuery={() => navigate(withQuery('/office/intermediaries', { from: draft.from, to: draft.to }))} />}
        actions={<ReportActions reload={reload} loading={loading} />}
      />
      {report && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('common.period', { from: report.from, to: report.to })}；
          {t('int.settings', { n: report.settings.minApplicants, item: report.settings.minItemCases, sub: report.settings.minSubmitterCases })}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}

      <Card title={t('int.frequent')} size="small" style={{ marginBottom: 16 }} data-testid="frequent-card">
        <Table
          rowKey="key"
          size="middle"
          loading={loading}
          dataSource={report?.frequentSubmitters ?? []}
          locale={{ emptyText: <Empty description={t('int.emptyFrequent')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={() => ({ 'data-testid': 'frequent-row' } as object)}
          expandable={{ expandedRowRender: (r) => <CaseList cases={r.cases} /> }}
          columns={[
            { title: t('int.identity'), render: (_, r) => <IdentityTag identity={r.identity} /> },
            { title: t('int.agentNames'), render: (_, r) => r.agentNames.join('、') || '—' },
            { title: t('int.applicants'), dataIndex: 'applicants' },
            { title: t('int.cases'), render: (_, r) => r.cases.length },
            { title: t('irr.col.review'), render: (_, r) => <ReviewButton findingKey={r.key} review={r.review} onSaved={reload} /> },
          ]}
        />
      </Card>

      <Card title={t('int.speed')} size="small" data-testid="speed-card">
        <Table
          rowKey="key"
          size="middle"
          loading={loading}
          dataSource={report?.speedOutliers ?? []}
          locale={{ emptyText: <Empty description={t('int.emptySpeed')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={() => ({ 'data-testid': 'speed-row' } as object)}
          expandable={{ expandedRowRender: (r) => <CaseList cases={r.cases} showUsed /> }}
          columns={[
            { title: t('int.item'), dataIndex: 'itemName' },
            { title: t('int.identity'), render: (_, r) => <IdentityTag identity={r.identity} /> },
            {
              title: t('int.direction'),
              render: (_, r) => <Tag color={r.direction === 'faster' ? 'volcano' : 'geekblue'}>{r.direction === 'faster' ? t('int.faster') : t('int.slower')}</Tag>,
            },
            { title: t('int.medianCol'), render: (_, r) => t('int.medians', { mine: r.submitterMedian, others: r.othersMedian }) },
            { title: t('int.cases'), render: (_, r) => t('int.counts', { mine: r.submitterCases, others: r.otherCases }) },
            { title: t('irr.col.review'), render: (_, r) => <ReviewButton findingKey={r.key} review={r.review} onSaved={reload} /> },
          ]}
        />
      </Card>
    </div>
  );
}
