/** 事项查询: type on the on-screen keyboard (pinyin initials work), results update as you type. */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../shared/api';
import type { ItemPage } from '#contract/catalog.js';
import { limitsText } from '../../shared/labels';
import { Field, Keyboard } from './Keyboard';
import { useKioskT } from './kiosk-t';
import { caseNoFromScan } from './scan';

const PAGE_SIZE = 30;
/** Long enough to coalesce a burst of key presses, short enough to feel immediate. */
const DEBOUNCE_MS = 250;

export function SearchScreen({
  text,
  onText,
  onOpen,
  onScannedCase,
}: {
  text: string;
  onText: (text: string) => void;
  onOpen: (code: string) => void;
  onScannedCase: (caseNo: string) => void;
}) {
  const t = useKioskT();
  const inputRef = useRef<HTMLInputElement>(null);
  const [data, setData] = useState<ItemPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => inputRef.current?.focus(), []);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .get<ItemPage>('/api/items', { q: text.trim(), pageSize: PAGE_SIZE })
        .then((d) => {
          if (!alive) return;
          setData(d);
          setFailed(false);
        })
        .catch(() => alive && setFailed(true))
        .finally(() => alive && setLoading(false));
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [text]);

  // A receipt's QR code scanned while the search box has the focus is a progress look-up, not a search.
  const onEnter = () => {
    const caseNo = caseNoFromScan(text);
    if (caseNo) onScannedCase(caseNo);
  };

  return (
    <div className="kiosk-split" data-testid="kiosk-search">
      <section className="kiosk-panel kiosk-results-panel" aria-labelledby="kiosk-search-title">
        <h2 id="kiosk-search-title" className="kiosk-h2">
          {t('kiosk.search.title')}
        </h2>
        <Field
          ref={inputRef}
          id="kiosk-search-input"
          testId="kiosk-search-input"
          label={t('kiosk.search.field')}
          placeholder={t('kiosk.search.placeholder')}
          value={text}
          maxLength={60}
          active
          onChange={onText}
          onFocus={() => undefined}
          onEnter={onEnter}
          hint={t('kiosk.search.hint')}
        />
        <div className="kiosk-results-head" aria-live="polite" data-testid="kiosk-search-status">
          {failed ? t('kiosk.search.error') : data ? t('kiosk.search.total', { n: data.total }) : t('kiosk.search.loading')}
        </div>
        <ul className="kiosk-results" data-testid="kiosk-results" aria-busy={loading} aria-label={t('kiosk.search.title')}>
          {data?.items.map((item) => (
            <li key={item.code}>
              <button type="button" className="kiosk-result" data-testid="kiosk-result" data-code={item.code} onClick={() => onOpen(item.code)}>
                <span className="kiosk-result-name">{item.name}</span>
                <span className="kiosk-result-meta">
                  {item.department.name} · {limitsText(t, item.kind, item.statutoryDays, item.promisedDays)}
                </span>
              </button>
            </li>
          ))}
          {data && data.items.length === 0 && <li className="kiosk-empty">{t('kiosk.search.none')}</li>}
          {data && data.total > data.items.length && <li className="kiosk-empty">{t('kiosk.search.more', { n: data.items.length })}</li>}
        </ul>
      </section>
      <section className="kiosk-panel kiosk-kb-panel" aria-label={t('kiosk.kb.label')}>
        <Keyboard
          layout="alpha"
          labels={{ label: t('kiosk.kb.label'), backspace: t('kiosk.kb.backspace'), clear: t('kiosk.kb.clear'), enter: t('kiosk.kb.enter') }}
          // Pinyin is indexed in lower case; the keys show capitals because they read better.
          onKey={(k) => onText((text + k.toLowerCase()).slice(0, 60))}
          onBackspace={() => onText(text.slice(0, -1))}
          onClear={() => onText('')}
        />
      </section>
    </div>
  );
}
