/** The cases behind a figure: opened by clicking any number or bar; the count equals the figure. */
import { zonedShort } from '../../shared/time-zone';
import { useEffect, useState } from 'react';
import { Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { STATUS_LABELS, type CaseStatus } from '@domain/case-workflow';
import { api, buildUrl } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { useI18n } from '../../shared/i18n';
import { LEVEL_COLORS } from './charts';
import type { DashKey } from './messages';
import { useDashT, type CaseListAnswer, type Drill } from './stats-api';

const PAGE_SIZE = 20;

function query(drill: Drill) {
  return { figure: drill.figure, from: drill.from, to: drill.to, department: drill.department, item: drill.item, level: drill.level, hour: drill.hour, weekday: drill.weekday };
}

export function CaseListDrawer({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const t = useDashT();
  const { lang } = useI18n();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<CaseListAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => setPage(1), [drill]);
  useEffect(() => {
    if (!drill) return;
    let alive = true;
    setLoading(true);
    setError(null);
    api.get<CaseListAnswer>('/api/stats/cases', { ...query(drill), page, pageSize: PAGE_SIZE })
      .then((d) => alive && setData(d))
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [drill, page, t]);

  const figureName = drill ? t(`fig.${drill.figure}` as DashKey) : '';
  const scope = drill ? [drill.from === drill.to ? drill.from : `${drill.from ?? ''} ~ ${drill.to ?? ''}`,
    drill.hour !== undefined ? t('chart.hour', { h: drill.hour }) : null,
    drill.weekday !== undefined ? t(`wd.${drill.weekday}` as DashKey) : null].filter(Boolean).join(' · ') : '';
  return (
    <Drawer
      open={drill !== null}
      onClose={onClose}
      size={1000}
      title={<span data-testid="case-list-title">{t('list.title', { figure: figureName })}</span>}
      extra={drill && (
        <Button icon={<DownloadOutlined />} href={buildUrl('/api/stats/cases.csv', query(drill))} data-testid="case-list-csv">
          {t('list.csv')}
        </Button>
      )}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {scope} · <span data-testid="case-list-total">{t('list.count', { n: data?.total ?? 0 })}</span>
        </Typography.Text>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        <Table
          data-testid="case-list"
          rowKey="caseNo"
          size="small"
          loading={loading}
          dataSource={data?.cases ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
          scroll={{ x: 1150 }}
          columns={[
            { title: t('list.caseNo'), dataIndex: 'caseNo', width: 140, render: (no: string) => <a href={`/office/cases/${encodeURIComponent(no)}`}>{no}</a> },
            { title: t('list.item'), dataIndex: 'itemName', ellipsis: true },
            { title: t('list.department'), dataIndex: 'departmentName', ellipsis: true },
            { title: t('list.applicant'), dataIndex: 'applicant' },
            {
              title: t('list.status'), dataIndex: 'status',
              render: (s: string, r) => (
                <Space size={4}>
                  {STATUS_LABELS[s as CaseStatus]?.[lang] ?? s}
                  {(r.warningLevel === 'yellow' || r.warningLevel === 'red') && <Tag color={LEVEL_COLORS[r.warningLevel]}>{t(`level.${r.warningLevel}`)}</Tag>}
                </Space>
              ),
            },
            { title: t('list.received'), dataIndex: 'receivedAt', width: 120, render: (v: string) => zonedShort(v) },
            { title: t('list.accepted'), dataIndex: 'acceptedDate', width: 100 },
            { title: t('list.due'), dataIndex: 'dueDate', width: 100 },
            { title: t('list.completed'), dataIndex: 'completedDate', width: 100 },
            { title: t('list.used'), dataIndex: 'usedDays' },
            {
              title: t('list.timeliness'), dataIndex: 'timeliness',
              render: (v: string | null) => v && <Tag color={v === 'late' ? 'red' : v === 'early' ? 'green' : 'blue'}>{t(`tl.${v}` as DashKey)}</Tag>,
            },
          ]}
        />
      </Space>
    </Drawer>
  );
}
