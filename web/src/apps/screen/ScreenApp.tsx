/**
 * Large screen (大屏) at /screen: the center at a glance on a 1920×1080 wall display, dark, refreshing
 * itself every N seconds (?refresh=N, default 60). Needs a supervisor's or leader's session; without
 * one it goes to the login page once, which brings it back here.
 */
import { centerTimeZone } from '../../shared/time-zone';
import { useEffect, useState } from 'react';
import { Button, Result, Spin } from 'antd';
import { api } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { EChart } from '../dashboard/EChart';
import { byDayOption, byHourOption, daysByItemOption, gaugeOption, levelsOption, rankingOption, LEVEL_COLORS } from '../dashboard/charts';
import { isDashboardUser, useDashboardUser } from '../dashboard/DashboardApp';
import { days, useDashT, type Overview } from '../dashboard/stats-api';
import './screen.css';

const DEFAULT_REFRESH_S = 60;

function refreshSeconds(): number {
  const n = Number(new URLSearchParams(window.location.search).get('refresh'));
  return Number.isFinite(n) && n >= 1 && n <= 3600 ? n : DEFAULT_REFRESH_S;
}

function Panel({ title, children, className }: { title: string; children: React.ReactNode; className?: string }) {
  return (
    <section className={`ow-screen-panel ${className ?? ''}`}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Big({ label, value, color, testId }: { label: string; value: string | number; color?: string; testId?: string }) {
  return (
    <div className="ow-screen-big" data-testid={testId}>
      <div className="ow-screen-big-value" style={color ? { color } : undefined}>{value}</div>
      <div className="ow-screen-big-label">{label}</div>
    </div>
  );
}

function Wall() {
  const t = useDashT();
  const every = refreshSeconds();
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loads, setLoads] = useState(0);
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    let alive = true;
    const load = () => api.get<Overview>('/api/stats/overview')
      .then((d) => {
        if (!alive) return;
        setData(d);
        setError(null);
        setLoads((n) => n + 1);
      })
      // A failed refresh keeps the last figures on the wall and tries again next time.
      .catch((e) => alive && setError(errorMessage(e, t)));
    void load();
    const timer = window.setInterval(load, every * 1000);
    const clock = window.setInterval(() => setNow(new Date()), 1000);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.clearInterval(clock);
    };
  }, [every, t]);

  if (!data) {
    return error ? <Result status="error" title={t('common.error')} subTitle={error} /> : <div className="ow-screen-center"><Spin size="large" /></div>;
  }
  const tot = data.totals;
  const fmt = (d: Date, o: Intl.DateTimeFormatOptions) => d.toLocaleString('zh-CN', { timeZone: centerTimeZone(), ...o });
  return (
    <div className="ow-screen" data-testid="screen" data-loads={loads}>
      <header className="ow-screen-header">
        <div className="ow-screen-side">{t('screen.period')} · {data.from} ~ {data.to}</div>
        <h1>{t('screen.title')}</h1>
        <div className="ow-screen-side ow-screen-clock" data-testid="screen-clock">
          {fmt(now, { year: 'numeric', month: '2-digit', day: '2-digit' })} {fmt(now, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })}
        </div>
      </header>
      <div className="ow-screen-grid">
        <Panel title={t('screen.overview')} className="ow-area-today">
          <div className="ow-screen-bigs">
            <Big label={t('kpi.todayReceived')} value={data.todayCounts.received} testId="screen-today-received" />
            <Big label={t('kpi.todayAccepted')} value={data.todayCounts.accepted} />
            <Big label={t('kpi.todayCompleted')} value={data.todayCounts.completed} />
            <Big label={t('kpi.overdueOpen')} value={data.overdueOpen} color={LEVEL_COLORS.red} />
          </div>
          <div className="ow-screen-bigs">
            <Big label={t('kpi.received')} value={tot.received} />
            <Big label={t('kpi.completed')} value={tot.completed} />
            {/* The unit goes with the label: a bare "2.5" could be hours or days. */}
            <Big label={`${t('kpi.avgDays')}（${t('kpi.daysUnit')}）`} value={days(tot.avgDays)} />
            <Big label={`${t('kpi.p90Days')}（${t('kpi.daysUnit')}）`} value={days(tot.p90Days)} />
          </div>
        </Panel>
        <Panel title={`${t('kpi.immediateRate')} · ${t('kpi.onTimeRate')} · ${t('kpi.earlyRate')}`} className="ow-area-gauges">
          <div className="ow-screen-gauges">
            <EChart theme="dark" height={230} option={gaugeOption(tot.immediateRate, t('kpi.immediateRate'), '#36cfc9', 12)} testId="screen-gauge-immediate" />
            <EChart theme="dark" height={230} option={gaugeOption(tot.onTimeRate, t('kpi.onTimeRate'), '#73d13d', 12)} />
            <EChart theme="dark" height={230} option={gaugeOption(tot.earlyRate, t('kpi.earlyRate'), '#40a9ff', 12)} />
          </div>
        </Panel>
        <Panel title={t('chart.levels')} className="ow-area-levels">
          <EChart theme="dark" height={300} option={levelsOption(data, t, true, 16)} testId="screen-levels" />
        </Panel>
        <Panel title={t('chart.byDay')} className="ow-area-days">
          <EChart theme="dark" height={330} option={byDayOption(data, t, true, 15)} testId="screen-by-day" />
        </Panel>
        <Panel title={t('chart.ranking')} className="ow-area-ranking">
          <EChart theme="dark" height={330} option={rankingOption(data, t, true, 15)} />
        </Panel>
        <Panel title={t('chart.byItem')} className="ow-area-items">
          <EChart theme="dark" height={330} option={daysByItemOption(data, t, true, 14, 8)} testId="screen-days-item" />
        </Panel>
        <Panel title={t('chart.byHour')} className="ow-area-hours">
          <EChart theme="dark" height={330} option={byHourOption(data, t, true, 15)} />
        </Panel>
      </div>
      {error && <div className="ow-screen-error" role="status">{error}</div>}
    </div>
  );
}

export function ScreenApp() {
  const t = useDashT();
  const { me, error } = useDashboardUser();
  useEffect(() => {
    document.title = t('screen.title');
  }, [t]);
  if (error) return <Result status="error" title={t('common.error')} subTitle={errorMessage(error, t)} extra={<Button onClick={() => window.location.reload()}>{t('common.retry')}</Button>} />;
  if (!me) return <div className="ow-screen-center"><Spin size="large" /></div>;
  if (!isDashboardUser(me.user.role)) return <Result status="403" title={<span data-testid="screen-forbidden">{t('dash.forbidden')}</span>} />;
  return <Wall />;
}
