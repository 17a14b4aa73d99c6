/** 预约签到: the booking code from the SMS and the mobile number it was booked with. */
import { useEffect, useRef, useState } from 'react';
import { CheckOutlined } from '@ant-design/icons';
import { ApiRequestError, api, seg } from '../../shared/api';
import { Field, Keyboard, type KeyboardLayout } from './Keyboard';
import { useKioskT, type KioskKey } from './kiosk-t';
import type { CheckInAnswer } from '#contract/appointments.js';

type Target = 'code' | 'mobile';
const PHONE = /^1\d{10}$/;
/** Same alphabet as the server's codes (no I, L, O, 0, 1); the server normalises case and dashes too. */
const CODE = /^[A-HJKMNP-Z2-9]{8}$/;

const FAILURES: Record<string, KioskKey> = {
  NOT_FOUND: 'kiosk.checkin.notFound',
  CHECK_IN_NOT_OPEN: 'kiosk.checkin.notOpen',
  CHECK_IN_CLOSED: 'kiosk.checkin.closed',
  INVALID_TRANSITION: 'kiosk.checkin.inactive',
  THROTTLED: 'kiosk.checkin.throttled',
};

export function CheckInScreen({ onDone }: { onDone: () => void }) {
  const t = useKioskT();
  const [code, setCode] = useState('');
  const [mobile, setMobile] = useState('');
  const [target, setTarget] = useState<Target>('code');
  const [errors, setErrors] = useState<{ code?: string; mobile?: string }>({});
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState<CheckInAnswer | null>(null);
  const [failure, setFailure] = useState<KioskKey | null>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const mobileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (target === 'code' ? codeRef : mobileRef).current?.focus();
  }, [target]);

  const set = (field: Target, value: string) => {
    if (field === 'code') setCode(value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8));
    else setMobile(value.replace(/\D/g, '').slice(0, 11));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setFailure(null);
  };

  async function submit() {
    const next = {
      code: CODE.test(code) ? undefined : t('kiosk.checkin.codeBad'),
      mobile: PHONE.test(mobile) ? undefined : t('kiosk.progress.phoneBad'),
    };
    setErrors(next);
    if (next.code || next.mobile) {
      setTarget(next.code ? 'code' : 'mobile');
      return;
    }
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

  const layout: KeyboardLayout = target === 'code' ? 'alpha' : 'numeric';
  const value = target === 'code' ? code : mobile;

  return (
    <div className="kiosk-split" data-testid="kiosk-checkin">
      <section className="kiosk-panel kiosk-form-panel" aria-labelledby="kiosk-checkin-title">
        <h2 id="kiosk-checkin-title" className="kiosk-h2">
          {t('kiosk.checkin.title')}
        </h2>
        <p className="kiosk-intro">{t('kiosk.checkin.intro')}</p>
        <Field
          ref={codeRef}
          id="kiosk-booking-code"
          testId="kiosk-booking-code"
          label={t('kiosk.checkin.code')}
          placeholder={t('kiosk.checkin.codePlaceholder')}
          value={code}
          maxLength={12}
          active={target === 'code'}
          invalid={errors.code}
          onChange={(v) => set('code', v)}
          onFocus={() => setTarget('code')}
          onEnter={() => (PHONE.test(mobile) ? void submit() : setTarget('mobile'))}
        />
        <Field
          ref={mobileRef}
          id="kiosk-booking-mobile"
          testId="kiosk-booking-mobile"
          label={t('kiosk.checkin.mobile')}
          placeholder={t('kiosk.checkin.mobilePlaceholder')}
          value={mobile}
          maxLength={11}
          active={target === 'mobile'}
          invalid={errors.mobile}
          onChange={(v) => set('mobile', v)}
          onFocus={() => setTarget('mobile')}
          onEnter={() => void submit()}
        />
        <button
          type="button"
          className="kiosk-btn kiosk-btn-primary kiosk-btn-xl"
          data-testid="kiosk-checkin-submit"
          disabled={loading}
          aria-busy={loading}
          onClick={() => void submit()}
        >
          {t('kiosk.checkin.submit')}
        </button>
        <div aria-live="polite">
          {failure && (
            <div className="kiosk-alert kiosk-alert-warn" data-testid="kiosk-checkin-failed">
              {t(failure)}
            </div>
          )}
        </div>
      </section>
      <section className="kiosk-panel kiosk-kb-panel" aria-label={t('kiosk.kb.label')}>
        <Keyboard
          layout={layout}
          labels={{ label: t('kiosk.kb.label'), backspace: t('kiosk.kb.backspace'), clear: t('kiosk.kb.clear'), enter: t('kiosk.kb.enter') }}
          onKey={(k) => set(target, value + k)}
          onBackspace={() => set(target, value.slice(0, -1))}
          onClear={() => set(target, '')}
          onEnter={() => (target === 'code' ? setTarget('mobile') : void submit())}
          enterLabel={target === 'code' ? t('kiosk.kb.enter') : t('kiosk.checkin.submit')}
        />
      </section>
    </div>
  );
}
