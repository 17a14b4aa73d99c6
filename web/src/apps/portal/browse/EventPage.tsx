/** One event (一件事) and the published items it bundles, each linking to its guide. */
import { useEffect, useState } from 'react';
import { Card, Result, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { ApiRequestError, api, seg } from '../../../shared/api';
import type { Department } from '#contract/departments.js';
import type { ItemSummary } from '#contract/catalog.js';
import { useAppT, useI18n } from '../../../shared/i18n';
import { Link, withQuery } from '../../../shared/router';
import { KindTag, limitsText, localName } from '../../../shared/labels';
import { errorMessage } from '../../../shared/errors';
import { EVENTS_HREF } from '../nav';
import { departmentName } from '../../../shared/departments';
import { rememberSearch } from '../nav';
import { EventIcon } from './EventIcon';
import * as messages from './messages';
import type { ServiceEventDetail } from '#contract/events.js';

const { Title, Paragraph } = Typography;


export function EventPage({ slug, departments }: { slug: string; departments: Department[] }) {
  const { t: shared, lang } = useI18n();
  const t = useAppT(messages);
  const [event, setEvent] = useState<ServiceEventDetail | null>(null);
  const [error, setError] = useState<{ status: number; text: string } | null>(null);

  useEffect(() => {
    let alive = true;
    setEvent(null);
    setError(null);
    // The guide's "back to the list" returns here.
    rememberSearch(withQuery('/', { event: slug }));
    api
      .get<ServiceEventDetail>(`/api/public/events/${seg(slug)}`)
      .then((e) => alive && setEvent(e))
      .catch((e) => alive && setError({ status: e instanceof ApiRequestError ? e.status : 0, text: errorMessage(e, shared) }));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug]);

  const name = event ? (lang === 'en' && event.nameEn ? event.nameEn : event.name) : '';
  useEffect(() => {
    if (name) document.title = `${name} · ${shared('app.portalShort')}`;
  }, [name, shared]);

  const back = (
    <Link href={EVENTS_HREF} data-testid="event-back">
      <ArrowLeftOutlined /> {t('browse.event.back')}
    </Link>
  );
  if (error) {
    return (
      <Card>
        {error.status === 404 ? (
          <Result status="404" title={t('browse.event.notFound')} extra={back} />
        ) : (
          <Result status="error" title={shared('common.error')} subTitle={error.text} extra={back} />
        )}
      </Card>
    );
  }
  if (!event) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const columns: TableColumnsType<ItemSummary> = [
    {
      title: shared('portal.col.name'),
      dataIndex: 'name',
      render: (_, r) => (
        <Link href={withQuery('/', { item: r.code })} data-testid="event-item-link" data-code={r.code}>
          {localName(r, lang)}
        </Link>
      ),
    },
    {
      title: shared('portal.col.department'),
      key: 'department',
      responsive: ['sm'],
      render: (_, r) => departmentName(departments, lang, r.department.code, r.department.name),
    },
    { title: shared('portal.col.kind'), dataIndex: 'kind', width: 96, render: (_, r) => <KindTag kind={r.kind} /> },
    { title: shared('portal.col.limits'), key: 'limits', responsive: ['md'], render: (_, r) => limitsText(shared, r.kind, r.statutoryDays, r.promisedDays) },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="event-page">
      {back}
      <Card>
        <Space align="start" size="middle">
          <EventIcon icon={event.icon} size={40} />
          <div>
            <Title level={3} style={{ margin: 0 }} data-testid="event-name">{name}</Title>
            <Tag color={event.kind === 'life' ? 'green' : 'blue'} style={{ marginTop: 4 }}>{t(`browse.kind.${event.kind}`)}</Tag>
            {event.description && <Paragraph style={{ margin: '8px 0 0' }}>{event.description}</Paragraph>}
          </div>
        </Space>
      </Card>
      <Card title={t('browse.event.items', { n: event.items.length })}>
        <Table<ItemSummary>
          data-testid="event-items"
          rowKey="code"
          size="middle"
          pagination={false}
          columns={columns}
          dataSource={event.items}
          locale={{ emptyText: t('browse.empty') }}
        />
      </Card>
    </Space>
  );
}
