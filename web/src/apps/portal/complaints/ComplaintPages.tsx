/**
 * The public side of 咨询投诉, phone first: the form at /?complaint (answers a lookup code and a due
 * date), and the lookup at /?complaintCode=<code> with the mobile given, where the written answer is
 * read and the complainant says whether it satisfied them.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Result, Space, Tag, Typography } from 'antd';
import { ApiRequestError, api } from '../../../shared/api';
import type { Department } from '#contract/departments.js';
import { applyFieldErrors, errorMessage } from '../../../shared/errors';
import { useAppT, useI18n } from '../../../shared/i18n';
import { Link, navigate, useLocation, withQuery } from '../../../shared/router';
import { formatDateTime } from '../../../shared/labels';
import { AboutFields, complaintBody, type ComplaintFormValues } from '../../../shared/complaints/AboutFields';
import { MOBILE } from '../../../shared/complaints/complaint-types';
import type { ComplaintReceipt, PublicComplaint } from '#contract/complaints.js';
import * as shared from '../../../shared/complaints/messages';
import * as own from './messages';

const dicts = { zh: { ...shared.zh, ...own.zh }, en: { ...shared.en, ...own.en } };
const usePcT = () => useAppT(dicts);
const { Title, Paragraph } = Typography;
const PAGE = { width: '100%', maxWidth: 640, margin: '0 auto', display: 'flex' } as const;

export { COMPLAINT_HREF } from './nav';

export function ComplaintFormPage({ departments }: { departments: Department[] }) {
  const t = usePcT();
  const { lang } = useI18n();
  const [form] = Form.useForm<ComplaintFormValues>();
  const kind = Form.useWatch('kind', form);
  const about = Form.useWatch('about', form);
  const anonymous = Form.useWatch('anonymous', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ code: string; dueDate: string; phone?: string } | null>(null);
  const anon = kind === 'consultation' && !!anonymous;

  useEffect(() => {
    document.title = `${t('pc.title')} · ${t('app.portalShort')}`;
  }, [t]);

  async function submit(v: ComplaintFormValues) {
    setSaving(true);
    setError(null);
    try {
      const body = complaintBody(v);
      const r = await api.post<ComplaintReceipt>('/api/public/complaints', body);
      setDone({ code: r.code, dueDate: r.dueDate, phone: body.contactPhone });
    } catch (e) {
      applyFieldErrors(form, e);
      setError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  if (done) {
    return (
      <Card style={{ maxWidth: 640, margin: '0 auto' }} data-testid="complaint-done">
        <Result
          status="success"
          title={t('pc.done')}
          subTitle={t('pc.doneText')}
          extra={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Descriptions column={1} bordered size="small">
                <Descriptions.Item label={t('pc.code')}>
                  <b data-testid="complaint-code" style={{ fontSize: 18, letterSpacing: 1 }}>{done.code}</b>
                </Descriptions.Item>
                <Descriptions.Item label={t('pc.dueDate')}>
                  <span data-testid="complaint-due">{done.dueDate}</span>
                </Descriptions.Item>
              </Descriptions>
              <Space wrap>
                <Link href={withQuery('/', { complaintCode: done.code })} data-testid="complaint-lookup-link">
                  {t('pc.lookupLink')}
                </Link>
                <Button onClick={() => { form.resetFields(); setDone(null); }}>{t('pc.another')}</Button>
              </Space>
            </Space>
          }
        />
      </Card>
    );
  }

  return (
    <Space orientation="vertical" size="middle" style={PAGE} data-testid="complaint-page">
      <Card>
        <Title level={3} style={{ marginTop: 0 }}>
          {t('pc.title')}
        </Title>
        <Paragraph type="secondary">{t('pc.intro')}</Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'consultation', about: 'other' }} data-testid="complaint-form" scrollToFirstError>
          <Form.Item name="kind" label={t('pc.kind')}>
            <Radio.Group
              data-testid="complaint-kind"
              optionType="button"
              buttonStyle="solid"
              options={[{ value: 'consultation', label: t('pc.kind.consultation') }, { value: 'complaint', label: t('pc.kind.complaint') }]}
            />
          </Form.Item>
          <AboutFields about={about} departments={departments} lang={lang} />
          {kind === 'consultation' && (
            <Form.Item name="anonymous" valuePropName="checked">
              <Checkbox data-testid="complaint-anonymous">{t('cp.anonymous')}</Checkbox>
            </Form.Item>
          )}
          {!anon && (
            <>
              <Form.Item
                name="contactName"
                label={t('cp.contactName')}
                extra={kind === 'complaint' ? t('pc.contactHint') : undefined}
                rules={[{ required: true, whitespace: true, message: t('cp.required') }]}
              >
                <Input maxLength={40} autoComplete="name" data-testid="complaint-name" />
              </Form.Item>
              <Form.Item
                name="contactPhone"
                label={t('cp.contactPhone')}
                rules={[{ required: true, message: t('cp.required') }, { pattern: MOBILE, message: t('cp.phoneBad') }]}
              >
                <Input maxLength={11} inputMode="numeric" autoComplete="tel" data-testid="complaint-phone" />
              </Form.Item>
            </>
          )}
          <Form.Item name="subject" label={t('cp.subject')} rules={[{ required: true, whitespace: true, message: t('cp.required') }]}>
            <Input maxLength={100} data-testid="complaint-subject" />
          </Form.Item>
          <Form.Item name="content" label={t('cp.content')} rules={[{ required: true, whitespace: true, message: t('cp.required') }]}>
            <Input.TextArea rows={5} maxLength={4000} showCount data-testid="complaint-content" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="complaint-error" />}
          <Button type="primary" htmlType="submit" block size="large" loading={saving} data-testid="complaint-submit">
            {t('pc.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}

export function ComplaintLookupPage() {
  const t = usePcT();
  const { query } = useLocation();
  const urlCode = query.get('complaintCode') ?? '';
  const [form] = Form.useForm<{ code: string; phone?: string }>();
  const [data, setData] = useState<PublicComplaint | null>(null);
  const [phone, setPhone] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    document.title = `${t('pc.lookupTitle')} · ${t('app.portalShort')}`;
  }, [t]);
  useEffect(() => {
    form.setFieldValue('code', urlCode);
    setData(null);
    setFailure(null);
  }, [urlCode, form]);

  async function lookUp(v: { code: string; phone?: string }) {
    const code = v.code.trim().toUpperCase();
    const p = v.phone?.trim() || undefined;
    // The code may stay in the URL for a bookmark; never the phone.
    navigate(withQuery('/', { complaintCode: code }), { replace: true });
    setLoading(true);
    setFailure(null);
    setData(null);
    try {
      setData(await api.get<PublicComplaint>(`/api/public/complaints/${encodeURIComponent(code)}`, { phone: p }));
      setPhone(p);
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 404) setFailure(t('pc.notFound'));
      else if (e instanceof ApiRequestError && e.status === 429) setFailure(t('pc.throttled'));
      else setFailure(errorMessage(e, t));
    } finally {
      setLoading(false);
    }
  }

  async function feedback(satisfied: boolean) {
    if (!data) return;
    setSending(true);
    setFailure(null);
    try {
      await api.post(`/api/public/complaints/${encodeURIComponent(data.code)}/feedback`, { phone, satisfied });
      setData({ ...data, status: 'closed', satisfied });
    } catch (e) {
      setFailure(errorMessage(e, t));
    } finally {
      setSending(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={PAGE} data-testid="complaint-lookup-page">
      <Card>
        <Title level={3} style={{ marginTop: 0 }}>
          {t('pc.lookupTitle')}
        </Title>
        <Paragraph type="secondary">{t('pc.lookupIntro')}</Paragraph>
        <Form form={form} layout="vertical" onFinish={lookUp} data-testid="complaint-lookup-form">
          <Form.Item name="code" label={t('pc.lookupCode')} rules={[{ required: true, whitespace: true, message: t('cp.required') }]}>
            <Input maxLength={20} autoCapitalize="characters" data-testid="complaint-lookup-code" />
          </Form.Item>
          <Form.Item name="phone" label={t('pc.lookupPhone')} rules={[{ pattern: MOBILE, message: t('cp.phoneBad') }]}>
            <Input maxLength={11} inputMode="numeric" autoComplete="tel" data-testid="complaint-lookup-phone" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={loading} data-testid="complaint-lookup-submit">
            {t('pc.lookup')}
          </Button>
        </Form>
      </Card>
      {failure && <Alert type="warning" showIcon title={failure} data-testid="complaint-lookup-failure" />}
      {data && (
        <Card data-testid="complaint-answer" data-status={data.status}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('pc.code')}>{data.code}</Descriptions.Item>
            <Descriptions.Item label={t('pc.subject')}>{data.subject}</Descriptions.Item>
            <Descriptions.Item label={t('pc.status')}>
              <Tag color={data.status === 'answered' || data.status === 'closed' ? 'green' : 'blue'} data-testid="complaint-status">
                {t(`pc.status.${data.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('pc.dueDate')}>{data.dueDate}</Descriptions.Item>
            {data.reply ? (
              <>
                <Descriptions.Item label={t('pc.reply')}>
                  <div style={{ whiteSpace: 'pre-wrap' }} data-testid="complaint-reply">{data.reply}</div>
                </Descriptions.Item>
                <Descriptions.Item label={t('pc.repliedAt')}>{formatDateTime(data.repliedAt)}</Descriptions.Item>
              </>
            ) : (
              <Descriptions.Item label={t('pc.reply')}>{t('pc.noReply')}</Descriptions.Item>
            )}
            {data.satisfied !== null && (
              <Descriptions.Item label={t('pc.yourView')}>
                <span data-testid="complaint-satisfied">{data.satisfied ? t('pc.satisfied') : t('pc.notSatisfied')}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {data.status === 'answered' && data.satisfied === null && (
            <div style={{ marginTop: 16 }}>
              <Paragraph strong>{t('pc.askSatisfied')}</Paragraph>
              <Space style={{ width: '100%' }}>
                <Button type="primary" size="large" loading={sending} onClick={() => void feedback(true)} data-testid="complaint-satisfied-yes">
                  {t('pc.satisfied')}
                </Button>
                <Button danger size="large" loading={sending} onClick={() => void feedback(false)} data-testid="complaint-satisfied-no">
                  {t('pc.notSatisfied')}
                </Button>
              </Space>
            </div>
          )}
        </Card>
      )}
    </Space>
  );
}
