/**
 * 取号: the ticket categories as big buttons with the people waiting and the estimated wait; with a
 * booking code and its mobile number the ticket is called first (预约优先). The slip prints by itself
 * from a hidden frame, as the guide screen prints its notice.
 */
import { useEffect, useState } from 'react';
import { QRCode } from 'antd';
import { PrinterOutlined, ScheduleOutlined } from '@ant-design/icons';
import { ApiRequestError, api, seg } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { BookingCodeForm, type BookingCode } from './BookingCodeForm';
import { useKioskT, type KioskKey } from './kiosk-t';
import type { QueueWaiting as Category, Ticket } from '#contract/queue.js';

const FAILURES: Record<string, KioskKey> = {
  NOT_FOUND: 'kiosk.ticket.bookingNotFound',
  CHECK_IN_NOT_OPEN: 'kiosk.checkin.notOpen',
  CHECK_IN_CLOSED: 'kiosk.checkin.closed',
  INVALID_TRANSITION: 'kiosk.checkin.inactive',
  THROTTLED: 'kiosk.checkin.throttled',
  VALIDATION_FAILED: 'kiosk.ticket.wrongCategory',
};

export function TicketScreen() {
  const [step, setStep] = useState<'pick' | 'booking'>('pick');
  const [booking, setBooking] = useState<BookingCode | null>(null);
  const [ticket, setTicket] = useState<Ticket | null>(null);

  if (ticket) return <TicketDone ticket={ticket} />;
  if (step === 'booking') {
    return (
      <BookingForm
        onNext={(b) => {
          setBooking(b);
          setStep('pick');
        }}
      />
    );
  }
  return <Categories booking={booking} onBooking={() => setStep('booking')} onTicket={setTicket} />;
}

function Categories({ booking, onBooking, onTicket }: { booking: BookingCode | null; onBooking: () => void; onTicket: (t: Ticket) => void }) {
  const t = useKioskT();
  const { lang } = useI18n();
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .get<Category[]>('/api/public/queue/categories')
        .then((c) => live && (setCategories(c), setLoadFailed(false)))
        .catch(() => live && setLoadFailed(true));
    void load();
    // The waiting counts move while a visitor reads them.
    const timer = setInterval(() => void load(), 15_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  async function take(prefix: string) {
    setBusy(true);
    setFailure(null);
    try {
      onTicket(await api.post<Ticket>('/api/public/queue/tickets', booking ? { category: prefix, appointmentCode: booking.code, mobile: booking.mobile } : { category: prefix }));
    } catch (e) {
      const key = e instanceof ApiRequestError ? FAILURES[e.code] : undefined;
      setFailure(t(key ?? 'kiosk.ticket.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="kiosk-panel kiosk-ticket" data-testid="kiosk-ticket" aria-labelledby="kiosk-ticket-title">
      <h2 id="kiosk-ticket-title" className="kiosk-h2">
        {t('kiosk.ticket.title')}
      </h2>
      {booking ? (
        <div className="kiosk-answer" role="status" data-testid="kiosk-ticket-booking">
          {t('kiosk.ticket.withBooking', { code: booking.code })}
        </div>
      ) : (
        <p className="kiosk-intro">{t('kiosk.ticket.intro')}</p>
      )}
      <div aria-live="polite">
        {failure && (
          <div className="kiosk-alert kiosk-alert-warn" data-testid="kiosk-ticket-failed">
            {failure}
          </div>
        )}
        {loadFailed && !categories && <div className="kiosk-alert kiosk-alert-warn">{t('kiosk.ticket.error')}</div>}
      </div>
      {!categories && !loadFailed && <p className="kiosk-intro">{t('kiosk.search.loading')}</p>}
      <div className="kiosk-categories">
        {categories?.map((c) => (
          <button
            key={c.prefix}
            type="button"
            className="kiosk-category"
            data-testid={`kiosk-category-${c.prefix}`}
            disabled={busy}
            onClick={() => void take(c.prefix)}
          >
            <span className="kiosk-category-prefix" aria-hidden="true">
              {c.prefix}
            </span>
            <span className="kiosk-category-name">{lang === 'en' ? c.nameEn : c.name}</span>
            <span className="kiosk-category-meta">
              {t('kiosk.ticket.waiting', { n: c.waiting })}
              {' · '}
              {c.estimatedWaitMinutes === null ? t('kiosk.ticket.noWindow') : t('kiosk.ticket.wait', { n: c.estimatedWaitMinutes })}
            </span>
          </button>
        ))}
      </div>
      {!booking && (
        <button type="button" className="kiosk-btn kiosk-btn-nav kiosk-btn-xl kiosk-ticket-booking" data-testid="kiosk-ticket-has-booking" onClick={onBooking}>
          <ScheduleOutlined aria-hidden="true" /> {t('kiosk.ticket.hasBooking')}
        </button>
      )}
    </section>
  );
}

function BookingForm({ onNext }: { onNext: (b: BookingCode) => void }) {
  const t = useKioskT();
  return (
    <BookingCodeForm
      idPrefix="kiosk-ticket"
      testId="kiosk-ticket-booking-form"
      titleId="kiosk-ticket-booking-title"
      title={t('kiosk.ticket.hasBooking')}
      intro={t('kiosk.ticket.bookingIntro')}
      submitLabel={t('kiosk.ticket.bookingNext')}
      submitTestId="kiosk-ticket-booking-next"
      onSubmit={onNext}
    />
  );
}

function TicketDone({ ticket }: { ticket: Ticket }) {
  const t = useKioskT();
  const { lang } = useI18n();
  // The slip prints once on arrival; each 重新打印 mounts a new frame (its key), so it prints again.
  const [prints, setPrints] = useState(1);
  const follow = `${window.location.origin}/?ticket=${encodeURIComponent(ticket.token)}`;
  return (
    <section className="kiosk-panel kiosk-done kiosk-ticket-done" data-testid="kiosk-ticket-done" aria-labelledby="kiosk-ticket-no-label">
      <p id="kiosk-ticket-no-label" className="kiosk-intro">
        {t('kiosk.ticket.yourNumber')}
      </p>
      <div className="kiosk-ticket-no" data-testid="kiosk-ticket-no">
        {ticket.ticketNo}
      </div>
      <p className="kiosk-ticket-category">
        {lang === 'en' ? ticket.category.nameEn : ticket.category.name}
        {ticket.priority && (
          <span className="kiosk-ticket-priority" data-testid="kiosk-ticket-priority">
            {t('kiosk.ticket.priority')}
          </span>
        )}
      </p>
      <dl className="kiosk-facts">
        <div className="kiosk-fact">
          <dt>{t('kiosk.ticket.ahead')}</dt>
          <dd data-testid="kiosk-ticket-ahead">{t('kiosk.ticket.people', { n: ticket.ahead })}</dd>
        </div>
        <div className="kiosk-fact">
          <dt>{t('kiosk.ticket.estimated')}</dt>
          <dd data-testid="kiosk-ticket-wait">
            {ticket.estimatedWaitMinutes === null ? t('kiosk.ticket.noWindow') : t('kiosk.ticket.wait', { n: ticket.estimatedWaitMinutes })}
          </dd>
        </div>
      </dl>
      <div className="kiosk-ticket-qr">
        <QRCode value={follow} size={220} bordered={false} aria-label={t('kiosk.ticket.qrLabel', { no: ticket.ticketNo })} data-testid="kiosk-ticket-qr" />
        <span>{t('kiosk.ticket.scan')}</span>
      </div>
      <div className="kiosk-note" role="status" data-testid="kiosk-ticket-printing">
        {t('kiosk.ticket.printing')}
      </div>
      <button type="button" className="kiosk-btn kiosk-btn-nav kiosk-btn-xl kiosk-done-button" data-testid="kiosk-ticket-reprint" onClick={() => setPrints((n) => n + 1)}>
        <PrinterOutlined aria-hidden="true" /> {t('kiosk.ticket.reprint')}
      </button>
      <p className="kiosk-hint">{t('kiosk.ticket.missed')}</p>
      <iframe
        key={prints}
        src={`/print/queue-ticket/${seg(ticket.token)}`}
        title={t('kiosk.ticket.reprint')}
        className="kiosk-print-frame"
        data-testid="kiosk-ticket-frame"
        aria-hidden="true"
        tabIndex={-1}
        onLoad={(e) => e.currentTarget.contentWindow?.print()}
      />
    </section>
  );
}
