/**
 * 统一出件 — the delivery window: find the case by case number, phone or ID number; check who picks
 * the result up (name + ID number, checked as typed; pre-filled from the applicant or agent) or
 * record the postal tracking number; mark it delivered; print the pickup slip.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, Radio, Result, Skeleton, Space, Table, Tag } from 'antd';
import type { InputRef, TableColumnsType } from 'antd';
import { CheckCircleFilled, PrinterOutlined, SearchOutlined } from '@ant-design/icons';
import { parseCaseNo } from '@domain/case-number';
import { api, ApiRequestError, seg } from '../../shared/api';
import type { CaseView, QueuePage, QueueRow } from '#contract/cases.js';
import { errorMessage } from '../../shared/errors';
import { formatDateTime, LocalName } from '../../shared/labels';
import { navigate, useLocation, withQuery, Link } from '../../shared/router';
import { useDeskT } from './i18n';
import { CaseStatusTag, useCaseT } from '../../shared/case/ClockBadge';
import { FormFoot, UrgentTag } from './case-bits';
import { focusSoon, useHotkeys } from './hotkeys';
import { paperUrl } from './papers';
import { idNumberError, idNumberFacts, normalizeIdInput, textError } from './validation';
import { Shortcut } from './IntakePage';

const READY = ['completed', 'refused'];

type Who = 'applicant' | 'agent' | 'other';

function PickupForm({ c, onDelivered }: { c: CaseView; onDelivered: () => void }) {
  const t = useDeskT();
  const { message } = App.useApp();
  const personApplicant = c.applicant.kind === 'person';
  const initialWho: Who = personApplicant ? 'applicant' : c.agent ? 'agent' : 'other';
  const fill = (who: Who) =>
    who === 'applicant' && personApplicant
      ? { name: c.applicant.name, id: c.applicant.idNumber ?? '' }
      : who === 'agent' && c.agent
        ? { name: c.agent.name, id: c.agent.idNumber }
        : { name: '', id: '' };
  const [method, setMethod] = useState<'window' | 'post'>('window');
  const [who, setWho] = useState<Who>(initialWho);
  const [name, setName] = useState(fill(initialWho).name);
  const [idNumber, setIdNumber] = useState(fill(initialWho).id);
  const [tracking, setTracking] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Ctrl+Enter in the ID field is also an Enter there: one press must send one request.
  const inFlight = useRef(false);

  const nameErr = method === 'window' ? textError(name, touched, 50, 'v.pickupNameRequired') : null;
  // A pre-filled number is complete; a typed one is judged once it has 18 characters or the form is sent.
  const idErr = method === 'window' ? idNumberError(idNumber, touched) : null;
  const trackErr = method === 'post' ? textError(tracking, touched, 50, 'v.trackingRequired') : null;

  useEffect(() => focusSoon('[data-testid="pickup-name"]'), []);

  function choose(w: Who) {
    setWho(w);
    const f = fill(w);
    setName(f.name);
    setIdNumber(f.id);
    focusSoon(w === 'other' ? '[data-testid="pickup-name"]' : '[data-testid="deliver-submit"]');
  }

  async function deliver() {
    if (inFlight.current) return;
    setTouched(true);
    const problems = method === 'window' ? [textError(name, true, 50, 'v.pickupNameRequired'), idNumberError(idNumber, true)] : [textError(tracking, true, 50, 'v.trackingRequired')];
    if (problems.some(Boolean)) {
      focusSoon(method === 'window' ? (problems[0] ? '[data-testid="pickup-name"]' : '[data-testid="pickup-id"]') : '[data-testid="tracking-no"]');
      return;
    }
    inFlight.current = true;
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/cases/${seg(c.caseNo)}/actions`, {
        action: 'deliver',
        expectedVersion: c.version,
        data: method === 'window' ? { method: 'window', pickupName: name.trim(), pickupIdNumber: idNumber } : { method: 'post', trackingNo: tracking.trim() },
      });
      message.success(t('delivery.done'));
      onDelivered();
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'VERSION_CONFLICT') {
        message.warning(t('conflict.reloaded'));
        onDelivered();
      } else setError(errorMessage(e, t));
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  }

  useHotkeys({ 'ctrl+Enter': deliver });

  const facts = idNumberFacts(idNumber);
  return (
    <div className="desk-pickup" data-testid="pickup-form">
      <Form layout="vertical" component="div" className="desk-form">
        <Form.Item label={t('delivery.method')}>
          <Radio.Group
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'window', label: t('delivery.window') },
              { value: 'post', label: t('delivery.post') },
            ]}
            data-testid="delivery-method"
          />
        </Form.Item>
        {method === 'window' ? (
          <>
            <Form.Item label={t('delivery.who')}>
              <Radio.Group
                value={who}
                onChange={(e) => choose(e.target.value)}
                options={[
                  ...(personApplicant ? [{ value: 'applicant', label: t('delivery.whoApplicant', { name: c.applicant.name }) }] : []),
                  ...(c.agent ? [{ value: 'agent', label: t('delivery.whoAgent', { name: c.agent.name }) }] : []),
                  { value: 'other', label: t('delivery.whoOther') },
                ]}
              />
            </Form.Item>
            <div className="desk-grid-2">
              <Form.Item label={t('delivery.pickupName')} required validateStatus={nameErr ? 'error' : undefined} help={nameErr ? t(nameErr, { n: 50 }) : undefined}>
                <Input
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  onPressEnter={() => focusSoon('[data-testid="pickup-id"]')}
                  maxLength={50}
                  autoComplete="off"
                  data-testid="pickup-name"
                />
              </Form.Item>
              <Form.Item
                label={t('delivery.pickupId')}
                required
                validateStatus={idErr ? 'error' : facts ? 'success' : undefined}
                help={idErr ? <span data-testid="pickup-id-error">{t(idErr)}</span> : facts ? t('applicant.idFacts', { birth: facts.birth, sex: t(facts.female ? 'applicant.female' : 'applicant.male') }) : undefined}
              >
                <Input
                  value={idNumber}
                  onChange={(e) => setIdNumber(normalizeIdInput(e.target.value))}
                  onBlur={() => idNumber && setTouched(true)}
                  onPressEnter={deliver}
                  autoComplete="off"
                  spellCheck={false}
                  className="desk-mono"
                  data-testid="pickup-id"
                />
              </Form.Item>
            </div>
            <p className="desk-muted desk-small">{t('delivery.checkId')}</p>
          </>
        ) : (
          <Form.Item label={t('delivery.trackingNo')} required validateStatus={trackErr ? 'error' : undefined} help={trackErr ? t(trackErr, { n: 50 }) : undefined}>
            <Input autoFocus value={tracking} onChange={(e) => setTracking(e.target.value.trim())} onPressEnter={deliver} maxLength={50} className="desk-mono" data-testid="tracking-no" />
          </Form.Item>
        )}
      </Form>
      <FormFoot error={error} errorTestId="deliver-error" saving={saving} onSubmit={deliver} testId="deliver-submit">
        {t('delivery.submit')}
      </FormFoot>
    </div>
  );
}

function SelectedCase({ caseNo, onNext, onChanged }: { caseNo: string; onNext: () => void; onChanged: () => void }) {
  const t = useDeskT();
  const ct = useCaseT();
  const [c, setC] = useState<CaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const load = () => {
    setLoading(true);
    api
      .get<CaseView>(`/api/cases/${seg(caseNo)}`)
      .then((v) => {
        setC(v);
        setError(null);
      })
      .catch((e) => setError(errorMessage(e, t)))
      .finally(() => setLoading(false));
  };
  useEffect(load, [caseNo]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (c?.status === 'delivered') focusSoon('[data-testid="print-pickup"]');
  }, [c?.status]);

  if (loading && !c) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!c) return <Alert type="error" showIcon title={error ?? t('common.error')} action={<Button onClick={load}>{t('common.retry')}</Button>} />;

  const a = c.applicant;
  return (
    <div data-testid="delivery-case" data-case-no={c.caseNo}>
      <div className="desk-delivery-head">
        <span className="desk-mono desk-strong">{c.caseNo}</span>
        <CaseStatusTag status={c.status} />
        <UrgentTag urgent={c.urgent} />
        <Link href={`/desk/cases/${c.caseNo}`} className="desk-push-right">
          {t('delivery.openCase')}
        </Link>
      </div>
      <dl className="desk-result-facts desk-delivery-facts">
        <dt>{t('list.item')}</dt>
        <dd><LocalName x={c.item} /></dd>
        <dt>{t('list.applicant')}</dt>
        <dd>
          {a.name} <span className="desk-mono desk-muted">{a.kind === 'organization' ? a.creditCode : a.idNumber}</span>
        </dd>
        {c.agent && (
          <>
            <dt>{t('applicant.agent')}</dt>
            <dd>
              {c.agent.name}（{c.agent.relation}） <span className="desk-mono desk-muted">{c.agent.idNumber}</span>
            </dd>
          </>
        )}
        <dt>{t('delivery.decision')}</dt>
        <dd>
          {c.decision === 'refused' ? <Tag color="volcano">{t('delivery.refused')}</Tag> : <Tag color="green">{t('delivery.approved')}</Tag>}
          {c.resultNo && <span data-testid="delivery-result-no">{t('delivery.resultNo', { no: c.resultNo })}</span>}
          {c.closedReason && <span className="desk-muted"> {c.closedReason}</span>}
        </dd>
        {c.completedAt && (
          <>
            <dt>{ct('case.completedAt')}</dt>
            <dd>{formatDateTime(c.completedAt)}</dd>
          </>
        )}
      </dl>
      {c.status === 'delivered' ? (
        <Result
          status="success"
          icon={<CheckCircleFilled />}
          className="desk-compact-result"
          title={<span data-testid="delivered-title">{t('delivery.done')}</span>}
          subTitle={c.deliveredAt ? formatDateTime(c.deliveredAt) : undefined}
          extra={
            <Space wrap>
              <Button type="primary" icon={<PrinterOutlined />} href={paperUrl(c.caseNo, 'pickup')} target="_blank" data-testid="print-pickup">
                {t('paper.pickup')}
              </Button>
              <Button href={paperUrl(c.caseNo, 'pickup', true)} target="_blank" data-testid="print-pickup-slip">
                {t('paper.pickupSlip')}
              </Button>
              <Button onClick={onNext} data-testid="delivery-next">
                {t('delivery.next')} <kbd className="desk-kbd">Alt+N</kbd>
              </Button>
            </Space>
          }
        />
      ) : c.allowedActions.includes('deliver') ? (
        <PickupForm
          c={c}
          onDelivered={() => {
            load();
            onChanged();
          }}
        />
      ) : (
        <Alert type="warning" showIcon title={t('delivery.notReady', { status: '' })} description={<span>{t('delivery.notReadyText')} <CaseStatusTag status={c.status} /></span>} data-testid="delivery-not-ready" />
      )}
    </div>
  );
}

export function DeliveryPage() {
  const t = useDeskT();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const selected = query.get('case');
  const [text, setText] = useState(q);
  const [data, setData] = useState<QueuePage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const searchRef = useRef<InputRef>(null);
  const [reloadTick, setReloadTick] = useState(0);
  // A refresh after delivering only updates the list; it must not select or move the focus.
  const quietReload = useRef(false);

  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (!selected) searchRef.current?.focus();
  }, [selected]);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    // With a search term: every match, ready ones first; without: the center's results waiting to be collected.
    const term = q ? (parseCaseNo(q) ?? q) : '';
    const path = term ? '/api/cases' : `/api/cases?${READY.map((s) => `status=${s}`).join('&')}`;
    api
      .get<QueuePage>(path, { mine: false, q: term, pageSize: 50 })
      .then((d) => {
        if (!alive) return;
        const items = [...d.items].sort((a, b) => Number(READY.includes(b.status)) - Number(READY.includes(a.status)));
        setData({ ...d, items });
        setError(null);
        const ready = items.filter((r) => READY.includes(r.status));
        const quiet = quietReload.current;
        quietReload.current = false;
        if (quiet) return;
        if (term && ready.length === 1 && !selected) navigate(withQuery('/desk/delivery', { q, case: ready[0]!.caseNo }), { replace: true });
        else if (term && !selected) focusSoon('[data-testid="delivery-row-select"]');
      })
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, reloadTick]);

  const search = (v: string) => navigate(withQuery('/desk/delivery', { q: v.trim() }));
  const select = (caseNo: string) => navigate(withQuery('/desk/delivery', { q, case: caseNo }));
  const next = () => {
    navigate('/desk/delivery');
    setText('');
    focusSoon('[data-testid="delivery-search"] input, input[data-testid="delivery-search"]');
  };

  useHotkeys({ 'alt+KeyN': next });

  const columns: TableColumnsType<QueueRow> = [
    { title: t('list.caseNo'), dataIndex: 'caseNo', width: 150, render: (v: string) => <span className="desk-mono">{v}</span> },
    { title: t('list.item'), key: 'item', className: 'desk-wrap', render: (_, r) => <LocalName x={r.item} /> },
    { title: t('list.applicant'), dataIndex: 'applicantName', width: 110, ellipsis: true },
    {
      title: t('list.status'),
      key: 'status',
      width: 92,
      render: (_, r) => <CaseStatusTag status={r.status} />,
    },
    {
      title: '',
      key: 'select',
      width: 72,
      render: (_, r) =>
        READY.includes(r.status) || r.status === 'delivered' ? (
          <Button size="small" type={r.caseNo === selected ? 'primary' : 'default'} onClick={() => select(r.caseNo)} autoInsertSpace={false} data-testid="delivery-row-select" data-case-no={r.caseNo}>
            {r.status === 'delivered' ? t('delivery.view') : t('delivery.select')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="desk-page" data-testid="delivery-page">
      <div className="desk-page-head">
        <h2 className="desk-h2">{t('delivery.title')}</h2>
        <Input.Search
          ref={searchRef}
          className="desk-delivery-search"
          size="large"
          allowClear
          enterButton={<><SearchOutlined /> {t('common.search')}</>}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={search}
          placeholder={t('delivery.searchPlaceholder')}
          aria-label={t('delivery.searchPlaceholder')}
          data-testid="delivery-search"
        />
      </div>
      <div className="desk-shortcuts desk-shortcuts-inline">
        <span className="desk-shortcuts-title">{t('keys.title')}</span>
        <Shortcut keys="Enter">{t('keys.find')}</Shortcut>
        <Shortcut keys="Tab">{t('keys.move')}</Shortcut>
        <Shortcut keys="Ctrl+Enter">{t('keys.deliver')}</Shortcut>
        <Shortcut keys="Alt+N">{t('keys.nextPerson')}</Shortcut>
      </div>
      <div className="desk-delivery-grid">
        <section className="desk-card desk-card-tight">
          <div className="desk-card-title">{q ? t('delivery.results', { q }) : t('delivery.waiting')}</div>
          {error && <Alert type="error" showIcon title={error} className="desk-gap" />}
          <Table<QueueRow>
            rowKey="caseNo"
            size="small"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={loading}
            pagination={false}
            tableLayout="fixed"
            scroll={{ y: 'calc(100vh - 300px)' }}
            rowClassName={(r) => (r.caseNo === selected ? 'desk-row-selected' : READY.includes(r.status) ? '' : 'desk-row-dim')}
            locale={{ emptyText: q ? t('delivery.noMatch') : t('delivery.noneWaiting') }}
            data-testid="delivery-table"
          />
        </section>
        <section className="desk-card">
          <div className="desk-card-title">{t('delivery.pickup')}</div>
          {selected ? (
            <SelectedCase key={selected} caseNo={selected} onNext={next} onChanged={() => {
                quietReload.current = true;
                setReloadTick((n) => n + 1);
              }} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('delivery.pickHint')} />
          )}
        </section>
      </div>
    </div>
  );
}
