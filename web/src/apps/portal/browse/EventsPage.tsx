/** Browse by life event or business event (一件事): the events, grouped by kind, as big touch-friendly cards. */
import { useEffect, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { api } from '../../../shared/api';
import { useAppT, useI18n } from '../../../shared/i18n';
import { Link, withQuery } from '../../../shared/router';
import { errorMessage } from '../../../shared/errors';
import { EventIcon } from './EventIcon';
import * as messages from './messages';
import type { ServiceEvent } from '#contract/events.js';
import { EVENT_KINDS } from '@domain/catalog';

const { Title, Paragraph, Text } = Typography;

export function EventsPage() {
  const { t: shared, lang } = useI18n();
  const t = useAppT(messages);
  const [events, setEvents] = useState<ServiceEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    api
      .get<{ events: ServiceEvent[] }>('/api/public/events')
      .then((r) => alive && setEvents(r.events))
      .catch((e) => alive && setError(errorMessage(e, shared)));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    document.title = `${t('browse.events.title')} · ${shared('app.portalShort')}`;
  }, [t, shared]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!events) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const groups = EVENT_KINDS.map((kind) => ({ kind, list: events.filter((e) => e.kind === kind) }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="events-page">
      <Card>
        <Title level={3} style={{ margin: 0 }}>{t('browse.events.title')}</Title>
        <Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('browse.events.intro')}</Paragraph>
      </Card>
      {groups.map(({ kind, list }) => (
        <Card key={kind} title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`browse.kind.${kind}`)}</h2>} data-testid={`events-${kind}`}>
          {list.length === 0 ? (
            <Empty description={t('browse.empty')} />
          ) : (
            <Row gutter={[12, 12]}>
              {list.map((e) => (
                <Col key={e.id} xs={12} sm={8} md={6} lg={4}>
                  <Link href={withQuery('/', { event: e.slug })} data-testid="event-link" data-slug={e.slug} style={{ display: 'block', height: '100%' }}>
                    <Card hoverable size="small" style={{ height: '100%', textAlign: 'center' }}>
                      <EventIcon icon={e.icon} />
                      <div style={{ fontWeight: 600, marginTop: 8 }}>{lang === 'en' && e.nameEn ? e.nameEn : e.name}</div>
                      <Text type="secondary" style={{ fontSize: 12 }}>{t('browse.items', { n: e.itemCount ?? 0 })}</Text>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          )}
        </Card>
      ))}
    </Space>
  );
}
