/**
 * Leaders' dashboard (领导驾驶舱) at /dashboard, for supervisors and leaders: the figures of the
 * center for a period, each of which opens to the list of cases behind it. Definitions: docs/dashboard.md.
 */
import { previousMonth, zonedDateTime } from '../../shared/time-zone';
import { Suspense, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Col, DatePicker, Layout, Result, Row, Select, Space, Spin, Statistic, Table, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, DashboardOutlined, DesktopOutlined, FileSearchOutlined, LogoutOutlined, ReloadOutlined, UserOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, fetchMe, onUnauthorized } from '../../shared/api';
import type { Me } from '#contract/auth.js';
import { errorMessage } from '../../shared/errors';
import { LangSwitch } from '../../shared/LangSwitch';
import { ROLE_HOME } from '../../shared/roles';
import { CaseListDrawer } from './CaseListDrawer';
import { EChart } from './EChart';
import { byDayOption, byHourOption, byWeekdayOption, daysByDeptOption, daysByItemOption, levelsOption, LEVELS, rankingOption, itemChartRows } from './charts';
import { days, daysWithUnit, pct, useDashT, type Drill, type Figure, type Overview, type StatsFilters } from './stats-api';
import './dashboard.css';
import { signOut, toLogin } from '../../shared/staff-session';
import { lazyPage } from '../../shared/lazy-page';
import { REPORT_LEVELS, type ReportLevel } from '#contract/network-report-values.js';

// The network page (三级网络) is loaded when first opened: the dashboard's first load stays as it was.
const NetworkPanel = lazyPage(() => import('./NetworkPanel'), 'NetworkPanel');

type View = 'overview' | 'network';
const viewFromUrl = (): View => (new URLSearchParams(window.location.search).get('view') === 'network' ? 'network' : 'overview');

const { Header, Content } = Layout;

export const isDashboardUser = (role: string) => role === 'supervisor' || role === 'leader' || role === 'admin';

/** Last month's supervision bulletin (督查通报): the printable page and the Excel file with the same numbers. */
function BulletinLinks() {
  const t = useDashT();
  const month = previousMonth();
  return (
    <>
      <Button size="small" href={`/print/bulletin?month=${month}`} target="_blank" data-testid="link-bulletin">{t('dash.bulletin', { month })}</Button>
      <Button size="small" href={`/api/bulletin.xlsx?month=${month}`} data-testid="link-bulletin-xlsx">Excel</Button>
    </>
  );
}

/** Signs the page in or sends it to the login page once (never a loop: the login page comes back here). */
export function useDashboardUser() {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    onUnauthorized(() => toLogin());
    fetchMe()
      .then((m) => (m ? setMe(m) : toLogin()))
      .catch(setError);
    return () => onUnauthorized(null);
  }, []);
  return { me, error };
}

function KpiCard({ title, value, suffix, hint, figure, onOpen, danger, testId }: {
  title: string; value: ReactNode; suffix?: string; hint?: string; figure?: Figure; onOpen?: (f: Figure) => void; danger?: boolean; testId?: string;
}) {
  const t = useDashT();
  const clickable = figure && onOpen;
  const body = (
    <Card
      size="small"
      hoverable={!!clickable}
      className="ow-kpi"
      onClick={clickable ? () => onOpen(figure) : undefined}
      data-testid={testId ?? (figure ? `kpi-${figure}` : undefined)}
      role={clickable ? 'button' : undefined}
      tabIndex={clickable ? 0 : undefined}
      onKeyDown={clickable ? (e) => (e.key === 'Enter' || e.key === ' ') && onOpen(figure) : undefined}
    >
      <Statistic title={title} value={value as number} suffix={suffix} styles={danger ? { content: { color: '#cf1322' } } : undefined} />
      {hint && <Typography.Text type="secondary" className="ow-kpi-hint">{hint}</Typography.Text>}
    </Card>
  );
  return clickable ? <Tooltip title={t('kpi.clickHint')}>{body}</Tooltip> : body;
}

type Preset = 'last7' | 'last30' | 'last90' | 'thisMonth' | 'thisYear';

function presetRange(p: Preset, today: Dayjs): [Dayjs, Dayjs] {
  switch (p) {
    case 'last7': return [today.subtract(6, 'day'), today];
    case 'last30': return [today.subtract(29, 'day'), today];
    case 'last90': return [today.subtract(89, 'day'), today];
    case 'thisMonth': return [today.startOf('month'), today];
    case 'thisYear': return [today.startOf('year'), today];
  }
}

function ChartCard({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return <Card size="small" title={title} extra={extra} className="ow-chart-card">{children}</Card>;
}

function Dashboard({ me }: { me: Me }) {
  const t = useDashT();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [department, setDepartment] = useState<string | undefined>();
  const [item, setItem] = useState<string | undefined>();
  const [level, setLevel] = useState<ReportLevel | undefined>();
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [tick, setTick] = useState(0);

  const filters: StatsFilters = useMemo(() => ({
    from: range?.[0].format('YYYY-MM-DD'), to: range?.[1].format('YYYY-MM-DD'), department, item, level,
  }), [range, department, item, level]);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    api.get<Overview>('/api/stats/overview', { ...filters })
      .then((d) => {
        if (!alive) return;
        setData(d);
        setError(null);
        if (!range) setRange([dayjs(d.from), dayjs(d.to)]);
      })
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, tick, t]);

  const open = useCallback((figure: Figure, narrow: Partial<Drill> = {}) => {
    if (!data) return;
    setDrill({ figure, from: data.from, to: data.to, department, item, level, ...narrow });
  }, [data, department, item, level]);

  const items = useMemo(() => (data?.items ?? []).filter((i) => !department || i.departmentCode === department), [data, department]);
  const today = data ? dayjs(data.today) : dayjs();

  const tot = data?.totals;
  return (
    <>
      <Card size="small" className="ow-filters">
        <Space wrap>
          <span>{t('filter.period')}</span>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            presets={(['last7', 'last30', 'last90', 'thisMonth', 'thisYear'] as Preset[]).map((p) => ({ label: t(`filter.${p}`), value: presetRange(p, today) }))}
            data-testid="filter-period"
          />
          <Select
            style={{ minWidth: 200 }}
            value={department ?? ''}
            onChange={(v) => { setDepartment(v || undefined); setItem(undefined); }}
            options={[{ value: '', label: t('filter.allDepartments') }, ...(data?.departments ?? []).map((d) => ({ value: d.code, label: d.name }))]}
            aria-label={t('filter.department')}
            data-testid="filter-department"
          />
          <Select
            style={{ minWidth: 260 }}
            showSearch
            optionFilterProp="label"
            value={item ?? ''}
            onChange={(v) => setItem(v || undefined)}
            options={[{ value: '', label: t('filter.allItems') }, ...items.map((i) => ({ value: i.code, label: i.name }))]}
            aria-label={t('filter.item')}
            data-testid="filter-item"
          />
          <Select
            style={{ minWidth: 120 }}
            value={level ?? ''}
            onChange={(v) => setLevel(v ? (v as ReportLevel) : undefined)}
            options={[{ value: '', label: t('tier.all') }, ...REPORT_LEVELS.map((l) => ({ value: l, label: t(`tier.${l}`) }))]}
            aria-label={t('filter.level')}
            data-testid="filter-level"
          />
          <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} loading={loading} data-testid="dashboard-reload">{t('dash.reload')}</Button>
          <Typography.Text type="secondary" data-testid="refreshed-at">
            {/* Until the first answer nothing is known: "not generated yet" would be a false statement. */}
            {!data ? (error ? null : t('dash.loading')) : data.refreshedAt ? t('dash.refreshedAt', { at: zonedDateTime(data.refreshedAt) }) : t('dash.notRefreshed')}
          </Typography.Text>
        </Space>
      </Card>
      {error && <Result status="error" title={t('common.error')} subTitle={error} />}
      {!data && !error && <div className="ow-center"><Spin size="large" /></div>}
      {data && tot && (
        <Spin spinning={loading}>
          <Row gutter={[12, 12]} className="ow-kpis">
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.todayReceived')} value={data.todayCounts.received} testId="kpi-today-received" figure="received" onOpen={(f) => open(f, { from: data.today, to: data.today })} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.todayAccepted')} value={data.todayCounts.accepted} testId="kpi-today-accepted" figure="accepted" onOpen={(f) => open(f, { from: data.today, to: data.today })} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.todayCompleted')} value={data.todayCounts.completed} testId="kpi-today-completed" figure="completed" onOpen={(f) => open(f, { from: data.today, to: data.today })} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.received')} value={tot.received} figure="received" onOpen={open} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.accepted')} value={tot.accepted} figure="accepted" onOpen={open} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.completed')} value={tot.completed} figure="completed" onOpen={open} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.immediateRate')} value={pct(tot.immediateRate)} hint={t('kpi.of', { part: tot.immediate, whole: tot.completed })} figure="immediate" onOpen={open} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.onTimeRate')} value={pct(tot.onTimeRate)} hint={t('kpi.of', { part: tot.inTime, whole: tot.completed })} figure="in_time" onOpen={open} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.earlyRate')} value={pct(tot.earlyRate)} hint={t('kpi.of', { part: tot.early, whole: tot.completed })} figure="early" onOpen={open} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.late')} value={tot.late} figure="late" onOpen={open} danger={tot.late > 0} /></Col>
            <Col xs={12} md={8} xl={4}><KpiCard title={t('kpi.overdueOpen')} value={data.overdueOpen} figure="open_red" onOpen={open} danger={data.overdueOpen > 0} /></Col>
            <Col xs={12} md={8} xl={4}>
              <KpiCard title={t('kpi.avgDays')} value={days(tot.avgDays)} suffix={tot.avgDays === null ? undefined : t('kpi.daysUnit')} hint={`${t('kpi.p90Days')}: ${daysWithUnit(t, tot.p90Days)}`} figure="completed" testId="kpi-days" onOpen={open} />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <KpiCard title={t('kpi.satisfaction')} value={pct(data.satisfaction.rate)} testId="kpi-satisfaction"
                hint={t('kpi.ratings', { n: data.satisfaction.ratings, bad: data.satisfaction.bad })} />
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} xl={16}>
              <ChartCard title={t('chart.byDay')}>
                <EChart
                  testId="chart-by-day"
                  label={t('chart.byDay')}
                  height={300}
                  option={byDayOption(data, t)}
                  onClick={(e) => {
                    const day = data.byDay[e.dataIndex];
                    const figure = (['received', 'accepted', 'completed'] as const)[e.seriesIndex ?? 0];
                    if (day && figure) open(figure, { from: day.day, to: day.day });
                  }}
                />
              </ChartCard>
            </Col>
            <Col xs={24} xl={8}>
              <ChartCard title={t('chart.levels')}>
                <EChart
                  testId="chart-levels"
                  label={t('chart.levels')}
                  height={300}
                  option={levelsOption(data, t)}
                  onClick={(e) => {
                    const level = LEVELS[e.dataIndex];
                    if (level) open(`open_${level}` as Figure);
                  }}
                />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('chart.ranking')}>
                {/* The table body scrolls (y: 320): keyboard users reach it by Tab (axe scrollable-region-focusable). */}
                <div
                  ref={(el) =>
                    el?.querySelectorAll<HTMLElement>('.ant-table-body').forEach((b) => {
                      b.tabIndex = 0;
                      b.setAttribute('aria-label', t('chart.ranking'));
                    })
                  }
                >
                <Table
                  size="small"
                  rowKey="departmentCode"
                  pagination={false}
                  dataSource={data.byDepartment}
                  data-testid="ranking"
                  // The name column keeps room for a whole department name; on a narrow screen the
                  // figures scroll sideways instead of squeezing the names to one character.
                  scroll={{ x: 'max-content', y: 320 }}
                  onRow={(r) => ({ onClick: () => open('completed', { department: r.departmentCode }), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: t('table.rank'), dataIndex: 'rank', width: 48, fixed: 'left' },
                    { title: t('table.department'), dataIndex: 'departmentName', width: 168, fixed: 'left', render: (name: string) => <span data-testid="ranking-dept" title={name}>{name}</span> },
                    { title: t('table.received'), dataIndex: 'received', width: 64 },
                    { title: t('table.completed'), dataIndex: 'completed', width: 64 },
                    { title: t('table.onTimeRate'), dataIndex: 'onTimeRate', width: 76, render: pct },
                    { title: t('table.earlyRate'), dataIndex: 'earlyRate', width: 76, render: pct },
                    { title: t('table.late'), dataIndex: 'late', width: 56 },
                    { title: t('table.avgDays'), dataIndex: 'avgDays', width: 92, render: days },
                    { title: t('table.p90Days'), dataIndex: 'p90Days', width: 92, render: days },
                  ]}
                />
                </div>
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={`${t('chart.onTimeRate')} · ${t('fig.completed')}`}>
                <EChart
                  testId="chart-ranking"
                  label={t('chart.ranking')}
                  height={360}
                  option={rankingOption(data, t)}
                  onClick={(e) => {
                    const dept = [...data.byDepartment].reverse()[e.dataIndex];
                    if (dept) open(e.seriesIndex === 0 ? 'in_time' : 'completed', { department: dept.departmentCode });
                  }}
                />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('chart.byItem')}>
                <EChart testId="chart-days-item" label={t('chart.byItem')} height={360} option={daysByItemOption(data, t)}
                  onClick={(e) => {
                    const row = itemChartRows(data)[e.dataIndex];
                    if (row) open('completed', { item: row.itemCode });
                  }} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('chart.byDeptDays')}>
                <EChart testId="chart-days-dept" label={t('chart.byDeptDays')} height={360} option={daysByDeptOption(data, t)}
                  onClick={(e) => {
                    const row = data.byDepartment.filter((d) => d.measured > 0)[e.dataIndex];
                    if (row) open('completed', { department: row.departmentCode });
                  }} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('chart.byHour')}>
                <EChart testId="chart-by-hour" label={t('chart.byHour')} height={260} option={byHourOption(data, t)}
                  onClick={(e) => {
                    const hour = (e.data as { hour?: number } | undefined)?.hour;
                    if (hour !== undefined) open('received', { hour });
                  }} />
              </ChartCard>
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title={t('chart.byWeekday')}>
                <EChart testId="chart-by-weekday" label={t('chart.byWeekday')} height={260} option={byWeekdayOption(data, t)}
                  onClick={(e) => {
                    const weekday = (e.data as { weekday?: number } | undefined)?.weekday;
                    if (weekday !== undefined) open('received', { weekday });
                  }} />
              </ChartCard>
            </Col>
          </Row>
        </Spin>
      )}
      <CaseListDrawer drill={drill} onClose={() => setDrill(null)} />
      <span hidden data-testid="dashboard-user">{me.user.username}</span>
    </>
  );
}

export function DashboardApp() {
  const t = useDashT();
  const { me, error } = useDashboardUser();
  const [view, setView] = useState<View>(viewFromUrl);
  useEffect(() => {
    document.title = t('dash.title');
  }, [t]);
  useEffect(() => {
    const back = () => setView(viewFromUrl());
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);

  if (error) {
    return <Result status="error" title={t('common.error')} subTitle={errorMessage(error, t)} extra={<Button onClick={() => window.location.reload()}>{t('common.retry')}</Button>} />;
  }
  if (!me) return <div className="ow-center" style={{ minHeight: '100vh' }}><Spin size="large" /></div>;

  const user = me.user;
  const showView = (v: View) => {
    const url = new URL(window.location.href);
    if (v === 'network') url.searchParams.set('view', 'network');
    else url.searchParams.delete('view');
    window.history.pushState(null, '', url);
    setView(v);
  };
  if (!isDashboardUser(user.role)) {
    return (
      <div className="ow-center" style={{ minHeight: '100vh' }}>
        <Result
          status="403"
          title={<span data-testid="dashboard-forbidden">{t('dash.forbidden')}</span>}
          extra={<Space><Button type="primary" href={ROLE_HOME[user.role] ?? '/'}>{t('dash.toHome')}</Button><Button onClick={signOut}>{t('dash.logout')}</Button></Space>}
        />
      </div>
    );
  }
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="ow-dash-header">
        <a href="/dashboard" className="ow-dash-brand">{t('dash.title')}</a>
        <div style={{ flex: 1 }} />
        {view === 'network'
          ? <Button size="small" icon={<DashboardOutlined />} onClick={() => showView('overview')} data-testid="link-overview">{t('dash.overview')}</Button>
          : <Button size="small" icon={<ApartmentOutlined />} onClick={() => showView('network')} data-testid="link-network">{t('dash.network')}</Button>}
        <Button size="small" icon={<FileSearchOutlined />} href="/office" data-testid="link-office">{t('dash.office')}</Button>
        <Button size="small" icon={<DesktopOutlined />} href="/screen" data-testid="link-screen">{t('dash.screen')}</Button>
        <BulletinLinks />
        <LangSwitch />
        <span className="ow-dash-user" data-testid="current-user"><UserOutlined /> {user.displayName || user.username}</span>
        <Button size="small" icon={<LogoutOutlined />} onClick={signOut} data-testid="logout">{t('dash.logout')}</Button>
      </Header>
      <Content className="ow-dash-content">
        {view === 'network'
          ? <Suspense fallback={<div className="ow-center"><Spin size="large" /></div>}><NetworkPanel /></Suspense>
          : <Dashboard me={me} />}
      </Content>
    </Layout>
  );
}

