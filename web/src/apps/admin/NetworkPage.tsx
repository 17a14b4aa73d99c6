/** Admin: the three-level network — where each county item is opened for proxy intake (受办分离 / 通办). */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Alert, Button, Card, Dropdown, Form, Input, Modal, Space, Table, Tag, TreeSelect } from 'antd';
import type { TableColumnsType } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { api, seg } from '../../shared/api';
import { useAppT } from '../../shared/i18n';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import type { OpeningItem, OpeningList, Place } from '#contract/network-places.js';
import * as messages from './network-messages';
import { ServiceDaysCard } from './ServiceDaysCard';

interface TreeNode {
  value: string;
  title: string;
  children?: TreeNode[];
}

/** The county's places as a tree for the select: county → townships → villages. */
function placeTree(places: Place[]): TreeNode[] {
  const node = (p: Place): TreeNode => {
    const children = places.filter((c) => c.parent === p.code).map(node);
    return { value: p.code, title: p.name, ...(children.length ? { children } : {}) };
  };
  return places.filter((p) => p.parent === null).map(node);
}

export function NetworkPage() {
  const t = useAppT(messages);
  const { message } = App.useApp();
  const [data, setData] = useState<OpeningList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<OpeningItem | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ centers: string[] }>();

  const load = useCallback(() => {
    api.get<OpeningList>('/api/network/openings').then(setData).catch((e) => setError(errorMessage(e, t)));
  }, [t]);
  useEffect(load, [load]);

  const tree = useMemo(() => placeTree(data?.places ?? []), [data]);
  const townships = useMemo(() => (data?.places ?? []).filter((p) => p.level === 'township'), [data]);
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const items = data?.items ?? [];
    if (!q) return items;
    return items.filter((i) => `${i.code} ${i.name} ${i.department.name}`.toLowerCase().includes(q));
  }, [data, filter]);

  const open = (item: OpeningItem) => {
    setEditing(item);
    form.setFieldsValue({ centers: item.places.map((p) => p.code) });
  };

  const save = async () => {
    if (!editing) return;
    const values = await form.validateFields();
    setSaving(true);
    try {
      await api.put(`/api/network/openings/${seg(editing.code)}`, { centers: values.centers ?? [] });
      message.success(t('network.saved'));
      setEditing(null);
      load();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  const countyCode = data?.county.code;
  const columns: TableColumnsType<OpeningItem> = [
    { title: t('network.item'), dataIndex: 'name', render: (name: string, i) => <span>{name} <Tag>{i.code}</Tag></span> },
    { title: t('network.department'), dataIndex: ['department', 'name'], responsive: ['md'] },
    {
      title: t('network.places'), key: 'places',
      render: (_, i) => (i.places.length === 0
        ? <span style={{ color: '#595959' }}>{t('network.hallOnly')}</span>
        : (
          <Space size={[4, 4]} wrap>
            {i.places.map((p) => <Tag key={p.code} color={p.code === countyCode ? 'green' : 'blue'} data-testid="opening-tag">{p.code === countyCode ? t('network.countyWide') : p.name}</Tag>)}
          </Space>
        )),
    },
    { title: '', key: 'edit', width: 80, render: (_, i) => <Button size="small" onClick={() => open(i)} data-testid="opening-edit">{t('network.edit')}</Button> },
  ];

  const handbookMenu = townships.map((p) => ({ key: p.code, label: <a href={`/print/centers/${encodeURIComponent(p.code)}/handbook`} target="_blank" rel="noopener">{p.name}</a> }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('network.title')}
        extra={(
          <Dropdown menu={{ items: handbookMenu }} disabled={handbookMenu.length === 0}>
            <Button icon={<PrinterOutlined />} title={t('network.handbookHelp')} data-testid="handbook-print">{t('network.handbook')}</Button>
          </Dropdown>
        )}
      >
        <Alert type="info" showIcon title={t('network.hint')} style={{ marginBottom: 12 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Input.Search allowClear placeholder={t('network.search')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ maxWidth: 360, marginBottom: 12 }} data-testid="opening-filter" />
        <Table<OpeningItem> rowKey="code" size="small" loading={!data && !error} columns={columns} dataSource={rows} pagination={{ pageSize: 50, showSizeChanger: false }} scroll={{ x: 'max-content' }} />
      </Card>
      {data && <ServiceDaysCard places={data.places} />}
      <Modal
        open={editing !== null}
        title={editing ? t('network.editTitle', { name: editing.name }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        confirmLoading={saving}
        destroyOnHidden
        forceRender
      >
        <Form<{ centers: string[] }> form={form} layout="vertical" name="openings">
          <Form.Item name="centers" label={t('network.placesLabel')} extra={t('network.placesHelp')}>
            <TreeSelect treeData={tree} multiple treeDefaultExpandAll showSearch treeNodeFilterProp="title" allowClear placeholder={t('network.hallOnly')} data-testid="opening-centers" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
