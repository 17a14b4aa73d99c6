/**
 * 用户与角色: staff accounts of this center and the stations below it. Filters live in the URL.
 * Create, edit, disable/enable (with confirmation) and reset passwords; a password the server
 * generates is shown once, in a dialog that has to be closed on purpose.
 */
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, ApiRequestError, seg } from '../../shared/api';
import type { Me } from '#contract/auth.js';
import type { Center } from '#contract/centers.js';
import { ROLES, roleFitsCenterLevel, type Role } from '#contract/roles.js';
import type { AdminUser, AdminUserPage, AdminUserWithPassword } from '#contract/users.js';
import { USERNAME_PATTERN } from '#contract/users-values.js';
import { useI18n } from '../../shared/i18n';
import { useAdminT, type AdminT } from './admin-t';
import type { AdminKey } from './messages';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import { useDepartments } from '../../shared/departments';
import { formatDateTime } from '../../shared/labels';
import { navigate, useLocation, withQuery } from '../../shared/router';
import { PageTitle } from './PageTitle';
import { useFetched } from '../../shared/use-fetched';
import { pagedTable } from './paged-list';

const ROLE_COLOR: Record<Role, string> = { admin: 'volcano', desk: 'blue', approver: 'green', supervisor: 'purple', leader: 'gold', station: 'cyan', agent: 'lime' };
const USERNAME = new RegExp(USERNAME_PATTERN);
const DEMO_PASSWORD = 'onewindow-demo';
const KNOWN_ERRORS = ['LAST_ADMIN', 'CANNOT_DISABLE_SELF', 'CANNOT_DEMOTE_SELF', 'WEAK_PASSWORD', 'DUPLICATE', 'NOT_FOUND'];

/** The server's words for a refusal are bilingual; the codes it is known to use get the UI language's own. */
function userError(e: unknown, t: AdminT): string {
  if (e instanceof ApiRequestError && KNOWN_ERRORS.includes(e.code)) return t(`users.err.${e.code}` as AdminKey);
  return errorMessage(e, t);
}

/** The same minimum the server enforces, checked while typing. */
function passwordRules(t: AdminT, username: () => string | undefined) {
  return [
    { required: true, message: t('common.required', { field: t('users.field.password') }) },
    { min: 10, message: t('users.pw.tooShort') },
    {
      validator: async (_: unknown, v: string | undefined) => {
        if (!v) return;
        if (v === DEMO_PASSWORD) throw new Error(t('users.pw.isDemo'));
        const name = username();
        if (name && v.trim().toLowerCase() === name.toLowerCase()) throw new Error(t('users.pw.isUsername'));
      },
    },
  ];
}

function confirmRules(t: AdminT, field = 'password') {
  return [
    { required: true, message: t('common.required', { field: t('users.field.passwordConfirm') }) },
    ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
      validator: async (_: unknown, v: string | undefined) => {
        if (v && v !== getFieldValue(field)) throw new Error(t('users.pw.mismatch'));
      },
    }),
  ];
}

/** A centre and everything below it, in tree order, with the depth for indenting. */
function subtree(centers: Center[], rootId: number): { center: Center; depth: number }[] {
  const out: { center: Center; depth: number }[] = [];
  const walk = (id: number, depth: number) => {
    const c = centers.find((x) => x.id === id);
    if (!c || out.some((o) => o.center.id === id)) return;
    out.push({ center: c, depth });
    for (const child of centers.filter((x) => x.parentId === id)) walk(child.id, depth + 1);
  };
  walk(rootId, 0);
  return out;
}

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  center?: string;
  department?: string;
  passwordMode: 'generate' | 'manual';
  password?: string;
  password2?: string;
}

interface ResetForm {
  passwordMode: 'generate' | 'manual';
  password?: string;
  password2?: string;
}

function RoleTag({ role, t }: { role: Role; t: AdminT }) {
  return <Tag color={ROLE_COLOR[role]}>{t(`role.${role}`)}</Tag>;
}

export function UsersPage({ me }: { me: Me }) {
  const t = useAdminT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const role = (ROLES as readonly string[]).includes(query.get('role') ?? '') ? (query.get('role') as Role) : '';
  const department = query.get('department') ?? '';
  const status = ['enabled', 'disabled'].includes(query.get('status') ?? '') ? query.get('status')! : '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(5, Number(query.get('pageSize')) || 20));

  const { departments } = useDepartments('/api/admin/departments');
  const [centers, setCenters] = useState<Center[]>([]);
  const [text, setText] = useState(q);

  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<UserForm>();
  const formRole = Form.useWatch('role', form);
  const formDepartment = Form.useWatch('department', form);
  const passwordMode = Form.useWatch('passwordMode', form);

  const [resetting, setResetting] = useState<AdminUser | null>(null);
  // Kept after closing, so the dialog's title does not go blank while it fades out.
  const [resetTarget, setResetTarget] = useState<AdminUser | null>(null);
  const [resetForm] = Form.useForm<ResetForm>();
  const resetMode = Form.useWatch('passwordMode', resetForm);

  const [shown, setShown] = useState<{ user: AdminUser; password: string; reset: boolean } | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  useEffect(() => setText(q), [q]);
  useEffect(() => {
    api.get<Center[]>('/api/centers').then((c) => setCenters(Array.isArray(c) ? c : [])).catch(() => setCenters([]));
  }, []);
  const { data, loading, error, reload } = useFetched(
    t,
    () => api.get<AdminUserPage>('/api/admin/users', {
      q, role, department, disabled: status === '' ? undefined : status === 'disabled', page, pageSize,
    }),
    [q, role, department, status, page, pageSize],
    { loadingAtFirst: false },
  );

  const go = (next: Partial<{ q: string; role: string; department: string; status: string; page: number; pageSize: number }>) => {
    const m = { q, role, department, status, page, pageSize, ...next };
    navigate(withQuery('/admin/users', {
      q: m.q, role: m.role, department: m.department, status: m.status,
      page: m.page > 1 ? m.page : undefined, pageSize: m.pageSize !== 20 ? m.pageSize : undefined,
    }));
  };

  const managedCenters = useMemo(() => subtree(centers, me.user.centerId), [centers, me.user.centerId]);
  const homeCenter = managedCenters[0]?.center;
  // A new station or agent account moves to the first township or village room; a county role back home.
  useEffect(() => {
    if (editing !== 'new' || !formRole) return;
    const current = managedCenters.find((c) => c.center.code === form.getFieldValue('center'))?.center;
    if (current && roleFitsCenterLevel(formRole, current.level)) return;
    const fit = managedCenters.find((c) => roleFitsCenterLevel(formRole, c.center.level))?.center;
    if (fit) form.setFieldValue('center', fit.code);
  }, [formRole, editing, managedCenters, form]);
  const deptLabel = (d: { code: string; name: string }) => {
    if (lang === 'zh') return d.name;
    return departments.find((x) => x.code === d.code)?.nameEn || d.name;
  };
  const activeDepartments = departments.filter((d) => d.status === 'active');

  function openEditor(u: AdminUser | 'new') {
    setEditing(u);
    form.resetFields();
    if (u === 'new') {
      form.setFieldsValue({ role: 'desk', center: homeCenter?.code, passwordMode: 'generate' });
    } else {
      form.setFieldsValue({ username: u.username, displayName: u.displayName, role: u.role, center: u.center.code, department: u.department?.code, passwordMode: 'generate' });
    }
  }

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    setSaving(true);
    try {
      const department = v.role === 'approver' ? v.department ?? null : null;
      if (editing === 'new') {
        const res = await api.post<AdminUserWithPassword>('/api/admin/users', {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          role: v.role,
          ...(v.center ? { center: v.center } : {}),
          ...(department ? { department } : {}),
          ...(v.passwordMode === 'manual' ? { password: v.password } : {}),
        });
        message.success(t('users.created'));
        if (res.generatedPassword) setShown({ user: res.user, password: res.generatedPassword, reset: false });
      } else {
        const patch: Record<string, unknown> = {};
        if (v.displayName.trim() !== editing.displayName) patch.displayName = v.displayName.trim();
        if (v.role !== editing.role) patch.role = v.role;
        if ((department ?? null) !== (editing.department?.code ?? null)) patch.department = department;
        if (Object.keys(patch).length) await api.patch<AdminUser>(`/api/admin/users/${seg(editing.id)}`, patch);
        message.success(t('users.updated'));
      }
      setEditing(null);
      reload();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(userError(e, t));
    } finally {
      setSaving(false);
    }
  }

  async function setDisabled(u: AdminUser, disabled: boolean) {
    setBusyId(u.id);
    try {
      await api.patch<AdminUser>(`/api/admin/users/${seg(u.id)}`, { disabled });
      message.success(t(disabled ? 'users.disabledMsg' : 'users.enabledMsg', { name: u.displayName }));
      reload();
    } catch (e) {
      message.error(userError(e, t));
    } finally {
      setBusyId(null);
    }
  }

  function openReset(u: AdminUser) {
    resetForm.resetFields();
    resetForm.setFieldsValue({ passwordMode: 'generate' });
    setResetting(u);
    setResetTarget(u);
  }

  async function reset() {
    const v = await resetForm.validateFields().catch(() => null);
    if (!v || !resetting) return;
    setSaving(true);
    try {
      const res = await api.post<AdminUserWithPassword>(
        `/api/admin/users/${seg(resetting.id)}/reset-password`,
        v.passwordMode === 'manual' ? { password: v.password } : {},
      );
      message.success(t('users.reset.done'));
      setResetting(null);
      if (res.generatedPassword) setShown({ user: res.user, password: res.generatedPassword, reset: true });
    } catch (e) {
      applyFieldErrors(resetForm, e);
      message.error(userError(e, t));
    } finally {
      setSaving(false);
    }
  }

  const isMe = (u: AdminUser) => u.id === me.user.id;

  const columns: TableColumnsType<AdminUser> = [
    {
      title: t('users.col.username'),
      dataIndex: 'username',
      width: 180,
      render: (_, u) => (
        <Space size={4}>
          <Typography.Text strong={!u.disabled} type={u.disabled ? 'secondary' : undefined} style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}>
            {u.username}
          </Typography.Text>
          {isMe(u) && <Tag color="processing">{t('users.you')}</Tag>}
        </Space>
      ),
    },
    { title: t('users.col.displayName'), dataIndex: 'displayName', ellipsis: true },
    { title: t('users.col.role'), dataIndex: 'role', width: 120, render: (r: Role) => <RoleTag role={r} t={t} /> },
    {
      title: t('users.col.department'),
      key: 'department',
      width: 220,
      ellipsis: true,
      // Most accounts belong to the administrator's own center; only the others name theirs.
      render: (_, u) => (
        <>
          {u.department ? deptLabel(u.department) : <Typography.Text type="secondary">—</Typography.Text>}
          {u.center.id !== me.user.centerId && <Typography.Text type="secondary"> · {u.center.name}</Typography.Text>}
        </>
      ),
    },
    { title: t('users.col.center'), key: 'center', width: 180, ellipsis: true, responsive: ['xxl'], render: (_, u) => u.center.name },
    {
      title: t('users.col.status'),
      dataIndex: 'disabled',
      width: 90,
      render: (d: boolean) => (d ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="success">{t('users.enabled')}</Tag>),
    },
    { title: t('users.col.createdAt'), dataIndex: 'createdAt', width: 150, responsive: ['xxl'], render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: lang === 'zh' ? 200 : 240,
      render: (_, u) => (
        <Space size={0} wrap={false}>
          <Button type="link" size="small" onClick={() => openEditor(u)} data-testid={`user-edit-${u.username}`}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => openReset(u)} data-testid={`user-reset-${u.username}`}>
            {t('users.resetPassword')}
          </Button>
          {u.disabled ? (
            <Popconfirm
              title={t('users.enableConfirm', { name: u.displayName })}
              onConfirm={() => setDisabled(u, false)}
              okText={t('users.enable')}
              cancelText={t('common.cancel')}
              okButtonProps={{ 'data-testid': 'confirm-ok' }}
            >
              <Button type="link" size="small" loading={busyId === u.id} data-testid={`user-enable-${u.username}`}>
                {t('users.enable')}
              </Button>
            </Popconfirm>
          ) : isMe(u) ? (
            <Tooltip title={t('users.cannotDisableSelf')}>
              <Button type="link" size="small" danger disabled data-testid={`user-disable-${u.username}`}>
                {t('users.disable')}
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title={t('users.disableConfirm', { name: u.displayName })}
              onConfirm={() => setDisabled(u, true)}
              okText={t('users.disable')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'confirm-ok' }}
            >
              <Button type="link" size="small" danger loading={busyId === u.id} data-testid={`user-disable-${u.username}`}>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const editingUser = editing !== null && editing !== 'new' ? editing : null;
  // Either one ends the person's sessions on save (what they may see changes): say so before it happens.
  const accessChanged = editingUser !== null && formRole !== undefined &&
    (formRole !== editingUser.role || (formRole === 'approver' && (formDepartment ?? null) !== (editingUser.department?.code ?? null)));

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openEditor('new')} data-testid="new-user">
            {t('users.new')}
          </Button>
        }
      >
        {t('admin.menu.users')}
      </PageTitle>
      <Card>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16, alignItems: 'center' }}>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('users.searchPlaceholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => go({ q: v.trim(), page: 1 })}
            data-testid="users-search"
            aria-label={t('common.search')}
            maxLength={100}
          />
          <Select
            style={{ width: 150 }}
            value={role}
            onChange={(v) => go({ role: v, page: 1 })}
            data-testid="users-role"
            aria-label={t('users.filter.role')}
            options={[{ value: '', label: `${t('users.filter.role')}: ${t('common.all')}` }, ...ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))]}
          />
          <Select
            style={{ width: 200 }}
            value={department}
            onChange={(v) => go({ department: v, page: 1 })}
            data-testid="users-department"
            aria-label={t('users.filter.department')}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={260}
            options={[{ value: '', label: `${t('users.filter.department')}: ${t('common.all')}` }, ...departments.map((d) => ({ value: d.code, label: deptLabel(d) }))]}
          />
          <Select
            style={{ width: 140 }}
            value={status}
            onChange={(v) => go({ status: v, page: 1 })}
            data-testid="users-status"
            aria-label={t('users.filter.status')}
            options={[
              { value: '', label: `${t('users.filter.status')}: ${t('common.all')}` },
              { value: 'enabled', label: t('users.enabled') },
              { value: 'disabled', label: t('users.disabled') },
            ]}
          />
          {(q || role || department || status) && (
            <Button onClick={() => go({ q: '', role: '', department: '', status: '', page: 1 })} data-testid="users-reset-filters">
              {t('common.reset')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('sms.refresh')} style={{ marginLeft: 'auto' }} />
        </div>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>} />
        )}
        <Table<AdminUser>
          data-testid="users-table"
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data?.items ?? []}
          onRow={(u) => ({ 'data-testid': 'user-row', 'data-username': u.username } as HTMLAttributes<HTMLElement>)}
          // Below this the columns would crush: scroll instead. Above it the name takes what is left.
          scroll={{ x: 960 }}
          pagination={pagedTable(data, { page, pageSize }, go, t)}
        />
      </Card>

      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('users.new') : t('users.edit')}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'user-save' }}
        mask={{ closable: false }}
        forceRender
        width={560}
      >
        <Form<UserForm> form={form} name="user" layout="vertical" style={{ marginTop: 8 }}>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
            <Form.Item
              label={t('users.field.username')}
              name="username"
              normalize={(v: string) => (v ?? '').trim().toLowerCase()}
              tooltip={editing === 'new' ? t('users.field.usernameHelp') : undefined}
              rules={[
                { required: true, message: t('common.required', { field: t('users.field.username') }) },
                { pattern: USERNAME, message: t('users.field.usernamePattern') },
              ]}
            >
              <Input disabled={editing !== 'new'} maxLength={32} autoComplete="off" data-testid="user-username" />
            </Form.Item>
            <Form.Item
              label={t('users.field.displayName')}
              name="displayName"
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.field.displayName') }) }]}
            >
              <Input maxLength={50} data-testid="user-displayName" />
            </Form.Item>
            <Form.Item label={t('users.field.role')} name="role" rules={[{ required: true }]}>
              <Select
                data-testid="user-role"
                disabled={editingUser !== null && isMe(editingUser)}
                options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                onChange={(r: Role) => r !== 'approver' && form.setFieldValue('department', undefined)}
              />
            </Form.Item>
            <Form.Item label={t('users.field.center')} name="center" rules={[{ required: true }]}>
              <Select
                data-testid="user-center"
                disabled={editing !== 'new' || managedCenters.length <= 1}
                options={(editingUser && !managedCenters.some((c) => c.center.code === editingUser.center.code)
                  ? [{ value: editingUser.center.code, label: editingUser.center.name }]
                  : []
                ).concat(managedCenters.map(({ center, depth }) => ({
                  value: center.code, label: `${'\u3000'.repeat(depth)}${center.name}`,
                  // A station works at a township, an agent at a village room, the others at the county: the server refuses the rest.
                  disabled: formRole !== undefined && !roleFitsCenterLevel(formRole, center.level),
                })))}
              />
            </Form.Item>
          </div>
          {formRole === 'approver' && (
            <Form.Item
              label={t('users.field.department')}
              name="department"
              extra={t('users.field.departmentHelp')}
              rules={[{ required: true, message: t('users.field.departmentHelp') }]}
            >
              <Select
                data-testid="user-department"
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('users.field.department')}
                options={[
                  // A retired department stays selectable for the approver who still belongs to it.
                  ...(editingUser?.department && !activeDepartments.some((d) => d.code === editingUser.department!.code)
                    ? [{ value: editingUser.department.code, label: `${deptLabel(editingUser.department)}（${editingUser.department.code}）` }]
                    : []),
                  ...activeDepartments.map((d) => ({ value: d.code, label: `${deptLabel(d)}（${d.code}）` })),
                ]}
              />
            </Form.Item>
          )}
          {editing === 'new' && (
            <>
              <Form.Item label={t('users.field.passwordMode')} name="passwordMode">
                <Radio.Group
                  optionType="button"
                  data-testid="user-password-mode"
                  options={[
                    { value: 'generate', label: t('users.field.passwordGenerate') },
                    { value: 'manual', label: t('users.field.passwordManual') },
                  ]}
                />
              </Form.Item>
              {passwordMode === 'manual' && (
                <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
                  <Form.Item label={t('users.field.password')} name="password" extra={t('users.field.passwordHelp')} rules={passwordRules(t, () => form.getFieldValue('username'))}>
                    <Input.Password autoComplete="new-password" maxLength={256} data-testid="user-password" />
                  </Form.Item>
                  <Form.Item label={t('users.field.passwordConfirm')} name="password2" dependencies={['password']} rules={confirmRules(t)}>
                    <Input.Password autoComplete="new-password" maxLength={256} data-testid="user-password2" />
                  </Form.Item>
                </div>
              )}
            </>
          )}
          {accessChanged && (
            <Alert type="info" showIcon title={t('users.sessionHint')} />
          )}
        </Form>
      </Modal>

      <Modal
        open={resetting !== null}
        title={resetTarget ? t('users.reset.title', { name: resetTarget.displayName }) : ''}
        onCancel={() => setResetting(null)}
        onOk={reset}
        confirmLoading={saving}
        okText={t('users.resetPassword')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'reset-save' }}
        mask={{ closable: false }}
        forceRender
        width={520}
      >
        <Alert type="warning" showIcon title={t('users.reset.hint')} style={{ marginBottom: 16 }} />
        <Form<ResetForm> form={resetForm} name="reset-password" layout="vertical">
          <Form.Item name="passwordMode" label={t('users.field.password')}>
            <Radio.Group
              optionType="button"
              data-testid="reset-password-mode"
              options={[
                { value: 'generate', label: t('users.field.passwordGenerate') },
                { value: 'manual', label: t('users.field.passwordManual') },
              ]}
            />
          </Form.Item>
          {resetMode === 'manual' && (
            <>
              <Form.Item label={t('users.field.password')} name="password" extra={t('users.field.passwordHelp')} rules={passwordRules(t, () => resetting?.username)}>
                <Input.Password autoComplete="new-password" maxLength={256} data-testid="reset-password" />
              </Form.Item>
              <Form.Item label={t('users.field.passwordConfirm')} name="password2" dependencies={['password']} rules={confirmRules(t)}>
                <Input.Password autoComplete="new-password" maxLength={256} data-testid="reset-password2" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>

      <Modal
        open={shown !== null}
        title={shown?.reset ? t('users.generated.titleReset') : t('users.generated.title')}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        footer={
          <Button type="primary" onClick={() => setShown(null)} data-testid="generated-close">
            {t('users.generated.close')}
          </Button>
        }
      >
        {shown && (
          <>
            <Typography.Paragraph>{t('users.generated.body', { name: shown.user.displayName, username: shown.user.username })}</Typography.Paragraph>
            <div style={{ background: '#f6f8fb', border: '1px solid #d9e2ef', borderRadius: 6, padding: '12px 16px', textAlign: 'center', marginBottom: 16 }}>
              <Typography.Text
                copyable={{ text: shown.password }}
                data-testid="generated-password"
                style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 22, letterSpacing: 1 }}
              >
                {shown.password}
              </Typography.Text>
            </div>
            <Alert type="warning" showIcon title={t('users.generated.warn')} />
          </>
        )}
      </Modal>
    </>
  );
}
