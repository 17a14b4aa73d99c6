/**
 * 系统设置: warning lead time (预警天数), the hours after which a decided case not carried further
 * counts as held back (压件), the promised/statutory ratio that publishing warns about,
 * and the hall's deadlines: bad-rating follow-ups (差评回访/整改) and consultations/complaints (咨询投诉).
 * The ratio is edited as a percentage, the way people talk about it ("承诺时限不超过法定时限的 60%"),
 * and sent to the server as the fraction it stores.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Divider, Form, InputNumber, Skeleton, Space, Typography } from 'antd';
import { api } from '../../shared/api';
import type { Settings } from '#contract/settings.js';
import { SETTING_LIMITS } from '#contract/settings-values.js';
import { useAppT } from '../../shared/i18n';
import { useAdminT } from './admin-t';
import * as hallMessages from './hall-messages';
import { applyFieldErrors, errorMessage, type NamePath } from '../../shared/errors';
import { PageTitle } from './PageTitle';

/** Deadlines of the hall (issue 8): bad-rating follow-ups and consultations/complaints. */
const HALL_KEYS = ['ratingContactHours', 'ratingFixDays', 'complaintDueDays', 'consultationDueDays'] as const;
type HallKey = (typeof HALL_KEYS)[number];
const { warningDays: W, heldBackHours: H } = SETTING_LIMITS;

interface SettingsForm extends Record<HallKey, number> {
  warningDays: number;
  heldBackHours: number;
  promisedRatioPercent: number;
}

const toForm = (s: Settings): SettingsForm => ({
  warningDays: s.warningDays, heldBackHours: s.heldBackHours, promisedRatioPercent: Math.round(s.promisedRatioMax * 100),
  ...Object.fromEntries(HALL_KEYS.map((k) => [k, s[k]])) as Record<HallKey, number>,
});

export function SettingsPage() {
  const t = useAdminT();
  const ht = useAppT(hallMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsForm>();
  const [loaded, setLoaded] = useState<SettingsForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const warningDays = Form.useWatch('warningDays', form);
  const percent = Form.useWatch('promisedRatioPercent', form);

  function load() {
    setError(null);
    api
      .get<Settings>('/api/admin/settings')
      .then((s) => {
        form.setFieldsValue(toForm(s));
        setLoaded(toForm(s));
      })
      .catch((e) => setError(errorMessage(e, t)));
  }

  useEffect(load, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function onFinish(values: SettingsForm) {
    setSaving(true);
    try {
      const saved = await api.put<Settings>('/api/admin/settings', {
        warningDays: values.warningDays,
        heldBackHours: values.heldBackHours,
        promisedRatioMax: Math.round(values.promisedRatioPercent) / 100,
        ...Object.fromEntries(HALL_KEYS.map((k) => [k, values[k]])),
      });
      if (saved && typeof saved === 'object') {
        form.setFieldsValue(toForm(saved));
        setLoaded(toForm(saved));
      }
      message.success(t('settings.saved'));
    } catch (e) {
      applyFieldErrors(form, e, (p: NamePath) => (p[0] === 'promisedRatioMax' ? ['promisedRatioPercent'] : p));
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  const exampleDays = typeof percent === 'number' ? Math.floor((20 * percent) / 100) : null;

  return (
    <>
      <PageTitle>{t('settings.title')}</PageTitle>
      <Card style={{ maxWidth: 720 }}>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 16 }}
            action={
              <Button size="small" onClick={load}>
                {t('common.retry')}
              </Button>
            }
          />
        )}
        {!loaded && !error && <Skeleton active />}
        <Form<SettingsForm> form={form} name="settings" layout="vertical" onFinish={onFinish} style={{ display: loaded ? undefined : 'none' }}>
          <Form.Item
            label={t('settings.warningDays')}
            extra={
              <>
                <div>{t('settings.warningDaysHelp')}</div>
                {typeof warningDays === 'number' && <Typography.Text type="secondary">{t('settings.warningExample', { n: warningDays })}</Typography.Text>}
              </>
            }
          >
            <Form.Item name="warningDays" noStyle rules={[{ required: true, type: 'integer', min: W.minimum, max: W.maximum, message: `${W.minimum}–${W.maximum}` }]}>
              <InputNumber min={W.minimum} max={W.maximum} precision={0} data-testid="settings-warningDays" style={{ width: 160 }} suffix={t('limit.days', { n: '' }).trim()} />
            </Form.Item>
          </Form.Item>
          <Form.Item label={t('settings.heldBackHours')} extra={t('settings.heldBackHoursHelp')}>
            <Form.Item name="heldBackHours" noStyle rules={[{ required: true, type: 'integer', min: H.minimum, max: H.maximum, message: `${H.minimum}–${H.maximum}` }]}>
              <InputNumber min={H.minimum} max={H.maximum} precision={0} data-testid="settings-heldBackHours" style={{ width: 160 }} suffix={t('settings.hours')} />
            </Form.Item>
          </Form.Item>
          <Form.Item
            label={t('settings.promisedRatioMax')}
            extra={
              <>
                <div>{t('settings.promisedRatioMaxHelp')}</div>
                {exampleDays !== null && <Typography.Text type="secondary">{t('settings.ratioExample', { p: percent, d: exampleDays })}</Typography.Text>}
              </>
            }
          >
            <Form.Item name="promisedRatioPercent" noStyle rules={[{ required: true, type: 'integer', min: 5, max: 100, message: '5–100 %' }]}>
              <InputNumber min={5} max={100} step={5} precision={0} data-testid="settings-promisedRatioMax" style={{ width: 160 }} suffix="%" />
            </Form.Item>
          </Form.Item>
          <Divider titlePlacement="start">{ht('hall.settings.title')}</Divider>
          {([
            ['ratingContactHours', ht('hall.settings.ratingContactHoursHelp')],
            ['ratingFixDays', ht('hall.settings.ratingFixDaysHelp')],
            ['complaintDueDays', ht('hall.settings.dueHelp')],
            ['consultationDueDays', ht('hall.settings.dueHelp')],
          ] as const).map(([key, help]) => (
            <Form.Item key={key} label={ht(`hall.settings.${key}`)} extra={help}>
              <Form.Item name={key} noStyle rules={[{ required: true, type: 'integer', min: SETTING_LIMITS[key].minimum, max: SETTING_LIMITS[key].maximum, message: `${SETTING_LIMITS[key].minimum}–${SETTING_LIMITS[key].maximum}` }]}>
                <InputNumber min={SETTING_LIMITS[key].minimum} max={SETTING_LIMITS[key].maximum} precision={0} data-testid={`settings-${key}`} style={{ width: 160 }} />
              </Form.Item>
            </Form.Item>
          ))}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => loaded && form.setFieldsValue(loaded)} disabled={saving}>
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
