/**
 * The staff side of 咨询投诉, mounted in /desk and /office: the list (status, kind, overdue and
 * escalated filters), a detail drawer with the history, and the actions the user's role allows —
 * register what came in person, by phone or by letter; assign a handler; answer in the form it came
 * in (oral in, oral out; written in, written out); record whether the answer satisfied.
 */
import { zonedDateTime } from '../time-zone';
import { useEffect, useState } from 'react';
import {
  Alert, App, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Tag, Timeline, Typography,
} from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../api';
import type { Role } from '#contract/roles.js';
import { applyFieldErrors, errorMessage } from '../errors';
import { useAppT, useI18n } from '../i18n';
import { useDepartments } from '../departments';
import * as messages from './messages';
import { AboutFields, complaintBody, type ComplaintFormValues } from './AboutFields';
import { MOBILE } from './complaint-types';
import { COMPLAINT_CHANNELS, COMPLAINT_STATUSES, type ComplaintChannel, type ComplaintStatus } from '@domain/complaint-rules';
import type { Complaint } from '#contract/complaints.js';
import { useFetched } from '../use-fetched';
import { ListPanel, RefreshButton } from '../ListPanel';

export const useComplaintT = () => useAppT(messages);

/** What each role may do; the server checks again (approvers only reach their department's). */
function abilities(role: Role) {
  return {
    register: role === 'desk' || role === 'admin' || role === 'supervisor' || role === 'approver',
    assign: role === 'desk' || role === 'admin' || role === 'supervisor',
    // 转办 to a department or the center, with a reason: the center's supervisors (and its admin).
    reroute: role === 'admin' || role === 'supervisor',
    answer: role === 'desk' || role === 'admin' || role === 'supervisor' || role === 'approver',
  };
}

const STATUS_COLOR: Record<ComplaintStatus, string> = { registered: 'orange', assigned: 'blue', answered: 'green', closed: 'default' };
// On the center's clock, whatever the browser's zone.
const fmt = (iso: string) => zonedDateTime(iso);

export function ComplaintsPanel({ role }: { role: Role }) {
  const t = useComplaintT();
  const can = abilities(role);
  const [status, setStatus] = useState<ComplaintStatus | ''>('');
  const [kind, setKind] = useState<'' | 'complaint' | 'consultation'>('');
  const [overdue, setOverdue] = useState(false);
  const [escalated, setEscalated] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const [registering, setRegistering] = useState(false);

  const { data, loading, error, reload } = useFetched(t, () => api.get<Complaint[]>('/api/complaints', { status, kind, overdue: overdue || undefined }), [status, kind, overdue]);
  const rows = data ?? [];

  const shown = escalated ? rows.filter((r) => r.escalated) : rows;

  return (
    <div data-testid="complaints-page">
      <Space size={12} align="baseline" wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('cp.title')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cp.subtitle')}
        </Typography.Text>
      </Space>
      <ListPanel
        error={error}
        filters={
          <>
            <Select
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              aria-label={t('cp.status')}
              data-testid="cp-filter-status"
              options={[{ value: '', label: t('cp.status.all') }, ...COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`cp.status.${s}`) }))]}
            />
            <Select
              style={{ width: 120 }}
              value={kind}
              onChange={setKind}
              aria-label={t('cp.kind')}
              data-testid="cp-filter-kind"
              options={[{ value: '', label: t('cp.kind.all') }, { value: 'complaint', label: t('cp.kind.complaint') }, { value: 'consultation', label: t('cp.kind.consultation') }]}
            />
            <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="cp-filter-overdue">
              {t('cp.overdueOnly')}
            </Checkbox>
            <Checkbox checked={escalated} onChange={(e) => setEscalated(e.target.checked)} data-testid="cp-filter-escalated">
              {t('cp.escalatedOnly')}
            </Checkbox>
          </>
        }
        actions={
          <>
            <RefreshButton onClick={reload} loading={loading} testId="cp-refresh">{t('cp.refresh')}</RefreshButton>
            {can.register && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="cp-register">
                {t('cp.register')}
              </Button>
            )}
          </>
        }
      >
        <Table<Complaint>
          rowKey="id"
          size="small"
          data-testid="cp-table"
          loading={loading}
          dataSource={shown}
          locale={{ emptyText: t('cp.empty') }}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('cp.total', { n }) }}
          onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' }, 'data-code': r.code } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('cp.code'), dataIndex: 'code', render: (c: string) => <a data-testid="cp-open">{c}</a> },
            { title: t('cp.kind'), dataIndex: 'kind', render: (k: Complaint['kind']) => t(`cp.kind.${k}`) },
            { title: t('cp.channel'), dataIndex: 'channel', render: (c: ComplaintChannel) => t(`cp.channel.${c}`) },
            { title: t('cp.subjectCol'), dataIndex: 'subject', ellipsis: true },
            { title: t('cp.contact'), render: (_, r) => (r.anonymous ? t('cp.anonymousTag') : r.contactName ?? '—') },
            { title: t('cp.handler'), dataIndex: 'handlerName', render: (h: string | null) => h ?? '—' },
            {
              title: t('cp.status'),
              render: (_, r) => (
                <Space size={4} wrap>
                  <Tag color={STATUS_COLOR[r.status]}>{t(`cp.status.${r.status}`)}</Tag>
                  {r.overdue && <Tag color="red">{t('cp.overdue')}</Tag>}
                  {r.escalated && <Tag color="volcano">{t('cp.escalated')}</Tag>}
                </Space>
              ),
            },
            { title: t('cp.dueDate'), dataIndex: 'dueDate' },
          ]}
        />
      </ListPanel>
      <ComplaintDrawer id={openId} role={role} onClose={() => setOpenId(null)} onChanged={reload} />
      {registering && (
        <RegisterModal
          onClose={(created) => {
            setRegistering(false);
            if (created) {
              reload();
              setOpenId(created.id);
            }
          }}
        />
      )}
    </div>
  );
}

function RegisterModal({ onClose }: { onClose: (created?: Complaint) => void }) {
  const t = useComplaintT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const { departments } = useDepartments();
  const [form] = Form.useForm<ComplaintFormValues & { channel: ComplaintChannel }>();
  const kind = Form.useWatch('kind', form);
  const about = Form.useWatch('about', form);
  const anonymous = Form.useWatch('anonymous', form);
  const channel = Form.useWatch('channel', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const anon = kind === 'consultation' && !!anonymous;

  async function submit(v: ComplaintFormValues & { channel: ComplaintChannel }) {
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<Complaint>('/api/complaints', { ...complaintBody(v), channel: v.channel });
      message.success(t('cp.registered', { code: created.code, due: created.dueDate }));
      onClose(created);
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('cp.register')}
      onCancel={() => onClose()}
      okText={t('cp.submit')}
      cancelText={t('cp.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'cp-register-submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'complaint', channel: 'in_person', about: 'other' }} data-testid="cp-register-form">
        <Form.Item name="channel" label={t('cp.channel')}>
          <Radio.Group
            data-testid="cp-channel"
            options={COMPLAINT_CHANNELS.filter((c) => c !== 'online').map((c) => ({ value: c, label: t(`cp.channel.${c}`) }))}
            optionType="button"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('cp.kind')}>
          <Radio.Group
            data-testid="cp-kind"
            options={[{ value: 'complaint', label: t('cp.kind.complaint') }, { value: 'consultation', label: t('cp.kind.consultation') }]}
            optionType="button"
          />
        </Form.Item>
        <AboutFields about={about} departments={departments} lang={lang} />
        {kind === 'consultation' && (
          <Form.Item name="anonymous" valuePropName="checked">
            <Checkbox data-testid="cp-anonymous">{t('cp.anonymous')}</Checkbox>
          </Form.Item>
        )}
        {!anon && (
          <Space.Compact block style={{ gap: 8 }}>
            <Form.Item name="contactName" label={t('cp.contactName')} rules={[{ required: true, whitespace: true, message: t('cp.required') }]} style={{ flex: 1 }}>
              <Input maxLength={40} data-testid="cp-contact-name" />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label={t('cp.contactPhone')}
              style={{ flex: 1 }}
              rules={[{ required: channel !== 'letter', message: t('cp.required') }, { pattern: MOBILE, message: t('cp.phoneBad') }]}
            >
              <Input maxLength={11} inputMode="numeric" data-testid="cp-contact-phone" />
            </Form.Item>
          </Space.Compact>
        )}
        {!anon && channel === 'letter' && (
          <Form.Item name="contactAddress" label={t('cp.contactAddress')}>
            <Input maxLength={200} data-testid="cp-contact-address" />
          </Form.Item>
        )}
        <Form.Item name="subject" label={t('cp.subject')} rules={[{ required: true, whitespace: true, message: t('cp.required') }]}>
          <Input maxLength={100} data-testid="cp-subject" />
        </Form.Item>
        <Form.Item name="content" label={t('cp.content')} rules={[{ required: true, whitespace: true, message: t('cp.required') }]}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="cp-content" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

function ComplaintDrawer({ id, role, onClose, onChanged }: { id: number | null; role: Role; onClose: () => void; onChanged: () => void }) {
  const t = useComplaintT();
  const can = abilities(role);
  const [c, setC] = useState<Complaint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [handler, setHandler] = useState('');
  const [due, setDue] = useState<Dayjs | null>(null);
  const [text, setText] = useState('');
  const [rerouteTo, setRerouteTo] = useState<string | undefined>(undefined);
  const [rerouteReason, setRerouteReason] = useState('');
  const { departments } = useDepartments();

  useEffect(() => {
    setRerouteTo(undefined);
    setRerouteReason('');
    setC(null);
    setError(null);
    setHandler('');
    setDue(null);
    setText('');
    if (id === null) return;
    let alive = true;
    api
      .get<Complaint>(`/api/complaints/${id}`)
      .then((r) => alive && setC(r))
      .catch((e) => alive && setError(errorMessage(e, t)));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  async function act(path: string, body: unknown): Promise<boolean> {
    if (!c) return false;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/complaints/${c.id}/${path}`, body);
      // Read the whole record again: feedback answers only the new status, and the detail read names the department.
      setC(await api.get<Complaint>(`/api/complaints/${c.id}`));
      setText('');
      onChanged();
      return true;
    } catch (e) {
      setError(errorMessage(e, t));
      return false;
    } finally {
      setBusy(false);
    }
  }

  const open = c && (c.status === 'registered' || c.status === 'assigned');
  const label = (key: string, fallback: string) => (key in messages.zh ? t(key as keyof typeof messages.zh) : fallback);
  const whatLabel = (w: string) => label(`cp.what.${w}`, w);
  // Notes of registration and reply are the channel and the form as codes.
  const noteLabel = (n: string) => label(`cp.note.${n}`, label(`cp.channel.${n}`, label(`cp.replyForm.${n}`, n)));

  return (
    <Drawer open={id !== null} onClose={onClose} title={c ? `${t('cp.detail')} · ${c.code}` : t('cp.detail')} size={560} data-testid="cp-drawer">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="cp-error" />}
      {c && (
        <div data-testid="cp-detail" data-status={c.status}>
          <Space size={4} wrap style={{ marginBottom: 12 }}>
            <Tag color={STATUS_COLOR[c.status]} data-testid="cp-status">{t(`cp.status.${c.status}`)}</Tag>
            {c.overdue && <Tag color="red">{t('cp.overdue')}</Tag>}
            {c.escalated && <Tag color="volcano">{t('cp.escalated')}</Tag>}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('cp.kind')}>{t(`cp.kind.${c.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('cp.channel')}>{t(`cp.channel.${c.channel}`)}</Descriptions.Item>
            <Descriptions.Item label={t('cp.replyForm')}>
              <span data-testid="cp-reply-form">{t(`cp.replyForm.${c.replyForm}`)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cp.about')}>
              {t(`cp.about.${c.about}`)} {c.caseNo ?? (c.windowNumber !== null ? `${c.windowNumber}` : null) ?? c.staffName ?? c.department ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('cp.contact')}>
              {c.anonymous ? t('cp.anonymousTag') : [c.contactName, c.contactPhone, c.contactAddress].filter(Boolean).join(' · ')}
            </Descriptions.Item>
            <Descriptions.Item label={t('cp.subject')}>{c.subject}</Descriptions.Item>
            <Descriptions.Item label={t('cp.content')}>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.content}</div>
            </Descriptions.Item>
            <Descriptions.Item label={t('cp.handledBy')}>
              <span data-testid="cp-handled-by">{c.handledBy === 'center' ? t('cp.center') : c.department ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cp.handler')}>{c.handlerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('cp.dueDate')}>{c.dueDate}</Descriptions.Item>
            {c.reply && (
              <Descriptions.Item label={t('cp.reply')}>
                <div style={{ whiteSpace: 'pre-wrap' }} data-testid="cp-reply">{c.reply}</div>
              </Descriptions.Item>
            )}
            {c.satisfied !== null && (
              <Descriptions.Item label={t('cp.satisfaction')}>
                <span data-testid="cp-satisfied">{c.satisfied ? t('cp.satisfied') : t('cp.notSatisfied')}</span>
              </Descriptions.Item>
            )}
          </Descriptions>

          {c.reply && c.replyForm === 'written' && (
            <Button icon={<PrinterOutlined />} href={`/print/complaint-reply/${c.id}`} target="_blank" style={{ marginTop: 12 }} data-testid="cp-print">
              {t('cp.print')}
            </Button>
          )}

          {open && can.assign && (
            <section style={{ marginTop: 16 }}>
              <Typography.Title level={5}>{t('cp.assign')}</Typography.Title>
              <Space wrap>
                <Input
                  placeholder={t('cp.assignHandler')}
                  aria-label={t('cp.assignHandler')}
                  value={handler}
                  onChange={(e) => setHandler(e.target.value)}
                  maxLength={40}
                  style={{ width: 180 }}
                  data-testid="cp-assign-handler"
                />
                <DatePicker value={due} onChange={setDue} placeholder={t('cp.assignDue')} aria-label={t('cp.assignDue')} data-testid="cp-assign-due" />
                <Button
                  disabled={!handler.trim()}
                  loading={busy}
                  onClick={() => void act('assign', { handler: handler.trim(), dueDate: due ? due.format('YYYY-MM-DD') : undefined })}
                  data-testid="cp-assign-submit"
                >
                  {t('cp.assign')}
                </Button>
              </Space>
            </section>
          )}

          {open && can.reroute && (
            <section style={{ marginTop: 16 }}>
              <Typography.Title level={5}>{t('cp.reroute')}</Typography.Title>
              <Space wrap>
                <Select
                  style={{ width: 200 }}
                  value={rerouteTo}
                  onChange={setRerouteTo}
                  placeholder={t('cp.rerouteTo')}
                  aria-label={t('cp.rerouteTo')}
                  showSearch={{ optionFilterProp: 'label' }}
                  data-testid="cp-reroute-to"
                  options={[
                    ...(c.handledBy === 'center' ? [] : [{ value: 'center', label: t('cp.center') }]),
                    ...departments.filter((d) => d.name !== c.department).map((d) => ({ value: d.code, label: d.name })),
                  ]}
                />
                <Input
                  placeholder={t('cp.rerouteReason')}
                  aria-label={t('cp.rerouteReason')}
                  value={rerouteReason}
                  onChange={(e) => setRerouteReason(e.target.value)}
                  maxLength={500}
                  style={{ width: 240 }}
                  data-testid="cp-reroute-reason"
                />
                <Button
                  disabled={!rerouteTo || !rerouteReason.trim()}
                  loading={busy}
                  onClick={() => void act('reroute', { to: rerouteTo, reason: rerouteReason.trim() }).then((ok) => {
                    if (ok) {
                      setRerouteTo(undefined);
                      setRerouteReason('');
                    }
                  })}
                  data-testid="cp-reroute-submit"
                >
                  {t('cp.reroute')}
                </Button>
              </Space>
            </section>
          )}

          {open && can.answer && (
            <section style={{ marginTop: 16 }}>
              <Typography.Title level={5}>{c.replyForm === 'oral' ? t('cp.replyOral') : t('cp.replyWritten')}</Typography.Title>
              <Input.TextArea
                rows={4}
                maxLength={4000}
                value={text}
                onChange={(e) => setText(e.target.value)}
                aria-label={t('cp.replyText')}
                data-testid="cp-reply-text"
              />
              {/* The form is fixed by the channel, so only the matching button is offered. */}
              <Button
                type="primary"
                style={{ marginTop: 8 }}
                disabled={!text.trim()}
                loading={busy}
                onClick={() => void act('reply', { text: text.trim(), form: c.replyForm })}
                data-testid={c.replyForm === 'oral' ? 'cp-reply-oral' : 'cp-reply-written'}
              >
                {c.replyForm === 'oral' ? t('cp.replyOral') : t('cp.replyWritten')}
              </Button>
            </section>
          )}

          {c.status === 'answered' && can.answer && (
            <section style={{ marginTop: 16 }}>
              <Typography.Title level={5}>{t('cp.askFeedback')}</Typography.Title>
              <Space>
                <Button loading={busy} onClick={() => void act('feedback', { satisfied: true })} data-testid="cp-feedback-yes">
                  {t('cp.satisfied')}
                </Button>
                <Button danger loading={busy} onClick={() => void act('feedback', { satisfied: false })} data-testid="cp-feedback-no">
                  {t('cp.notSatisfied')}
                </Button>
              </Space>
            </section>
          )}

          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('cp.history')}
          </Typography.Title>
          <Timeline
            data-testid="cp-history"
            items={c.history.map((h) => ({
              content: (
                <span>
                  {fmt(h.at)} · {h.by} · {whatLabel(h.what)}
                  {h.note ? `（${noteLabel(h.note)}）` : ''}
                </span>
              ),
            }))}
          />
        </div>
      )}
    </Drawer>
  );
}
