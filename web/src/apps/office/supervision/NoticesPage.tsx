/**
 * 督办: supervisors issue notices to a department or about a case and close them; leaders read them
 * (escalated ones stand out); a department's approvers see the notices to their department and answer.
 */
import { useEffect, useState } from 'react';
import {
  Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, Modal, Radio, Segmented, Select, Space, Table, Tag, Timeline, Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, seg } from '../../../shared/api';
import { applyFieldErrors, errorMessage } from '../../../shared/errors';
import { useI18n } from '../../../shared/i18n';
import { Link, navigate, useLocation, withQuery } from '../../../shared/router';
import { useDepartments } from '../../../shared/departments';
import type { OfficeUser } from '../office-t';
import { useSupervisionT, type SupervisionKey } from './messages';
import { localTime, type Notice, type NoticeDetail, type NoticeStatus } from './types';
import { OfficePageTitle } from '../OfficePageTitle';
import { useFetched } from '../../../shared/use-fetched';
import { ListPanel, RefreshButton } from '../../../shared/ListPanel';

const STATUS_COLOR: Record<NoticeStatus, string> = { open: 'blue', answered: 'green', escalated: 'red', closed: 'default' };

function StatusTag({ n }: { n: Pick<Notice, 'status' | 'overdue'> }) {
  const t = useSupervisionT();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[n.status]} data-testid="notice-status">{t(`notices.status.${n.status}` as SupervisionKey)}</Tag>
      {n.overdue && n.status !== 'escalated' && <Tag color="orange">{t('notices.overdue')}</Tag>}
    </Space>
  );
}

export function NoticesPage({ me }: { me: OfficeUser }) {
  const t = useSupervisionT();
  const { query } = useLocation();
  const status = (query.get('status') ?? '') as NoticeStatus | '';
  const openId = Number(query.get('id')) || null;
  const [issuing, setIssuing] = useState(false);
  const canIssue = me.role === 'supervisor' || me.role === 'leader';

  const { data, loading, error, reload } = useFetched(t, () => api.get<Notice[]>('/api/supervision/notices', { status: status || undefined }), [status]);
  const rows = data ?? [];

  const go = (next: { status?: string; id?: number | null }) =>
    navigate(withQuery('/office/notices', { status: next.status ?? status, id: next.id === undefined ? openId : next.id ?? undefined }));

  return (
    <div data-testid="notices-page">
      <OfficePageTitle title={t('notices.title')} subtitle={canIssue ? t('notices.subtitleReader') : t('notices.subtitleApprover')} />
      <ListPanel
        error={error}
        filters={
          <>
            <Segmented
              value={status}
              onChange={(v) => go({ status: String(v), id: null })}
              data-testid="notices-status"
              options={(['', 'open', 'escalated', 'answered', 'closed'] as const).map((s) => ({
                value: s,
                label: s ? t(`notices.status.${s}` as SupervisionKey) : t('notices.status.all'),
              }))}
            />
          </>
        }
        actions={
          <>
            {me.role === 'supervisor' && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="notice-new">
                {t('notices.new')}
              </Button>
            )}
            <RefreshButton onClick={reload} loading={loading} testId="notices-refresh">{t('common.refresh')}</RefreshButton>
          </>
        }
      >
        <Table<Notice>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={rows}
          data-testid="notices-table"
          locale={{ emptyText: <Empty description={t('notices.empty')} /> }}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          onRow={(r) => ({ onClick: () => go({ id: r.id }), style: { cursor: 'pointer' }, 'data-testid': `notice-row-${r.id}` } as object)}
          columns={[
            { title: t('notices.col.subject'), dataIndex: 'subject', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('notices.col.department'), render: (_, r) => r.department.name },
            {
              title: t('notices.col.case'),
              render: (_, r) => (r.caseNo ? <Link href={`/office/cases/${seg(r.caseNo)}`} onClick={(e) => e.stopPropagation()}>{r.caseNo}</Link> : '—'),
            },
            { title: t('notices.col.issued'), render: (_, r) => localTime(r.issuedAt) },
            { title: t('notices.col.deadline'), dataIndex: 'deadline' },
            { title: t('notices.col.status'), render: (_, r) => <StatusTag n={r} /> },
          ]}
        />
      </ListPanel>
      {canIssue && <IssueModal open={issuing} onClose={() => setIssuing(false)} onIssued={(id) => { setIssuing(false); reload(); go({ id }); }} />}
      <NoticeDrawer id={openId} me={me} onClose={() => go({ id: null })} onChanged={reload} />
    </div>
  );
}

function IssueModal({ open, onClose, onIssued }: { open: boolean; onClose: () => void; onIssued: (id: number) => void }) {
  const t = useSupervisionT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const { departments } = useDepartments();
  const [form] = Form.useForm();
  const [target, setTarget] = useState<'case' | 'department'>('case');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit() {
    const v = await form.validateFields();
    setSaving(true);
    setProblem(null);
    try {
      const body = {
        subject: v.subject.trim(),
        body: v.body.trim(),
        ...(target === 'case' ? { caseNo: String(v.caseNo).trim().toUpperCase() } : { department: v.department }),
        ...(v.deadline ? { deadline: v.deadline } : {}),
      };
      const n = await api.post<Notice>('/api/supervision/notices', body);
      message.success(t('notices.issued'));
      form.resetFields();
      onIssued(n.id);
    } catch (e) {
      const rest = applyFieldErrors(form, e);
      if (rest.length || !(e as { details?: unknown }).details) setProblem(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('notices.new')}
      onCancel={onClose}
      onOk={submit}
      okText={t('notices.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'notice-submit' }}
      destroyOnHidden
      width={560}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label={t('notices.form.target')}>
          <Radio.Group value={target} onChange={(e) => setTarget(e.target.value)} data-testid="notice-target">
            <Radio.Button value="case">{t('notices.form.byCase')}</Radio.Button>
            <Radio.Button value="department">{t('notices.form.byDept')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {target === 'case' ? (
          <Form.Item name="caseNo" label={t('notices.form.caseNo')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={20} data-testid="notice-case" />
          </Form.Item>
        ) : (
          <Form.Item name="department" label={t('notices.form.department')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="notice-department"
              options={departments.map((d) => ({ value: d.code, label: lang === 'zh' ? d.name : d.nameEn || d.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="subject" label={t('notices.form.subject')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="notice-subject" />
        </Form.Item>
        <Form.Item name="body" label={t('notices.form.body')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="notice-body" />
        </Form.Item>
        <Form.Item name="deadline" label={t('notices.form.deadline')}>
          <Input type="date" style={{ width: 180 }} data-testid="notice-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoticeDrawer({ id, me, onClose, onChanged }: { id: number | null; me: OfficeUser; onClose: () => void; onChanged: () => void }) {
  const t = useSupervisionT();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<NoticeDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (id === null) {
      setDetail(null);
      return;
    }
    let alive = true;
    setError(null);
    api.get<NoticeDetail>(`/api/supervision/notices/${id}`)
      .then((d) => alive && setDetail(d))
      .catch((e) => alive && setError(errorMessage(e, t)));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, tick]);

  async function run(path: string, body: unknown, done: SupervisionKey) {
    setBusy(true);
    try {
      setDetail(await api.post<NoticeDetail>(path, body));
      message.success(t(done));
      setAnswer('');
      setNote('');
      onChanged();
    } catch (e) {
      message.error(errorMessage(e, t));
      setTick((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  const n = detail?.notice;
  const open = n && n.status !== 'closed';
  return (
    <Drawer open={id !== null} onClose={onClose} title={t('notices.detail')} size="large" data-testid="notice-drawer">
      {error && <Alert type="error" showIcon title={error} />}
      {n && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('notices.col.subject')}><span data-testid="notice-subject-view">{n.subject}</span></Descriptions.Item>
            <Descriptions.Item label={t('notices.col.department')}>{n.department.name}</Descriptions.Item>
            {n.caseNo && (
              <Descriptions.Item label={t('notices.col.case')}>
                <Link href={`/office/cases/${seg(n.caseNo)}`}>{n.caseNo}</Link>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('notices.col.issued')}>{`${localTime(n.issuedAt)} · ${n.issuedBy}`}</Descriptions.Item>
            <Descriptions.Item label={t('notices.col.deadline')}>{n.deadline}</Descriptions.Item>
            <Descriptions.Item label={t('notices.col.status')}><StatusTag n={n} /></Descriptions.Item>
            <Descriptions.Item label={t('notices.body')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{n.body}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>

          <div>
            <Typography.Title level={5}>{t('notices.answers')}</Typography.Title>
            {detail.answers.length === 0 ? (
              <Typography.Text type="secondary">{t('notices.noAnswer')}</Typography.Text>
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="notice-answers">
                {detail.answers.map((a) => (
                  <div key={a.id} style={{ background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 6, padding: 8 }}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${a.answeredBy} · ${localTime(a.answeredAt)}`}</Typography.Text>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.body}</Typography.Paragraph>
                  </div>
                ))}
              </Space>
            )}
          </div>

          {open && me.role === 'approver' && (
            <div>
              <Input.TextArea
                rows={3}
                maxLength={2000}
                value={answer}
                onChange={(e) => setAnswer(e.target.value)}
                placeholder={t('notices.answerPlaceholder')}
                aria-label={t('notices.answer')}
                data-testid="notice-answer-input"
              />
              <Button
                type="primary"
                style={{ marginTop: 8 }}
                disabled={!answer.trim()}
                loading={busy}
                onClick={() => run(`/api/supervision/notices/${n.id}/answers`, { body: answer.trim() }, 'notices.answered')}
                data-testid="notice-answer-submit"
              >
                {t('notices.answerSubmit')}
              </Button>
            </div>
          )}
          {open && me.role === 'supervisor' && (
            <Space.Compact style={{ width: '100%' }}>
              <Input maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('notices.closeNote')} aria-label={t('notices.closeNote')} />
              <Button
                loading={busy}
                onClick={() => run(`/api/supervision/notices/${n.id}/close`, note.trim() ? { note: note.trim() } : {}, 'notices.closed')}
                data-testid="notice-close"
              >
                {t('notices.close')}
              </Button>
            </Space.Compact>
          )}

          <div>
            <Typography.Title level={5}>{t('notices.history')}</Typography.Title>
            <Timeline
              data-testid="notice-history"
              items={detail.history.map((h) => ({
                color: h.action === 'escalated' ? 'red' : h.action === 'closed' ? 'gray' : 'blue',
                content: `${localTime(h.at)} · ${t(`notices.action.${h.action}` as SupervisionKey)} · ${h.actor ?? t('notices.system')}${h.action === 'closed' && h.note ? ` · ${h.note}` : ''}`,
              }))}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
