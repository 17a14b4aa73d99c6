/** The search page's row of topics (一件事): one tap from the home page into an event. */
import { useEffect, useState } from 'react';
import { Card, Space, Tag } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { api } from '../../../shared/api';
import { useAppT, useI18n } from '../../../shared/i18n';
import { Link, withQuery } from '../../../shared/router';
import { EventIcon } from './EventIcon';
import { EVENTS_HREF } from '../nav';
import * as messages from './messages';
import type { ServiceEvent, ServiceEventList } from '#contract/events.js';

export function EventStrip() {
  const { lang } = useI18n();
  const t = useAppT(messages);
  const [events, setEvents] = useState<ServiceEvent[]>([]);
  useEffect(() => {
    let alive = true;
    // The search works without it: a failure shows no strip.
    api.get<ServiceEventList>('/api/public/events').then((r) => alive && setEvents(r.events)).catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  if (events.length === 0) return null;
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('browse.events.title')}</h2>}
      extra={<Link href={EVENTS_HREF} data-testid="event-strip-all">{t('browse.strip.all')} <RightOutlined /></Link>}
      data-testid="event-strip"
    >
      <Space wrap size={[8, 8]}>
        {events.map((e) => (
          <Link key={e.id} href={withQuery('/', { event: e.slug })} data-testid="event-chip" data-slug={e.slug}>
            <Tag style={{ padding: '4px 10px', fontSize: 14, margin: 0, cursor: 'pointer' }}>
              <EventIcon icon={e.icon} size={14} /> {lang === 'en' && e.nameEn ? e.nameEn : e.name}
            </Tag>
          </Link>
        ))}
      </Space>
    </Card>
  );
}
