/** 预约签到: the booking code from the SMS and the mobile number it was booked with. */
import { useState } from 'react';
import { CheckOutlined } from '@ant-design/icons';
import { ApiRequestError, api, seg } from '../../shared/api';
import { BookingCodeForm, type BookingCode } from './BookingCodeForm';
import { useKioskT, type KioskKey } from './kiosk-t';
import type { CheckInAnswer } from '#contract/appointments.js';


const FAILURES: Record<string, KioskKey> = {
  NOT_FOUND: 'kiosk.checkin.notFound',
  CHECK_IN_NOT_OPEN: 'kiosk.checkin.notOpen',
  CHECK_IN_CLOSED: 'kiosk.checkin.closed',
  INVALID_TRANSITION: 'kiosk.checkin.inactive',
  THROTTLED: 'kiosk.checkin.throttled',
};

export function CheckInScreen({ onDone }: { onDone: () => void }) {
  const t = useKioskT();
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState<CheckInAnswer | null>(null);
  const [failure, setFailure] = useState<KioskKey | null>(null);

  async function checkIn({ code, mobile }: BookingCode) {
    setLoading(true);
    setFailure(null);
    try {
      setDone(await api.post<CheckInAnswer>(`/api/public/appointments/${seg(code)}/check-in`, { mobile }));
    } catch (e) {
      const key = e instanceof ApiRequestError ? FAILURES[e.code] : undefined;
      setFailure(key ?? 'kiosk.checkin.error');
    } finally {
      setLoading(false);
    }
  }

  if (done) {
    return (
      <section className="kiosk-panel kiosk-done" data-testid="kiosk-checkin-done" aria-labelledby="kiosk-checkin-done-title">
        <div className="kiosk-done-mark" aria-hidden="true">
          <CheckOutlined />
        </div>
        <h2 id="kiosk-checkin-done-title" className="kiosk-h2">
          {t('kiosk.checkin.done')}
        </h2>
        <p className="kiosk-intro">{t('kiosk.checkin.doneText')}</p>
        <dl className="kiosk-facts">
          <div className="kiosk-fact">
            <dt>{t('kiosk.checkin.code')}</dt>
            <dd data-testid="kiosk-checkin-code">{done.code}</dd>
          </div>
          <div className="kiosk-fact">
            <dt>{t('kiosk.checkin.category')}</dt>
            <dd data-testid="kiosk-checkin-category">{done.category.name}</dd>
          </div>
          <div className="kiosk-fact">
            <dt>{t('kiosk.checkin.slot')}</dt>
            <dd data-testid="kiosk-checkin-slot">
              {done.slot.date} {done.slot.start}–{done.slot.end}
            </dd>
          </div>
          {done.item && (
            <div className="kiosk-fact">
              <dt>{t('kiosk.checkin.item')}</dt>
              <dd>{done.item.name}</dd>
            </div>
          )}
        </dl>
        <button type="button" className="kiosk-btn kiosk-btn-primary kiosk-btn-xl kiosk-done-button" data-testid="kiosk-checkin-finish" onClick={onDone}>
          {t('kiosk.checkin.finish')}
        </button>
      </section>
    );
  }

  return (
    <BookingCodeForm
      idPrefix="kiosk-booking"
      testId="kiosk-checkin"
      titleId="kiosk-checkin-title"
      title={t('kiosk.checkin.title')}
      intro={t('kiosk.checkin.intro')}
      submitLabel={t('kiosk.checkin.submit')}
      submitTestId="kiosk-checkin-submit"
      busy={loading}
      codeEnterSubmits
      onEdit={() => setFailure(null)}
      onSubmit={(b) => void checkIn(b)}
    >
      <div aria-live="polite">
        {failure && (
          <div className="kiosk-alert kiosk-alert-warn" data-testid="kiosk-checkin-failed">
            {t(failure)}
          </div>
        )}
      </div>
    </BookingCodeForm>
  );
}
