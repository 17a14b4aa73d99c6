/**
 * One case at the window, built from the shared case components (web/src/shared/case/) as the back
 * office's page is; what only the window does stays here: the resupply checklist with its keys, the
 * papers to print, and delivery handed to the delivery screen.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Button, Result, Skeleton, Space, Typography } from 'antd';
import { PrinterOutlined, ReloadOutlined, ArrowLeftOutlined } from '@ant-design/icons';
import { api, ApiRequestError, seg } from '../../shared/api';
import type { CaseView } from '#contract/cases.js';
import { errorMessage } from '../../shared/errors';
import { ActionPanel } from '../../shared/case/ActionPanel';
import { CaseClock } from '../../shared/case/CaseClock';
import { CaseInfo, CaseMaterials, materialsSummary } from '../../shared/case/CaseDetail';
import { CaseFiles } from '../../shared/case/CaseFiles';
import { CaseStatusTag, WarningTag, useCaseT } from '../../shared/case/ClockBadge';
import { CaseTasks } from '../../shared/case/CaseTasks';
import { CaseTimeline } from '../../shared/case/CaseTimeline';
import { useCase } from '../../shared/case/use-case';
import { LocalName } from '../../shared/labels';
import { navigate, Link } from '../../shared/router';
import { useDeskT } from './i18n';
import { FormFoot, UrgentTag } from './case-bits';
import { Checklist } from './Checklist';
import { paperUrl } from './papers';
import { focusSoon, useHotkeys } from './hotkeys';

export function Papers({ c }: { c: CaseView }) {
  const t = useDeskT();
  const rows: { key: string; label: string; href: string; slip?: string }[] = [
    { key: 'receipt', label: t('paper.receipt'), href: paperUrl(c.caseNo, 'receipt'), slip: paperUrl(c.caseNo, 'receipt', true) },
  ];
  if (c.status === 'supplement') rows.push({ key: 'supplement', label: t('paper.supplement'), href: c.links.supplementNotice ?? paperUrl(c.caseNo, 'supplement') });
  if (c.status === 'not_accepted') rows.push({ key: 'not-accepted', label: t('paper.notAccepted'), href: c.links.notAcceptedNotice ?? paperUrl(c.caseNo, 'not-accepted') });
  if (c.acceptedAt && c.status !== 'cancelled') rows.push({ key: 'acceptance', label: t('paper.acceptance'), href: paperUrl(c.caseNo, 'acceptance') });
  // Before pickup the same paper is the 取件通知单 (what to bring); after it, the signed 出件单.
  if (['completed', 'refused', 'delivered'].includes(c.status)) rows.push({ key: 'pickup', label: t('paper.pickup'), href: paperUrl(c.caseNo, 'pickup'), slip: paperUrl(c.caseNo, 'pickup', true) });
  return (
    <ul className="desk-papers" data-testid="case-papers">
      {rows.map((r) => (
        <li key={r.key}>
          <a href={r.href} target="_blank" rel="noopener" data-testid={`paper-${r.key}`}>
            <PrinterOutlined /> {r.label}
          </a>
          {r.slip && (
            <a href={r.slip} target="_blank" rel="noopener" className="desk-slip-link">
              {t('paper.slip')}
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Ticking what the returning applicant brought; every required material must be there to go on. */
function Resupply({ c, onDone }: { c: CaseView; onDone: () => Promise<unknown> }) {
  const t = useDeskT();
  const { message } = App.useApp();
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(false);
  const locked = Object.fromEntries(c.materials.filter((m) => m.provided).map((m) => [m.code, true]));
  const stillMissing = c.materials.filter((m) => m.required && !m.provided && !ticked[m.code]);

  useEffect(() => focusSoon('.desk-resupply .desk-materials input[type=checkbox]:not([disabled])'), []);

  const tickAll = () => setTicked((old) => ({ ...old, ...Object.fromEntries(c.materials.filter((m) => m.required && !m.provided).map((m) => [m.code, true])) }));

  async function save() {
    if (inFlight.current) return;
    if (stillMissing.length) {
      setError(t('resupply.stillMissing', { list: stillMissing.map((m) => m.name).join('、') }));
      return;
    }
    inFlight.current = true;
    setSaving(true);
    setError(null);
    try {
      const materials = Object.entries(ticked).filter(([, v]) => v).map(([code]) => ({ code, provided: true }));
      await api.post(`/api/cases/${seg(c.caseNo)}/actions`, { action: 'resupply', expectedVersion: c.version, data: { materials } });
      message.success(t('resupply.done'));
      await onDone();
      focusSoon('[data-testid="paper-receipt"]');
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('conflict.reloaded'));
        await onDone();
      } else setError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  }

  useHotkeys({ 'alt+KeyA': tickAll, 'ctrl+Enter': save });

  return (
    <section className="desk-card desk-resupply" data-testid="resupply">
      <div className="desk-card-title">{t('resupply.title')}</div>
      <p className="desk-muted">{t('resupply.text')}</p>
      <Checklist
        materials={c.materials}
        ticked={ticked}
        locked={locked}
        onChange={(code, v) => setTicked((old) => ({ ...old, [code]: v }))}
        onTickRequired={tickAll}
        tickLabel={t('resupply.tickAll')}
        testId="resupply-checklist"
      />
      <FormFoot error={error} errorTestId="resupply-error" saving={saving} onSubmit={save} testId="resupply-submit">
        {t('resupply.submit')}
      </FormFoot>
    </section>
  );
}

function Card({ title, extra, children, testId }: { title: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="desk-card" data-testid={testId}>
      <div className="desk-card-title">
        {title}
        {extra && <span className="desk-card-extra">{extra}</span>}
      </div>
      {children}
    </section>
  );
}

export function CasePage({ caseNo }: { caseNo: string }) {
  const t = useDeskT();
  const ct = useCaseT();
  const { data: c, loading, notFound, error, reload } = useCase(caseNo);

  useEffect(() => {
    document.title = `${caseNo} · ${t('app.title')}`;
    return () => {
      document.title = t('app.title');
    };
  }, [caseNo, t]);

  if (!c && loading) {
    return (
      <div className="desk-page">
        <Skeleton active paragraph={{ rows: 10 }} />
      </div>
    );
  }
  if (!c) {
    return (
      <div className="desk-page">
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? ct('case.notFound') : t('common.error')}
          subTitle={notFound ? ct('case.notFoundHint', { caseNo }) : errorMessage(error, t)}
          extra={
            <Space>
              <Button onClick={() => void reload()} icon={<ReloadOutlined />}>
                {t('common.retry')}
              </Button>
              <Link href="/desk/today">{t('nav.today')}</Link>
            </Space>
          }
        />
      </div>
    );
  }

  const resupply = c.status === 'supplement' && c.allowedActions.includes('resupply');
  const summary = materialsSummary(c.materials);
  return (
    <div className="desk-page desk-case" data-testid="case-page" data-case-no={c.caseNo} data-version={c.version}>
      <div className="desk-page-head">
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => window.history.back()} aria-label={t('common.back')} />
        <Typography.Title level={4} className="desk-page-title">
          <span className="desk-mono" data-testid="case-no">
            {c.caseNo}
          </span>
        </Typography.Title>
        <CaseStatusTag status={c.status} />
        <WarningTag warning={c.clock.warning} />
        <UrgentTag urgent={c.urgent} />
        <span className="desk-ellipsis desk-case-item" title={c.item.name}>
          <LocalName x={c.item} />
        </span>
        <Button icon={<ReloadOutlined />} onClick={() => void reload()} loading={loading} className="desk-push-right">
          {t('common.refresh')}
        </Button>
      </div>
      <div className="desk-case-grid">
        <div className="desk-case-main">
          {resupply && <Resupply key={c.version} c={c} onDone={reload} />}
          {c.tasks.length > 0 && (
            <Card title={ct('tasks.title')}>
              <CaseTasks tasks={c.tasks} />
            </Card>
          )}
          <Card title={ct('case.basic')}>
            <CaseInfo c={c} />
          </Card>
          {!resupply && (
            <Card title={ct('case.materials')} extra={ct('case.materialsSummary', summary)}>
              <CaseMaterials materials={c.materials} />
            </Card>
          )}
          <CaseFiles caseNo={c.caseNo} version={c.version} frame={(title, body) => <Card title={title}>{body}</Card>} />
        </div>
        <aside className="desk-case-side">
          <Card title={ct('actions.title')} testId="case-actions">
            <ActionPanel
              c={c}
              without={['resupply']}
              onAction={{ deliver: () => navigate(`/desk/delivery?case=${encodeURIComponent(c.caseNo)}`) }}
              submitTestId="action-ok"
              onChanged={async () => {
                await reload();
              }}
            />
          </Card>
          <Card title={t('case.papers')}>
            <Papers c={c} />
          </Card>
          <Card title={ct('clock.title')}>
            <CaseClock clock={c.clock} />
          </Card>
          <Card title={ct('timeline.title')}>
            <CaseTimeline caseNo={c.caseNo} version={c.version} materials={c.materials} />
          </Card>
        </aside>
      </div>
    </div>
  );
}
