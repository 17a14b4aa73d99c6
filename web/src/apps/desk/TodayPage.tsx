/**
 * 今日工作: what I received today and where each case stands, the applications waiting for the
 * applicant to bring missing materials (补正), and a search over my (or the center's) cases.
 * A returning applicant's case number opens the case for resupply.
 */
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Input, Segmented, Table, Tabs, Tooltip } from 'antd';
import type { InputRef, TableColumnsType } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { parseCaseNo } from '@domain/case-number';
import { api } from '../../shared/api';
import type { QueuePage, QueueRow } from '#contract/cases.js';
import { errorMessage } from '../../shared/errors';
import { formatDateTime, LocalName } from '../../shared/labels';
import { navigate, useLocation, withQuery } from '../../shared/router';
import { useDeskT } from './i18n';
import { CaseStatusTag } from '../../shared/case/ClockBadge';
import { caseNoColumn, ClockText, UrgentTag } from './case-bits';
import { centerToday } from './validation';
import { paperUrl } from './papers';

type Tab = 'today' | 'supplement' | 'search';

/** Today's case numbers start with YYMMDD-, so the server's own filter finds them. */
function todayPrefix(today: string): string {
  return `${today.slice(2, 4)}${today.slice(5, 7)}${today.slice(8, 10)}-`;
}

function useQueue(query: Record<string, string | number | boolean | undefined>, statuses: string[], enabled: boolean) {
  const t = useDeskT();
  const [data, setData] = useState<QueuePage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify([query, statuses]);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    setLoading(true);
    const path = statuses.length ? `/api/cases?${statuses.map((s) => `status=${s}`).join('&')}` : '/api/cases';
    api
      .get<QueuePage>(path, query)
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled, tick]);
  return { data, loading, error, reload: () => setTick((n) => n + 1) };
}

export function TodayPage() {
  const t = useDeskT();
  const { query } = useLocation();
  const tab = (['today', 'supplement', 'search'].includes(query.get('tab') ?? '') ? query.get('tab') : 'today') as Tab;
  const scope = query.get('scope') === 'center' ? 'center' : 'mine';
  const q = query.get('q') ?? '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const today = centerToday();
  const [text, setText] = useState(q);
  const [caseText, setCaseText] = useState('');
  const [caseBad, setCaseBad] = useState(false);
  const caseRef = useRef<InputRef>(null);

  useEffect(() => setText(q), [q]);
  useEffect(() => {
    caseRef.current?.focus();
  }, []);

  const go = (next: Partial<{ tab: Tab; scope: string; q: string; page: number }>) => {
    const m = { tab, scope, q, page, ...next };
    navigate(withQuery('/desk/today', { tab: m.tab === 'today' ? undefined : m.tab, scope: m.scope === 'mine' ? undefined : m.scope, q: m.q, page: m.page > 1 ? m.page : undefined }), { replace: true });
  };

  const todayQ = useQueue({ mine: true, q: todayPrefix(today), pageSize: 200 }, [], true);
  const supplementQ = useQueue({ mine: scope === 'mine', pageSize: 20, page: tab === 'supplement' ? page : 1 }, ['supplement'], true);
  const searchQ = useQueue({ mine: scope === 'mine', q, pageSize: 20, page }, [], tab === 'search');

  const todayRows = useMemo(() => [...(todayQ.data?.items ?? [])].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)), [todayQ.data]);
  const counts = useMemo(() => {
    const by = (s: string[]) => todayRows.filter((r) => s.includes(r.status)).length;
    return {
      total: todayRows.length,
      complete: todayRows.filter((r) => r.status !== 'supplement' && r.status !== 'not_accepted').length,
      supplement: by(['supplement']),
      notAccepted: by(['not_accepted']),
      done: by(['completed', 'delivered']),
    };
  }, [todayRows]);

  function openCase() {
    const caseNo = parseCaseNo(caseText);
    if (!caseNo) {
      setCaseBad(true);
      return;
    }
    navigate(`/desk/cases/${caseNo}`);
  }

  const columns: TableColumnsType<QueueRow> = [
    caseNoColumn(t),
    { title: t('list.item'), key: 'item', className: 'desk-wrap', render: (_, r) => <LocalName x={r.item} /> },
    { title: t('list.applicant'), dataIndex: 'applicantName', width: 150, className: 'desk-wrap' },
    { title: t('applicant.phone'), dataIndex: 'applicantPhone', width: 112, render: (v: string) => <span className="desk-mono">{v}</span> },
    {
      title: t('list.status'),
      key: 'status',
      width: 136,
      render: (_, r) => (
        <span className="desk-status-cell">
          <CaseStatusTag status={r.status} />
          <UrgentTag urgent={r.urgent} />
        </span>
      ),
    },
    { title: t('list.receivedAt'), dataIndex: 'receivedAt', width: 128, render: (v: string) => formatDateTime(v) },
    { title: t('list.due'), key: 'due', width: 150, className: 'desk-wrap', render: (_, r) => <ClockText c={r} /> },
    {
      title: t('list.papers'),
      key: 'papers',
      width: 132,
      render: (_, r) => (
        <span className="desk-nowrap">
          <a href={paperUrl(r.caseNo, 'receipt')} target="_blank" rel="noopener">
            {t('list.receipt')}
          </a>
          {r.status === 'supplement' && (
            <a href={paperUrl(r.caseNo, 'supplement')} target="_blank" rel="noopener" className="desk-link-gap">
              {t('list.supplement')}
            </a>
          )}
        </span>
      ),
    },
  ];

  const table = (rows: QueueRow[], loading: boolean, total: number, paged: boolean, testId: string) => (
    <Table<QueueRow>
      rowKey="caseNo"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      data-testid={testId}
      tableLayout="fixed"
      scroll={{ y: 'calc(100vh - 430px)' }}
      onRow={(r) => ({ onDoubleClick: () => navigate(`/desk/cases/${r.caseNo}`), 'data-testid': 'case-row', 'data-case-no': r.caseNo }) as HTMLAttributes<HTMLElement>}
      pagination={
        paged
          ? { current: page, pageSize: 20, total, showSizeChanger: false, showTotal: (n) => t('common.total', { n }), onChange: (p) => go({ page: p }), size: 'small' }
          : false
      }
      locale={{ emptyText: t('list.empty') }}
    />
  );

  const scopeSwitch = (
    <Segmented
      size="small"
      value={scope}
      onChange={(v) => go({ scope: v as string, page: 1 })}
      options={[
        { value: 'mine', label: t('list.mine') },
        { value: 'center', label: t('list.center') },
      ]}
      data-testid="scope-switch"
    />
  );

  return (
    <div className="desk-page" data-testid="today-page">
      <div className="desk-page-head">
        <h2 className="desk-h2">
          {t('nav.today')} <span className="desk-muted desk-h2-sub">{today}</span>
        </h2>
        <Tooltip open={caseBad} title={t('lookup.bad')} color="#cf1322" placement="bottom">
          <Input
            ref={caseRef}
            className="desk-case-open"
            prefix={<SearchOutlined />}
            value={caseText}
            status={caseBad ? 'error' : undefined}
            onChange={(e) => {
              setCaseText(e.target.value);
              setCaseBad(false);
            }}
            onBlur={() => setCaseBad(false)}
            onPressEnter={openCase}
            placeholder={t('today.openPlaceholder')}
            aria-label={t('today.openPlaceholder')}
            data-testid="today-case-open"
          />
        </Tooltip>
        <Button onClick={openCase} type="primary" data-testid="today-case-open-btn">
          {t('today.open')}
        </Button>
        <Button
          icon={<ReloadOutlined />}
          className="desk-push-right"
          onClick={() => {
            todayQ.reload();
            supplementQ.reload();
            searchQ.reload();
          }}
        >
          {t('common.refresh')}
        </Button>
      </div>

      <div className="desk-stats" data-testid="today-stats">
        <div className="desk-stat">
          <div className="desk-stat-n" data-testid="stat-total">{counts.total}</div>
          <div className="desk-stat-l">{t('today.statTotal')}</div>
        </div>
        <div className="desk-stat ok">
          <div className="desk-stat-n">{counts.complete}</div>
          <div className="desk-stat-l">{t('checklist.complete')}</div>
        </div>
        <div className="desk-stat warn">
          <div className="desk-stat-n">{counts.supplement}</div>
          <div className="desk-stat-l">{t('today.statSupplement')}</div>
        </div>
        <div className="desk-stat bad">
          <div className="desk-stat-n">{counts.notAccepted}</div>
          <div className="desk-stat-l">{t('today.statNotAccepted')}</div>
        </div>
        <div className="desk-stat">
          <div className="desk-stat-n">{counts.done}</div>
          <div className="desk-stat-l">{t('today.statDone')}</div>
        </div>
        <div className="desk-stat warn">
          <div className="desk-stat-n" data-testid="stat-waiting">{supplementQ.data?.total ?? '—'}</div>
          <div className="desk-stat-l">{t(scope === 'mine' ? 'today.statWaitingMine' : 'today.statWaitingCenter')}</div>
        </div>
      </div>

      {(todayQ.error || supplementQ.error || searchQ.error) && (
        <Alert type="error" showIcon title={todayQ.error || supplementQ.error || searchQ.error} className="desk-gap" />
      )}

      <section className="desk-card desk-card-tight">
        <Tabs
          activeKey={tab}
          onChange={(k) => go({ tab: k as Tab, page: 1 })}
          tabBarExtraContent={tab === 'today' ? undefined : scopeSwitch}
          items={[
            {
              key: 'today',
              label: t('today.tabToday', { n: counts.total }),
              children: table(todayRows, todayQ.loading, todayRows.length, false, 'today-table'),
            },
            {
              key: 'supplement',
              label: t('today.tabSupplement', { n: supplementQ.data?.total ?? 0 }),
              children: (
                <>
                  <p className="desk-muted desk-tab-hint">{t('today.supplementHint')}</p>
                  {table(supplementQ.data?.items ?? [], supplementQ.loading, supplementQ.data?.total ?? 0, true, 'supplement-table')}
                </>
              ),
            },
            {
              key: 'search',
              label: t('today.tabSearch'),
              children: (
                <>
                  <Input.Search
                    className="desk-search-box"
                    allowClear
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    onSearch={(v) => go({ q: v.trim(), page: 1 })}
                    placeholder={t('today.searchPlaceholder')}
                    aria-label={t('today.searchPlaceholder')}
                    data-testid="today-search"
                  />
                  {table(searchQ.data?.items ?? [], searchQ.loading, searchQ.data?.total ?? 0, true, 'search-table')}
                </>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}
