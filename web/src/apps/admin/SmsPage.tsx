/**
 * 短信发件箱: the text messages to applicants, newest first — what went out, what waits for its next
 * try and what gave up. Read-only; the server masks the numbers and hides link parameters.
 */
import { zonedTime } from '../../shared/time-zone';
import { useState } from 'react';
import { Alert, Button, Card, Radio, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../shared/api';
import type { SmsItem, SmsPage as SmsPageData } from '#contract/sms.js';
import { SMS_STATUSES, type SmsStatus } from '#contract/sms-values.js';
import { useAdminT } from './admin-t';
import type { AdminKey } from './messages';
import { formatDateTime } from '../../shared/labels';
import { navigate, useLocation, withQuery } from '../../shared/router';
import { PageTitle } from './PageTitle';
import { useFetched } from '../../shared/use-fetched';
import { pagedTable } from './paged-list';
import { RefreshButton } from '../../shared/ListPanel';

const STATUS_COLOR: Record<SmsStatus, string> = { pending: 'processing', sending: 'cyan', sent: 'success', failed: 'error' };
const TEMPLATES = ['received', 'supplement', 'accepted', 'paused', 'resumed', 'completed', 'delivered', 'refused', 'not-accepted', 'cancelled', 'withdrawn', 'returned'];

/** Every applicant message names its case as 办件编号…; the list answers only the case's id. */
export function caseNoOf(body: string): string | null {
  return /办件编号([0-9A-Za-z-]+)/.exec(body)?.[1] ?? null;
}

export function SmsPage() {
  const t = useAdminT();
  const { query } = useLocation();
  const status = (SMS_STATUSES as readonly string[]).includes(query.get('status') ?? '') ? (query.get('status') as SmsStatus) : '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(5, Number(query.get('pageSize')) || 20));

  const [loadedAt, setLoadedAt] = useState<Date | null>(null);

  const { data, loading, error, reload } = useFetched(t, () => api.get<SmsPageData>('/api/admin/sms', { status, page, pageSize }), [status, page, pageSize], {
    onLoaded: () => setLoadedAt(new Date()),
    loadingAtFirst: false,
  });

  const go = (next: Partial<{ status: string; page: number; pageSize: number }>) => {
    const m = { status, page, pageSize, ...next };
    navigate(withQuery('/admin/sms', { status: m.status, page: m.page > 1 ? m.page : undefined, pageSize: m.pageSize !== 20 ? m.pageSize : undefined }));
  };

  const templateLabel = (tpl: string) => (TEMPLATES.includes(tpl) ? t(`sms.tpl.${tpl}` as AdminKey) : tpl);
  const muted = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

  const columns: TableColumnsType<SmsItem> = [
    { title: t('sms.col.createdAt'), dataIndex: 'createdAt', width: 136, render: (v: string) => formatDateTime(v) },
    {
      title: t('sms.col.recipient'),
      dataIndex: 'recipient',
      width: 116,
      render: (v: string) => <span style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}>{v}</span>,
    },
    {
      title: t('sms.col.caseNo'),
      key: 'caseNo',
      width: 146,
      render: (_, r) => {
        const no = caseNoOf(r.body);
        return no ? <span style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}>{no}</span> : muted('—');
      },
    },
    {
      title: t('sms.col.template'),
      dataIndex: 'template',
      width: 100,
      render: (v: string) => (
        <Tooltip title={v}>
          <span>{templateLabel(v)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('sms.col.status'),
      dataIndex: 'status',
      width: 96,
      // A waiting message that already failed once is a retry, which is what the administrator looks for.
      render: (s: SmsStatus, r) =>
        s === 'pending' && r.attempts > 0 ? (
          <Tag color="warning" data-status="retrying">
            {t('sms.status.retrying')}
          </Tag>
        ) : (
          <Tag color={STATUS_COLOR[s]} data-status={s}>
            {t(`sms.status.${s}`)}
          </Tag>
        ),
    },
    { title: t('sms.col.attempts'), dataIndex: 'attempts', width: 86, align: 'right' },
    {
      title: t('sms.col.nextAttempt'),
      key: 'next',
      width: 136,
      // Only a waiting message has a next try; for the others the column would repeat an old date.
      render: (_, r) => (r.status === 'pending' || r.status === 'sending' ? formatDateTime(r.nextAttemptAt) : muted('—')),
    },
    { title: t('sms.col.sentAt'), dataIndex: 'sentAt', width: 140, responsive: ['xxl'], render: (v: string | null) => (v ? formatDateTime(v) : muted('—')) },
    {
      title: t('sms.col.lastError'),
      dataIndex: 'lastError',
      ellipsis: { showTitle: false },
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v} placement="topLeft">
            <Typography.Text type="danger">{v}</Typography.Text>
          </Tooltip>
        ) : (
          muted('—')
        ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Space>
            {loadedAt && (
              <Typography.Text type="secondary" data-testid="sms-loaded-at">
                {t('sms.refreshedAt', { time: zonedTime(loadedAt, true) })}
              </Typography.Text>
            )}
            <RefreshButton onClick={reload} loading={loading} testId="sms-refresh">{t('sms.refresh')}</RefreshButton>
          </Space>
        }
      >
        {t('admin.menu.sms')}
      </PageTitle>
      <Card>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 16 }}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={status}
            onChange={(e) => go({ status: e.target.value as string, page: 1 })}
            data-testid="sms-status"
            aria-label={t('sms.filter.status')}
            options={[{ value: '', label: t('common.all') }, ...SMS_STATUSES.map((s) => ({ value: s, label: t(`sms.status.${s}`) }))]}
          />
          <Typography.Text type="secondary" style={{ flex: '1 1 320px', fontSize: 13 }}>
            {t('sms.hint')}
          </Typography.Text>
        </div>
        {data?.codesShown && <Alert type="info" showIcon title={t('sms.demoCodes')} style={{ marginBottom: 16 }} data-testid="sms-demo-codes" />}
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>} />
        )}
        <Table<SmsItem>
          data-testid="sms-table"
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          // Below this the columns would crush: scroll instead. Above it the last error takes what is left.
          scroll={{ x: 1040 }}
          expandable={{
            expandedRowRender: (r) => (
              <div style={{ paddingInlineStart: 8 }}>
                <Typography.Text type="secondary">{t('sms.body')}：</Typography.Text>
                <span className="ow-pre">{r.body}</span>
              </div>
            ),
          }}
          pagination={pagedTable(data, { page, pageSize }, go, t)}
        />
      </Card>
    </>
  );
}
