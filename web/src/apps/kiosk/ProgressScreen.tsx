/**
 * 进度查询 at the kiosk: the case number (typed, or scanned from the receipt's QR code — the scanner
 * types it and presses Enter) and the applicant's mobile number. Same API and same answers as the
 * portal's progress page; unknown number and wrong phone read alike.
 */
import { useEffect, useRef, useState } from 'react';
import { STATUS_LABELS, type CaseStatus } from '@domain/case-workflow';
import { ApiRequestError, api } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { PublicProgress } from '#contract/progress.js';
import { Field, Keyboard } from './Keyboard';
import { useKioskT, type KioskKey, type KioskT } from './kiosk-t';
import { caseNoFromScan } from './scan';

type Target = 'caseNo' | 'phone';
type Failure = 'not-found' | 'throttled' | 'error';
const PHONE = /^1\d{10}$/;

export function ProgressScreen({ initialCaseNo }: { initialCaseNo?: string }) {
  const t = useKioskT();
  const { lang } = useI18n();
  const [caseNo, setCaseNo] = useState(initialCaseNo ?? '');
  const [phone, setPhone] = useState('');
  const [target, setTarget] = useState<Target>(initialCaseNo ? 'phone' : 'caseNo');
  const [errors, setErrors] = useState<{ caseNo?: string; phone?: string }>({});
  const [loading, setLoading] = useState(false);
  const [data, setData] = useState<PublicProgress | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const caseRef = useRef<HTMLInputElement>(null);
  const answerRef = useRef<HTMLDivElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    (target === 'caseNo' ? caseRef : phoneRef).current?.focus();
  }, [target]);

  // The answer sits below the form; on a short landscape panel bring it into view.
  useEffect(() => {
    if (data || failure) answerRef.current?.scrollIntoView({ block: 'nearest' });
  }, [data, failure]);

  const set = (field: Target, value: string) => {
    if (field === 'caseNo') setCaseNo(value.slice(0, 60));
    else setPhone(value.replace(/\D/g, '').slice(0, 11));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function submit(caseInput = caseNo, phoneInput = phone) {
    const parsed = caseNoFromScan(caseInput);
    const next = {
      caseNo: parsed ? undefined : t('kiosk.progress.caseNoBad'),
      phone: PHONE.test(phoneInput) ? undefined : t('kiosk.progress.phoneBad'),
    };
    setErrors(next);
    if (next.caseNo || next.phone) {
      setTarget(next.caseNo ? 'caseNo' : 'phone');
      return;
    }
    setCaseNo(parsed!);
    setLoading(true);
    setFailure(null);
    setData(null);
    try {
      setData(await api.get<PublicProgress>('/api/public/progress', { caseNo: parsed!, phone: phoneInput }));
    } catch (e) {
      setFailure(e instanceof ApiRequestError && e.status === 404 ? 'not-found' : e instanceof ApiRequestError && e.status === 429 ? 'throttled' : 'error');
    } finally {
      setLoading(false);
    }
  }

  // Enter in the case-number field is what a scanner sends after the code: take the number out of a
  // scanned link, then ask for the phone (or look up straight away when it is already there).
  const caseEnter = () => {
    const parsed = caseNoFromScan(caseNo);
    if (!parsed) {
      setErrors((e) => ({ ...e, caseNo: t('kiosk.progress.caseNoBad') }));
      return;
    }
    setCaseNo(parsed);
    if (PHONE.test(phone)) void submit(parsed, phone);
    else setTarget('phone');
  };

  const value = target === 'caseNo' ? caseNo : phone;

  return (
    <div className="kiosk-split" data-testid="kiosk-progress">
      <section className="kiosk-panel kiosk-form-panel" aria-labelledby="kiosk-progress-title">
        <h2 id="kiosk-progress-title" className="kiosk-h2">
          {t('progress.title')}
        </h2>
        {!data && <p className="kiosk-intro">{t('progress.intro')}</p>}
        <Field
          ref={caseRef}
          id="kiosk-case-no"
          testId="kiosk-case-no"
          label={t('progress.caseNo')}
          placeholder={t('progress.caseNoPlaceholder')}
          value={caseNo}
          maxLength={60}
          active={target === 'caseNo'}
          invalid={errors.caseNo}
          hint={t('kiosk.progress.scanHint')}
          onChange={(v) => set('caseNo', v)}
          onFocus={() => setTarget('caseNo')}
          onEnter={caseEnter}
        />
        <Field
          ref={phoneRef}
          id="kiosk-phone"
          testId="kiosk-phone"
          label={t('progress.phone')}
          placeholder={t('progress.phonePlaceholder')}
          value={phone}
          maxLength={11}
          active={target === 'phone'}
          invalid={errors.phone}
          onChange={(v) => set('phone', v)}
          onFocus={() => setTarget('phone')}
          onEnter={() => void submit()}
        />
        <button
          type="button"
          className="kiosk-btn kiosk-btn-primary kiosk-btn-xl"
          data-testid="kiosk-progress-submit"
          disabled={loading}
          aria-busy={loading}
          onClick={() => void submit()}
        >
          {t('kiosk.progress.submit')}
        </button>
        <div aria-live="polite" ref={answerRef}>
          {failure && (
            <div className="kiosk-alert kiosk-alert-warn" data-testid={`kiosk-progress-${failure}`}>
              <strong>{failure === 'not-found' ? t('progress.notFound') : failure === 'throttled' ? t('progress.throttled') : t('progress.error')}</strong>
              {failure !== 'error' && <div>{failure === 'not-found' ? t('progress.notFoundText') : t('progress.throttledText')}</div>}
            </div>
          )}
          {data && <ProgressAnswer data={data} lang={lang} t={t} />}
        </div>
      </section>
      <section className="kiosk-panel kiosk-kb-panel" aria-label={t('kiosk.kb.label')}>
        <Keyboard
          layout="numeric"
          labels={{ label: t('kiosk.kb.label'), backspace: t('kiosk.kb.backspace'), clear: t('kiosk.kb.clear'), enter: t('kiosk.kb.enter') }}
          onKey={(k) => set(target, value + k)}
          onBackspace={() => set(target, value.slice(0, -1))}
          onClear={() => set(target, '')}
          onEnter={() => (target === 'caseNo' ? caseEnter() : void submit())}
          enterLabel={target === 'caseNo' ? t('kiosk.kb.enter') : t('kiosk.progress.submit')}
        />
      </section>
    </div>
  );
}

function ProgressAnswer({ data, lang, t }: { data: PublicProgress; lang: 'zh' | 'en'; t: KioskT }) {
  const label = STATUS_LABELS[data.status as CaseStatus]?.[lang] ?? data.statusLabel;
  const nextKey = `progress.next.${data.status}` as KioskKey;
  const next = t(nextKey) !== nextKey ? t(nextKey) : data.nextStep;
  let clock = '';
  if (data.timeliness) clock = t(`progress.timeliness.${data.timeliness}` as KioskKey);
  else if (data.paused) clock = t('progress.paused');
  else if (data.daysLeft !== null)
    clock = data.daysLeft < 0 ? t('progress.overdue', { n: -data.daysLeft }) : data.daysLeft === 0 ? t('progress.dueToday') : t('progress.daysLeft', { n: data.daysLeft });
  const rows: [string, string, string][] = [
    ['item', t('progress.item'), data.item],
    ['department', t('progress.department'), data.department],
    ['applicant', t('progress.applicant'), data.applicant],
    ['due-date', t('progress.dueDate'), data.dueDate ? `${data.dueDate}${data.provisional ? t('progress.dueProvisional') : ''}` : '—'],
  ];
  return (
    <div className="kiosk-answer" data-testid="kiosk-progress-result" data-status={data.status}>
      <div className="kiosk-answer-caseno">
        {t('progress.caseNo')} {data.caseNo}
      </div>
      <div className="kiosk-answer-status" data-testid="kiosk-progress-status">
        {label}
      </div>
      <div className="kiosk-answer-next">
        {t('progress.next')}
        {lang === 'zh' ? '：' : ': '}
        <span data-testid="kiosk-progress-next">{next}</span>
      </div>
      {clock && (
        <div className="kiosk-answer-clock" data-testid="kiosk-progress-clock">
          {clock}
        </div>
      )}
      <dl className="kiosk-facts">
        {rows.map(([id, k, v]) => (
          <div key={id} className="kiosk-fact">
            <dt>{k}</dt>
            <dd data-testid={`kiosk-progress-${id}`}>{v}</dd>
          </div>
        ))}
      </dl>
      {data.missingMaterials.length > 0 && (
        <div className="kiosk-alert kiosk-alert-warn">
          <strong>{t('progress.missing')}</strong>
          <ul>
            {data.missingMaterials.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="kiosk-small">{t('progress.privacy')}</p>
    </div>
  );
}
