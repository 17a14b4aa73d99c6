/** Admin: the village service days (驻村服务日) of the county's townships — publish, see bookings, take down. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, seg } from '../../shared/api';
import { useAppT } from '../../shared/i18n';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import type { Place, ServiceDay, ServiceDayBody, ServiceDayList } from '#contract/network-places.js';
import * as messages from './network-messages';

interface DayForm extends Omit<ServiceDayBody, 'date'> {
  date: Dayjs;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function ServiceDaysCard({ places }: { places: Place[] }) {
  const t = useAppT(messages);
  const { message } = App.useApp();
  const townships = useMemo(() => places.filter((p) => p.level === 'township'), [places]);
  const [township, setTownship] = useState<string | undefined>(undefined);
  const [days, setDays] = useState<ServiceDay[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<DayForm>();
  const current = township ?? townships[0]?.code;
  const villages = places.filter((p) => p.level === 'village' && p.parent === current);

  const load = useCallback(() => {
    if (!current) return;
    api.get<ServiceDayList>('/api/network/service-days', { township: current })
      .then((r) => { setDays(r.days); setError(null); })
      .catch((e) => setError(errorMessage(e, t)));
  }, [current, t]);
  useEffect(load, [load]);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await api.post('/api/network/service-days', { ...v, date: v.date.format('YYYY-MM-DD'), note: v.note ?? '' });
      message.success(t('network.saved'));
      setAdding(false);
      load();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    }
    setSaving(false);
  };

  const remove = async (d: ServiceDay) => {
    try {
      await api.delete(`/api/network/service-days/${seg(d.id)}`);
      message.success(t('network.days.removed'));
      load();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const columns: TableColumnsType<ServiceDay> = [
    { title: t('network.days.date'), dataIndex: 'date', width: 110 },
    { title: t('network.days.time'), key: 'time', width: 110, render: (_, d) => `${d.startTime}–${d.endTime}` },
    { title: t('network.days.village'), dataIndex: ['village', 'name'] },
    { title: t('network.days.staff'), dataIndex: 'staff', responsive: ['md'] },
    { title: t('network.days.booked'), key: 'booked', width: 90, render: (_, d) => `${d.booking.booked} / ${d.booking.capacity}` },
    {
      title: '', key: 'remove', width: 90,
      render: (_, d) => (
        <Popconfirm title={t('network.days.removeConfirm')} onConfirm={() => void remove(d)} disabled={d.booking.booked > 0}>
          <Button size="small" danger disabled={d.booking.booked > 0} title={d.booking.booked > 0 ? t('network.days.hasBookings') : undefined} data-testid="service-day-remove">
            {t('network.days.remove')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title={t('network.days.title')}
      extra={(
        <Space wrap>
          <Select aria-label={t('network.days.township')} style={{ minWidth: 180 }} value={current} onChange={setTownship} options={townships.map((p) => ({ value: p.code, label: p.name }))} data-testid="service-day-township" />
          <Button type="primary" icon={<PlusOutlined />} disabled={!current} data-testid="service-day-new"
            onClick={() => { form.resetFields(); form.setFieldsValue({ startTime: '09:00', endTime: '11:30', capacity: 20 }); setAdding(true); }}>
            {t('network.days.new')}
          </Button>
        </Space>
      )}
    >
      <Alert type="info" showIcon title={t('network.days.hint')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<ServiceDay> rowKey="id" size="small" loading={!days && !error} columns={columns} dataSource={days ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      <Modal open={adding} title={t('network.days.new')} onCancel={() => setAdding(false)} onOk={() => void save()} confirmLoading={saving} destroyOnHidden forceRender>
        <Form<DayForm> form={form} layout="vertical" name="service-day">
          <Form.Item name="village" label={t('network.days.village')} rules={[{ required: true }]}>
            <Select options={villages.map((p) => ({ value: p.code, label: p.name }))} data-testid="service-day-village" />
          </Form.Item>
          <Form.Item name="date" label={t('network.days.date')} rules={[{ required: true }]}>
            <DatePicker data-testid="service-day-date" />
          </Form.Item>
          <Space>
            <Form.Item name="startTime" label={t('network.days.start')} rules={[{ required: true, pattern: TIME }]}>
              <Input placeholder="09:00" style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="endTime" label={t('network.days.end')} rules={[{ required: true, pattern: TIME }]}>
              <Input placeholder="11:30" style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="capacity" label={t('network.days.capacity')}>
              <InputNumber min={1} max={200} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="staff" label={t('network.days.staff')} rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="note" label={t('network.days.note')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
