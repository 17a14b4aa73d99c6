/** Thresholds of the findings and the notice deadline (PUT /api/supervision/settings): supervisors change them, leaders read them. */
import { useEffect, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { api, fetchMe } from '../../../shared/api';
import { applyFieldErrors, errorMessage } from '../../../shared/errors';
import { TIME_PATTERN } from '@domain/oversight-rules';
import type { OversightSettings } from '#contract/oversight.js';
import { OVERSIGHT_NUMBER_LIMITS, type OversightNumberSetting } from '#contract/oversight-values.js';
import { RefreshButton } from '../../../shared/ListPanel';
import { useSupervisionT, type SupervisionKey } from './messages';

/** Steps of the fractional settings; the others are whole numbers. */
const STEP: Partial<Record<OversightNumberSetting, number>> = { fastRatio: 0.05, slowRatio: 0.1 };

// The bounds are the server's; an exclusive lower bound becomes the first step above it.
const NUMBERS = (Object.keys(OVERSIGHT_NUMBER_LIMITS) as OversightNumberSetting[]).map((name) => {
  const limit: { minimum?: number; exclusiveMinimum?: number; maximum: number } = OVERSIGHT_NUMBER_LIMITS[name];
  const step = STEP[name];
  const min = limit.exclusiveMinimum !== undefined ? limit.exclusiveMinimum + (step ?? 1) : limit.minimum!;
  return { name, min, max: limit.maximum, step };
});

export function SettingsButton({ onSaved }: { onSaved: () => void }) {
  const t = useSupervisionT();
  const { message } = App.useApp();
  const [form] = Form.useForm<OversightSettings>();
  const [open, setOpen] = useState(false);
  const [canEdit, setCanEdit] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    fetchMe().then((m) => setCanEdit(m?.user.role === 'supervisor')).catch(() => undefined);
  }, []);

  async function show() {
    try {
      form.setFieldsValue(await api.get<OversightSettings>('/api/supervision/settings'));
      setOpen(true);
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }

  async function save() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.put('/api/supervision/settings', v);
      message.success(t('settings.saved'));
      setOpen(false);
      onSaved();
    } catch (e) {
      if (!applyFieldErrors(form, e).length) message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Button icon={<SettingOutlined />} onClick={show} data-testid="oversight-settings">
        {t('settings.title')}
      </Button>
      <Modal
        open={open}
        title={t('settings.title')}
        onCancel={() => setOpen(false)}
        onOk={save}
        okText={t('common.reviewSave')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        okButtonProps={{ disabled: !canEdit, 'data-testid': 'oversight-settings-save' }}
        width={560}
        // Mounted from the start, so the form can be filled before it opens.
        forceRender
      >
        <Form form={form} layout="horizontal" labelCol={{ span: 14 }} disabled={!canEdit}>
          <Form.Item name="officeStart" label={t('settings.officeStart')} rules={[{ required: true, pattern: TIME_PATTERN }]}>
            <Input type="time" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="officeEnd" label={t('settings.officeEnd')} rules={[{ required: true, pattern: TIME_PATTERN }]}>
            <Input type="time" style={{ width: 140 }} />
          </Form.Item>
          {NUMBERS.map((n) => (
            <Form.Item key={n.name} name={n.name} label={t(`settings.${n.name}` as SupervisionKey)} rules={[{ required: true }]}>
              <InputNumber min={n.min} max={n.max} step={n.step ?? 1} precision={n.step ? 2 : 0} style={{ width: 140 }} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}

/** The actions over a findings report: its thresholds, then refresh. */
export function ReportActions({ reload, loading }: { reload: () => void; loading: boolean }) {
  const t = useSupervisionT();
  return (
    <>
      <SettingsButton onSaved={reload} />
      <RefreshButton onClick={reload} loading={loading}>{t('common.refresh')}</RefreshButton>
    </>
  );
}
