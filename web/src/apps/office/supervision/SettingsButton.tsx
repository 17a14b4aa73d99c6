/** Thresholds of the findings and the notice deadline (PUT /api/supervision/settings): supervisors change them, leaders read them. */
import { useEffect, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { api, fetchMe } from '../../../shared/api';
import { applyFieldErrors, errorMessage } from '../../../shared/errors';
import { useSupervisionT, type SupervisionKey } from './messages';

export interface OversightSettings {
  noticeDays: number;
  officeStart: string;
  officeEnd: string;
  quickDecisionMinutes: number;
  minPauseCycles: number;
  minApplicants: number;
  minItemCases: number;
  minSubmitterCases: number;
  fastRatio: number;
  slowRatio: number;
  minDiffDays: number;
}

const NUMBERS: { name: keyof OversightSettings; min: number; max: number; step?: number }[] = [
  { name: 'noticeDays', min: 1, max: 30 },
  { name: 'quickDecisionMinutes', min: 1, max: 480 },
  { name: 'minPauseCycles', min: 2, max: 20 },
  { name: 'minApplicants', min: 2, max: 1000 },
  { name: 'minItemCases', min: 2, max: 10000 },
  { name: 'minSubmitterCases', min: 1, max: 1000 },
  { name: 'fastRatio', min: 0.05, max: 0.95, step: 0.05 },
  { name: 'slowRatio', min: 1.1, max: 100, step: 0.1 },
  { name: 'minDiffDays', min: 0, max: 365 },
];

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
          <Form.Item name="officeStart" label={t('settings.officeStart')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/ }]}>
            <Input type="time" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="officeEnd" label={t('settings.officeEnd')} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/ }]}>
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
