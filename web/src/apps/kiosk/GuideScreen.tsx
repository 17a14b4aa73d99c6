/**
 * One item's guide in kiosk layout: the facts people ask about, the materials list, and a big button
 * that prints the one-time notification sheet (一次性告知单). The print page loads in a hidden frame and
 * prints from there, because a kiosk has no way to close a tab a popup would leave behind.
 */
import { useEffect, useState } from 'react';
import { PrinterOutlined } from '@ant-design/icons';
import { ApiRequestError, api, seg } from '../../shared/api';
import type { ItemGuide } from '#contract/catalog.js';
import { feeText, limitsText, materialFormLabel } from '../../shared/labels';
import { useKioskT } from './kiosk-t';

export function GuideScreen({ code }: { code: string }) {
  const t = useKioskT();
  const [guide, setGuide] = useState<ItemGuide | null>(null);
  const [failure, setFailure] = useState<'not-found' | 'error' | null>(null);
  // Each press mounts a new frame (its key), so printing the same sheet twice prints twice.
  const [prints, setPrints] = useState(0);

  useEffect(() => {
    let alive = true;
    api
      .get<ItemGuide>(`/api/items/${seg(code)}`)
      .then((g) => alive && setGuide(g))
      .catch((e) => alive && setFailure(e instanceof ApiRequestError && e.status === 404 ? 'not-found' : 'error'));
    return () => {
      alive = false;
    };
  }, [code]);

  if (failure) {
    return (
      <section className="kiosk-panel kiosk-message" data-testid="kiosk-guide-failed" role="alert">
        {failure === 'not-found' ? t('kiosk.guide.notFound') : t('common.error')}
      </section>
    );
  }
  if (!guide) {
    return (
      <section className="kiosk-panel kiosk-message" aria-busy="true">
        {t('kiosk.guide.loading')}
      </section>
    );
  }

  const print = () => setPrints((n) => n + 1);

  const facts: [string, string][] = [
    [t('kiosk.guide.department'), guide.department.name],
    [t('kiosk.guide.limits'), limitsText(t, guide.kind, guide.statutoryDays, guide.promisedDays)],
    [t('kiosk.guide.fee'), guide.feeStandard || feeText(t, guide.feeCents)],
    [t('kiosk.guide.online'), guide.onlineAllowed ? t('guide.onlineYes') : t('guide.onlineNo')],
    [t('kiosk.guide.location'), guide.location || '—'],
    [t('kiosk.guide.phone'), guide.phone || '—'],
  ];

  return (
    <div className="kiosk-guide" data-testid="kiosk-guide" data-code={guide.code}>
      <section className="kiosk-panel kiosk-guide-head" aria-labelledby="kiosk-guide-name">
        <h2 id="kiosk-guide-name" className="kiosk-h2" data-testid="kiosk-guide-name">
          {guide.name}
        </h2>
        <button type="button" className="kiosk-btn kiosk-btn-primary kiosk-btn-xl" data-testid="kiosk-print-notice" onClick={print}>
          <PrinterOutlined aria-hidden="true" /> {t('kiosk.guide.print')}
        </button>
        {prints > 0 && (
          <div className="kiosk-note" role="status" data-testid="kiosk-printing">
            {t('kiosk.guide.printing')}
          </div>
        )}
      </section>
      {/* Focusable so the materials can be scrolled with keys too (and axe's scrollable-region rule holds). */}
      <section className="kiosk-panel kiosk-guide-body" tabIndex={0} aria-label={guide.name}>
        <dl className="kiosk-facts">
          {facts.map(([k, v]) => (
            <div key={k} className="kiosk-fact">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <h3 className="kiosk-h3">{t('kiosk.guide.materials', { n: guide.materials.length })}</h3>
        <ol className="kiosk-materials" data-testid="kiosk-guide-materials">
          {guide.materials.map((m) => (
            <li key={m.code || m.name}>
              <span className="kiosk-material-name">{m.name}</span>
              <span className="kiosk-material-meta">
                {materialFormLabel(t, m.form)} · {t('kiosk.guide.copies', { n: m.copies })} ·{' '}
                {m.required ? t('material.required') : m.condition ? t('material.conditionalWhen', { condition: m.condition }) : t('material.conditional')}
              </span>
            </li>
          ))}
        </ol>
        {guide.conditions && (
          <>
            <h3 className="kiosk-h3">{t('kiosk.guide.conditions')}</h3>
            <p className="kiosk-pre">{guide.conditions}</p>
          </>
        )}
        {guide.procedure.length > 0 && (
          <>
            <h3 className="kiosk-h3">{t('kiosk.guide.procedure')}</h3>
            <ol className="kiosk-steps">
              {guide.procedure.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ol>
          </>
        )}
      </section>
      {prints > 0 && (
        <iframe
          key={prints}
          src={guide.links.notice}
          title={t('kiosk.guide.print')}
          className="kiosk-print-frame"
          data-testid="kiosk-print-frame"
          aria-hidden="true"
          tabIndex={-1}
          onLoad={(e) => e.currentTarget.contentWindow?.print()}
        />
      )}
    </div>
  );
}
