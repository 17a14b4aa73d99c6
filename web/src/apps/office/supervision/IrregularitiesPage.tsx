/**
 * 异常行为 for supervisors and leaders: unusual steps found in the case record over a period, each with
 * its evidence (the case, the events, who and when), to be reviewed by a person and marked with a note.
 */
import { Alert, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { seg } from '../../../shared/api';
import { Link, navigate, useLocation, withQuery } from '../../../shared/router';
import { useSupervisionT, type SupervisionKey } from './messages';
import { ReviewButton } from './ReviewButton';
import { ReportActions } from './SettingsButton';
import { localTime, type Irregularity, type IrregularityKind, type IrregularityReport } from './types';
import { OfficePageTitle } from '../OfficePageTitle';
import { PeriodPicker, usePeriodReport } from './period';
import { ListToolbar } from '../../../shared/ListPanel';

const KINDS: IrregularityKind[] = ['after-hours', 'quick-decision', 'repeated-pause', 'late-refusal'];
const KIND_COLOR: Record<IrregularityKind, string> = { 'after-hours': 'purple', 'quick-decision': 'orange', 'repeated-pause': 'gold', 'late-refusal': 'red' };

export function IrregularitiesPage() {
  const t = useSupervisionT();
  const { query } = useLocation();
  const kindParam = query.get('kind') ?? '';
  const kind = (KINDS as string[]).includes(kindParam) ? (kindParam as IrregularityKind) : '';
  const { from, to, draft, setDraft, data: report, loading, error, reload } = usePeriodReport<IrregularityReport>(
    '/api/supervision/irregularities',
    { kind: kind || undefined },
    [kind],
  );

  const go = (next: Partial<{ from: string; to: string; kind: string }>) =>
    navigate(withQuery('/office/irregularities', { from, to, kind, ...next }));

  function facts(r: Irregularity): string {
    const f = r.facts;
    if (r.kind === 'after-hours') return t('irr.fact.after-hours', { date: String(f.date), time: String(f.time), officeHours: String(f.officeHours), offDay: f.workingDay ? '' : t('irr.fact.offDay') });
    return t(`irr.fact.${r.kind}` as SupervisionKey, Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v])));
  }

  return (
    <div data-testid="irregularities-page">
      <OfficePageTitle title={t('irr.title')} subtitle={t('irr.subtitle')} />
      <div style={{ background: '#fff', borderRadius: 8, padding: 12 }}>
        <ListToolbar
          filters={
            <>
              <PeriodPicker draft={draft} setDraft={setDraft} testId="irr" onQuery={() => go({ from: draft.from, to: draft.to })} />
              <Select
                style={{ width: 240 }}
                value={kind}
                onChange={(v) => go({ kind: v })}
                aria-label={t('irr.col.kind')}
                data-testid="irr-kind"
                options={[{ value: '', label: t('irr.kind.all') }, ...KINDS.map((k) => ({ value: k, label: t(`irr.kind.${k}` as SupervisionKey) }))]}
              />
            </>
          }
          actions={<ReportActions reload={reload} loading={loading} />}
        />
        {report && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('common.period', { from: report.from, to: report.to })}；
            {t('irr.settings', {
              start: report.settings.officeStart, end: report.settings.officeEnd,
              minutes: report.settings.quickDecisionMinutes, cycles: report.settings.minPauseCycles,
            })}
          </Typography.Paragraph>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Irregularity>
          rowKey="key"
          size="middle"
          loading={loading}
          dataSource={report?.items ?? []}
          data-testid="irregularities-table"
          locale={{ emptyText: <Empty description={t('irr.empty')} /> }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          onRow={(r) => ({ 'data-testid': `irr-row-${r.kind}` } as object)}
          expandable={{
            expandedRowRender: (r) => (
              <div data-testid="irr-evidence">
                <Typography.Text strong>{t('common.evidence')}</Typography.Text>
                <Table
                  size="small"
                  rowKey="seq"
                  pagination={false}
                  dataSource={r.events}
                  columns={[
                    { title: '#', dataIndex: 'seq', width: 50 },
                    { title: t('irr.col.at'), render: (_, e) => localTime(e.at) },
                    { title: t('irr.col.kind'), dataIndex: 'action' },
                    { title: t('irr.col.actor'), render: (_, e) => `${e.actorName} (${e.role})` },
                  ]}
                />
              </div>
            ),
          }}
          columns={[
            { title: t('irr.col.kind'), render: (_, r) => <Tag color={KIND_COLOR[r.kind]}>{t(`irr.kind.${r.kind}` as SupervisionKey)}</Tag> },
            {
              title: t('irr.col.case'),
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <Link href={`/office/cases/${seg(r.caseNo)}`}>{r.caseNo}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.itemName}</Typography.Text>
                </Space>
              ),
            },
            { title: t('irr.col.department'), render: (_, r) => r.department?.name ?? '—' },
            { title: t('irr.col.actor'), render: (_, r) => r.actor ?? '—' },
            { title: t('irr.col.at'), render: (_, r) => localTime(r.at) },
            { title: t('irr.col.facts'), render: (_, r) => facts(r) },
            { title: t('irr.col.review'), render: (_, r) => <ReviewButton findingKey={r.key} review={r.review} onSaved={reload} /> },
          ]}
        />
      </div>
    </div>
  );
}
