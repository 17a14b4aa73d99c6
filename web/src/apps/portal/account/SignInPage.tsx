/**
 * 申请人登录: mobile number + SMS code. The resend button counts down the server's throttle
 * (resendAfter, or retry-after on a 429), so a tap never asks for a code the server would refuse.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { ApiRequestError } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { navigate, useLocation } from '../../../shared/router';
import { MY_CASES_HREF, safeNext } from '../nav';
import { maskPhone, sendCode, signIn, useApplicant } from './applicant-api';
import { useAccountT } from './i18n';

const { Title, Paragraph } = Typography;
const PHONE = /^1\d{10}$/;

/** The server answers "中文 / English"; a Chinese page shows the Chinese half. */
export function serverText(message: string, lang: 'zh' | 'en'): string {
  const parts = message.split(' / ');
  if (parts.length < 2) return message;
  return lang === 'zh' ? parts[0]!.replace(/^Invalid [\w.]+: /, '') : parts.slice(1).join(' / ');
}

export function SignInPage({ lang }: { lang: 'zh' | 'en' }) {
  const t = useAccountT();
  const session = useApplicant();
  const { query } = useLocation();
  const next = safeNext(query.get('next'));
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [wait, setWait] = useState(0);
  const [sending, setSending] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.portalShort')}`;
  }, [t]);

  useEffect(() => () => window.clearInterval(timer.current), []);

  function countDown(seconds: number) {
    window.clearInterval(timer.current);
    setWait(seconds);
    timer.current = window.setInterval(() => {
      setWait((w) => {
        if (w <= 1) window.clearInterval(timer.current);
        return Math.max(0, w - 1);
      });
    }, 1000);
  }

  async function send() {
    setError(null);
    setNotice(null);
    let phone: string;
    try {
      phone = (await form.validateFields(['phone'])).phone.trim();
    } catch {
      return;
    }
    setSending(true);
    try {
      const sent = await sendCode(phone);
      setNotice(t('signIn.sent', { phone: maskPhone(phone), min: Math.round(sent.expiresIn / 60) }));
      countDown(sent.resendAfter);
    } catch (e) {
      const retry = e instanceof ApiRequestError && e.code === 'THROTTLED' ? /(\d+)\s*秒/.exec(e.message)?.[1] : undefined;
      if (retry) countDown(Number(retry));
      setError(e instanceof ApiRequestError && e.status > 0 ? serverText(e.message, lang) : errorMessage(e, t));
    } finally {
      setSending(false);
    }
  }

  async function submit(values: { phone: string; code: string }) {
    setError(null);
    setSigningIn(true);
    try {
      await signIn(values.phone.trim(), values.code.trim());
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiRequestError && e.status > 0 ? serverText(e.message, lang) : errorMessage(e, t));
    } finally {
      setSigningIn(false);
    }
  }

  if (session.status === 'in') {
    return (
      <Card style={{ maxWidth: 480, margin: '0 auto' }}>
        <Alert type="success" showIcon title={t('signIn.already', { phone: maskPhone(session.me.applicant.phone) })} />
        <Button type="primary" block style={{ marginTop: 16 }} onClick={() => navigate(next === MY_CASES_HREF ? MY_CASES_HREF : next)}>
          {t('acct.nav.myCases')}
        </Button>
      </Card>
    );
  }

  return (
    <Card style={{ maxWidth: 480, margin: '0 auto' }} data-testid="signin-page">
      <Title level={3} style={{ marginTop: 0 }}>
        {t('signIn.title')}
      </Title>
      <Paragraph type="secondary">{t('signIn.intro')}</Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="phone"
          label={t('signIn.phone')}
          rules={[{ required: true, pattern: PHONE, message: t('signIn.phoneBad'), transform: (v: string) => v?.trim() }]}
        >
          <Input prefix={<MobileOutlined />} inputMode="numeric" maxLength={11} autoComplete="tel" placeholder={t('signIn.phonePlaceholder')} size="large" data-testid="signin-phone" />
        </Form.Item>
        <Form.Item label={t('signIn.code')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, pattern: /^\d{6}$/, message: t('signIn.codeBad'), transform: (v: string) => v?.trim() }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" maxLength={6} autoComplete="one-time-code" placeholder={t('signIn.codePlaceholder')} size="large" aria-label={t('signIn.code')} data-testid="signin-code" />
            </Form.Item>
            <Button size="large" onClick={send} loading={sending} disabled={wait > 0} data-testid="signin-send" style={{ minWidth: 132 }}>
              {wait > 0 ? t('signIn.resend', { n: wait }) : notice ? t('signIn.resendNow') : t('signIn.send')}
            </Button>
          </Space.Compact>
          <Form.Item shouldUpdate noStyle>
            {() => {
              const err = form.getFieldError('code')[0];
              return err ? <div className="ant-form-item-explain-error" style={{ color: '#cf1322' }}>{err}</div> : null;
            }}
          </Form.Item>
        </Form.Item>
        {notice && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="signin-notice" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="signin-error" role="alert" />}
        <Button type="primary" htmlType="submit" size="large" block loading={signingIn} data-testid="signin-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
    </Card>
  );
}
