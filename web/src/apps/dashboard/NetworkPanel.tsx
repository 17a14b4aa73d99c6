/**
 * 三级网络: the network's monthly report on the dashboard (GET /api/network/report): a row per
 * township station and village room, a bar chart by place, and each place opening to the proxy cases
 * it took. Loaded when first opened, so the dashboard's first load does not carry it.
 */
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Button, Card, DatePicker, Drawer, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { PrinterOutlined, DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { EChartsCoreOption } from 'echarts/core';
import type { NetworkCases, NetworkReport, NetworkReportRow } from '#contract/network-report.js';
import { STATUS_LABELS, type CaseStatus } from '@domain/case-workflow';
import { api, buildUrl } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { useAppT, useI18n } from '../../shared/i18n';
import { zonedShort } from '../../shared/time-zone';
import { EChart } from './EChart';
import { networkMessages } from './network-messages';

const useNetT = () => useAppT(networkMessages);
type NetT = ReturnType<typeof useNetT>;

const num = (v: number | null) => (v === null ? '—' : String(v));
const pct = (v: number | null) => (v === null ? '—' : `${v}%`);

function chartOption(rows: NetworkReportRow[], t: NetT): EChartsCoreOption {
  return {
    backgroundColor: 'transparent',
    color: ['#1d5fb8', '#f5222d', '#faad14'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name.replace(/便民服务(中心|站|室)$/, '')), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: t('net.taken'), type: 'bar', data: rows.map((r) => r.taken) },
      { name: t('net.overdue'), type: 'bar', data: rows.map((r) => r.overdue ?? 0) },
      { name: t('net.notReturned'), type: 'bar', data: rows.map((r) => r.notReturned ?? 0) },
    ],
  };
}

function PlaceCasesDrawer({ month, place, onClose }: { month: string; place: NetworkReportRow | null; onClose: () => void }) {
  const t = useNetT();
  const { lang } = useI18n();
  const [data, setData] = useState<NetworkCases | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!place) return;
    let alive = true;
    setLoading(true);
    setError(null);
    setData(null);
    api.get<NetworkCases>('/api/network/report/cases', { month, place: place.code })
      .then((d) => alive && setData(d))
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [month, place, t]);
  const hours = (h: number | null) => (h === null ? '—' : t('net.hours', { h }));
  return (
    <Drawer open={place !== null} onClose={onClose} size={1100}
      title={<span data-testid="net-cases-title">{place ? t('net.cases', { place: place.name, month }) : ''}</span>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary" data-testid="net-cases-total">{t('net.count', { n: data?.cases.length ?? 0 })}</Typography.Text>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        <Table
          data-testid="net-cases"
          rowKey="caseNo"
          size="small"
          loading={loading}
          dataSource={data?.cases ?? []}
          locale={{ emptyText: t('net.empty') }}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 1200 }}
          columns={[
            { title: t('net.caseNo'), dataIndex: 'caseNo', width: 140, render: (no: string) => <a href={`/office/cases/${encodeURIComponent(no)}`}>{no}</a> },
            { title: t('net.item'), dataIndex: 'itemName', ellipsis: true },
            { title: t('net.applicant'), dataIndex: 'applicant', width: 80 },
            { title: t('net.status'), dataIndex: 'status', width: 100, render: (s: string) => STATUS_LABELS[s as CaseStatus]?.[lang] ?? s },
            { title: t('net.takenBy'), dataIndex: 'takenBy', ellipsis: true },
            { title: t('net.received'), dataIndex: 'receivedAt', width: 110, render: (v: string) => zonedShort(v) },
            { title: t('net.papers'), dataIndex: 'papers', width: 60 },
            { title: t('net.atCounty'), dataIndex: 'atCountyAt', width: 150, render: (v: string | null, r) => (v ? `${zonedShort(v)} (${hours(r.intakeHours)})` : '—') },
            { title: t('net.returned'), dataIndex: 'resultReturnedAt', width: 150, render: (v: string | null, r) => (v ? `${zonedShort(v)} (${hours(r.returnHours)})` : '—') },
            { title: t('net.overdueStays'), dataIndex: 'overdueStays', width: 70, render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0) },
          ]}
        />
      </Space>
    </Drawer>
  );
}

/** The month in the address (?month=YYYY-MM), else none: the server answers with the center's current month. */
function initialMonth(): string | undefined {
  const fromUrl = new URLSearchParams(window.location.search).get('month');
  return fromUrl && /^\d{4}-(0[1-9]|1[0-2])$/.test(fromUrl) ? fromUrl : undefined;
}

export function NetworkPanel() {
  const t = useNetT();
  const { lang } = useI18n();
  const [asked, setAsked] = useState(initialMonth);
  const [data, setData] = useState<NetworkReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [place, setPlace] = useState<NetworkReportRow | null>(null);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    api.get<NetworkReport>('/api/network/report', { month: asked })
      .then((d) => {
        if (!alive) return;
        setData(d);
        setError(null);
      })
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [asked, t]);

  const month = data?.month ?? asked ?? '';
  const places = useMemo(() => (data?.rows ?? []).filter((r) => r.level !== 'county'), [data]);
  const open = (r: NetworkReportRow) => r.level !== 'county' && setPlace(r);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="network-panel">
      <Card size="small" className="ow-filters">
        <Space wrap>
          <span>{t('net.month')}</span>
          <DatePicker picker="month" allowClear={false} value={month ? dayjs(`${month}-01`) : null} onChange={(v) => v && setAsked(v.format('YYYY-MM'))} data-testid="net-month" />
          <Button icon={<PrinterOutlined />} href={`/print/network/report?month=${month}`} target="_blank" disabled={!month} data-testid="net-print">{t('net.print')}</Button>
          <Button icon={<DownloadOutlined />} href={buildUrl('/api/network/report.xlsx', { month, lang })} disabled={!month} data-testid="net-xlsx">{t('net.excel')}</Button>
        </Space>
      </Card>
      {error && <Result status="error" subTitle={error} />}
      {!data && !error && <div className="ow-center"><Spin size="large" /></div>}
      {data && (
        <Spin spinning={loading}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Card size="small" title={t('net.title')} extra={<Typography.Text type="secondary">{t('net.clickHint')}</Typography.Text>} className="ow-chart-card">
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={data.rows}
                data-testid="net-report"
                scroll={{ x: 'max-content' }}
                onRow={(r) => ({
                  onClick: () => open(r),
                  style: r.level === 'county' ? { fontStyle: 'italic' } : { cursor: 'pointer', fontWeight: r.level === 'township' ? 600 : undefined },
                  'data-testid': `net-row-${r.code}`,
                }) as HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: t('net.place'), dataIndex: 'name', fixed: 'left', width: 240,
                    render: (name: string, r) => <span style={{ paddingLeft: r.level === 'village' ? 20 : 0 }}>{name}{r.level === 'county' ? t('net.countyRef') : ''}</span>,
                  },
                  { title: t('net.taken'), dataIndex: 'taken', width: 70 },
                  { title: t('net.completed'), dataIndex: 'completed', width: 70 },
                  { title: t('net.delivered'), dataIndex: 'delivered', width: 70 },
                  { title: t('net.appointments'), dataIndex: 'appointments', width: 70, render: num },
                  { title: t('net.moved'), dataIndex: 'moved', width: 70, render: num },
                  {
                    title: t('net.intake'),
                    children: [
                      { title: t('net.avg'), dataIndex: 'intakeAvgHours', width: 70, render: num },
                      { title: t('net.max'), dataIndex: 'intakeMaxHours', width: 70, render: num },
                    ],
                  },
                  {
                    title: t('net.return'),
                    children: [
                      { title: t('net.avg'), dataIndex: 'returnAvgHours', width: 70, render: num },
                      { title: t('net.max'), dataIndex: 'returnMaxHours', width: 70, render: num },
                    ],
                  },
                  { title: t('net.overdue'), dataIndex: 'overdue', width: 80, render: (v: number | null) => (v ? <Tag color="red">{v}</Tag> : num(v)) },
                  { title: t('net.notReturned'), dataIndex: 'notReturned', width: 80, render: num },
                  { title: t('net.ratings'), dataIndex: 'ratings', width: 60 },
                  { title: t('net.satisfaction'), dataIndex: 'satisfactionRate', width: 70, render: pct },
                ]}
                summary={() => (
                  <Table.Summary.Row data-testid="net-total">
                    {[t('net.total'), data.totals.taken, data.totals.completed, data.totals.delivered, data.totals.appointments, data.totals.moved,
                      data.totals.intakeAvgHours, data.totals.intakeMaxHours, data.totals.returnAvgHours, data.totals.returnMaxHours,
                      data.totals.overdue, data.totals.notReturned, data.totals.ratings, pct(data.totals.satisfactionRate)].map((v, i) => (
                      <Table.Summary.Cell key={i} index={i}><b>{typeof v === 'number' || v === null ? num(v) : v}</b></Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                )}
              />
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{t('net.rule', { rule: lang === 'en' ? data.overdueRuleEn : data.overdueRule })}</Typography.Paragraph>
            </Card>
            <Card size="small" title={t('net.chart')} className="ow-chart-card">
              <EChart testId="net-chart" label={t('net.chart')} height={320} option={chartOption(places, t)}
                onClick={(e) => {
                  const r = places[e.dataIndex];
                  if (r) open(r);
                }} />
            </Card>
          </Space>
        </Spin>
      )}
      <PlaceCasesDrawer month={month} place={place} onClose={() => setPlace(null)} />
    </Space>
  );
}
