import { Card, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ItemVersion } from '#contract/catalog.js';
import { StatusTag, formatDateTime } from '../../../shared/labels';
import { useAdminT } from '../admin-t';

/** Every version of the item, newest first as the server lists them, with its publish warnings. */
export function VersionsCard({ versions }: { versions: ItemVersion[] }) {
  const t = useAdminT();
  const columns: TableColumnsType<ItemVersion> = [
    { title: t('editor.ver.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    { title: t('editor.ver.status'), dataIndex: 'status', width: 90, render: (_, v) => <StatusTag status={v.status} /> },
    { title: t('editor.ver.createdAt'), dataIndex: 'createdAt', width: 150, responsive: ['md'], render: (v: string) => formatDateTime(v) },
    { title: t('editor.ver.publishedAt'), dataIndex: 'publishedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
    {
      title: t('editor.ver.warnings'),
      dataIndex: 'warnings',
      render: (_, v) =>
        v.warnings?.length ? (
          <Space orientation="vertical" size={0}>
            {v.warnings.map((w) => (
              <Typography.Text key={w.code} type="warning">
                {w.message}
              </Typography.Text>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card title={t('editor.versions')} size="small">
      <Table<ItemVersion>
        data-testid="versions-table"
        rowKey="version"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={versions}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
