/**
 * 大厅叫号: ticket categories (取号类别), windows and what they serve, and the queue and satisfaction
 * figures for a period. Categories and windows are saved one at a time by their key (prefix, number),
 * the way the server upserts them; nothing is deleted, only switched off, so old tickets keep their names.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { ButtonProps, TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../shared/api';
import { useAppT } from '../../shared/i18n';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import { PageTitle } from './PageTitle';
import * as messages from './hall-messages';
import type { AdminCategory as ApptCategory } from '#contract/appointments.js';
import type { AdminQueueCategory as Category, AdminWindow as HallWindow, QueueFigures as Figures, QueueStats } from '#contract/queue.js';
import type { Satisfaction, SatisfactionGroup as Group } from '#contract/ratings.js';

type T = ReturnType<typeof useAppT<keyof typeof messages.zh>>;

/**
 * A list saved one row at a time by its key (the server upserts it and answers with the whole list):
 * loading it, and the modal form that adds or edits one row.
 */
function useRowEditor<R extends object>(t: T, { url, load, blank, toBody }: {
  url: string;
  load: () => Promise<R[]>;
  /** The form's values for a new row, given the rows there are. */
  blank: (rows: R[] | null) => Partial<R>;
  /** What is saved: the form's values, the key taken from the row edited unless it is new. */
  toBody: (values: R, editing: R | 'new') => object;
}) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<R[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<R | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<R>();

  function reload() {
    setError(null);
    load().then(setRows).catch((e) => setError(errorMessage(e, t)));
  }
  useEffect(reload, []); // eslint-disable-line react-hooks/exhaustive-deps

  function open(r: R | 'new') {
    setEditing(r);
    form.resetFields();
    form.setFieldsValue((r === 'new' ? blank(rows) : r) as Parameters<typeof form.setFieldsValue>[0]);
  }

  async function save() {
    const v = await form.validateFields().catch(() => null);
    if (!v || editing === null) return;
    setSaving(true);
    try {
      setRows(await api.put<R[]>(url, toBody(v, editing)));
      setEditing(null);
      message.success(t('hall.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return { rows, error, editing, setEditing, saving, form, reload, open, save };
}

const activeColumn = (t: T) => ({
  title: t('hall.status'), dataIndex: 'active', width: 90,
  render: (a: boolean) => (a ? <Tag color="green">{t('hall.active')}</Tag> : <Tag>{t('hall.inactive')}</Tag>),
});

/** The table with its 新建 button and the edit dialog around `children` (the form's items). */
function RowEditorView<R extends object>({ t, editor, testId, rowKey, columns, newLabel, editLabel, formName, children }: {
  t: T;
  editor: ReturnType<typeof useRowEditor<R>>;
  /** Prefix of the test ids: `${testId}-new`, `-table`, `-edit-<key>`, `-save`. */
  testId: string;
  rowKey: keyof R & string;
  columns: TableColumnsType<R>;
  newLabel: string;
  editLabel: string;
  formName: string;
  children: ReactNode;
}) {
  const { rows, error, editing, setEditing, saving, form, reload, open, save } = editor;
  const withActions: TableColumnsType<R> = [
    ...columns,
    {
      title: t('common.actions'), key: 'actions', width: 90,
      render: (_, r) => <Button size="small" onClick={() => open(r)} data-testid={`${testId}-edit-${String(r[rowKey])}`}>{t('common.edit')}</Button>,
    },
  ];
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} action={<Button size="small" onClick={reload}>{t('common.retry')}</Button>} />}
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid={`${testId}-new`}>{newLabel}</Button>
      </Space>
      <Table<R> data-testid={`${testId}-table`} rowKey={rowKey} size="middle" loading={rows === null && !error} columns={withActions} dataSource={rows ?? []} pagination={false} scroll={{ x: 'max-content' }} />
      <Modal
        open={editing !== null} title={editing === 'new' ? newLabel : editLabel} onCancel={() => setEditing(null)} onOk={save}
        confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} forceRender okButtonProps={{ 'data-testid': `${testId}-save` } as ButtonProps}
      >
        <Form<R> form={form} name={formName} layout="vertical">
          {children}
        </Form>
      </Modal>
    </>
  );
}

function CategoriesTab({ t, apptCategories }: { t: T; apptCategories: ApptCategory[] }) {
  const editor = useRowEditor<Category>(t, {
    url: '/api/admin/queue/categories',
    load: () => api.get<Category[]>('/api/admin/queue/categories'),
    blank: (rows) => ({
      prefix: '', name: '', nameEn: '', avgServiceMinutes: 10, appointmentCategory: null, active: true,
      sortOrder: rows ? Math.max(0, ...rows.map((r) => r.sortOrder)) + 10 : 0,
    }),
    toBody: (v, editing) => ({
      prefix: (editing === 'new' ? v.prefix : editing.prefix).trim().toUpperCase(),
      name: v.name.trim(), nameEn: (v.nameEn ?? '').trim(), avgServiceMinutes: v.avgServiceMinutes,
      appointmentCategory: v.appointmentCategory ?? null, active: v.active, sortOrder: v.sortOrder,
    }),
  });
  const { rows, editing } = editor;

  const apptName = (code: string | null) => (code ? (apptCategories.find((a) => a.code === code)?.name ?? code) : '—');
  const columns: TableColumnsType<Category> = [
    { title: t('hall.cat.prefix'), dataIndex: 'prefix', width: 90, render: (p: string) => <Typography.Text strong>{p}</Typography.Text> },
    { title: t('hall.cat.name'), dataIndex: 'name' },
    { title: t('hall.cat.nameEn'), dataIndex: 'nameEn', responsive: ['md'] },
    { title: t('hall.cat.minutesShort'), dataIndex: 'avgServiceMinutes', width: 100, align: 'right' },
    { title: t('hall.cat.appointment'), dataIndex: 'appointmentCategory', render: apptName, responsive: ['lg'] },
    { title: t('hall.cat.sortOrder'), dataIndex: 'sortOrder', width: 80, align: 'right', responsive: ['md'] },
    activeColumn(t),
  ];

  return (
    <RowEditorView<Category> t={t} editor={editor} testId="cat" rowKey="prefix" columns={columns} newLabel={t('hall.cat.new')} editLabel={t('hall.cat.edit')} formName="queue-category">
      <Form.Item
        label={t('hall.cat.prefix')} name="prefix" extra={t('hall.cat.prefixHelp')} normalize={(v: string) => (v ?? '').toUpperCase()}
        rules={[{ required: true, pattern: /^[A-Z]{1,2}$/, message: t('hall.cat.prefixPattern') },
          { validator: (_, v: string) => (editing === 'new' && rows?.some((r) => r.prefix === v) ? Promise.reject(new Error(t('hall.cat.prefixPattern'))) : Promise.resolve()) }]}
      >
        <Input disabled={editing !== 'new'} maxLength={2} style={{ width: 120 }} data-testid="cat-prefix" />
      </Form.Item>
      <Form.Item label={t('hall.cat.name')} name="name" rules={[{ required: true, whitespace: true, max: 30, message: t('common.required', { field: t('hall.cat.name') }) }]}>
        <Input maxLength={30} data-testid="cat-name" />
      </Form.Item>
      <Form.Item label={t('hall.cat.nameEn')} name="nameEn" rules={[{ max: 60 }]}>
        <Input maxLength={60} data-testid="cat-nameEn" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('hall.cat.minutes')} name="avgServiceMinutes" rules={[{ required: true, type: 'integer', min: 1, max: 240, message: '1–240' }]}>
            <InputNumber min={1} max={240} precision={0} style={{ width: '100%' }} data-testid="cat-minutes" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('hall.cat.sortOrder')} name="sortOrder" rules={[{ required: true, type: 'integer', min: 0, max: 9999, message: '0–9999' }]}>
            <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('hall.cat.appointment')} name="appointmentCategory" extra={t('hall.cat.appointmentHelp')}>
        <Select
          allowClear placeholder={t('hall.cat.none')}
          options={apptCategories.map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` }))}
        />
      </Form.Item>
      <ActiveItem t={t} />
    </RowEditorView>
  );
}

const ActiveItem = ({ t }: { t: T }) => (
  <Form.Item label={t('hall.active')} name="active" valuePropName="checked">
    <Switch />
  </Form.Item>
);

function WindowsTab({ t }: { t: T }) {
  const [categories, setCategories] = useState<Category[]>([]);
  const editor = useRowEditor<HallWindow>(t, {
    url: '/api/admin/queue/windows',
    load: () =>
      Promise.all([api.get<HallWindow[]>('/api/admin/queue/windows'), api.get<Category[]>('/api/admin/queue/categories')]).then(([w, c]) => {
        setCategories(c);
        return w;
      }),
    blank: (rows) => ({ number: rows && rows.length > 0 ? Math.max(...rows.map((r) => r.number)) + 1 : 1, name: '', categories: [], active: true }),
    toBody: (v, editing) => ({
      number: editing === 'new' ? v.number : editing.number,
      name: (v.name ?? '').trim(), categories: v.categories ?? [], active: v.active,
    }),
  });
  const { rows, editing } = editor;

  const catName = (p: string) => categories.find((c) => c.prefix === p)?.name ?? p;
  const columns: TableColumnsType<HallWindow> = [
    { title: t('hall.win.number'), dataIndex: 'number', width: 90, align: 'right' },
    { title: t('hall.win.name'), dataIndex: 'name' },
    {
      title: t('hall.win.categories'), dataIndex: 'categories',
      render: (cs: string[]) => <Space size={4} wrap>{cs.map((p) => <Tag key={p}>{p} {catName(p)}</Tag>)}</Space>,
    },
    { title: t('hall.win.staff'), dataIndex: 'staffName', render: (s: string | null) => s ?? '—', responsive: ['md'] },
    activeColumn(t),
  ];

  return (
    <RowEditorView<HallWindow> t={t} editor={editor} testId="win" rowKey="number" columns={columns} newLabel={t('hall.win.new')} editLabel={t('hall.win.edit')} formName="queue-window">
      <Form.Item
        label={t('hall.win.number')} name="number"
        rules={[{ required: true, type: 'integer', min: 1, max: 999, message: '1–999' },
          { validator: (_, v: number) => (editing === 'new' && rows?.some((r) => r.number === v) ? Promise.reject(new Error(t('hall.win.numberTaken'))) : Promise.resolve()) }]}
      >
        <InputNumber min={1} max={999} precision={0} disabled={editing !== 'new'} style={{ width: 120 }} data-testid="win-number" />
      </Form.Item>
      <Form.Item label={t('hall.win.name')} name="name" extra={t('hall.win.nameHelp')} rules={[{ max: 30 }]}>
        <Input maxLength={30} data-testid="win-name" />
      </Form.Item>
      <Form.Item label={t('hall.win.categories')} name="categories">
        <Select
          mode="multiple" data-testid="win-categories"
          options={categories.map((c) => ({ value: c.prefix, label: `${c.prefix} ${c.name}${c.active ? '' : `（${t('hall.inactive')}）`}` }))}
        />
      </Form.Item>
      <ActiveItem t={t} />
    </RowEditorView>
  );
}

const num = (v: number | null, suffix = '') => (v === null ? '—' : `${v}${suffix}`);

function StatsTab({ t }: { t: T }) {
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [queue, setQueue] = useState<QueueStats | null>(null);
  const [sat, setSat] = useState<Satisfaction | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load(r: [Dayjs, Dayjs] | null) {
    setLoading(true);
    setError(null);
    // Without a range the server picks its default period (by its own clock) and says which.
    const q = r ? `?from=${r[0].format('YYYY-MM-DD')}&to=${r[1].format('YYYY-MM-DD')}` : '';
    try {
      const [qs, ss] = await Promise.all([api.get<QueueStats>(`/api/queue/stats${q}`), api.get<Satisfaction>(`/api/ratings/satisfaction${q}`)]);
      setQueue(qs);
      setSat(ss);
      if (!r) setRange([dayjs(qs.from), dayjs(qs.to)]);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setLoading(false);
    }
  }
  useEffect(() => void load(null), []); // eslint-disable-line react-hooks/exhaustive-deps

  const figureColumns = (first: string): TableColumnsType<Figures> => [
    { title: first, dataIndex: 'label', render: (l: string, f) => l || f.key },
    { title: t('hall.stats.tickets'), dataIndex: 'tickets', align: 'right' },
    { title: t('hall.stats.served'), dataIndex: 'served', align: 'right' },
    { title: t('hall.stats.absent'), dataIndex: 'absent', align: 'right' },
    { title: t('hall.stats.absentRate'), dataIndex: 'absentRate', align: 'right', render: (v: number | null) => num(v, '%') },
    { title: t('hall.stats.avgWait'), dataIndex: 'avgWaitMinutes', align: 'right', render: (v: number | null) => num(v) },
    { title: t('hall.stats.avgService'), dataIndex: 'avgServiceMinutes', align: 'right', render: (v: number | null) => num(v) },
  ];
  const groupColumns = (first: string): TableColumnsType<Group> => [
    { title: first, dataIndex: 'key' },
    { title: t('hall.stats.ratings'), dataIndex: 'ratings', align: 'right' },
    { title: t('hall.stats.bad'), dataIndex: 'bad', align: 'right' },
    { title: t('hall.stats.rate'), dataIndex: 'satisfactionRate', align: 'right', render: (v: number | null) => num(v, '%') },
  ];
  const figureTable = (id: string, title: string, rows: Figures[]) => (
    <Card size="small" title={title} key={`queue-${id}`}>
      <Table<Figures> data-testid={`stats-${id}`} rowKey="key" size="small" columns={figureColumns(title)} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />
    </Card>
  );
  const groupTable = (id: string, title: string, rows: Group[]) => (
    <Card size="small" title={title} key={`sat-${id}`}>
      <Table<Group> data-testid={`sat-${id}`} rowKey="key" size="small" columns={groupColumns(title)} dataSource={rows} pagination={rows.length > 20 ? { pageSize: 20 } : false} scroll={{ x: 'max-content' }} />
    </Card>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('hall.stats.range')}</span>
        <DatePicker.RangePicker
          value={range} allowClear={false} data-testid="stats-range"
          onChange={(v) => {
            if (v && v[0] && v[1]) {
              const r: [Dayjs, Dayjs] = [v[0], v[1]];
              setRange(r);
              void load(r);
            }
          }}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load(range)} loading={loading} aria-label={t('common.retry')} />
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {queue && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('hall.stats.queue')}</Typography.Title>
          <Row gutter={16} data-testid="stats-total">
            <Col xs={12} md={6}><Statistic title={t('hall.stats.tickets')} value={queue.total.tickets} /></Col>
            <Col xs={12} md={6}><Statistic title={t('hall.stats.avgWait')} value={num(queue.total.avgWaitMinutes)} /></Col>
            <Col xs={12} md={6}><Statistic title={t('hall.stats.avgService')} value={num(queue.total.avgServiceMinutes)} /></Col>
            <Col xs={12} md={6}><Statistic title={t('hall.stats.absentRate')} value={num(queue.total.absentRate, '%')} /></Col>
          </Row>
          {figureTable('category', t('hall.stats.byCategory'), queue.byCategory)}
          {figureTable('window', t('hall.stats.byWindow'), queue.byWindow)}
          {figureTable('staff', t('hall.stats.byStaff'), queue.byStaff)}
          {figureTable('hour', t('hall.stats.byHour'), queue.byHour.map((h) => ({ ...h, label: h.label || t('hall.stats.hour', { h: h.key }) })))}
        </>
      )}
      {sat && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('hall.stats.satisfaction')}</Typography.Title>
          <Typography.Text type="secondary">{t('hall.stats.rateHelp')}</Typography.Text>
          <Row gutter={16} data-testid="sat-total">
            <Col xs={8}><Statistic title={t('hall.stats.ratings')} value={sat.total.ratings} /></Col>
            <Col xs={8}><Statistic title={t('hall.stats.bad')} value={sat.total.bad} /></Col>
            <Col xs={8}><Statistic title={t('hall.stats.rate')} value={num(sat.total.satisfactionRate, '%')} /></Col>
          </Row>
          <Card size="small" title={t('hall.stats.byLevel')}>
            <Table
              data-testid="sat-level" rowKey="level" size="small" pagination={false} dataSource={sat.byLevel}
              columns={[{ title: t('hall.stats.level'), dataIndex: 'name' }, { title: t('hall.stats.count'), dataIndex: 'count', align: 'right' }]}
            />
          </Card>
          {groupTable('window', t('hall.stats.byWindow'), sat.byWindow)}
          {groupTable('staff', t('hall.stats.byStaff'), sat.byStaff)}
          {groupTable('department', t('hall.stats.byDepartment'), sat.byDepartment)}
          {groupTable('item', t('hall.stats.byItem'), sat.byItem)}
        </>
      )}
    </Space>
  );
}

export function QueuePage() {
  const t = useAppT(messages);
  const [apptCategories, setApptCategories] = useState<ApptCategory[]>([]);
  useEffect(() => {
    // Only for naming the favoured appointment category; the page works without it.
    api.get<ApptCategory[]>('/api/admin/appointments/categories').then(setApptCategories).catch(() => undefined);
  }, []);
  return (
    <>
      <PageTitle>{t('hall.title')}</PageTitle>
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'categories', label: <span data-testid="tab-categories">{t('hall.tab.categories')}</span>, children: <CategoriesTab t={t} apptCategories={apptCategories} /> },
            { key: 'windows', label: <span data-testid="tab-windows">{t('hall.tab.windows')}</span>, children: <WindowsTab t={t} /> },
            { key: 'stats', label: <span data-testid="tab-stats">{t('hall.tab.stats')}</span>, children: <StatsTab t={t} /> },
          ]}
        />
      </Card>
    </>
  );
}
