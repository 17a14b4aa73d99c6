/**
 * 预警提醒: the alerts the warning scan raised when a case or a joint-case step turned yellow or red.
 * Approvers see their department's (and mark them read), supervisors and leaders every department,
 * with the counts per department on top.
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { api, seg } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { WARNING_COLOR } from '../../../shared/case/ClockBadge';
import { Link, navigate, useLocation, withQuery } from '../../../shared/router';
import { localTime } from './types';
import type { Alert as AlertRow, AlertCounts, AlertList } from '#contract/warnings.js';
import { useAlertT, type AlertKey } from './alert-messages';
import { OfficePageTitle } from '../OfficePageTitle';
import { useFetched } from '../../../shared/use-fetched';
import { RefreshButton } from '../../../shared/ListPanel';

const LEVEL_COLOR: Record<string, string> = { yellow: WARNING_COLOR.yellow, red: WARNING_COLOR.red };

const CHANGED = 'ow-alerts-changed';

/** The menu entry with the number of unread alerts, refreshed when one is marked read here. */
export function AlertsNavLabel() {
  const t = useAlertT();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let alive = true;
    const load = () => api.get<AlertCounts>('/api/supervision/alerts/counts').then((c) => alive && setUnread(c.unread)).catch(() => undefined);
    void load();
    window.addEventListener(CHANGED, load);
    return () => {
      alive = false;
      window.removeEventListener(CHANGED, load);
    };
  }, []);
  return (
    <Space size={4}>
      {t('nav.alerts')}
      <Badge count={unread} size="small" overflowCount={99} data-testid="alerts-badge" />
    </Space>
  );
}

export function AlertsPage({ reader }: { reader: boolean }) {
  const t = useAlertT();
  const { query } = useLocation();
  const unread = query.get('unread') === '1';
  const levelParam = query.get('level') ?? '';
  const level = levelParam === 'yellow' || levelParam === 'red' ? levelParam : '';
  const page = Math.max(1, Number(query.get('page')) || 1);

  const { data, loading, error, setError, reload } = useFetched(
    t,
    () => Promise.all([
      api.get<AlertList>('/api/supervision/alerts', { unread: unread || undefined, level: level || undefined, page, pageSize: 20 }),
      api.get<AlertCounts>('/api/supervision/alerts/counts'),
    ]),
    [unread, level, page],
  );
  const [list, counts] = data ?? [null, null];

  const go = (next: Partial<{ unread: string; level: string; page: string }>) =>
    navigate(withQuery('/office/alerts', { unread: unread ? '1' : '', level, page: '', ...next }));

  async function markRead(row: AlertRow) {
    try {
      await api.post(`/api/supervision/alerts/${seg(row.id)}/read`);
      reload();
      window.dispatchEvent(new Event(CHANGED));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }

  const levelTag = (l: string) => (
    <Tag color={LEVEL_COLOR[l] ?? 'default'}>{t(`alerts.level.${l}` as AlertKey)}</Tag>
  );

  return (
    <div data-testid="alerts-page">
      <OfficePageTitle title={t('alerts.title')} subtitle={reader ? t('alerts.subtitleReader') : t('alerts.subtitleApprover')} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {counts && (
        <div style={{ background: '#fff', borderRadius: 8, padding: 12, marginBottom: 12 }}>
          <Typography.Text strong>{t('alerts.byDept')}</Typography.Text>
          <Table
            size="small"
            rowKey={(r) => r.department.code}
            pagination={false}
            dataSource={counts.departments.filter((d) => !reader || d.yellow + d.red + d.openYellow + d.openRed > 0)}
            data-testid="alert-counts"
            style={{ marginTop: 8 }}
            columns={[
              { title: t('alerts.byDept.col.department'), render: (_, r) => r.department.name },
              { title: t('alerts.byDept.col.yellow'), dataIndex: 'yellow', align: 'right' },
              { title: t('alerts.byDept.col.red'), dataIndex: 'red', align: 'right' },
              { title: t('alerts.byDept.col.unread'), align: 'right', render: (_, r) => r.unreadYellow + r.unreadRed },
              { title: t('alerts.byDept.col.open'), align: 'right', render: (_, r) => `${r.openYellow} / ${r.openRed}` },
            ]}
          />
        </div>
      )}
      <div style={{ background: '#fff', borderRadius: 8, padding: 12 }}>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 12, alignItems: 'center' }}>
          <Checkbox checked={unread} onChange={(e) => go({ unread: e.target.checked ? '1' : '' })} data-testid="alerts-unread">
            {t('alerts.filter.unread')}
          </Checkbox>
          <Select
            style={{ width: 140 }}
            value={level}
            onChange={(v) => go({ level: v })}
            aria-label={t('alerts.filter.level')}
            data-testid="alerts-level"
            options={[
              { value: '', label: t('alerts.level.all') },
              { value: 'yellow', label: t('alerts.level.yellow') },
              { value: 'red', label: t('alerts.level.red') },
            ]}
          />
          {list && <Typography.Text type="secondary" data-testid="alerts-unread-count">{t('alerts.unreadCount', { n: list.unread })}</Typography.Text>}
          <div style={{ flex: 1 }} />
          <RefreshButton onClick={reload}>{t('common.refresh')}</RefreshButton>
        </div>
        <Table<AlertRow>
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={list?.items ?? []}
          data-testid="alerts-table"
          locale={{ emptyText: <Empty description={t('alerts.empty')} /> }}
          pagination={{ current: page, pageSize: 20, total: list?.total ?? 0, showSizeChanger: false, onChange: (p) => go({ page: String(p) }) }}
          rowClassName={(r) => (r.readAt ? '' : 'ow-alert-unread')}
          columns={[
            { title: t('alerts.col.level'), width: 80, render: (_, r) => levelTag(r.level) },
            {
              title: t('alerts.col.case'),
              render: (_, r) => <Link href={`/office/cases/${encodeURIComponent(r.caseNo)}`} data-testid="alert-case">{r.caseNo}</Link>,
            },
            { title: t('alerts.col.item'), dataIndex: 'itemName', ellipsis: true },
            { title: t('alerts.col.department'), render: (_, r) => r.department.name },
            { title: t('alerts.col.task'), render: (_, r) => r.task?.stageName ?? '—' },
            { title: t('alerts.col.due'), dataIndex: 'dueDate', width: 110 },
            { title: t('alerts.col.raised'), width: 150, render: (_, r) => localTime(r.raisedAt) },
            { title: t('alerts.col.now'), width: 80, render: (_, r) => levelTag(r.currentLevel) },
            {
              title: t('alerts.col.read'),
              width: 150,
              render: (_, r) => (r.readAt
                ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('alerts.readAt', { at: localTime(r.readAt) })}</Typography.Text>
                : <Button size="small" onClick={() => markRead(r)} data-testid="alert-mark-read">{t('alerts.markRead')}</Button>),
            },
          ]}
        />
      </div>
    </div>
  );
}
