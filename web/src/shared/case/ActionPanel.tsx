/**
 * The buttons of a case: only those the server lists in `allowedActions`, each asking in a dialog
 * for what the action needs (reason, missing materials, pause kind, result number, delivery…).
 * Every action carries the version the user was looking at; when someone acted first the server
 * answers 409, nothing is overwritten, the panel says so and the page reloads the case.
 */
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import type { FormInstance, GetProps } from 'antd';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { needsComment } from '@domain/case-workflow';
import { validateResidentId } from '@domain/identity';
import { CASE_ACTION_SPECS, PAUSE_KINDS, type PauseKind } from '#contract/case-actions/index.js';
import { ApiRequestError, api, seg } from '../api';
import type { ActionAnswer, ActionBody, ActionData, CaseAction, CaseView } from '#contract/cases.js';
import { applyFieldErrors, errorMessage, type NamePath } from '../errors';
import { useI18n } from '../i18n';
import { statusLabel, useCaseT } from './ClockBadge';
import type { CaseMessageKey } from './case-messages';

export { PAUSE_KINDS as PAUSE_KIND_OPTIONS };

const spec = (a: CaseAction) => CASE_ACTION_SPECS[a];
const takes = (a: CaseAction, field: keyof ActionData) => spec(a).data.includes(field);

export type ActionOutcome =
  | { kind: 'done'; action: CaseAction; status: string; version: number }
  | { kind: 'conflict'; action: CaseAction }
  | { kind: 'gone'; action: CaseAction };

interface FormValues {
  comment?: string;
  missing?: string[];
  supplied?: string[];
  kind?: PauseKind;
  expectedDays?: number | null;
  authority?: string;
  resultNo?: string;
  method?: 'window' | 'post';
  pickupName?: string;
  pickupIdNumber?: string;
  trackingNo?: string;
}

/** Server field paths → the dialog's fields. */
function fieldFor(path: NamePath): NamePath | null {
  const [head, second] = path;
  if (head === 'comment') return ['comment'];
  if (head === 'materials') return ['supplied'];
  if (head !== 'data') return null;
  switch (second) {
    case 'missing':
      return ['missing'];
    case 'materials':
      return ['supplied'];
    case 'kind':
    case 'expectedDays':
    case 'authority':
    case 'resultNo':
    case 'method':
    case 'pickupName':
    case 'pickupIdNumber':
    case 'trackingNo':
      return [second];
    default:
      return null;
  }
}

/** What each `data` field of the body is, from the dialog's values. */
const DATA_FROM_FORM: Record<keyof ActionData, (v: FormValues, myTaskId: number | undefined) => ActionData> = {
  kind: (v) => ({ kind: v.kind }),
  expectedDays: (v) => (v.expectedDays ? { expectedDays: v.expectedDays } : {}),
  missing: (v) => (v.missing?.length ? { missing: v.missing } : {}),
  // Materials handed over go in the body's own `materials`.
  materials: () => ({}),
  resultNo: (v) => ({ resultNo: v.resultNo?.trim() }),
  method: (v) => ({ method: v.method === 'post' ? 'post' : 'window' }),
  trackingNo: (v) => (v.method === 'post' ? { trackingNo: v.trackingNo?.trim() } : {}),
  pickupName: (v) => (v.method === 'post' ? {} : { pickupName: v.pickupName?.trim() }),
  pickupIdNumber: (v) => (v.method === 'post' ? {} : { pickupIdNumber: v.pickupIdNumber?.trim().toUpperCase() }),
  authority: (v) => ({ authority: v.authority?.trim() }),
  taskId: (_, myTaskId) => (myTaskId ? { taskId: myTaskId } : {}),
};

function bodyFor(action: CaseAction, v: FormValues, myTaskId: number | undefined): Omit<ActionBody, 'action' | 'expectedVersion'> {
  const comment = v.comment?.trim() || undefined;
  const data: ActionData = Object.assign({}, ...spec(action).data.map((f) => DATA_FROM_FORM[f](v, myTaskId)));
  return {
    comment,
    ...(spec(action).materials ? { materials: (v.supplied ?? []).map((code) => ({ code, provided: true })) } : {}),
    ...(Object.keys(data).length > 0 ? { data } : {}),
  };
}

function initialValues(action: CaseAction, c: CaseView): FormValues {
  // What is not in yet is the likely supplement; a pre-review return starts with nothing ticked.
  if (action === 'request-supplement') return { missing: c.materials.filter((m) => !m.provided).map((m) => m.code) };
  if (takes(action, 'method')) return { method: 'window', pickupName: c.applicant.kind === 'person' ? c.applicant.name : undefined };
  return {};
}

/** A checklist of the case's materials; the Form.Item around it passes value and onChange through. */
function MaterialChecks({ testId, materials, ...field }: { testId: string; materials: CaseView['materials'] } & GetProps<typeof Checkbox.Group>) {
  const t = useCaseT();
  return (
    <Checkbox.Group {...field} data-testid={testId} style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
      {materials.map((m) => (
        <Checkbox key={m.code} value={m.code}>
          {m.name}
          {m.required ? '' : `（${t('material.optional')}）`}
        </Checkbox>
      ))}
    </Checkbox.Group>
  );
}

function ActionFields({ action, c, form }: { action: CaseAction; c: CaseView; form: FormInstance<FormValues> }) {
  const t = useCaseT();
  const method = Form.useWatch('method', form);
  const commentRequired = needsComment(action);
  const hint = t(`actions.reasonHint.${action}` as CaseMessageKey);
  const about = t(`actions.hint.${action}` as CaseMessageKey);
  // A supplement names what is missing; a pre-review return may name what to fix.
  const missingRequired = action === 'request-supplement';
  return (
    <>
      {!about.startsWith('actions.') && <Typography.Paragraph type="secondary">{about}</Typography.Paragraph>}
      {takes(action, 'missing') && (
        <Form.Item
          name="missing"
          label={missingRequired ? t('actions.missing') : t('actions.toFix')}
          rules={missingRequired ? [{ required: true, type: 'array', min: 1, message: t('actions.missingRequired') }] : []}
        >
          <MaterialChecks testId="action-missing" materials={c.materials} />
        </Form.Item>
      )}
      {spec(action).materials && (
        <Form.Item name="supplied" label={t('actions.supplied')} extra={t('actions.suppliedHint')}>
          <MaterialChecks testId="action-supplied" materials={c.materials.filter((m) => !m.provided)} />
        </Form.Item>
      )}
      {takes(action, 'kind') && (
        <Space size={12} style={{ display: 'flex' }} align="start">
          <Form.Item name="kind" label={t('actions.pauseKind')} rules={[{ required: true, message: t('actions.pauseKindRequired') }]} style={{ minWidth: 220 }}>
            <Select
              data-testid="action-pause-kind"
              options={(spec(action).pauseKinds ?? []).map((k) => ({ value: k, label: t(`pause.${k}` as CaseMessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="expectedDays" label={t('actions.expectedDays')}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 140 }} data-testid="action-expected-days" />
          </Form.Item>
        </Space>
      )}
      {takes(action, 'authority') && (
        <Form.Item name="authority" label={t('actions.authority')} rules={[{ required: true, whitespace: true, message: t('actions.authorityRequired') }]}>
          <Input maxLength={100} data-testid="action-authority" />
        </Form.Item>
      )}
      {takes(action, 'resultNo') && (
        <Form.Item name="resultNo" label={t('actions.resultNo')} rules={[{ required: true, whitespace: true, message: t('actions.resultNoRequired') }]}>
          <Input maxLength={100} data-testid="action-result-no" autoFocus />
        </Form.Item>
      )}
      {takes(action, 'method') && (
        <>
          <Form.Item name="method" label={t('actions.deliverMethod')}>
            <Radio.Group
              data-testid="action-deliver-method"
              options={[
                { value: 'window', label: t('actions.deliverWindow') },
                { value: 'post', label: t('actions.deliverPost') },
              ]}
            />
          </Form.Item>
          {method === 'post' ? (
            <Form.Item name="trackingNo" label={t('actions.trackingNo')} rules={[{ required: true, whitespace: true, message: t('actions.trackingNoRequired') }]}>
              <Input maxLength={50} data-testid="action-tracking-no" />
            </Form.Item>
          ) : (
            <Space size={12} style={{ display: 'flex' }} align="start">
              <Form.Item name="pickupName" label={t('actions.pickupName')} rules={[{ required: true, whitespace: true, message: t('actions.pickupNameRequired') }]}>
                <Input maxLength={50} data-testid="action-pickup-name" />
              </Form.Item>
              <Form.Item
                name="pickupIdNumber"
                label={t('actions.pickupIdNumber')}
                rules={[
                  {
                    validator: (_, v?: string) =>
                      v && validateResidentId(v.trim().toUpperCase()) === undefined ? Promise.resolve() : Promise.reject(new Error(t('actions.pickupIdNumberInvalid'))),
                  },
                ]}
              >
                <Input maxLength={18} style={{ width: 220 }} data-testid="action-pickup-id" />
              </Form.Item>
            </Space>
          )}
        </>
      )}
      <Form.Item
        name="comment"
        label={commentRequired ? t('actions.reason') : t('actions.commentOptional')}
        rules={commentRequired ? [{ required: true, whitespace: true, message: t('actions.reasonRequired') }] : []}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          placeholder={hint.startsWith('actions.') ? undefined : hint}
          data-testid="action-comment"
          autoFocus={!takes(action, 'resultNo')}
        />
      </Form.Item>
    </>
  );
}

export function ActionPanel({
  c,
  myDepartment,
  readOnly,
  onChanged,
  without = [],
  onAction = {},
  submitTestId = 'action-submit',
}: {
  c: CaseView;
  /** The user's department code: picks the joint task to pass or refuse. */
  myDepartment?: string;
  /** Supervisors and leaders: show that the page is read-only instead of an empty bar. */
  readOnly?: boolean;
  /** Called after every answer that changes what the page should show; the page reloads the case. */
  onChanged: (outcome: ActionOutcome) => void | Promise<void>;
  /** Actions the page offers in its own form (the desk's resupply checklist): no button here. */
  without?: readonly CaseAction[];
  /** Buttons that lead elsewhere instead of opening the dialog (the desk's delivery screen). */
  onAction?: Partial<Record<CaseAction, () => void>>;
  /** The desk's scripts and tests have always known its confirm button as action-ok. */
  submitTestId?: string;
}) {
  const t = useCaseT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const myTask = c.tasks.find((task) => task.status === 'active' && task.department.code === myDepartment);
  const actions = [...c.allowedActions].filter((a) => !without.includes(a)).sort((a, b) => spec(a).order - spec(b).order);
  const label = (a: CaseAction) => t(spec(a).label as CaseMessageKey);

  function start(a: CaseAction) {
    setFormError(null);
    setOpen(a);
  }

  async function submit(values: FormValues) {
    if (!open) return;
    const action = open;
    setSubmitting(true);
    setFormError(null);
    try {
      const res = await api.post<ActionAnswer>(`/api/cases/${seg(c.caseNo)}/actions`, {
        action,
        expectedVersion: c.version,
        ...bodyFor(action, values, myTask?.id),
      } satisfies ActionBody);
      setOpen(null);
      setConflict(false);
      message.success(t('actions.done', { action: label(action) }));
      await onChanged({ kind: 'done', action, status: res.status, version: res.version });
    } catch (e) {
      if (e instanceof ApiRequestError && (e.code === 'VERSION_CONFLICT' || e.code === 'INVALID_TRANSITION')) {
        setOpen(null);
        setConflict(true);
        await onChanged({ kind: 'conflict', action });
      } else if (e instanceof ApiRequestError && e.status === 404) {
        setOpen(null);
        message.error(t('actions.gone'));
        await onChanged({ kind: 'gone', action });
      } else {
        const unplaced = applyFieldErrors(form, e, fieldFor);
        const placed = e instanceof ApiRequestError && !!e.details?.length && unplaced.length === 0;
        if (!placed) setFormError(errorMessage(e, t));
      }
    } finally {
      setSubmitting(false);
    }
  }

  const destructive = open !== null && spec(open).tone === 'danger';

  return (
    <div data-testid="action-panel">
      {conflict && (
        <Alert
          type="warning"
          showIcon
          closable={{ onClose: () => setConflict(false) }}
          style={{ marginBottom: 12 }}
          data-testid="action-conflict"
          title={t('actions.conflict', { status: statusLabel(c.status, lang) })}
        />
      )}
      {actions.length > 0 ? (
        <Space wrap size={[8, 8]}>
          {myTask && (c.allowedActions.includes('task-pass') || c.allowedActions.includes('task-refuse')) && (
            <Typography.Text type="secondary">{t('actions.stageOf', { name: myTask.stageName })}</Typography.Text>
          )}
          {actions.map((a) => (
            <Button
              key={a}
              type={spec(a).tone === 'primary' ? 'primary' : 'default'}
              danger={spec(a).tone === 'danger'}
              onClick={() => (onAction[a] ?? start)(a)}
              data-testid={`action-${a}`}
              disabled={submitting}
              autoInsertSpace={false}
            >
              {label(a)}
            </Button>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary" data-testid="actions-none">
          {readOnly ? t('actions.readOnly') : t('actions.none')}
        </Typography.Text>
      )}

      <Modal
        open={open !== null}
        title={
          open ? (
            <Space>
              {destructive && <ExclamationCircleOutlined style={{ color: '#cf1322' }} />}
              {t('actions.confirmTitle', { action: label(open) })}
            </Space>
          ) : null
        }
        onCancel={() => !submitting && setOpen(null)}
        onOk={() => form.submit()}
        okText={open ? label(open) : t('actions.submit')}
        okButtonProps={{ danger: destructive, loading: submitting, autoInsertSpace: false, ...({ 'data-testid': submitTestId } as object) }}
        cancelButtonProps={{ disabled: submitting, autoInsertSpace: false }}
        mask={{ closable: !submitting }}
        destroyOnHidden
        width={560}
        rootClassName="ow-action-modal"
      >
        {open && (
          <Form<FormValues> form={form} layout="vertical" initialValues={initialValues(open, c)} onFinish={submit} requiredMark disabled={submitting} preserve={false}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
              {c.caseNo} · {c.item.name}
            </Typography.Paragraph>
            {destructive && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('actions.irreversible')} />}
            <ActionFields action={open} c={c} form={form} />
            {formError && <Alert type="error" showIcon title={formError} data-testid="action-error" />}
          </Form>
        )}
      </Modal>
    </div>
  );
}
