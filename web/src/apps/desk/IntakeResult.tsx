/**
 * What the window hands over after intake: the receipt (complete), the one-time supplement notice
 * listing every missing material (incomplete), or the not-accepted notice with its reason.
 * An immediate item (即办件) can be decided here and now: accept → approve → complete.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Input, Space, Steps, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled, StopFilled, PrinterOutlined, FileTextOutlined } from '@ant-design/icons';
import { api, ApiRequestError, seg } from '../../shared/api';
import type { ActionAnswer, CaseAction, CaseView, IntakeAnswer } from '#contract/cases.js';
import { errorMessage } from '../../shared/errors';
import { navigate } from '../../shared/router';
import { useI18n } from '../../shared/i18n';
import { useDeskT, statusLabel } from './i18n';
import { paperUrl } from './papers';
import { useHotkeys } from './hotkeys';

export interface IntakeOutcome {
  answer: IntakeAnswer;
  itemName: string;
  itemKind: 'immediate' | 'promised' | 'joint';
  applicantName: string;
  /** Set when the application was not accepted at the window. */
  notAcceptedReason?: string;
  /** Set when creating worked but recording 不予受理 did not. */
  notAcceptError?: string;
}

interface Props {
  outcome: IntakeOutcome;
  /** False while the clerk is on another page (the intake stays mounted underneath). */
  active: boolean;
  onNext: () => void;
  onSameApplicant: () => void;
}

const DECISION: CaseAction[] = ['accept', 'review-pass', 'approve', 'complete'];

/** The on-the-spot decision of an immediate item, one action at a time with the version last seen. */
function ImmediateDecision({ caseNo }: { caseNo: string }) {
  const t = useDeskT();
  const { message } = App.useApp();
  const [view, setView] = useState<CaseView | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [resultNo, setResultNo] = useState('');
  const [resultNoError, setResultNoError] = useState(false);
  const [running, setRunning] = useState(false);
  const inputRef = useRef<InputRef>(null);

  const load = () => {
    setLoading(true);
    return api
      .get<CaseView>(`/api/cases/${seg(caseNo)}`)
      .then((v) => {
        setView(v);
        setError(null);
        return v;
      })
      .catch((e) => {
        setError(errorMessage(e, t));
        return null;
      })
      .finally(() => setLoading(false));
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [caseNo]);

  const possible = view ? DECISION.filter((a) => view.allowedActions.includes(a)) : [];
  const step = view ? (['received'].includes(view.status) ? 0 : ['accepted', 'reviewed'].includes(view.status) ? 1 : view.status === 'approved' ? 2 : 3) : 0;

  async function run() {
    if (!view || running) return;
    if (!resultNo.trim()) {
      setResultNoError(true);
      inputRef.current?.focus();
      return;
    }
    setRunning(true);
    setError(null);
    let current = view;
    try {
      // Whatever was already done (e.g. accepted before a reload) is skipped; the server checks each step.
      for (let i = 0; i < 3; i++) {
        const action: CaseAction | undefined =
          current.status === 'received' ? 'accept' : current.status === 'accepted' || current.status === 'reviewed' ? 'approve' : current.status === 'approved' ? 'complete' : undefined;
        if (!action) break;
        const answer = await api.post<ActionAnswer>(`/api/cases/${seg(caseNo)}/actions`, {
          action,
          expectedVersion: current.version,
          ...(action === 'complete' ? { data: { resultNo: resultNo.trim() } } : {}),
        });
        // The result number goes with the completion: the success notice shows it before the reload below answers.
        current = { ...current, status: answer.status as CaseView['status'], version: answer.version, ...(action === 'complete' ? { resultNo: resultNo.trim() } : {}) };
        setView(current);
      }
      await load();
      message.success(t('decide.done'));
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('conflict.reloaded'));
        await load();
      } else setError(errorMessage(e, t));
    } finally {
      setRunning(false);
    }
  }

  if (loading && !view) return <div className="desk-decide desk-muted">{t('common.loading')}</div>;
  if (!view) return error ? <Alert type="error" showIcon title={error} /> : null;
  if (possible.length === 0 && view.status !== 'completed') return null;
  return (
    <div className="desk-decide" data-testid="immediate-decision">
      <Typography.Text strong>{t('decide.title')}</Typography.Text>
      <Steps
        size="small"
        current={step}
        className="desk-gap"
        items={[{ title: t('decide.accept') }, { title: t('decide.approve') }, { title: t('decide.complete') }]}
      />
      {view.status === 'completed' ? (
        <Alert
          type="success"
          showIcon
          data-testid="decision-done"
          title={t('decide.completed', { no: view.resultNo ?? '' })}
          action={
            <Space>
              <Button href={paperUrl(caseNo, 'acceptance')} target="_blank" icon={<PrinterOutlined />}>
                {t('paper.acceptance')}
              </Button>
              <Button type="primary" onClick={() => navigate(`/desk/delivery?case=${encodeURIComponent(caseNo)}`)} data-testid="deliver-now">
                {t('decide.deliverNow')}
              </Button>
            </Space>
          }
        />
      ) : (
        <Space.Compact className="desk-decide-form">
          <Input
            ref={inputRef}
            value={resultNo}
            status={resultNoError ? 'error' : undefined}
            onChange={(e) => {
              setResultNo(e.target.value);
              setResultNoError(false);
            }}
            onPressEnter={run}
            maxLength={100}
            placeholder={t('decide.resultNo')}
            aria-label={t('decide.resultNo')}
            data-testid="result-no"
          />
          <Button type="primary" loading={running} onClick={run} data-testid="decide-run">
            {t('decide.run')}
          </Button>
        </Space.Compact>
      )}
      {resultNoError && <div className="desk-error-text">{t('decide.resultNoRequired')}</div>}
      {error && <Alert type="error" showIcon title={error} className="desk-gap" />}
    </div>
  );
}

export function IntakeResult({ outcome, active, onNext, onSameApplicant }: Props) {
  const t = useDeskT();
  const { lang } = useI18n();
  const { answer } = outcome;
  const status = outcome.notAcceptedReason && !outcome.notAcceptError ? 'not_accepted' : answer.status;

  useEffect(() => {
    // The clerk's next key press prints the paper the applicant takes home.
    const el = document.querySelector<HTMLElement>('[data-primary-paper]');
    el?.focus();
  }, [answer.caseNo, status]);

  useHotkeys({ 'alt+KeyP': () => document.querySelector<HTMLElement>('[data-primary-paper]')?.click() }, active);

  const head =
    status === 'received'
      ? { icon: <CheckCircleFilled className="desk-icon-ok" />, title: t('result.received'), text: t('result.receivedText') }
      : status === 'supplement'
        ? { icon: <ExclamationCircleFilled className="desk-icon-warn" />, title: t('result.supplement'), text: t('result.supplementText', { n: answer.missingMaterials.length }) }
        : { icon: <StopFilled className="desk-icon-bad" />, title: t('result.notAccepted'), text: t('result.notAcceptedText') };

  const primaryPaper = status === 'supplement' ? 'supplement' : status === 'not_accepted' ? 'not-accepted' : 'receipt';
  const primaryLabel = status === 'supplement' ? t('paper.supplement') : status === 'not_accepted' ? t('paper.notAccepted') : t('paper.receipt');

  return (
    <section className="desk-panel desk-result" data-testid="intake-result" data-status={status}>
      <div className="desk-result-head">
        <div className="desk-result-icon">{head.icon}</div>
        <div className="desk-result-titles">
          <div className="desk-result-title">{head.title}</div>
          <div className="desk-muted">{head.text}</div>
        </div>
        <div className="desk-result-no">
          <div className="desk-muted">{t('list.caseNo')}</div>
          <Typography.Text copyable={{ text: answer.caseNo }} className="desk-case-no" data-testid="result-case-no">
            {answer.caseNo}
          </Typography.Text>
        </div>
      </div>
      <dl className="desk-result-facts">
        <dt>{t('list.item')}</dt>
        <dd>{outcome.itemName}</dd>
        <dt>{t('list.applicant')}</dt>
        <dd>{outcome.applicantName}</dd>
        <dt>{t('result.status')}</dt>
        <dd>
          <Tag color={status === 'received' ? 'blue' : status === 'supplement' ? 'orange' : 'red'} data-testid="result-status">
            {statusLabel(status, lang)}
          </Tag>
        </dd>
      </dl>

      {status === 'supplement' && (
        <div className="desk-missing" data-testid="missing-list">
          <div className="desk-missing-title">{t('result.missingTitle')}</div>
          <ol>
            {answer.missingMaterials.map((m) => (
              <li key={m.code} data-testid="missing-item" data-code={m.code}>
                {m.name}
              </li>
            ))}
          </ol>
          <div className="desk-muted">{t('result.missingFoot')}</div>
        </div>
      )}
      {outcome.notAcceptedReason && (
        <div className="desk-missing desk-reason" data-testid="not-accepted-reason">
          <div className="desk-missing-title">{t('reject.reason')}</div>
          <div className="ow-pre">{outcome.notAcceptedReason}</div>
        </div>
      )}
      {outcome.notAcceptError && <Alert type="error" showIcon className="desk-gap" title={t('result.notAcceptFailed')} description={outcome.notAcceptError} />}

      <div className="desk-result-papers">
        <Button
          type="primary"
          size="large"
          icon={<PrinterOutlined />}
          href={paperUrl(answer.caseNo, primaryPaper)}
          target="_blank"
          data-primary-paper=""
          data-testid="print-primary"
        >
          {primaryLabel} <kbd className="desk-kbd desk-kbd-dark">Alt+P</kbd>
        </Button>
        {primaryPaper === 'receipt' ? (
          <Button size="large" href={paperUrl(answer.caseNo, 'receipt', true)} target="_blank" data-testid="print-receipt-slip">
            {t('paper.receiptSlip')}
          </Button>
        ) : (
          <Button size="large" icon={<FileTextOutlined />} href={paperUrl(answer.caseNo, 'receipt')} target="_blank" data-testid="print-receipt">
            {t('paper.receipt')}
          </Button>
        )}
      </div>

      {status === 'received' && outcome.itemKind === 'immediate' && <ImmediateDecision caseNo={answer.caseNo} />}

      <div className="desk-result-next">
        <Button onClick={onNext} data-testid="next-intake">
          {t('result.next')} <kbd className="desk-kbd">Alt+N</kbd>
        </Button>
        <Button onClick={onSameApplicant} data-testid="same-applicant">
          {t('result.sameApplicant')}
        </Button>
        <Button type="link" onClick={() => navigate(`/desk/cases/${answer.caseNo}`)} data-testid="open-case">
          {t('result.openCase')}
        </Button>
      </div>
    </section>
  );
}
