/**
 * The queue: an approver's department (its own cases and the joint tasks it takes part in), or for
 * supervisors and leaders the whole center. Sorted by due date; filters live in the URL so a
 * filtered view can be bookmarked and comes back with the browser's back button.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Select, Typography } from 'antd';
import { CASE_STATUSES, OPEN } from '@domain/case-workflow';
import { api } from '../../shared/api';
import type { ItemPage } from '#contract/catalog.js';
import type { QueuePage as QueueAnswer, Warning } from '#contract/cases.js';
import { errorMessage } from '../../shared/errors';
import { useI18n } from '../../shared/i18n';
import { navigate, useLocation, withQuery } from '../../shared/router';
import { statusLabel } from '../../shared/case/ClockBadge';
import { useDepartmentName } from '../../shared/case/dept-names';
import { useDepartments } from '../../shared/departments';
import { isReader, rememberList, useOfficeT, type OfficeUser } from './office-t';
import { CaseSearch, QueueTable } from './QueueTable';
import { WarningCounts, type Counts } from './WarningCounts';
import { OfficePageTitle } from './OfficePageTitle';
import { RefreshButton } from '../../shared/ListPanel';

const CLOSED = CASE_STATUSES.filter((s) => !(OPEN as readonly string[]).includes(s));
const WARNINGS: Warning[] = ['normal', 'yellow', 'red'];

/** `status` in the URL: a preset (open / closed / all) or one status. */
function statusQuery(status: string): string {
  const list = status === 'all' ? [] : status === 'closed' ? CLOSED : status === 'open' ? OPEN : [status];
  return list.map((s) => `status=${encodeURIComponent(s)}`).join('&');
}

interface Filters {
  q: string;
  status: string;
  warning: string;
  item: string;
  dept: string;
  page: number;
  pageSize: number;
}

export function QueuePage({ me, scope }: { me: OfficeUser; scope: 'department' | 'center' }) {
  const t = useOfficeT();
  const { lang } = useI18n();
  const deptName = useDepartmentName();
  const { query, search } = useLocation();
  const base = scope === 'center' ? '/office/all' : '/office';
  rememberList(base + search);
  const f: Filters = {
    q: query.get('q') ?? '',
    status: query.get('status') ?? 'open',
    warning: WARNINGS.includes(query.get('warning') as Warning) ? query.get('warning')! : '',
    item: query.get('item') ?? '',
    dept: scope === 'center' ? query.get('dept') ?? '' : '',
    page: Math.max(1, Number(query.get('page')) || 1),
    pageSize: Math.min(100, Math.max(10, Number(query.get('pageSize')) || 20)),
  };
  const { departments } = useDepartments();

  const [data, setData] = useState<QueueAnswer | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [countsLoading, setCountsLoading] = useState(true);
  const [items, setItems] = useState<{ code: string; name: string }[]>([]);
  const [itemsLoading, setItemsLoading] = useState(true);
  const [tick, setTick] = useState(0);


  const statusPart = statusQuery(f.status);
  const path = statusPart ? `/api/cases?${statusPart}` : '/api/cases';
  const common = { q: f.q, item: f.item, department: f.dept };

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    api
      .get<QueueAnswer>(path, { ...common, warning: f.warning, page: f.page, pageSize: f.pageSize })
      .then((d) => alive && setData(d))
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, f.q, f.item, f.dept, f.warning, f.page, f.pageSize, tick]);

  // The counts per warning level under the same filters (the warning filter itself aside).
  useEffect(() => {
    let alive = true;
    setCountsLoading(true);
    Promise.all(
      (['', ...WARNINGS] as const).map((w) => api.get<QueueAnswer>(path, { ...common, warning: w, pageSize: 1 }).then((d) => [w || 'all', d.total] as const)),
    )
      .then((pairs) => alive && setCounts(Object.fromEntries(pairs) as Counts))
      .catch(() => alive && setCounts(null))
      .finally(() => alive && setCountsLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, f.q, f.item, f.dept, tick]);

  // Items to filter by: the department's catalog (or the chosen department's, or all of them).
  const itemDept = scope === 'department' ? me.department?.code ?? '' : f.dept;
  useEffect(() => {
    let alive = true;
    setItemsLoading(true);
    api
      .get<ItemPage>('/api/items', { department: itemDept, pageSize: 200 })
      .then((p) => alive && setItems(p.items.map((i) => ({ code: i.code, name: i.name }))))
      .catch(() => alive && setItems([]))
      .finally(() => alive && setItemsLoading(false));
    return () => {
      alive = false;
    };
  }, [itemDept]);

  // Joint items led by another department show up in the queue too; offer them as filters.
  const itemOptions = useMemo(() => {
    const all = new Map(items.map((i) => [i.code, i.name]));
    for (const r of data?.items ?? []) if (!all.has(r.item.code)) all.set(r.item.code, r.item.name);
    return [...all].map(([code, name]) => ({ value: code, label: name, title: name }));
  }, [items, data]);

  const go = (next: Partial<Filters>) => {
    const m = { ...f, ...next };
    navigate(
      withQuery(base, {
        q: m.q,
        status: m.status !== 'open' ? m.status : undefined,
        warning: m.warning,
        item: m.item,
        dept: m.dept,
        page: m.page > 1 ? m.page : undefined,
        pageSize: m.pageSize !== 20 ? m.pageSize : undefined,
      }),
    );
  };
  const filtered = f.q || f.status !== 'open' || f.warning || f.item || f.dept;

  const title = scope === 'center' ? t('queue.titleAll') : t('queue.title');
  const myDept = me.department ? deptName(me.department.code, me.department.name) : '';

  return (
    <div data-testid="queue-page">
      <OfficePageTitle title={title} subtitle={t('queue.subtitle')}>
        {scope === 'department' && myDept && <Typography.Text type="secondary">{myDept}</Typography.Text>}
      </OfficePageTitle>

      <WarningCounts counts={counts} loading={countsLoading} active={f.warning} onPick={(w) => go({ warning: w, page: 1 })} />

      <div style={{ background: '#fff', borderRadius: 8, padding: 12 }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12, alignItems: 'center' }}>
          <CaseSearch q={f.q} onSearch={(q) => go({ q, page: 1 })} testId="queue-search" />
          <Select
            style={{ width: 132 }}
            value={f.status}
            onChange={(v) => go({ status: v, page: 1 })}
            aria-label={t('queue.status')}
            data-testid="queue-status"
            popupMatchSelectWidth={false}
            options={[
              { value: 'open', label: t('queue.status.open') },
              { value: 'closed', label: t('queue.status.closed') },
              { value: 'all', label: t('queue.status.all') },
              { label: t('queue.status.group'), title: t('queue.status.group'), options: CASE_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) })) },
            ]}
          />
          {scope === 'center' && (
            <Select
              style={{ width: 180 }}
              value={f.dept}
              onChange={(v) => go({ dept: v, item: '', page: 1 })}
              aria-label={t('queue.department')}
              data-testid="queue-department"
              showSearch={{ optionFilterProp: 'label' }}
              popupMatchSelectWidth={false}
              options={[{ value: '', label: t('queue.department.all') }, ...departments.map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn || d.name }))]}
            />
          )}
          <Select
            style={{ width: 260 }}
            value={f.item}
            onChange={(v) => go({ item: v, page: 1 })}
            aria-label={t('queue.item')}
            data-testid="queue-item"
            loading={itemsLoading}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={420}
            options={[{ value: '', label: t('queue.item.all') }, ...itemOptions]}
          />
          <Select
            style={{ width: 150 }}
            value={f.warning}
            onChange={(v) => go({ warning: v, page: 1 })}
            aria-label={t('queue.warning')}
            data-testid="queue-warning"
            options={[
              { value: '', label: t('queue.warning.all') },
              { value: 'normal', label: t('queue.count.normal') },
              { value: 'yellow', label: t('queue.count.yellow') },
              { value: 'red', label: t('queue.count.red') },
            ]}
          />
          {filtered && (
            <Button onClick={() => navigate(base)} data-testid="queue-reset">
              {t('queue.reset')}
            </Button>
          )}
          <div style={{ flex: 1 }} />
          <RefreshButton onClick={() => setTick((n) => n + 1)} loading={loading} testId="queue-refresh">{t('queue.refresh')}</RefreshButton>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="queue-error" />}
        <QueueTable
          rows={data?.items ?? []}
          loading={loading}
          showDepartment={scope === 'center' || isReader(me)}
          myDepartment={me.department?.code}
          pagination={{
            current: data?.page ?? f.page,
            pageSize: data?.pageSize ?? f.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (n) => t('queue.total', { n }),
            onChange: (p, ps) => go({ page: ps !== f.pageSize ? 1 : p, pageSize: ps }),
          }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('queue.openHint')}
        </Typography.Text>
      </div>
    </div>
  );
}
