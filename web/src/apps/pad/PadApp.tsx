/**
 * The evaluation pad (评价器) at /pad?window=<n>: a touch screen at the window facing the applicant.
 * When the staff member finishes a service it asks for a rating (five levels, 好差评); a bad one
 * asks why; then it thanks the applicant and waits for the next service.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiRequestError } from '../../shared/api';
import { useAppT, useI18n } from '../../shared/i18n';
import { LangSwitch } from '../../shared/LangSwitch';
import { padMessages } from './messages';
import './pad.css';
import type { PadState } from '#contract/ratings.js';

const LEVELS = [5, 4, 3, 2, 1] as const;

export function PadApp() {
  const t = useAppT(padMessages);
  const params = new URLSearchParams(window.location.search);
  const number = Number(params.get('window'));
  const center = params.get('center') ?? undefined;
  const [state, setState] = useState<PadState | null>(null);
  const [level, setLevel] = useState<number | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [thanks, setThanks] = useState<'good' | 'bad' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { lang } = useI18n();

  const load = useCallback(async () => {
    try {
      setState(await api.get<PadState>(`/api/public/pad/${number}`, { center }));
    } catch {
      // Keep showing the last state; the next poll tries again.
    }
  }, [number, center]);

  useEffect(() => {
    if (!Number.isInteger(number) || number < 1) return;
    void load();
    const id = window.setInterval(() => void load(), 2000);
    return () => window.clearInterval(id);
  }, [number, load]);

  function reset() {
    setLevel(null);
    setReasons([]);
    setComment('');
    setError(null);
  }

  async function submit(chosen: number) {
    if (!state?.pending) return;
    try {
      await api.post(`/api/public/pad/${number}/ratings`, {
        ticketId: state.pending.ticketId, level: chosen, ...(chosen <= 2 ? { reasons, comment } : {}), ...(center ? { center } : {}),
      });
      setThanks(chosen <= 2 ? 'bad' : 'good');
      reset();
      window.setTimeout(() => setThanks(null), 6000);
      await load();
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : String(e));
      if (e instanceof ApiRequestError && (e.status === 404 || e.status === 409)) {
        reset();
        await load();
      }
    }
  }

  if (!Number.isInteger(number) || number < 1) return <main className="pad"><p className="pad-sub">{t('pickWindow')}</p></main>;
  const head = state && (
    <>
      <h1>{t('window', { n: state.window.number })} · {t('welcome')}</h1>
      {state.window.staffName && <p className="pad-sub">{t('staff', { name: state.window.staffName })}</p>}
    </>
  );
  if (thanks) {
    return <main className="pad">{head}<p className="pad-sub" role="status" data-testid="pad-thanks" style={{ fontSize: 32 }}>{thanks === 'bad' ? t('thanksBad') : t('thanks')}</p></main>;
  }
  if (!state?.pending) {
    return <main className="pad">{head}<p className="pad-sub" data-testid="pad-idle">{t('idle')}</p><LangSwitch /></main>;
  }
  if (level !== null && level <= 2) {
    const needsText = reasons.includes('other') && !comment.trim();
    return (
      <main className="pad">
        {head}
        <p className="pad-sub">{t('why')}</p>
        <div className="pad-reasons">
          {state.reasons.map((r) => (
            <button key={r.code} type="button" className="pad-reason" aria-pressed={reasons.includes(r.code)}
              onClick={() => setReasons((xs) => (xs.includes(r.code) ? xs.filter((x) => x !== r.code) : [...xs, r.code]))}>
              {lang === 'en' ? r.nameEn : r.name}
            </button>
          ))}
        </div>
        <textarea aria-label={t('more')} placeholder={t('more')} value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} />
        {error && <p role="alert">{error}</p>}
        <div className="pad-actions">
          <button type="button" className="secondary" onClick={reset}>{t('back')}</button>
          <button type="button" disabled={reasons.length === 0 || needsText} onClick={() => void submit(level)}>{t('submit')}</button>
        </div>
      </main>
    );
  }
  return (
    <main className="pad">
      {head}
      <p className="pad-sub">{t('ask', { no: state.pending.ticketNo })}</p>
      <div className="pad-levels">
        {LEVELS.map((l) => (
          <button key={l} type="button" className={`pad-level l${l}`} onClick={() => (l <= 2 ? setLevel(l) : void submit(l))}>
            {t(`l${l}` as 'l5')}
          </button>
        ))}
      </div>
      {error && <p role="alert">{error}</p>}
    </main>
  );
}
