/**
 * 预约管理: appointment categories (mapped to a department and items), the slot template laid out on
 * working days, generation for the next N working days, and the coming days' slots with their
 * capacity and bookings, each day editable on its own.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Tooltip, Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, seg } from '../../shared/api';
import type { ItemPage } from '#contract/catalog.js';
import { useAppT, useI18n } from '../../shared/i18n';
import { useDepartments } from '../../shared/departments';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import { navigate, useLocation, withQuery } from '../../shared/router';
import { appointmentsMessages } from './appointments-messages';
import { PageTitle } from './PageTitle';
import type { AdminCategory as Category, AdminSlot, AdminSlotList, GenerateResult, Period } from '#contract/appointments.js';

interface DayRow {
  date: string;
  slots: AdminSlot[];
}

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

function useApptT() {
  return useAppT(appointmentsMessages);
}

/** The editable list of periods, used for the template and for one day. */
/** A new period continues where the last one ends, half an hour long, with the same capacity. */
function nextPeriod(list: Period[]): Period {
  const last = list[list.length - 1];
  if (!last || !TIME_PATTERN.test(last.end ?? '')) return { start: '09:00', end: '09:30', capacity: last?.capacity ?? 1 };
  const [h, m] = last.end.split(':').map(Number) as [number, number];
  const end = Math.min(h * 60 + m + 30, 23 * 60 + 59);
  const fmt = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  return { start: last.end, end: fmt(end), capacity: last.capacity ?? 1 };
}

function PeriodsEditor({ name, testId }: { name: string; testId: string }) {
  const t = useApptT();
  const form = Form.useFormInstance();
  const timeRule = { pattern: TIME_PATTERN, message: t('appt.tpl.timeFormat') };
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
          {fields.length === 0 && <Typography.Text type="secondary">{t('appt.tpl.empty')}</Typography.Text>}
          {fields.map((field, index) => (
            <Space key={field.key} align="start" wrap data-testid={`${testId}-row-${index}`}>
              <Form.Item name={[field.name, 'start']} rules={[{ required: true, message: t('appt.tpl.timeFormat') }, timeRule]} style={{ marginBottom: 0 }}>
                <Input aria-label={t('appt.tpl.start')} placeholder="09:00" style={{ width: 90, ...mono }} maxLength={5} />
              </Form.Item>
              <span style={{ lineHeight: '32px' }}>–</span>
              <Form.Item name={[field.name, 'end']} rules={[{ required: true, message: t('appt.tpl.timeFormat') }, timeRule]} style={{ marginBottom: 0 }}>
                <Input aria-label={t('appt.tpl.end')} placeholder="09:30" style={{ width: 90, ...mono }} maxLength={5} />
              </Form.Item>
              <Form.Item name={[field.name, 'capacity']} rules={[{ required: true, message: t('appt.tpl.capacity') }]} style={{ marginBottom: 0 }}>
                <InputNumber aria-label={t('appt.tpl.capacity')} min={1} max={500} precision={0} style={{ width: 100 }} prefix={t('appt.tpl.capacity')} />
              </Form.Item>
              <Button aria-label={t('common.delete')} icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            data-testid={`${testId}-add`}
            onClick={() => add(nextPeriod((form.getFieldValue(name) as Period[] | undefined) ?? []))}
          >
            {t('appt.tpl.addPeriod')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

export function AppointmentsPage() {
  const t = useApptT();
  const { lang } = useI18n();
  const { query } = useLocation();
  const { departments } = useDepartments('/api/admin/departments');

  const [categories, setCategories] = useState<Category[] | null>(null);
  const [items, setItems] = useState<{ code: string; name: string; department: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const loadCategories = useCallback(async () => {
    try {
      setCategories(await api.get<Category[]>('/api/admin/appointments/categories'));
    } catch (e) {
      setError(errorMessage(e, t));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    void loadCategories();
    // 183 demo items fit one page of 200: the picker offers all published items.
    api
      .get<ItemPage>('/api/items', { pageSize: 200 })
      .then((p) => setItems(p.items.map((i) => ({ code: i.code, name: i.name, department: i.department.code }))))
      .catch(() => setItems([]));
  }, [loadCategories]);

  const selectedCode = query.get('category') ?? categories?.[0]?.code ?? '';
  const selected = categories?.find((c) => c.code === selectedCode) ?? null;
  const select = (code: string) => navigate(withQuery('/admin/appointments', { category: code }));

  const onSaved = (c: Category) => {
    setCategories((list) => (list ?? []).map((x) => (x.code === c.code ? c : x)));
  };

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Typography.Text>{t('appt.category')}</Typography.Text>
            <Select
              data-testid="appt-category"
              style={{ minWidth: 200 }}
              value={selected?.code}
              onChange={select}
              options={(categories ?? []).map((c) => ({
                value: c.code,
                label: `${lang === 'en' && c.nameEn ? c.nameEn : c.name}（${c.code}）${c.active ? '' : ` · ${t('appt.inactive')}`}`,
              }))}
            />
            <Button icon={<PlusOutlined />} data-testid="appt-new-category" onClick={() => setCreating(true)}>
              {t('appt.newCategory')}
            </Button>
          </Space>
        }
      >
        {t('appt.title')}
      </PageTitle>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon title={error} />}
        {categories && categories.length === 0 && <Alert type="info" showIcon title={t('appt.noCategories')} />}
        {selected && (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <CategoryCard key={`c-${selected.code}`} category={selected} departments={departments} items={items} onSaved={onSaved} />
            </Col>
            <Col xs={24} xl={12}>
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <TemplateCard key={`t-${selected.code}`} category={selected} onSaved={onSaved} />
              </Space>
            </Col>
            <Col span={24}>
              <SlotsCard key={`s-${selected.code}`} category={selected} />
            </Col>
          </Row>
        )}
      </Space>
      <NewCategoryModal
        open={creating}
        departments={departments}
        items={items}
        onClose={() => setCreating(false)}
        onCreated={async (c) => {
          setCreating(false);
          await loadCategories();
          select(c.code);
        }}
      />
    </>
  );
}

type Option = { value: string; label: string };

function useCategoryOptions(departments: { code: string; name: string; status: string }[], items: { code: string; name: string; department: string }[], department?: string | null) {
  return useMemo(() => {
    const dept: Option[] = departments.filter((d) => d.status === 'active').map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }));
    const its: Option[] = items.filter((i) => !department || i.department === department).map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }));
    return { dept, its };
  }, [departments, items, department]);
}

interface CategoryForm {
  code?: string;
  name: string;
  nameEn: string;
  description: string;
  department: string | null;
  items: string[];
  active: boolean;
  sortOrder: number;
}

function CategoryFields({ form, departments, items, withCode }: {
  form: ReturnType<typeof Form.useForm<CategoryForm>>[0];
  departments: { code: string; name: string; status: string }[];
  items: { code: string; name: string; department: string }[];
  withCode: boolean;
}) {
  const t = useApptT();
  const department = Form.useWatch('department', form);
  const { dept, its } = useCategoryOptions(departments, items, department);
  return (
    <>
      {withCode && (
        <Form.Item name="code" label={t('appt.cat.code')} extra={t('appt.cat.codeHelp')} rules={[{ required: true, pattern: /^[A-Z0-9][A-Z0-9-]{0,19}$/, message: t('appt.cat.codeHelp') }]}>
          <Input data-testid="appt-cat-code" maxLength={20} style={mono} />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('appt.cat.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('appt.cat.name') }) }]}>
        <Input data-testid="appt-cat-name" maxLength={50} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('appt.cat.nameEn')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={t('appt.cat.description')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <Form.Item name="department" label={t('appt.cat.department')}>
        <Select data-testid="appt-cat-department" allowClear placeholder={t('appt.cat.departmentNone')} options={dept} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="items" label={t('appt.cat.items')} extra={t('appt.cat.itemsHelp')}>
        <Select data-testid="appt-cat-items" mode="multiple" options={its} showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive" />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item name="active" label={t('appt.cat.active')} valuePropName="checked">
          <Switch data-testid="appt-cat-active" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('appt.cat.sortOrder')}>
          <InputNumber min={0} max={9999} precision={0} />
        </Form.Item>
      </Space>
    </>
  );
}

function toForm(c: Category): CategoryForm {
  return {
    name: c.name, nameEn: c.nameEn, description: c.description, department: c.department?.code ?? null,
    items: c.items.map((i) => i.code), active: c.active, sortOrder: c.sortOrder,
  };
}

function CategoryCard({ category, departments, items, onSaved }: {
  category: Category;
  departments: { code: string; name: string; status: string }[];
  items: { code: string; name: string; department: string }[];
  onSaved: (c: Category) => void;
}) {
  const t = useApptT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryForm>();
  const [saving, setSaving] = useState(false);

  async function save(v: CategoryForm) {
    setSaving(true);
    try {
      const saved = await api.patch<Category>(`/api/admin/appointments/categories/${seg(category.code)}`, {
        name: v.name, nameEn: v.nameEn ?? '', description: v.description ?? '', department: v.department ?? null,
        items: v.items ?? [], active: v.active, sortOrder: v.sortOrder ?? 0,
      });
      onSaved(saved);
      message.success(t('appt.cat.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={`${t('appt.cat.title')} · ${category.code}`} data-testid="appt-category-card">
      <Form form={form} layout="vertical" initialValues={toForm(category)} onFinish={save}>
        <CategoryFields form={form} departments={departments} items={items} withCode={false} />
        <Button type="primary" htmlType="submit" loading={saving} data-testid="appt-cat-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function NewCategoryModal({ open, departments, items, onClose, onCreated }: {
  open: boolean;
  departments: { code: string; name: string; status: string }[];
  items: { code: string; name: string; department: string }[];
  onClose: () => void;
  onCreated: (c: Category) => void;
}) {
  const t = useApptT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryForm>();
  const [saving, setSaving] = useState(false);

  async function create() {
    let v: CategoryForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const created = await api.post<Category>('/api/admin/appointments/categories', {
        code: v.code, name: v.name, ...(v.nameEn ? { nameEn: v.nameEn } : {}), ...(v.description ? { description: v.description } : {}),
        ...(v.department ? { department: v.department } : {}), items: v.items ?? [], active: v.active ?? true,
        ...(v.sortOrder !== undefined && v.sortOrder !== null ? { sortOrder: v.sortOrder } : {}),
      });
      message.success(t('appt.cat.created'));
      form.resetFields();
      onCreated(created);
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open={open} title={t('appt.newCategory')} onCancel={onClose} onOk={create} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ active: true, items: [] }} data-testid="appt-new-form">
        <CategoryFields form={form} departments={departments} items={items} withCode />
      </Form>
    </Modal>
  );
}

function TemplateCard({ category, onSaved }: { category: Category; onSaved: (c: Category) => void }) {
  const t = useApptT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ periods: Period[] }>();
  const [saving, setSaving] = useState(false);
  const [days, setDays] = useState<number>(10);
  const [from, setFrom] = useState<Dayjs | null>(null);
  const [generating, setGenerating] = useState(false);
  const [result, setResult] = useState<GenerateResult | null>(null);

  async function save(v: { periods: Period[] }) {
    setSaving(true);
    try {
      const saved = await api.put<Category>(`/api/admin/appointments/categories/${seg(category.code)}/template`, { periods: v.periods ?? [] });
      form.setFieldsValue({ periods: saved.template.periods });
      onSaved(saved);
      message.success(t('appt.tpl.saved'));
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  async function generate() {
    setGenerating(true);
    setResult(null);
    try {
      const r = await api.post<GenerateResult>(`/api/admin/appointments/categories/${seg(category.code)}/generate`, {
        days, ...(from ? { from: from.format('YYYY-MM-DD') } : {}),
      });
      setResult(r);
      window.dispatchEvent(new CustomEvent('appointments:slots-changed'));
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setGenerating(false);
    }
  }

  return (
    <Card size="small" title={t('appt.tpl.title')} data-testid="appt-template-card">
      <Typography.Paragraph type="secondary">{t('appt.tpl.help')}</Typography.Paragraph>
      <Form form={form} initialValues={{ periods: category.template.periods }} onFinish={save}>
        <PeriodsEditor name="periods" testId="appt-template" />
        <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 12 }} data-testid="appt-template-save">
          {t('appt.tpl.save')}
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('appt.gen.title')}
      </Typography.Title>
      <Space wrap align="end">
        <Space orientation="vertical" size={2}>
          <Typography.Text>{t('appt.gen.days')}</Typography.Text>
          <InputNumber aria-label={t('appt.gen.days')} data-testid="appt-gen-days" min={1} max={60} precision={0} value={days} onChange={(v) => setDays(v ?? 1)} />
        </Space>
        <Space orientation="vertical" size={2}>
          <Typography.Text>{t('appt.gen.from')}</Typography.Text>
          <DatePicker aria-label={t('appt.gen.from')} value={from} onChange={setFrom} placeholder={t('appt.gen.fromHelp')} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        </Space>
        <Button icon={<ThunderboltOutlined />} loading={generating} onClick={generate} disabled={category.template.periods.length === 0} data-testid="appt-gen-run">
          {t('appt.gen.run')}
        </Button>
      </Space>
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="appt-gen-result"
          title={t('appt.gen.done', { n: result.created, days: result.dates.length })}
          description={result.skippedDates.length ? t('appt.gen.skipped', { n: result.skippedDates.length, dates: result.skippedDates.join('、') }) : undefined}
        />
      )}
    </Card>
  );
}

function weekday(date: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'short' }).format(new Date(`${date}T00:00:00`));
}

function SlotsCard({ category }: { category: Category }) {
  const t = useApptT();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs(), dayjs().add(20, 'day')]);
  const [slots, setSlots] = useState<AdminSlot[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [pick, setPick] = useState<Dayjs | null>(null);
  const lang = document.documentElement.lang || 'zh-CN';

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const r = await api.get<AdminSlotList>('/api/admin/appointments/slots', {
        category: category.code, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'),
      });
      setSlots(r.slots);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [category.code, range]);

  useEffect(() => {
    void load();
    const onChange = () => void load();
    window.addEventListener('appointments:slots-changed', onChange);
    return () => window.removeEventListener('appointments:slots-changed', onChange);
  }, [load]);

  const days: DayRow[] = useMemo(() => {
    const by = new Map<string, AdminSlot[]>();
    for (const s of slots) by.set(s.date, [...(by.get(s.date) ?? []), s]);
    return [...by.entries()].map(([date, list]) => ({ date, slots: list }));
  }, [slots]);

  const columns: TableColumnsType<DayRow> = [
    {
      title: t('appt.slots.date'),
      dataIndex: 'date',
      width: 150,
      render: (d: string, r) => (
        <Space size={4} wrap>
          <span style={mono}>{d}</span>
          <Typography.Text type="secondary">{weekday(d, lang)}</Typography.Text>
          {r.slots.some((s) => !s.working) && <Tag color="red">{t('appt.slots.notWorking')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('appt.slots.periods'),
      key: 'periods',
      render: (_, r) => {
        const open = r.slots.filter((s) => !s.closed);
        if (open.length === 0) return <Tag>{t('appt.slots.closedDay')}</Tag>;
        return (
          <Space size={[4, 4]} wrap>
            {open.map((s) => (
              <Tooltip key={s.id} title={s.checkedIn ? t('appt.slots.checkedIn', { n: s.checkedIn }) : undefined}>
                <Tag color={s.remaining === 0 ? 'orange' : s.booked > 0 ? 'blue' : undefined} data-testid={`slot-${s.date}-${s.start}`} style={mono}>
                  {s.start}–{s.end} {s.booked}/{s.capacity}
                </Tag>
              </Tooltip>
            ))}
          </Space>
        );
      },
    },
    {
      title: t('appt.slots.total'),
      key: 'total',
      width: 90,
      align: 'right',
      render: (_, r) => {
        const open = r.slots.filter((s) => !s.closed);
        return `${open.reduce((n, s) => n + s.booked, 0)}/${open.reduce((n, s) => n + s.capacity, 0)}`;
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, r) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r.date)} data-testid={`edit-day-${r.date}`}>
          {t('appt.slots.editDay')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('appt.slots.title')}
      data-testid="appt-slots-card"
      extra={
        <Space wrap>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('appt.refresh')} />
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }} wrap>
        <DatePicker value={pick} onChange={setPick} placeholder={t('appt.slots.pickDate')} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
        <Button icon={<PlusOutlined />} disabled={!pick} onClick={() => pick && setEditing(pick.format('YYYY-MM-DD'))} data-testid="appt-add-day">
          {t('appt.slots.addDay')}
        </Button>
      </Space>
      <Table<DayRow>
        rowKey="date"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={days}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty description={t('appt.slots.none')} /> }}
        data-testid="appt-slots"
      />
      <DayModal
        category={category}
        date={editing}
        slots={slots.filter((s) => s.date === editing)}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
        }}
      />
    </Card>
  );
}

function DayModal({ category, date, slots, onClose, onSaved }: {
  category: Category;
  date: string | null;
  slots: AdminSlot[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useApptT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ periods: Period[] }>();
  const [saving, setSaving] = useState(false);
  const open = date !== null;
  const booked = new Map(slots.filter((s) => !s.closed).map((s) => [s.start, s.booked]));

  useEffect(() => {
    if (!open) return;
    const current = slots.filter((s) => !s.closed).map((s) => ({ start: s.start, end: s.end, capacity: s.capacity }));
    form.setFieldsValue({ periods: current });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, date]);

  async function save() {
    let v: { periods: Period[] };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await api.put(`/api/admin/appointments/categories/${seg(category.code)}/days/${seg(date!)}`, { periods: v.periods ?? [] });
      message.success(t('appt.day.saved'));
      onSaved();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={date ? t('appt.day.title', { date }) : ''}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('appt.day.help')}</Typography.Paragraph>
      {booked.size > 0 && (
        <Space size={[4, 4]} wrap style={{ marginBottom: 12 }}>
          {[...booked.entries()].filter(([, n]) => n > 0).map(([start, n]) => (
            <Tag key={start} color="blue" style={mono}>
              {start} · {t('appt.day.booked', { n })}
            </Tag>
          ))}
        </Space>
      )}
      <Form form={form} data-testid="appt-day-form">
        <PeriodsEditor name="periods" testId="appt-day" />
      </Form>
      <Button style={{ marginTop: 12 }} onClick={() => form.setFieldsValue({ periods: category.template.periods })} disabled={category.template.periods.length === 0}>
        {t('appt.day.useTemplate')}
      </Button>
    </Modal>
  );
}
