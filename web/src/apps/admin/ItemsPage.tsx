/** 事项管理: the catalog list with search, department and status filters. Filters live in the URL. */
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../shared/api';
import type { ItemPage, ItemSummary } from '#contract/catalog.js';
import { useI18n } from '../../shared/i18n';
import { useAdminT } from './admin-t';
import { Link, navigate, useLocation, withQuery } from '../../shared/router';
import { KindTag, StatusTag } from '../../shared/labels';
import { useDepartments, departmentName } from '../../shared/departments';
import { PageTitle } from './PageTitle';
import { useFetched } from '../../shared/use-fetched';
import { pagedTable } from './paged-list';

const STATUSES = ['draft', 'published', 'retired'] as const;

export function ItemsPage() {
  const t = useAdminT();
  const { lang } = useI18n();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const department = query.get('department') ?? '';
  const status = query.get('status') ?? '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(5, Number(query.get('pageSize')) || 20));
  const { departments } = useDepartments('/api/admin/departments');

  const [text, setText] = useState(q);

  useEffect(() => setText(q), [q]);
  const { data, loading, error } = useFetched(t, () => api.get<ItemPage>('/api/admin/items', { q, department, status, page, pageSize }), [q, department, status, page, pageSize], {
    loadingAtFirst: false,
  });

  const go = (next: Partial<{ q: string; department: string; status: string; page: number; pageSize: number }>) => {
    const merged = { q, department, status, page, pageSize, ...next };
    navigate(
      withQuery('/admin/items', {
        q: merged.q,
        department: merged.department,
        status: merged.status,
        page: merged.page > 1 ? merged.page : undefined,
        pageSize: merged.pageSize !== 20 ? merged.pageSize : undefined,
      }),
    );
  };

  const columns: TableColumnsType<ItemSummary> = [
    { title: t('items.col.code'), dataIndex: 'code', width: 150, responsive: ['md'] },
    {
      title: t('items.col.name'),
      dataIndex: 'name',
      render: (_, r) => (
        <Link href={`/admin/items/${encodeURIComponent(r.code)}`} onClick={(e) => e.stopPropagation()} data-testid="item-link" data-code={r.code}>
          {r.name}
        </Link>
      ),
    },
    {
      title: t('items.col.department'),
      key: 'department',
      responsive: ['lg'],
      render: (_, r) => departmentName(departments, lang, r.department.code, r.department.name),
    },
    { title: t('items.col.kind'), dataIndex: 'kind', width: 90, render: (_, r) => <KindTag kind={r.kind} /> },
    {
      title: t('items.col.limits'),
      key: 'limits',
      width: 110,
      responsive: ['md'],
      render: (_, r) => (r.kind === 'immediate' ? t('limit.immediate') : `${r.statutoryDays} / ${r.promisedDays}`),
    },
    { title: t('items.col.version'), dataIndex: 'version', width: 90, responsive: ['lg'], render: (v: number | null) => (v == null ? '—' : `v${v}`) },
    {
      title: t('items.col.status'),
      dataIndex: 'status',
      width: 150,
      render: (_, r) => (
        <Space size={4} wrap>
          <StatusTag status={r.status} />
          {r.hasDraft && <Tag color="orange">{t('status.hasDraft')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/admin/items/new')} data-testid="new-item">
            {t('items.new')}
          </Button>
        }
      >
        {t('admin.menu.items')}
      </PageTitle>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder={t('items.searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => go({ q: v.trim(), page: 1 })}
            data-testid="items-search"
            aria-label={t('common.search')}
          />
          <Select
            style={{ minWidth: 180 }}
            value={department}
            onChange={(v) => go({ department: v, page: 1 })}
            data-testid="items-department"
            aria-label={t('items.department')}
            options={[
              { value: '', label: `${t('items.department')}: ${t('common.all')}` },
              ...departments.map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn || d.name })),
            ]}
          />
          <Select
            style={{ minWidth: 140 }}
            value={status}
            onChange={(v) => go({ status: v, page: 1 })}
            data-testid="items-status"
            aria-label={t('items.status')}
            options={[
              { value: '', label: `${t('items.status')}: ${t('common.all')}` },
              ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
            ]}
          />
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Table<ItemSummary>
          data-testid="items-table"
          rowKey="code"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          rowClassName={() => 'ow-clickable-row'}
          onRow={(r) => ({ onClick: () => navigate(`/admin/items/${encodeURIComponent(r.code)}`), 'data-testid': 'item-row' } as HTMLAttributes<HTMLElement>)}
          pagination={pagedTable(data, { page, pageSize }, go, t)}
        />
      </Card>
    </>
  );
}
