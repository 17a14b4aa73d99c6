/**
 * 差评整改: every bad rating opens a follow-up the department must act on in time — contact the
 * applicant, put it right and answer (the answer goes out by SMS). Approvers see their department's
 * and act; supervisors see all, filter the overdue ones, work the center's own (front desk, windows,
 * hall), may set an unfair rating aside and re-route (转办) one to a department or the center; leaders read.
 */
import { zonedShort } from '../../shared/time-zone';
import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { BAD_REASONS } from '@domain/rating-rules';
import { api } from '../../shared/api';
import { useDepartments } from '../../shared/departments';
import { errorMessage } from '../../shared/errors';
import { useAppT, useI18n } from '../../shared/i18n';
import type { OfficeUser } from './office-t';
import * as messages from './followup-messages';
import { useFetched } from '../../shared/use-fetched';
import { OfficePageTitle } from './OfficePageTitle';
import { ListPanel, RefreshButton } from '../../shared/ListPanel';
import { FOLLOWUP_STATUSES, type FollowupStatus, type FollowupStepName } from '@domain/rating-rules';
import type { Followup } from '#contract/ratings.js';

type Status = FollowupStatus;
type Step = FollowupStepName;

const STATUS_COLOR: Record<Status, string> = { open: 'orange', contacted: 'blue', answered: 'green', closed: 'default', set_aside: 'purple' };
// On the center's clock, whatever the browser's zone.
const fmt = (iso: string) => zonedShort(iso);

/** The same rules as the server's (ratings.service STEP_FROM and roles), to offer only what will work. */
function stepsFor(role: OfficeUser['role'], f: Pick<Followup, 'status' | 'handledBy'>): Step[] {
  const center = role === 'supervisor' || role === 'admin';
  // The center's own follow-ups are worked by its supervisors; a department's by the department.
  const act = f.handledBy === 'center' ? center : role === 'approver' || role === 'admin';
  const status = f.status;
  const steps: Step[] = [];
  if (act && status === 'open') steps.push('contact');
  if (act && (status === 'open' || status === 'contacted')) steps.push('answer');
  if (center && (status === 'open' || status === 'contacted')) steps.push('reroute', 'set-aside');
  if (act && status === 'answered') steps.push('close');
  return steps;
}

export function FollowupsPage({ me }: { me: OfficeUser }) {
  const t = useAppT(messages);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [acting, setActing] = useState<{ f: Followup; step: Step } | null>(null);

  const { data, loading, error, reload } = useFetched(t, () => api.get<Followup[]>('/api/ratings/followups', { status, overdue: overdue || undefined }), [status, overdue]);
  const rows = data ?? [];

  const label: Record<Step, string> = {
    contact: t('fu.contact'), answer: t('fu.answer'), 'set-aside': t('fu.setAside'), close: t('fu.close'), reroute: t('fu.reroute'),
  };
  const reasonName = (code: string) => {
    const r = BAD_REASONS[code];
    return r ? (lang === 'zh' ? r.zh : r.en) : code;
  };

  return (
    <div data-testid="followups-page">
      <OfficePageTitle title={t('fu.title')} subtitle={t('fu.subtitle')} />
      <ListPanel
        error={error}
        filters={
          <>
            <Select
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              aria-label={t('fu.status')}
              data-testid="fu-filter-status"
              options={[
                { value: '', label: t('fu.status.all') },
                ...FOLLOWUP_STATUSES.map((s) => ({ value: s, label: t(`fu.status.${s}`) })),
              ]}
            />
            <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="fu-filter-overdue">
              {t('fu.overdueOnly')}
            </Checkbox>
          </>
        }
        actions={
          <>
            <RefreshButton onClick={reload} loading={loading} testId="fu-refresh">{t('fu.refresh')}</RefreshButton>
          </>
        }
      >
        <Table<Followup>
          rowKey="id"
          size="small"
          data-testid="fu-table"
          loading={loading}
          dataSource={rows}
          locale={{ emptyText: t('fu.empty') }}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('fu.total', { n }) }}
          columns={[
            {
              title: t('fu.rating'),
              render: (_, f) => (
                <div>
                  <Tag color="red">{f.rating.levelName}</Tag>
                  <div style={{ fontSize: 12 }}>{fmt(f.rating.createdAt)}</div>
                </div>
              ),
            },
            {
              title: t('fu.reasons'),
              render: (_, f) => (
                <div>
                  {f.rating.reasons.map(reasonName).join('、')}
                  {f.rating.comment && <div style={{ color: '#666', fontSize: 12 }}>“{f.rating.comment}”</div>}
                </div>
              ),
            },
            {
              title: t('fu.service'),
              render: (_, f) =>
                [f.rating.itemName, f.rating.caseNo, f.rating.windowNumber !== null ? t('fu.window', { n: f.rating.windowNumber }) : null, f.rating.staffName, f.rating.mobile]
                  .filter(Boolean)
                  .join(' · '),
            },
            ...(me.role === 'approver' ? [] : [{
              title: t('fu.department'),
              render: (_: unknown, f: Followup) => (f.handledBy === 'center' ? <Tag color="geekblue" data-testid="fu-center">{t('fu.center')}</Tag> : f.department ?? '—'),
            }]),
            {
              title: t('fu.contactDue'),
              render: (_, f) => (
                <span>
                  {fmt(f.contactDueAt)} {f.contactOverdue && <Tag color="red" data-testid="fu-contact-overdue">{t('fu.contactOverdue')}</Tag>}
                </span>
              ),
            },
            {
              title: t('fu.fixDue'),
              render: (_, f) => (
                <span>
                  {f.fixDueDate} {f.fixOverdue && <Tag color="red" data-testid="fu-fix-overdue">{t('fu.fixOverdue')}</Tag>}
                </span>
              ),
            },
            {
              title: t('fu.status'),
              render: (_, f) => (
                <div>
                  <Tag color={STATUS_COLOR[f.status]} data-testid="fu-status">{t(`fu.status.${f.status}`)}</Tag>
                  {f.answer && <div style={{ fontSize: 12 }} data-testid="fu-answer-shown">{t('fu.answerShown', { a: f.answer })}</div>}
                  {f.applicantSatisfied !== null && (
                    <div style={{ fontSize: 12 }}>
                      {t('fu.applicant')}：{f.applicantSatisfied ? t('fu.applicantSatisfied') : t('fu.applicantNot')}
                    </div>
                  )}
                </div>
              ),
            },
            {
              title: t('fu.actions'),
              render: (_, f) => (
                <Space size={4} wrap>
                  {stepsFor(me.role, f).map((step) => (
                    <Button key={step} size="small" danger={step === 'set-aside'} onClick={() => setActing({ f, step })} data-testid={`fu-${step}`}>
                      {label[step]}
                    </Button>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </ListPanel>
      {acting && (
        <StepModal
          followup={acting.f}
          step={acting.step}
          title={label[acting.step]}
          onClose={(done) => {
            setActing(null);
            if (done) {
              message.success(t('fu.saved'));
              reload();
            }
          }}
        />
      )}
    </div>
  );
}

function StepModal({ followup, step, title, onClose }: { followup: Followup; step: Step; title: string; onClose: (done: boolean) => void }) {
  const t = useAppT(messages);
  const [form] = Form.useForm<{ note?: string; action?: string; answer?: string; reason?: string; to?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, whitespace: true, message: t('fu.required') }];
  const { departments } = useDepartments();

  async function submit(v: { note?: string; action?: string; answer?: string; reason?: string; to?: string }) {
    setSaving(true);
    setError(null);
    try {
      await api.post(`/api/ratings/followups/${followup.id}/${step}`, v);
      onClose(true);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={title}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('fu.ok')}
      cancelText={t('fu.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'fu-step-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="fu-step-form">
        {step === 'contact' && (
          <Form.Item name="note" label={t('fu.contactNote')} rules={required}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="fu-note" />
          </Form.Item>
        )}
        {step === 'answer' && (
          <>
            <Form.Item name="action" label={t('fu.action')} rules={required}>
              <Input.TextArea rows={3} maxLength={1000} data-testid="fu-action" />
            </Form.Item>
            <Form.Item name="answer" label={t('fu.answerText')} rules={required}>
              <Input.TextArea rows={3} maxLength={300} showCount data-testid="fu-answer-text" />
            </Form.Item>
          </>
        )}
        {step === 'set-aside' && (
          <Form.Item name="reason" label={t('fu.reason')} rules={required}>
            <Input.TextArea rows={3} maxLength={500} data-testid="fu-reason" />
          </Form.Item>
        )}
        {step === 'reroute' && (
          <>
            <Form.Item name="to" label={t('fu.rerouteTo')} rules={[{ required: true, message: t('fu.required') }]}>
              <Select
                data-testid="fu-reroute-to"
                showSearch={{ optionFilterProp: 'label' }}
                options={[
                  { value: 'center', label: t('fu.center') },
                  ...departments.filter((d) => d.name !== followup.department).map((d) => ({ value: d.code, label: d.name })),
                ].filter((o) => !(o.value === 'center' && followup.handledBy === 'center'))}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('fu.rerouteReason')} rules={required}>
              <Input.TextArea rows={3} maxLength={500} data-testid="fu-reason" />
            </Form.Item>
          </>
        )}
        {step === 'close' && (
          <Form.Item name="note" label={t('fu.closeNote')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="fu-note" />
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
