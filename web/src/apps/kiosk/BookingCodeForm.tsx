/**
 * The booking code from the SMS and the mobile number it was booked with, typed on the kiosk's own
 * keyboard: 预约签到 checks the booking in with them, 取号 takes a ticket that is called first.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Field, Keyboard, type KeyboardLayout } from './Keyboard';
import { useKioskT } from './kiosk-t';

type Target = 'code' | 'mobile';
const PHONE = /^1\d{10}$/;
/** Same alphabet as the server's codes (no I, L, O, 0, 1); the server normalises case and dashes too. */
const CODE = /^[A-HJKMNP-Z2-9]{8}$/;

export interface BookingCode {
  code: string;
  mobile: string;
}

interface Props {
  /** Prefix of the two fields' ids and test ids (`${idPrefix}-code`, `${idPrefix}-mobile`). */
  idPrefix: string;
  testId: string;
  titleId: string;
  title: string;
  intro: string;
  submitLabel: string;
  submitTestId: string;
  /** Called with a well-formed code and number. */
  onSubmit: (booking: BookingCode) => void;
  /** Called on every edit, so that an answer about the last try can be cleared. */
  onEdit?: () => void;
  busy?: boolean;
  /** Enter in the code field sends the form straight away once the number is there. */
  codeEnterSubmits?: boolean;
  /** Shown under the button (the answer to the last try). */
  children?: ReactNode;
}

export function BookingCodeForm({ idPrefix, testId, titleId, title, intro, submitLabel, submitTestId, onSubmit, onEdit, busy, codeEnterSubmits, children }: Props) {
  const t = useKioskT();
  const [code, setCode] = useState('');
  const [mobile, setMobile] = useState('');
  const [target, setTarget] = useState<Target>('code');
  const [errors, setErrors] = useState<{ code?: string; mobile?: string }>({});
  const codeRef = useRef<HTMLInputElement>(null);
  const mobileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (target === 'code' ? codeRef : mobileRef).current?.focus();
  }, [target]);

  const set = (field: Target, value: string) => {
    if (field === 'code') setCode(value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8));
    else setMobile(value.replace(/\D/g, '').slice(0, 11));
    setErrors((e) => ({ ...e, [field]: undefined }));
    onEdit?.();
  };

  const submit = () => {
    const bad = {
      code: CODE.test(code) ? undefined : t('kiosk.checkin.codeBad'),
      mobile: PHONE.test(mobile) ? undefined : t('kiosk.progress.phoneBad'),
    };
    setErrors(bad);
    if (bad.code || bad.mobile) setTarget(bad.code ? 'code' : 'mobile');
    else onSubmit({ code, mobile });
  };

  const layout: KeyboardLayout = target === 'code' ? 'alpha' : 'numeric';
  const value = target === 'code' ? code : mobile;
  return (
    <div className="kiosk-split" data-testid={testId}>
      <section className="kiosk-panel kiosk-form-panel" aria-labelledby={titleId}>
        <h2 id={titleId} className="kiosk-h2">
          {title}
        </h2>
        <p className="kiosk-intro">{intro}</p>
        <Field
          ref={codeRef}
          id={`${idPrefix}-code`}
          testId={`${idPrefix}-code`}
          label={t('kiosk.checkin.code')}
          placeholder={t('kiosk.checkin.codePlaceholder')}
          value={code}
          maxLength={12}
          active={target === 'code'}
          invalid={errors.code}
          onChange={(v) => set('code', v)}
          onFocus={() => setTarget('code')}
          onEnter={() => (codeEnterSubmits && PHONE.test(mobile) ? submit() : setTarget('mobile'))}
        />
        <Field
          ref={mobileRef}
          id={`${idPrefix}-mobile`}
          testId={`${idPrefix}-mobile`}
          label={t('kiosk.checkin.mobile')}
          placeholder={t('kiosk.checkin.mobilePlaceholder')}
          value={mobile}
          maxLength={11}
          active={target === 'mobile'}
          invalid={errors.mobile}
          onChange={(v) => set('mobile', v)}
          onFocus={() => setTarget('mobile')}
          onEnter={submit}
        />
        <button type="button" className="kiosk-btn kiosk-btn-primary kiosk-btn-xl" data-testid={submitTestId} disabled={busy} aria-busy={busy} onClick={submit}>
          {submitLabel}
        </button>
        {children}
      </section>
      <section className="kiosk-panel kiosk-kb-panel" aria-label={t('kiosk.kb.label')}>
        <Keyboard
          layout={layout}
          labels={{ label: t('kiosk.kb.label'), backspace: t('kiosk.kb.backspace'), clear: t('kiosk.kb.clear'), enter: t('kiosk.kb.enter') }}
          onKey={(k) => set(target, value + k)}
          onBackspace={() => set(target, value.slice(0, -1))}
          onClear={() => set(target, '')}
          onEnter={() => (target === 'code' ? setTarget('mobile') : submit())}
          enterLabel={target === 'code' ? t('kiosk.kb.enter') : submitLabel}
        />
      </section>
    </div>
  );
}
