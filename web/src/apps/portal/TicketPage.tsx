/**
 * Following a queue ticket on a phone (/?ticket=<token>, the QR code on the slip and the kiosk screen):
 * the number, whether to go to a window, people ahead and the estimated wait. The token is the only
 * secret, so the page shows nothing personal beyond what the slip already shows.
 */
import { zonedTime } from '../../shared/time-zone';
import { useEffect, useState } from 'react';
import { Alert, Card, Descriptions, Result, Tag, Typography } from 'antd';
import { ApiRequestError, api, seg } from '../../shared/api';
import { useAppT, useI18n } from '../../shared/i18n';
import { formatDateTime } from '../../shared/labels';
import * as messages from './ticket-messages';
import type { Ticket, TicketStatus } from '#contract/queue.js';

const { Text } = Typography;
const REFRESH_MS = 10_000;
/** Nothing changes for a ticket in these states any more, so the page stops asking. */
const FINAL = new Set(['done', 'absent', 'cancelled']);

const COLORS: Record<TicketStatus, string> = {
  waiting: '#1d5fb8',
  called: '#cf1322',
  serving: '#d46b08',
  done: '#389e0d',
  absent: '#8c8c8c',
  cancelled: '#8c8c8c',
};

export function TicketPage({ token }: { token: string }) {
  const t = useAppT(messages);
  const { lang } = useI18n();
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [failed, setFailed] = useState(false);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const final = ticket !== null && FINAL.has(ticket.status);

  useEffect(() => {
    document.title = `${t('ticket.title')}${ticket ? ` ${ticket.ticketNo}` : ''}`;
  }, [t, ticket]);

  useEffect(() => {
    if (notFound || final) return;
    let live = true;
    const load = async () => {
      try {
        const next = await api.get<Ticket>(`/api/public/queue/tickets/${seg(token)}`);
        if (!live) return;
        setTicket(next);
        setFailed(false);
        setUpdatedAt(new Date());
      } catch (e) {
        if (!live) return;
        if (e instanceof ApiRequestError && (e.status === 404 || e.status === 400)) setNotFound(true);
        else setFailed(true);
      }
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [token, notFound, final]);

  if (notFound) {
    return <Result status="warning" title={t('ticket.notFound')} subTitle={t('ticket.notFoundText')} data-testid="ticket-not-found" />;
  }

  const n = ticket?.window?.number ?? '';
  const statusText = ticket
    ? {
        waiting: t('ticket.waiting'),
        called: t('ticket.called', { n }),
        serving: t('ticket.serving', { n }),
        done: t('ticket.done'),
        absent: t('ticket.absent'),
        cancelled: t('ticket.cancelled'),
      }[ticket.status]
    : '';

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }} data-testid="ticket-page">
      <Card loading={!ticket && !failed} title={t('ticket.title')}>
        {failed && <Alert type="warning" showIcon title={t('ticket.error')} style={{ marginBottom: 12 }} />}
        {ticket && (
          <>
            <div style={{ textAlign: 'center' }}>
              <Text type="secondary">{t('ticket.number')}</Text>
              <div style={{ fontSize: 64, fontWeight: 800, lineHeight: 1.1, color: '#123a70', letterSpacing: 2 }} data-testid="ticket-no">
                {ticket.ticketNo}
              </div>
              <div
                role="status"
                aria-live="polite"
                data-testid="ticket-status"
                data-status={ticket.status}
                style={{ fontSize: 26, fontWeight: 700, color: COLORS[ticket.status], margin: '8px 0 4px' }}
              >
                {statusText}
              </div>
              {ticket.status === 'called' && <Alert type="error" showIcon title={t('ticket.calledText', { n })} style={{ textAlign: 'left', margin: '8px 0' }} />}
              {ticket.status === 'absent' && <Alert type="warning" showIcon title={t('ticket.absentText')} style={{ textAlign: 'left', margin: '8px 0' }} />}
              {ticket.priority && <Tag color="orange">{t('ticket.priority')}</Tag>}
            </div>
            <Descriptions column={1} size="small" bordered style={{ marginTop: 16 }}>
              {ticket.status === 'waiting' && (
                <>
                  <Descriptions.Item label={t('ticket.ahead')}>
                    <span data-testid="ticket-ahead" style={{ fontSize: 20, fontWeight: 700 }}>
                      {t('ticket.people', { n: ticket.ahead })}
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('ticket.wait')}>
                    <span data-testid="ticket-wait">
                      {ticket.estimatedWaitMinutes === null ? t('ticket.noWindow') : t('ticket.minutes', { n: ticket.estimatedWaitMinutes })}
                    </span>
                  </Descriptions.Item>
                </>
              )}
              <Descriptions.Item label={t('ticket.category')}>{lang === 'en' ? ticket.category.nameEn : ticket.category.name}</Descriptions.Item>
              <Descriptions.Item label={t('ticket.issuedAt')}>{formatDateTime(ticket.issuedAt)}</Descriptions.Item>
            </Descriptions>
            {!final && (
              <Text type="secondary" style={{ display: 'block', marginTop: 12, fontSize: 12 }}>
                {t('ticket.refresh')}
                {updatedAt && ` · ${t('ticket.updated', { t: zonedTime(updatedAt, true) })}`}
              </Text>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
