/** Search box, department filter and the result table. The URL (?q=&department=&page=) is the state. */
import { useEffect, useState } from 'react';
import { Alert, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { api } from '../../shared/api';
import type { Department } from '#contract/departments.js';
import type { ItemPage, ItemSummary } from '#contract/catalog.js';
import { useI18n } from '../../shared/i18n';
import { usePortalT } from './portal-t';
import { Link, navigate, useLocation, withQuery } from '../../shared/router';
import { KindTag, feeText, limitsText, localName } from '../../shared/labels';
import { errorMessage } from '../../shared/errors';
import { departmentName } from '../../shared/departments';
import { rememberSearch } from './nav';
import { EventStrip } from './browse/EventStrip';

const PAGE_SIZE = 20;

export function SearchPage({ departments }: { departments: Department[] }) {
  const t = usePortalT();
  const { lang } = useI18n();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const department = query.get('department') ?? '';
  const page = Math.max(1, Number(query.get('page')) || 1);

  const [text, setText] = useState(q);
  const [data, setData] = useState<ItemPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setText(q), [q]);
  useEffect(() => rememberSearch(withQuery('/', { q, department, page: page > 1 ? page : undefined })), [q, department, page]);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    setError(null);
    api
      .get<ItemPage>('/api/items', { q, department, page, pageSize: PAGE_SIZE })
      .then((d) => alive && setData(d))
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // t changes with the language; no refetch needed for that
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, department, page]);

  const go = (next: { q?: string; department?: string; page?: number }) =>
    navigate(withQuery('/', { q: next.q ?? q, department: next.department ?? department, page: next.page && next.page > 1 ? next.page : undefined }));

  const columns: TableColumnsType<ItemSummary> = [
    {
      title: t('portal.col.name'),
      dataIndex: 'name',
      render: (_, r) => (
        <Link href={withQuery('/', { item: r.code })} data-testid="result-link" data-code={r.code}>
          {localName(r, lang)}
        </Link>
      ),
    },
    {
      title: t('portal.col.department'),
      dataIndex: ['department', 'name'],
      responsive: ['md'],
      render: (_, r) => departmentName(departments, lang, r.department.code, r.department.name),
    },
    { title: t('portal.col.kind'), dataIndex: 'kind', width: 96, render: (_, r) => <KindTag kind={r.kind} /> },
    {
      title: t('portal.col.limits'),
      key: 'limits',
      responsive: ['sm'],
      render: (_, r) => limitsText(t, r.kind, r.statutoryDays, r.promisedDays),
    },
    {
      title: t('portal.col.online'),
      dataIndex: 'onlineAllowed',
      width: 100,
      responsive: ['md'],
      render: (v: boolean) => (v ? <Tag color="cyan">{t('portal.online.yes')}</Tag> : <Tag>{t('portal.online.no')}</Tag>),
    },
    { title: t('portal.col.fee'), dataIndex: 'feeCents', width: 90, responsive: ['lg'], render: (v: number) => feeText(t, v) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {/* The page's one level-one heading: screen readers jump to it; the header only has the site name. */}
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }} data-testid="portal-heading">
            {t('portal.heading')}
          </Typography.Title>
          <Input.Search
            size="large"
            allowClear
            enterButton={t('common.search')}
            placeholder={t('portal.searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => go({ q: v.trim(), page: 1 })}
            data-testid="portal-search"
            aria-label={t('common.search')}
          />
          <Space wrap>
            <Typography.Text>{t('portal.department')}</Typography.Text>
            <Select
              style={{ minWidth: 220 }}
              value={department}
              onChange={(v) => go({ department: v, page: 1 })}
              data-testid="portal-department"
              aria-label={t('portal.department')}
              options={[
                { value: '', label: t('portal.allDepartments') },
                ...departments
                  .filter((d) => d.status === 'active')
                  .map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn || d.name })),
              ]}
            />
          </Space>
        </Space>
      </Card>
      {!q && !department && <EventStrip />}
      {error && <Alert type="error" showIcon title={error} />}
      <Card title={data ? t('portal.resultsTotal', { n: data.total }) : undefined}>
        <Table<ItemSummary>
          data-testid="portal-results"
          rowKey="code"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('portal.noResults') }}
          pagination={{
            current: data?.page ?? page,
            pageSize: data?.pageSize ?? PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (p) => go({ page: p }),
          }}
        />
      </Card>
    </Space>
  );
}
