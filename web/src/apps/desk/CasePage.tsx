/**
 * One case at the window: facts, materials, what the desk may do now (from allowedActions), the
 * printed papers, every step. A returning applicant's resupply happens here: tick what was brought,
 * confirm, and the case goes back to received. A 409 means someone acted first: say so and reload.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Empty, Input, Modal, Result, Skeleton, Space, Timeline, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, PrinterOutlined, ReloadOutlined, ArrowLeftOutlined } from '@ant-design/icons';
import { needsComment } from '@domain/case-workflow';
import { api, ApiRequestError, seg } from '../../shared/api';
import type { CaseAction, CaseView, TimelineEntry } from '#contract/cases.js';
import { errorMessage } from '../../shared/errors';
import { CaseFiles } from '../../shared/case/CaseFiles';
import { useI18n } from '../../shared/i18n';
import { formatDateTime, LocalName } from '../../shared/labels';
import { navigate, Link } from '../../shared/router';
import { useDeskT, statusLabel } from './i18n';
import type { DeskKey } from './messages';
import { CaseFacts, CaseStatusTag, UrgentTag } from './case-bits';
import { Checklist } from './Checklist';
import { paperUrl } from './papers';
import { focusSoon, useHotkeys } from './hotkeys';

/** What the front desk does from this page; resupply and delivery have their own screens. */
const DESK_ACTIONS: CaseAction[] = ['prereview-accept', 'prereview-return', 'accept', 'review-pass', 'approve', 'complete', 'refuse', 'request-supplement', 'not-accept', 'withdraw', 'cancel'];

function useCase(caseNo: string) {
  const t = useDeskT();
  const [view, setView] = useState<CaseView | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<{ text: string; notFound: boolean } | null>(null);
  const load = async () => {
    setLoading(true);
    try {
      const [v, tl] = await Promise.all([api.get<CaseView>(`/api/cases/${seg(caseNo)}`), api.get<TimelineEntry[]>(`/api/cases/${seg(caseNo)}/timeline`)]);
      setView(v);
      setTimeline(tl);
      setError(null);
      return v;
    } catch (e) {
      setError({ text: errorMessage(e, t), notFound: e instanceof ApiRequestError && e.status === 404 });
      return null;
    } finally {
      setLoading(false);
    }
  };
  return { view, timeline, loading, error, load };
}

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

function CaseTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useDeskT();
  const { lang } = useI18n();
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noSteps')} />;
  return (
    <Timeline
      className="desk-timeline"
      items={[...entries].reverse().map((e) => ({
        key: e.seq,
        color: ['not_accepted', 'refused', 'returned', 'withdrawn', 'cancelled'].includes(e.toStatus) ? 'red' : e.toStatus === 'supplement' ? 'orange' : 'blue',
        content: (
          <div>
            <div className="desk-muted desk-small">{formatDateTime(e.at)}</div>
            <div>
              <b>{actionText(t, e.action) ?? statusLabel(e.toStatus, lang)}</b> → {statusLabel(e.toStatus, lang)}
            </div>
            <div className="desk-muted">
              {e.actorName}
              {e.role ? ` · ${roleText(t, e.role)}` : ''}
            </div>
            {e.comment && <div className="ow-pre desk-timeline-comment">{e.comment}</div>}
          </div>
        ),
      }))}
    />
  );
}

function actionText(t: ReturnType<typeof useDeskT>, action: string): string | null {
  const text = t(`action.${action}` as DeskKey);
  return text === `action.${action}` ? null : text;
}

function roleText(t: ReturnType<typeof useDeskT>, role: string): string {
  const text = t(`role.${role}` as DeskKey);
  return text === `role.${role}` ? '' : text;
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
      {error && <Alert type="error" showIcon title={error} className="desk-gap" data-testid="resupply-error" />}
      <div className="desk-card-foot">
        <Button type="primary" size="large" loading={saving} onClick={save} data-testid="resupply-submit">
          {t('resupply.submit')} <kbd className="desk-kbd desk-kbd-dark">Ctrl+Enter</kbd>
        </Button>
      </div>
    </section>
  );
}

/** The buttons the transition table allows this clerk now, with the reason or number each one needs. */
function Actions({ c, onDone }: { c: CaseView; onDone: () => Promise<unknown> }) {
  const t = useDeskT();
  const { message } = App.useApp();
  const [action, setAction] = useState<CaseAction | null>(null);
  const [comment, setComment] = useState('');
  const [resultNo, setResultNo] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inFlight = useRef(false);
  const actions = DESK_ACTIONS.filter((a) => c.allowedActions.includes(a));
  const canDeliver = c.allowedActions.includes('deliver');

  function open(a: CaseAction) {
    setAction(a);
    setComment('');
    setResultNo('');
    setMissing([]);
    setProblem(null);
  }

  async function run() {
    if (!action || inFlight.current) return;
    if (needsComment(action) && !comment.trim()) return setProblem(t('act.commentRequired'));
    if (action === 'complete' && !resultNo.trim()) return setProblem(t('decide.resultNoRequired'));
    if (action === 'request-supplement' && missing.length === 0) return setProblem(t('act.missingRequired'));
    inFlight.current = true;
    setSaving(true);
    setProblem(null);
    try {
      await api.post(`/api/cases/${seg(c.caseNo)}/actions`, {
        action,
        expectedVersion: c.version,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(action === 'complete' ? { data: { resultNo: resultNo.trim() } } : {}),
        ...(action === 'request-supplement' || (action === 'prereview-return' && missing.length) ? { data: { missing } } : {}),
      });
      message.success(t('act.done', { action: t(`action.${action}` as DeskKey) }));
      setAction(null);
      await onDone();
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('conflict.reloaded'));
        setAction(null);
        await onDone();
      } else setProblem(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  }

  if (!actions.length && !canDeliver) return <div className="desk-muted">{t('act.none')}</div>;
  const danger = (a: CaseAction) => ['refuse', 'not-accept', 'withdraw', 'cancel', 'prereview-return'].includes(a);
  return (
    <>
      <div className="desk-actions" data-testid="case-actions">
        {canDeliver && (
          <Button type="primary" onClick={() => navigate(`/desk/delivery?case=${encodeURIComponent(c.caseNo)}`)} data-testid="action-deliver">
            {t('action.deliver')}
          </Button>
        )}
        {actions.map((a) => (
          <Button key={a} danger={danger(a)} type={!danger(a) && a !== 'request-supplement' && !canDeliver && a === actions[0] ? 'primary' : 'default'} onClick={() => open(a)} data-testid={`action-${a}`} autoInsertSpace={false}>
            {t(`action.${a}` as DeskKey)}
          </Button>
        ))}
      </div>
      <Modal
        open={action !== null}
        title={action ? t('act.title', { action: t(`action.${action}` as DeskKey), caseNo: c.caseNo }) : ''}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: action ? danger(action) : false, loading: saving, 'data-testid': 'action-ok' }}
        onOk={run}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        {action && <p className="desk-muted">{t(`act.hint.${action}` as DeskKey)}</p>}
        {(action === 'request-supplement' || action === 'prereview-return') && (
          <Checkbox.Group
            className="desk-vertical-checks"
            value={missing}
            onChange={(v) => setMissing(v as string[])}
            options={c.materials.map((m) => ({ value: m.code, label: m.name }))}
          />
        )}
        {action === 'complete' && (
          <Input autoFocus value={resultNo} onChange={(e) => setResultNo(e.target.value)} maxLength={100} placeholder={t('decide.resultNo')} aria-label={t('decide.resultNo')} data-testid="action-result-no" />
        )}
        {action && needsComment(action) && (
          <Input.TextArea
            autoFocus={action !== 'request-supplement'}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            rows={3}
            maxLength={2000}
            placeholder={t('act.commentPlaceholder')}
            aria-label={t('act.comment')}
            className="desk-gap"
            data-testid="action-comment"
          />
        )}
        {problem && <Alert type="error" showIcon title={problem} className="desk-gap" />}
      </Modal>
    </>
  );
}

export function CasePage({ caseNo }: { caseNo: string }) {
  const t = useDeskT();
  const { view: c, timeline, loading, error, load } = useCase(caseNo);

  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseNo]);

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
          status={error?.notFound ? '404' : 'error'}
          title={error?.notFound ? t('case.notFound', { caseNo }) : t('common.error')}
          subTitle={error?.notFound ? t('case.notFoundText') : error?.text}
          extra={
            <Space>
              <Button onClick={() => void load()} icon={<ReloadOutlined />}>
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
  return (
    <div className="desk-page desk-case" data-testid="case-page" data-case-no={c.caseNo}>
      <div className="desk-page-head">
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => window.history.back()} aria-label={t('common.back')} />
        <Typography.Title level={4} className="desk-page-title">
          <span className="desk-mono" data-testid="case-no">
            {c.caseNo}
          </span>
        </Typography.Title>
        <CaseStatusTag status={c.status} />
        <UrgentTag urgent={c.urgent} />
        <span className="desk-ellipsis desk-case-item" title={c.item.name}>
          <LocalName x={c.item} />
        </span>
        <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} className="desk-push-right">
          {t('common.refresh')}
        </Button>
      </div>
      <div className="desk-case-grid">
        <div className="desk-case-main">
          {resupply && <Resupply key={c.version} c={c} onDone={load} />}
          <section className="desk-card">
            <div className="desk-card-title">{t('case.facts')}</div>
            <CaseFacts c={c} />
          </section>
          {!resupply && (
          <section className="desk-card">
            <div className="desk-card-title">{t('case.materials')}</div>
            <ol className="desk-case-materials" data-testid="case-materials">
              {c.materials.map((m) => (
                <li key={m.code} data-code={m.code} data-provided={m.provided ? 'true' : 'false'}>
                  {m.provided ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor={m.required ? '#ff4d4f' : '#bfbfbf'} />}
                  <span className="desk-case-material-name"><LocalName x={m} /></span>
                  <span className="desk-muted">{m.required ? t('material.required') : t('material.conditional')}</span>
                  <span className={m.provided ? 'desk-ok-text' : m.required ? 'desk-error-text' : 'desk-muted'}>{m.provided ? t('case.provided') : t('case.notProvided')}</span>
                </li>
              ))}
            </ol>
          </section>
          )}
          <CaseFiles
            caseNo={c.caseNo}
            version={c.version}
            frame={(title, body) => (
              <section className="desk-card">
                <div className="desk-card-title">{title}</div>
                {body}
              </section>
            )}
          />
        </div>
        <aside className="desk-case-side">
          <section className="desk-card">
            <div className="desk-card-title">{t('case.actions')}</div>
            <Actions c={c} onDone={load} />
          </section>
          <section className="desk-card">
            <div className="desk-card-title">{t('case.papers')}</div>
            <Papers c={c} />
          </section>
          <section className="desk-card">
            <div className="desk-card-title">{t('case.timeline')}</div>
            {timeline ? <CaseTimeline entries={timeline} /> : <Skeleton active />}
          </section>
        </aside>
      </div>
    </div>
  );
}
