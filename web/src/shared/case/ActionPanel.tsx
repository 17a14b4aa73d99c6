/**
 * The buttons of a case: only those the server lists in `allowedActions`, each asking in a dialog
 * for what the action needs (reason, missing materials, pause kind, result number, delivery…).
 * Every action carries the version the user was looking at; when someone acted first the server
 * answers 409, nothing is overwritten, the panel says so and the page reloads the case.
 */
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { needsComment } from '@domain/case-workflow';
import { validateResidentId } from '@domain/identity';
import { ApiRequestError, api, seg } from '../api';
import type { ActionBody, CaseAction, CaseView } from '../case-types';
import { applyFieldErrors, errorMessage, type NamePath } from '../errors';
import { useI18n } from '../i18n';
import { statusLabel, useCaseT } from './ClockBadge';
import type { CaseMessageKey } from './case-messages';

export const PAUSE_KIND_OPTIONS = ['hearing', 'expert-review', 'inspection', 'site-survey', 'quarantine', 'other'] as const;

/** Forward steps are primary buttons; refusals and closings are red and ask for confirmation. */
const PRIMARY: readonly CaseAction[] = ['prereview-accept', 'accept', 'review-pass', 'approve', 'complete', 'task-pass', 'resume', 'report-back', 'resupply', 'deliver'];
const DESTRUCTIVE: readonly CaseAction[] = ['refuse', 'return', 'not-accept', 'withdraw', 'task-refuse', 'cancel'];
/** Display order: the usual next step first, then side roads, then the endings. */
const ORDER: readonly CaseAction[] = [
  'prereview-accept', 'prereview-return', 'resubmit', 'accept', 'task-pass', 'review-pass', 'approve', 'complete', 'resupply', 'resume', 'report-back', 'deliver',
  'request-supplement', 'pause', 'report-up', 'task-refuse', 'refuse', 'return', 'not-accept', 'withdraw', 'cancel',
];

export type ActionOutcome =
  | { kind: 'done'; action: CaseAction; status: string; version: number }
  | { kind: 'conflict'; action: CaseAction }
  | { kind: 'gone'; action: CaseAction };

interface FormValues {
  comment?: string;
  missing?: string[];
  supplied?: string[];
  kind?: string;
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

function bodyFor(action: CaseAction, v: FormValues, c: CaseView, myTaskId: number | undefined): Omit<ActionBody, 'action' | 'expectedVersion'> {
  const comment = v.comment?.trim() || undefined;
  switch (action) {
    case 'request-supplement':
      return { comment, data: { missing: v.missing ?? [] } };
    case 'prereview-return':
      return { comment, ...(v.missing?.length ? { data: { missing: v.missing } } : {}) };
    case 'resupply':
      return { comment, materials: (v.supplied ?? []).map((code) => ({ code, provided: true })) };
    case 'pause':
      return { comment, data: { kind: v.kind, ...(v.expectedDays ? { expectedDays: v.expectedDays } : {}) } };
    case 'report-up':
      return { comment, data: { authority: v.authority?.trim() } };
    case 'complete':
      return { comment, data: { resultNo: v.resultNo?.trim() } };
    case 'deliver':
      return v.method === 'post'
        ? { comment, data: { method: 'post', trackingNo: v.trackingNo?.trim() } }
        : { comment, data: { method: 'window', pickupName: v.pickupName?.trim(), pickupIdNumber: v.pickupIdNumber?.trim().toUpperCase() } };
    case 'task-pass':
    case 'task-refuse':
      return { comment, ...(myTaskId ? { data: { taskId: myTaskId } } : {}) };
    default:
      void c;
      return { comment };
  }
}

function initialValues(action: CaseAction, c: CaseView): FormValues {
  switch (action) {
    case 'request-supplement':
      return { missing: c.materials.filter((m) => !m.provided).map((m) => m.code) };
    case 'deliver':
      return { method: 'window', pickupName: c.applicant.kind === 'person' ? c.applicant.name : undefined };
    default:
      return {};
  }
}

function ActionFields({ action, c, form }: { action: CaseAction; c: CaseView; form: FormInstance<FormValues> }) {
  const t = useCaseT();
  const method = Form.useWatch('method', form);
  const commentRequired = needsComment(action);
  const hint = t(`actions.reasonHint.${action}` as CaseMessageKey);
  const about = t(`actions.hint.${action}` as CaseMessageKey);
  return (
    <>
      {!about.startsWith('actions.') && <Typography.Paragraph type="secondary">{about}</Typography.Paragraph>}
      {(action === 'request-supplement' || action === 'prereview-return') && (
        <Form.Item
          name="missing"
          label={action === 'request-supplement' ? t('actions.missing') : t('actions.toFix')}
          rules={action === 'request-supplement' ? [{ required: true, type: 'array', min: 1, message: t('actions.missingRequired') }] : []}
        >
          <Checkbox.Group data-testid="action-missing" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {c.materials.map((m) => (
              <Checkbox key={m.code} value={m.code}>
                {m.name}
                {m.required ? '' : `（${t('material.optional')}）`}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      {action === 'resupply' && (
        <Form.Item name="supplied" label={t('actions.supplied')} extra={t('actions.suppliedHint')}>
          <Checkbox.Group data-testid="action-supplied" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            {c.materials
              .filter((m) => !m.provided)
              .map((m) => (
                <Checkbox key={m.code} value={m.code}>
                  {m.name}
                  {m.required ? '' : `（${t('material.optional')}）`}
                </Checkbox>
              ))}
          </Checkbox.Group>
        </Form.Item>
      )}
      {action === 'pause' && (
        <Space size={12} style={{ display: 'flex' }} align="start">
          <Form.Item name="kind" label={t('actions.pauseKind')} rules={[{ required: true, message: t('actions.pauseKindRequired') }]} style={{ minWidth: 220 }}>
            <Select
              data-testid="action-pause-kind"
              options={PAUSE_KIND_OPTIONS.map((k) => ({ value: k, label: t(`pause.${k}` as CaseMessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="expectedDays" label={t('actions.expectedDays')}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 140 }} data-testid="action-expected-days" />
          </Form.Item>
        </Space>
      )}
      {action === 'report-up' && (
        <Form.Item name="authority" label={t('actions.authority')} rules={[{ required: true, whitespace: true, message: t('actions.authorityRequired') }]}>
          <Input maxLength={100} data-testid="action-authority" />
        </Form.Item>
      )}
      {action === 'complete' && (
        <Form.Item name="resultNo" label={t('actions.resultNo')} rules={[{ required: true, whitespace: true, message: t('actions.resultNoRequired') }]}>
          <Input maxLength={100} data-testid="action-result-no" autoFocus />
        </Form.Item>
      )}
      {action === 'deliver' && (
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
          autoFocus={action !== 'complete'}
        />
      </Form.Item>
    </>
  );
}

export function ActionPanel({
  c,
  myDepartment,
  readOnly,
  without = [],
  onAction = {},
  submitTestId = 'action-submit',
  onChanged,
}: {
  c: CaseView;
  /** The user's department code: picks the joint task to pass or refuse. */
  myDepartment?: string;
  /** Supervisors and leaders: show that the page is read-only instead of an empty bar. */
  readOnly?: boolean;
  /** Actions the page offers in its own form (the desk's resupply checklist): no button here. */
  without?: readonly CaseAction[];
  /** Buttons that lead elsewhere instead of opening the dialog (the desk's delivery screen). */
  onAction?: Partial<Record<CaseAction, () => void>>;
  /** The desk's scripts and tests have always known its confirm button as action-ok. */
  submitTestId?: string;
  /** Called after every answer that changes what the page should show; the page reloads the case. */
  onChanged: (outcome: ActionOutcome) => void | Promise<void>;
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
  // Actions the order does not know yet (new in the workflow) still get their button, at the end.
  const actions = [...ORDER.filter((a) => c.allowedActions.includes(a)), ...c.allowedActions.filter((a) => !ORDER.includes(a))].filter((a) => !without.includes(a));
  const label = (a: CaseAction) => t(`action.${a}` as CaseMessageKey);

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
      const res = await api.post<{ caseNo: string; status: string; version: number }>(`/api/cases/${seg(c.caseNo)}/actions`, {
        action,
        expectedVersion: c.version,
        ...bodyFor(action, values, c, myTask?.id),
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

  const destructive = open !== null && DESTRUCTIVE.includes(open);

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
              type={PRIMARY.includes(a) ? 'primary' : 'default'}
              danger={DESTRUCTIVE.includes(a)}
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
