/** 部门管理: list, create, rename, retire departments. */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, seg } from '../../shared/api';
import type { Department } from '#contract/departments.js';
import { DEPT_CODE_PATTERN } from '#contract/departments-values.js';
import { useAdminT } from './admin-t';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import { useDepartments } from '../../shared/departments';
import { PageTitle } from './PageTitle';

const DEPT_CODE = new RegExp(DEPT_CODE_PATTERN);

interface DeptForm {
  code: string;
  name: string;
  nameEn: string;
}

export function DepartmentsPage() {
  const t = useAdminT();
  const { message } = App.useApp();
  const { departments, loading, reload } = useDepartments('/api/admin/departments');
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<DeptForm>();

  function open(d: Department | 'new') {
    setEditing(d);
    form.resetFields();
    if (d !== 'new') form.setFieldsValue({ code: d.code, name: d.name, nameEn: d.nameEn });
  }

  async function save() {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    try {
      if (editing === 'new') {
        await api.post('/api/admin/departments', { code: values.code.trim(), name: values.name.trim(), nameEn: (values.nameEn ?? '').trim() });
        message.success(t('dept.created'));
      } else if (editing) {
        await api.patch(`/api/admin/departments/${seg(editing.code)}`, { name: values.name.trim(), nameEn: (values.nameEn ?? '').trim() });
        message.success(t('dept.updated'));
      }
      setEditing(null);
      reload();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  async function retire(d: Department) {
    try {
      await api.post(`/api/admin/departments/${seg(d.code)}/retire`);
      message.success(t('dept.retiredMsg'));
      reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }

  const columns: TableColumnsType<Department> = [
    { title: t('dept.code'), dataIndex: 'code', width: 140 },
    { title: t('dept.name'), dataIndex: 'name' },
    { title: t('dept.nameEn'), dataIndex: 'nameEn', responsive: ['md'] },
    { title: t('dept.itemCount'), dataIndex: 'itemCount', width: 90, align: 'right' },
    {
      title: t('dept.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: Department['status']) => (s === 'active' ? <Tag color="green">{t('dept.active')}</Tag> : <Tag>{t('dept.retired')}</Tag>),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, d) => (
        <Space>
          <Button size="small" onClick={() => open(d)} data-testid={`dept-edit-${d.code}`}>
            {t('common.edit')}
          </Button>
          {d.status === 'active' && (
            <Popconfirm title={t('dept.retireConfirm', { name: d.name })} onConfirm={() => retire(d)} okButtonProps={{ danger: true }} okText={t('dept.retire')} cancelText={t('common.cancel')}>
              <Button size="small" danger data-testid={`dept-retire-${d.code}`}>
                {t('dept.retire')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="new-department">
            {t('dept.new')}
          </Button>
        }
      >
        {t('admin.menu.departments')}
      </PageTitle>
      <Card>
        <Table<Department> data-testid="departments-table" rowKey="code" size="middle" loading={loading} columns={columns} dataSource={departments} pagination={false} scroll={{ x: 'max-content' }} />
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('dept.new') : t('dept.edit')}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form<DeptForm> form={form} name="department" layout="vertical">
          <Form.Item
            label={t('dept.code')}
            name="code"
            normalize={(v: string) => (v ?? '').toUpperCase()}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('dept.code') }) },
              { pattern: DEPT_CODE, message: t('dept.codePattern') },
            ]}
          >
            <Input disabled={editing !== 'new'} data-testid="dept-code" maxLength={12} />
          </Form.Item>
          <Form.Item label={t('dept.name')} name="name" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('dept.name') }) }]}>
            <Input data-testid="dept-name" />
          </Form.Item>
          <Form.Item label={t('dept.nameEn')} name="nameEn">
            <Input data-testid="dept-nameEn" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
