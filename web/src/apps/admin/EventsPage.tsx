/** Admin: the life and business events (一件事) the portal browses by. */
import { useCallback, useEffect, useState } from 'react';
import { App, Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, seg } from '../../shared/api';
import { useAppT } from '../../shared/i18n';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import { EVENT_ICON_KEYS, EventIcon } from '../portal/browse/EventIcon';
import type { ServiceEvent, ServiceEventList } from '#contract/events.js';
import { EVENT_KINDS } from '@domain/catalog';
import * as messages from './catalog-files-messages';

type EventForm = Omit<ServiceEvent, 'id' | 'itemCount'>;

export function EventsPage() {
  const t = useAppT(messages);
  const { message } = App.useApp();
  const [events, setEvents] = useState<ServiceEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ServiceEvent | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<EventForm>();

  const load = useCallback(() => {
    api.get<ServiceEventList>('/api/admin/events').then((r) => setEvents(r.events)).catch((e) => setError(errorMessage(e, t)));
  }, [t]);
  useEffect(load, [load]);

  const open = (e: ServiceEvent | 'new') => {
    setEditing(e);
    form.resetFields();
    form.setFieldsValue(e === 'new' ? { kind: 'life', sortOrder: 0, active: true, icon: '', nameEn: '', description: '' } : e);
  };

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const body = { ...values, nameEn: values.nameEn ?? '', icon: values.icon ?? '', description: values.description ?? '' };
      if (editing === 'new') await api.post('/api/admin/events', body);
      else if (editing) await api.put(`/api/admin/events/${seg(editing.id)}`, body);
      message.success(t('events.saved'));
      setEditing(null);
      load();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<ServiceEvent> = [
    { title: t('events.icon'), dataIndex: 'icon', width: 60, render: (v: string) => <EventIcon icon={v} size={20} /> },
    { title: t('events.name'), dataIndex: 'name' },
    { title: t('events.slug'), dataIndex: 'slug', responsive: ['md'] },
    { title: t('events.kind'), dataIndex: 'kind', render: (v: 'life' | 'business') => <Tag color={v === 'life' ? 'green' : 'blue'}>{t(`events.kind.${v}`)}</Tag> },
    { title: t('events.sortOrder'), dataIndex: 'sortOrder', width: 80 },
    { title: t('events.items'), dataIndex: 'itemCount', width: 80 },
    { title: t('events.active'), dataIndex: 'active', width: 110, render: (v: boolean) => (v ? <Tag color="green">✓</Tag> : <Tag>—</Tag>) },
    { title: '', key: 'edit', width: 80, render: (_, e) => <Button size="small" onClick={() => open(e)} data-testid="event-edit">{t('events.edit')}</Button> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('events.title')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="event-new">{t('events.new')}</Button>}
      >
        <Alert type="info" showIcon title={t('events.hint')} style={{ marginBottom: 12 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<ServiceEvent> rowKey="id" size="small" loading={!events && !error} columns={columns} dataSource={events ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('events.new') : t('events.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        confirmLoading={saving}
        destroyOnHidden
        forceRender
      >
        <Form<EventForm> form={form} layout="vertical" name="event">
          <Form.Item name="name" label={t('events.name')} rules={[{ required: true, max: 50, whitespace: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="slug" label={t('events.slug')} rules={[{ required: true, pattern: /^[a-z][a-z0-9-]{0,39}$/ }]}>
            <Input placeholder="open-restaurant" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('events.nameEn')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('events.kind')} rules={[{ required: true }]}>
            <Select options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="icon" label={t('events.icon')}>
            <Select allowClear options={EVENT_ICON_KEYS.map((k) => ({ value: k, label: <Space><EventIcon icon={k} size={16} />{k}</Space> }))} />
          </Form.Item>
          <Form.Item name="description" label={t('events.description')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="sortOrder" label={t('events.sortOrder')}>
            <InputNumber min={0} max={9999} precision={0} />
          </Form.Item>
          <Form.Item name="active" label={t('events.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
