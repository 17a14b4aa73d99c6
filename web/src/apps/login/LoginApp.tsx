/** Staff sign-in: username and password; then on to the page for the user's role (or ?next=). */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { changePassword, fetchMe, login, logout } from '../../shared/api';
import type { Me } from '#contract/auth.js';
import { useLoginT } from './login-t';
import { LangSwitch } from '../../shared/LangSwitch';
import { ROLE_HOME } from '../../shared/roles';
import { safeNextPath } from '../../shared/router';
import { errorMessage } from '../../shared/errors';

interface LoginForm {
  username: string;
  password: string;
}

function destination(me: Me): string {
  const next = safeNextPath(new URLSearchParams(window.location.search).get('next'));
  return next ?? ROLE_HOME[me.user.role] ?? '/';
}

export function LoginApp() {
  const t = useLoginT();
  const [form] = Form.useForm<LoginForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<Me | null>(null);

  useEffect(() => {
    document.title = t('app.loginTitle');
  }, [t]);

  useEffect(() => {
    fetchMe()
      .then(setCurrent)
      .catch(() => setCurrent(null));
  }, []);

  async function onFinish(values: LoginForm) {
    setSubmitting(true);
    setError(null);
    try {
      const me = await login(values.username.trim(), values.password);
      // The server refuses everything else until an admin-set password is replaced: ask for it here.
      if (me.user.mustChangePassword) {
        setCurrent(me);
        setSubmitting(false);
        return;
      }
      window.location.assign(destination(me));
    } catch (e) {
      setError(errorMessage(e, t));
      form.setFieldValue('password', '');
      setSubmitting(false);
    }
  }

  async function switchAccount() {
    await logout().catch(() => undefined);
    setCurrent(null);
  }

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', padding: 16, background: 'linear-gradient(160deg, #1d5fb8 0%, #0f3c78 100%)' }}>
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LangSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div style={{ textAlign: 'center' }}>
            <Typography.Title level={3} style={{ marginBottom: 4 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.title')}</Typography.Text>
          </div>
          {current?.user.mustChangePassword && <ChangePasswordForm onDone={() => window.location.assign(destination(current))} onSwitch={switchAccount} />}
          {current && !current.user.mustChangePassword && (
            <Alert
              type="info"
              showIcon
              title={t('login.already', { name: current.user.displayName || current.user.username, role: t(`role.${current.user.role}`) })}
              description={
                <Space>
                  <Button type="primary" size="small" href={destination(current)}>
                    {t('login.continue')}
                  </Button>
                  <Button size="small" onClick={switchAccount}>
                    {t('login.switch')}
                  </Button>
                </Space>
              }
            />
          )}
          {error && <Alert type="error" showIcon title={error} data-testid="login-error" />}
          {!current?.user.mustChangePassword && <Form<LoginForm> form={form} name="login" layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" size="large" />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>}
          <div style={{ textAlign: 'center' }}>
            <a href="/">{t('login.backToPortal')}</a>
          </div>
        </Space>
      </Card>
    </div>
  );
}

interface ChangeForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The first thing a user whose password an administrator set must do: replace it with their own. */
function ChangePasswordForm({ onDone, onSwitch }: { onDone: () => void; onSwitch: () => void }) {
  const t = useLoginT();
  const [form] = Form.useForm<ChangeForm>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(v: ChangeForm) {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      onDone();
    } catch (e) {
      setError(errorMessage(e, t));
      setSubmitting(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="password-change">
      <Alert type="warning" showIcon title={t('login.change.title')} description={t('login.change.hint')} />
      {error && <Alert type="error" showIcon title={error} data-testid="password-change-error" />}
      <Form<ChangeForm> form={form} name="password-change" layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item label={t('login.change.current')} name="currentPassword" rules={[{ required: true, message: t('common.required', { field: t('login.change.current') }) }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          label={t('login.change.new')}
          name="newPassword"
          extra={t('login.change.newHelp')}
          rules={[{ required: true, message: t('common.required', { field: t('login.change.new') }) }, { min: 10, message: t('login.change.newHelp') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          label={t('login.change.confirm')}
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { field: t('login.change.confirm') }) },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('login.change.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="password-change-submit">
          {t('login.change.submit')}
        </Button>
      </Form>
      <Button type="link" block onClick={onSwitch}>
        {t('login.switch')}
      </Button>
    </Space>
  );
}
