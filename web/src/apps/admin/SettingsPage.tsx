/** 系统设置: warning lead time and the promised/statutory ratio that publishing warns about. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Skeleton } from 'antd';
import { api } from '../../shared/api';
import type { Settings } from '../../shared/api-types';
import { useI18n } from '../../shared/i18n';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import { PageTitle } from './PageTitle';

export function SettingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api
      .get<Settings>('/api/admin/settings')
      .then((s) => {
        form.setFieldsValue(s);
        setLoaded(true);
      })
      .catch((e) => setError(errorMessage(e, t)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function onFinish(values: Settings) {
    setSaving(true);
    try {
      const saved = await api.put<Settings | undefined>('/api/admin/settings', values);
      if (saved && typeof saved === 'object') form.setFieldsValue(saved);
      message.success(t('settings.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <PageTitle>{t('settings.title')}</PageTitle>
      <Card style={{ maxWidth: 640 }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {!loaded && !error && <Skeleton active />}
        <Form<Settings> form={form} name="settings" layout="vertical" onFinish={onFinish} style={{ display: loaded ? undefined : 'none' }}>
          <Form.Item label={t('settings.warningDays')} name="warningDays" extra={t('settings.warningDaysHelp')} rules={[{ required: true, type: 'integer', min: 0, max: 30 }]}>
            <InputNumber min={0} max={30} precision={0} data-testid="settings-warningDays" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            label={t('settings.promisedRatioMax')}
            name="promisedRatioMax"
            extra={t('settings.promisedRatioMaxHelp')}
            rules={[{ required: true, type: 'number', min: 0.05, max: 1 }]}
          >
            <InputNumber min={0.05} max={1} step={0.05} precision={2} data-testid="settings-promisedRatioMax" style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
