/**
 * 综合收件: find the item, check the materials against its checklist, enter the applicant, submit.
 * Complete → 收件回执; a required material missing → 补正告知书 with the full list; not acceptable →
 * 不予受理告知书. Stays mounted while the clerk looks at other pages, so a draft is never lost.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Empty, Input, Modal, Skeleton, Space, Tag } from 'antd';
import type { InputRef } from 'antd';
import { FileProtectOutlined, PrinterOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { api, ApiRequestError, seg } from '../../shared/api';
import type { ItemGuide } from '#contract/catalog.js';
import type { IntakeBody } from '#contract/cases.js';
import { errorMessage } from '../../shared/errors';
import type { Lang } from '../../shared/i18n';
import { KindTag, feeText, limitsText, localName } from '../../shared/labels';
import { departmentName, useDepartments } from '../../shared/departments';
import { useDeskT } from './i18n';
import { NAV } from './nav';
import { useComplaintT } from '../../shared/complaints/ComplaintsPanel';
import { ItemFinder, type PickedItem } from './ItemFinder';
import { Checklist } from './Checklist';
import { ApplicantForm, draftErrors, emptyDraft, FIELD_ORDER, fieldDomId, type FieldId, type IntakeDraft } from './ApplicantForm';
import { IntakeResult, type IntakeOutcome } from './IntakeResult';
import { focusSoon, useHotkeys } from './hotkeys';
import { newIdempotencyKey, postIntake } from './desk-api';
import { recordUsage } from './usage';
import { linkAppointmentCase, takePendingAppointment } from './appointment-intake';

const FIRST_CHECKBOX = '.desk-materials input[type=checkbox]:not([disabled])';

export function Shortcut({ keys, children }: { keys: string; children: string }) {
  return (
    <span className="desk-shortcut">
      <kbd className="desk-kbd">{keys}</kbd>
      {children}
    </span>
  );
}

export function IntakePage({ active, lang }: { active: boolean; lang: Lang }) {
  const t = useDeskT();
  const ct = useComplaintT();
  const { message, modal } = App.useApp();
  const { departments } = useDepartments();
  const searchRef = useRef<InputRef>(null);
  const [picked, setPicked] = useState<PickedItem | null>(null);
  const [guide, setGuide] = useState<ItemGuide | null>(null);
  const [guideLoading, setGuideLoading] = useState(false);
  const [guideError, setGuideError] = useState<string | null>(null);
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [draft, setDraftState] = useState<IntakeDraft>(emptyDraft);
  const [touched, setTouched] = useState<Set<FieldId>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<{ message: string; details: string[] } | null>(null);
  const [outcome, setOutcome] = useState<IntakeOutcome | null>(null);
  const [usageVersion, setUsageVersion] = useState(0);
  const [finderReset, setFinderReset] = useState(0);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  // One key per draft: a double press or a retry of the same draft answers with the same case.
  const keyRef = useRef<string | null>(null);
  const inFlight = useRef(false);

  const changed = () => {
    keyRef.current = null;
    setSubmitError(null);
  };
  const setDraft = (d: IntakeDraft) => {
    setDraftState(d);
    changed();
  };

  useEffect(() => {
    if (!active) return;
    // 预约签到 → 开始收件: a fresh intake with the booked item chosen.
    const appt = takePendingAppointment();
    if (appt) {
      resetAll(false);
      if (appt.item) pick(appt.item);
      return;
    }
    if (outcome) focusSoon('[data-primary-paper]');
    else if (!guide) searchRef.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);

  function loadGuide(item: PickedItem) {
    setGuideLoading(true);
    setGuideError(null);
    api
      .get<ItemGuide>(`/api/items/${seg(item.code)}`)
      .then((g) => {
        setGuide(g);
        focusSoon(FIRST_CHECKBOX);
      })
      .catch((e) => setGuideError(errorMessage(e, t)))
      .finally(() => setGuideLoading(false));
  }

  function resetAll(keepApplicant: boolean, clearSearch = true) {
    if (clearSearch) setFinderReset((n) => n + 1);
    setOutcome(null);
    setPicked(null);
    setGuide(null);
    setGuideError(null);
    setTicked({});
    if (!keepApplicant) setDraftState(emptyDraft());
    setTouched(new Set());
    setSubmitted(false);
    changed();
  }

  function pick(item: PickedItem) {
    if (outcome) resetAll(false, false);
    setPicked(item);
    setGuide(null);
    setTicked({});
    changed();
    loadGuide(item);
  }

  function tickRequired() {
    if (!guide) return;
    setTicked((old) => {
      const next = { ...old };
      for (const m of guide.materials) if (m.required) next[m.code] = true;
      return next;
    });
    changed();
  }

  const errors = draftErrors(draft, (f) => submitted || touched.has(f));
  const missing = guide ? guide.materials.filter((m) => m.required && !ticked[m.code]) : [];

  function focusFirstError(): boolean {
    const all = draftErrors(draft, () => true);
    const first = FIELD_ORDER.find((f) => all[f]);
    if (!first) return false;
    setSubmitted(true);
    document.getElementById(fieldDomId(first))?.focus();
    return true;
  }

  function body(): IntakeBody {
    const a = draft.applicant;
    return {
      itemCode: guide!.code,
      applicant:
        a.kind === 'person'
          ? { kind: 'person', name: a.name.trim(), idNumber: a.idNumber, phone: a.phone }
          : { kind: 'organization', name: a.name.trim(), creditCode: a.creditCode, phone: a.phone },
      ...(draft.hasAgent ? { agent: { name: draft.agent.name.trim(), idNumber: draft.agent.idNumber, phone: draft.agent.phone, relation: draft.agent.relation.trim() } } : {}),
      channel: 'window',
      ...(draft.urgent ? { urgent: true } : {}),
      materials: guide!.materials.map((m) => ({ code: m.code, provided: !!ticked[m.code] })),
    };
  }

  async function send(notAcceptReason?: string) {
    if (!guide || inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setSubmitError(null);
    keyRef.current ??= newIdempotencyKey();
    try {
      const answer = await postIntake(body(), keyRef.current);
      let notAcceptError: string | undefined;
      if (notAcceptReason) {
        try {
          await api.post(`/api/cases/${seg(answer.caseNo)}/actions`, { action: 'not-accept', expectedVersion: answer.version, comment: notAcceptReason });
        } catch (e) {
          notAcceptError = errorMessage(e, t);
        }
      }
      recordUsage({ code: guide.code, name: guide.name, kind: guide.kind, department: guide.department });
      setUsageVersion((n) => n + 1);
      keyRef.current = null;
      setRejectOpen(false);
      void linkAppointmentCase(answer.caseNo, guide.code, message);
      setOutcome({
        answer,
        itemName: guide.name,
        itemKind: guide.kind,
        applicantName: draft.applicant.name.trim(),
        notAcceptedReason: notAcceptReason,
        notAcceptError,
      });
    } catch (e) {
      const details = e instanceof ApiRequestError ? (e.details ?? []).map((d) => d.message) : [];
      setSubmitError({ message: errorMessage(e, t), details });
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  /** An item is chosen and the form is valid; otherwise the clerk is told what to do first. */
  function formReady(): boolean {
    if (!guide) {
      message.warning(t('intake.pickFirst'));
      searchRef.current?.focus();
      return false;
    }
    if (focusFirstError()) {
      message.error(t('intake.fixFields'));
      return false;
    }
    return true;
  }

  function submit() {
    if (submitting || outcome) return;
    if (!formReady()) return;
    if (missing.length === 0) {
      void send();
      return;
    }
    modal.confirm({
      title: t('intake.confirmMissingTitle', { n: missing.length }),
      width: 560,
      content: (
        <div data-testid="confirm-missing">
          <p>{t('intake.confirmMissingText')}</p>
          <ol className="desk-confirm-list">
            {missing.map((m) => (
              <li key={m.code}>{localName(m, lang)}</li>
            ))}
          </ol>
        </div>
      ),
      okText: t('intake.confirmMissingOk'),
      cancelText: t('intake.confirmMissingBack'),
      onOk: () => send(),
      onCancel: () => focusSoon(FIRST_CHECKBOX),
    });
  }

  function openReject() {
    if (!formReady()) return;
    setReasonError(false);
    setRejectOpen(true);
  }

  function confirmReject() {
    if (!reason.trim()) {
      setReasonError(true);
      return;
    }
    void send(reason.trim());
  }

  useHotkeys({ 'alt+KeyN': () => { resetAll(false); searchRef.current?.focus(); } }, active);
  useHotkeys(
    {
      'alt+KeyA': tickRequired,
      'alt+KeyS': () => document.getElementById(fieldDomId('a-name'))?.focus(),
      'ctrl+Enter': submit,
    },
    active && !outcome,
  );

  const dept = guide ? departmentName(departments, lang, guide.department.code, guide.department.name) : '';

  return (
    <div className="desk-intake" hidden={!active} data-testid="intake-page">
      <div className="desk-shortcuts" aria-label={t('keys.title')}>
        <span className="desk-shortcuts-title">{t('keys.title')}</span>
        <Shortcut keys="↑ ↓ Enter">{t('keys.pick')}</Shortcut>
        <Shortcut keys={t('keys.space')}>{t('keys.tick')}</Shortcut>
        <Shortcut keys="Alt+A">{t('keys.tickAll')}</Shortcut>
        <Shortcut keys="Alt+S">{t('keys.applicant')}</Shortcut>
        <Shortcut keys="Enter">{t('keys.nextField')}</Shortcut>
        <Shortcut keys="Ctrl+Enter">{t('keys.submit')}</Shortcut>
        <Shortcut keys="Alt+P">{t('keys.print')}</Shortcut>
        <Shortcut keys="Alt+N">{t('keys.new')}</Shortcut>
        <span className="desk-shortcuts-title" data-testid="shortcuts-tabs">{t('keys.tabs')}</span>
        {NAV.map((n) => (
          <Shortcut key={n.key} keys={n.key}>
            {n.label === 'cp.nav' ? ct(n.label) : t(n.label)}
          </Shortcut>
        ))}
        <Shortcut keys="Alt+G">{t('keys.lookup')}</Shortcut>
      </div>
      <div className={`desk-intake-grid${outcome ? ' with-result' : ''}`}>
        <ItemFinder ref={searchRef} selectedCode={picked?.code ?? null} onPick={pick} usageVersion={usageVersion} resetSignal={finderReset} />

        {outcome ? (
          <IntakeResult
            outcome={outcome}
            active={active}
            onNext={() => {
              resetAll(false);
              searchRef.current?.focus();
            }}
            onSameApplicant={() => {
              resetAll(true);
              searchRef.current?.focus();
            }}
          />
        ) : (
          <>
            <section className="desk-panel desk-items-panel" aria-label={t('checklist.title')}>
              {!picked && (
                <div className="desk-start" data-testid="intake-start">
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('start.title')} />
                  <ol className="desk-start-steps">
                    <li>{t('start.step1')}</li>
                    <li>{t('start.step2')}</li>
                    <li>{t('start.step3')}</li>
                    <li>{t('start.step4')}</li>
                  </ol>
                </div>
              )}
              {picked && (
                <>
                  <div className="desk-item-head" data-testid="item-head">
                    <div className="desk-item-name" data-testid="item-name">
                      {localName(guide ?? picked, lang)}
                    </div>
                    {guide && (
                      <div className="desk-item-meta">
                        <KindTag kind={guide.kind} />
                        <span>{dept}</span>
                        <span>{limitsText(t, guide.kind, guide.statutoryDays, guide.promisedDays)}</span>
                        <span>{feeText(t, guide.feeCents)}</span>
                        <span className="desk-item-links">
                          <a href={guide.links.notice} target="_blank" rel="noopener" data-testid="print-notice">
                            <PrinterOutlined /> {t('intake.printNotice')}
                          </a>
                          <a href={guide.links.guide} target="_blank" rel="noopener">
                            <FileProtectOutlined /> {t('intake.printGuide')}
                          </a>
                        </span>
                      </div>
                    )}
                  </div>
                  {guideLoading && <Skeleton active paragraph={{ rows: 6 }} />}
                  {guideError && (
                    <Alert
                      type="error"
                      showIcon
                      title={guideError}
                      action={
                        <Button size="small" onClick={() => loadGuide(picked)}>
                          {t('common.retry')}
                        </Button>
                      }
                    />
                  )}
                  {guide && (
                    <Checklist
                      materials={guide.materials}
                      ticked={ticked}
                      onChange={(code, v) => {
                        setTicked((old) => ({ ...old, [code]: v }));
                        changed();
                      }}
                      onTickRequired={tickRequired}
                      onClear={() => {
                        setTicked({});
                        changed();
                      }}
                    />
                  )}
                </>
              )}
            </section>

            <section className="desk-panel desk-form-panel" aria-label={t('applicant.title')}>
              <div className="desk-panel-head">
                <span className="desk-panel-title">{t('applicant.title')}</span>
                {draft.urgent && <Tag color="red">{t('applicant.urgentTag')}</Tag>}
              </div>
              <div className="desk-form-scroll">
                <ApplicantForm
                  draft={draft}
                  onChange={setDraft}
                  errors={errors}
                  onBlurField={(f) => setTouched((s) => (s.has(f) ? s : new Set(s).add(f)))}
                  onSubmit={submit}
                  disabled={submitting}
                />
                {submitError && (
                  <Alert
                    type="error"
                    showIcon
                    className="desk-gap"
                    data-testid="submit-error"
                    title={submitError.message}
                    description={submitError.details.length > 1 ? <ul className="desk-plain-list">{submitError.details.map((d, i) => <li key={i}>{d}</li>)}</ul> : undefined}
                  />
                )}
              </div>
              <div className="desk-submit-bar">
                {guide && (
                  <div className={`desk-submit-state${missing.length ? ' warn' : ' ok'}`} data-testid="submit-state">
                    {missing.length ? t('intake.willSupplement', { n: missing.length }) : t('intake.willReceive')}
                  </div>
                )}
                <Space>
                  <Button danger icon={<StopOutlined />} onClick={openReject} disabled={submitting} data-testid="not-accept">
                    {t('intake.notAccept')}
                  </Button>
                  <Button type="primary" size="large" icon={<SendOutlined />} loading={submitting} onClick={submit} data-testid="submit-intake">
                    {t('intake.submit')} <kbd className="desk-kbd desk-kbd-dark">Ctrl+Enter</kbd>
                  </Button>
                </Space>
              </div>
            </section>
          </>
        )}
      </div>

      <Modal
        open={rejectOpen}
        title={t('reject.title')}
        okText={t('reject.ok')}
        okButtonProps={{ danger: true, loading: submitting, 'data-testid': 'reject-ok' }}
        cancelText={t('common.cancel')}
        onOk={confirmReject}
        onCancel={() => setRejectOpen(false)}
        destroyOnHidden
      >
        <p className="desk-muted">{t('reject.text', { item: guide?.name ?? '' })}</p>
        <Input.TextArea
          autoFocus
          value={reason}
          status={reasonError ? 'error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            setReasonError(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              confirmReject();
            }
          }}
          rows={4}
          maxLength={2000}
          showCount
          placeholder={t('reject.placeholder')}
          aria-label={t('reject.reason')}
          data-testid="reject-reason"
        />
        {reasonError && <div className="desk-error-text">{t('reject.required')}</div>}
      </Modal>
    </div>
  );
}
