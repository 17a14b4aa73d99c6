/**
 * 工作日历: the year's working days (national holidays, 调休 make-up days, local overrides, weekends),
 * which years still lack the State Council schedule, local overrides, and a working-day calculator.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, seg } from '../../shared/api';
import type { AddWorkingDaysResult, CalendarOverride, CalendarYear, CalendarYears, SavedOverride } from '#contract/calendar.js';
import { DAY_KINDS, type DayKind } from '#contract/calendar-values.js';
import { useI18n } from '../../shared/i18n';
import { useAdminT } from './admin-t';
import type { AdminKey } from './messages';
import { navigate, useLocation, withQuery } from '../../shared/router';
import { applyFieldErrors, errorMessage } from '../../shared/errors';
import { PageTitle } from './PageTitle';


const KIND_STYLE: Record<DayKind, { background: string; color: string }> = {
  weekday: { background: '#ffffff', color: 'rgba(0,0,0,0.88)' },
  weekend: { background: '#f0f0f0', color: '#8c8c8c' },
  holiday: { background: '#fff1f0', color: '#cf1322' },
  makeup: { background: '#fff7e6', color: '#d46b08' },
  'override-off': { background: '#f9f0ff', color: '#531dab' },
  'override-on': { background: '#f9f0ff', color: '#531dab' },
};
const kindKey = (k: DayKind) => `cal.kind.${k}` as AdminKey;

function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

export function CalendarPage() {
  const t = useAdminT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const { query } = useLocation();
  const thisYear = new Date().getFullYear();
  const year = Number(query.get('year')) || thisYear;

  const [cal, setCal] = useState<CalendarYear | null>(null);
  const [years, setYears] = useState<CalendarYears | null>(null);
  const [overrides, setOverrides] = useState<CalendarOverride[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const [c, y, o] = await Promise.all([
        api.get<CalendarYear>(`/api/calendar/year/${seg(year)}`),
        api.get<CalendarYears>('/api/calendar/years'),
        api.get<CalendarOverride[]>('/api/admin/calendar/overrides', { year }),
      ]);
      setCal(c);
      setYears(y);
      setOverrides(Array.isArray(o) ? o : []);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [year]);

  useEffect(() => {
    void load();
  }, [load]);

  const yearOptions = useMemo(() => {
    const set = new Set<number>([thisYear - 2, thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year]);
    years?.announced.forEach((y) => set.add(y));
    years?.missing.forEach((y) => set.add(y));
    return [...set].sort((a, b) => a - b).map((y) => ({ value: y, label: String(y) }));
  }, [years, year, thisYear]);

  async function markAnnounced() {
    try {
      await api.put(`/api/admin/calendar/years/${seg(year)}`, { announced: true });
      message.success(t('cal.markedAnnounced'));
      await load();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }

  const months = useMemo(() => {
    const byMonth: CalendarYear['days'][] = Array.from({ length: 12 }, () => []);
    for (const d of cal?.days ?? []) {
      const m = Number(d.date.slice(5, 7)) - 1;
      if (m >= 0 && m < 12) byMonth[m].push(d);
    }
    return byMonth;
  }, [cal]);

  const monthName = (m: number) => new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { month: 'long' }).format(new Date(year, m, 1));
  const weekdays = t('cal.weekdays').split(',');
  const today = todayIso();

  return (
    <>
      <PageTitle
        extra={
          <Space>
            <Typography.Text>{t('cal.year')}</Typography.Text>
            <Select
              data-testid="calendar-year"
              style={{ width: 110 }}
              value={year}
              options={yearOptions}
              onChange={(y) => navigate(withQuery('/admin/calendar', { year: y === thisYear ? undefined : y }))}
            />
          </Space>
        }
      >
        {t('admin.menu.calendar')}
      </PageTitle>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon title={error} />}
        {years && years.missing.length > 0 && (
          <Alert data-testid="calendar-missing" type="warning" showIcon title={t('cal.missing', { years: years.missing.join('、') })} />
        )}
        {cal &&
          (cal.announced ? (
            <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('cal.announced', { year })} />
          ) : (
            <Alert
              type="info"
              showIcon
              title={t('cal.notAnnounced', { year })}
              action={
                <Popconfirm title={t('cal.markAnnouncedConfirm', { year })} onConfirm={markAnnounced} okText={t('common.ok')} cancelText={t('common.cancel')}>
                  <Button size="small" type="primary" data-testid="mark-announced">
                    {t('cal.markAnnounced')}
                  </Button>
                </Popconfirm>
              }
            />
          ))}

        <Card loading={loading && !cal} size="small">
          <Space wrap style={{ marginBottom: 12 }}>
            {DAY_KINDS.filter((k) => k !== 'override-on').map((k) => (
              <Space key={k} size={4}>
                <span style={{ display: 'inline-block', width: 14, height: 14, borderRadius: 3, border: `1px solid ${k === 'weekday' ? '#d9d9d9' : KIND_STYLE[k].color}`, background: KIND_STYLE[k].background }} />
                <Typography.Text style={{ color: KIND_STYLE[k].color === 'rgba(0,0,0,0.88)' ? undefined : KIND_STYLE[k].color }}>
                  {k === 'override-off' ? `${t('cal.kind.override-off')} / ${t('cal.kind.override-on')}` : t(kindKey(k))}
                </Typography.Text>
              </Space>
            ))}
          </Space>
          <Row gutter={[12, 12]} data-testid="calendar-grid">
            {months.map((days, m) => {
              const first = days[0];
              const lead = first ? (new Date(`${first.date}T00:00:00Z`).getUTCDay() + 6) % 7 : 0;
              return (
                <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
                  <div style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8, background: '#fff' }}>
                    <div style={{ fontWeight: 600, marginBottom: 6, textAlign: 'center' }}>{monthName(m)}</div>
                    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }}>
                      {weekdays.map((w, i) => (
                        <div key={w} style={{ textAlign: 'center', color: i >= 5 ? '#8c8c8c' : '#595959', paddingBottom: 2 }}>
                          {w}
                        </div>
                      ))}
                      {Array.from({ length: lead }, (_, i) => (
                        <div key={`pad${i}`} />
                      ))}
                      {days.map((d) => {
                        const style = KIND_STYLE[d.kind] ?? KIND_STYLE.weekday;
                        const label = [t(kindKey(d.kind)), d.name].filter(Boolean).join(' · ');
                        return (
                          <Tooltip key={d.date} title={`${d.date} ${label}`}>
                            <div
                              data-date={d.date}
                              data-kind={d.kind}
                              style={{
                                ...style,
                                textAlign: 'center',
                                borderRadius: 4,
                                lineHeight: '24px',
                                fontWeight: d.kind === 'holiday' || d.kind === 'makeup' || d.kind.startsWith('override') ? 600 : undefined,
                                outline: d.date === today ? '2px solid #1d5fb8' : undefined,
                                outlineOffset: -2,
                              }}
                            >
                              {Number(d.date.slice(8, 10))}
                            </div>
                          </Tooltip>
                        );
                      })}
                    </div>
                  </div>
                </Col>
              );
            })}
          </Row>
        </Card>

        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <OverridesCard year={year} overrides={overrides} onChanged={load} />
          </Col>
          <Col xs={24} xl={10}>
            <CalculatorCard />
          </Col>
        </Row>
      </Space>
    </>
  );
}

interface OverrideForm {
  date: Dayjs;
  working: boolean;
  reason: string;
}

function OverridesCard({ year, overrides, onChanged }: { year: number; overrides: CalendarOverride[]; onChanged: () => Promise<void> }) {
  const t = useAdminT();
  const { message } = App.useApp();
  const [form] = Form.useForm<OverrideForm>();
  const [saving, setSaving] = useState(false);

  async function add(values: OverrideForm) {
    const date = values.date.format('YYYY-MM-DD');
    setSaving(true);
    try {
      const saved = await api.put<SavedOverride>(`/api/admin/calendar/overrides/${seg(date)}`, { working: values.working, reason: values.reason.trim() });
      // The admin learns that open cases moved with the calendar (and their applicants were told).
      message.success(saved.movedCases > 0 ? t('cal.override.moved', { n: saved.movedCases }) : t('cal.override.saved'));
      form.resetFields();
      await onChanged();
    } catch (e) {
      applyFieldErrors(form, e);
      message.error(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  }

  async function remove(date: string) {
    try {
      await api.delete(`/api/admin/calendar/overrides/${seg(date)}`);
      message.success(t('cal.override.deleted'));
      await onChanged();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  }

  const columns: TableColumnsType<CalendarOverride> = [
    { title: t('cal.override.date'), dataIndex: 'date', width: 120 },
    {
      title: t('cal.override.working'),
      dataIndex: 'working',
      width: 100,
      render: (w: boolean) => (w ? <Tag color="purple">{t('cal.override.work')}</Tag> : <Tag color="magenta">{t('cal.override.off')}</Tag>),
    },
    { title: t('cal.override.reason'), dataIndex: 'reason' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 80,
      render: (_, o) => (
        <Popconfirm title={t('cal.override.deleteConfirm', { date: o.date })} onConfirm={() => remove(o.date)} okButtonProps={{ danger: true }} okText={t('common.delete')} cancelText={t('common.cancel')}>
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card title={`${t('cal.overrides')} · ${year}`} size="small">
      <Typography.Paragraph type="secondary">{t('cal.overridesHint')}</Typography.Paragraph>
      <Form<OverrideForm> form={form} name="override" layout="inline" onFinish={add} initialValues={{ working: false, reason: '' }} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="date" rules={[{ required: true, message: t('common.required', { field: t('cal.override.date') }) }]}>
          <DatePicker data-testid="override-date" placeholder={t('cal.override.date')} />
        </Form.Item>
        <Form.Item name="working">
          <Select
            data-testid="override-working"
            style={{ width: 100 }}
            options={[
              { value: false, label: t('cal.override.off') },
              { value: true, label: t('cal.override.work') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cal.override.reason') }) }]}>
          <Input data-testid="override-reason" placeholder={t('cal.override.reason')} style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} data-testid="override-add">
          {t('cal.override.add')}
        </Button>
      </Form>
      <Table<CalendarOverride> data-testid="overrides-table" rowKey="date" size="small" pagination={false} columns={columns} dataSource={overrides} locale={{ emptyText: t('common.none') }} />
    </Card>
  );
}

function CalculatorCard() {
  const t = useAdminT();
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [days, setDays] = useState<number | null>(20);
  const [result, setResult] = useState<(AddWorkingDaysResult & { from: string; days: number }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  async function compute() {
    if (!from || days == null) return;
    setLoading(true);
    setError(null);
    const f = from.format('YYYY-MM-DD');
    try {
      const r = await api.get<AddWorkingDaysResult>('/api/calendar/add-working-days', { from: f, days });
      setResult({ ...r, from: f, days });
    } catch (e) {
      setResult(null);
      setError(errorMessage(e, t));
    } finally {
      setLoading(false);
    }
  }

  return (
    <Card title={t('cal.calc')} size="small">
      <Space wrap>
        <DatePicker data-testid="calc-from" value={from} onChange={setFrom} placeholder={t('cal.calc.from')} allowClear={false} />
        <InputNumber data-testid="calc-days" value={days} onChange={(v) => setDays(typeof v === 'number' ? v : null)} min={0} max={3650} precision={0} style={{ width: 120 }} suffix={t('cal.calc.days')} />
        <Button type="primary" onClick={compute} loading={loading} data-testid="calc-compute">
          {t('cal.calc.compute')}
        </Button>
      </Space>
      {result && (
        <div style={{ marginTop: 12 }} data-testid="calc-result">
          <Typography.Text strong>{t('cal.calc.result', { from: result.from, days: result.days, date: result.date })}</Typography.Text>{' '}
          {result.provisional && (
            <Tooltip title={t('cal.provisionalHint')}>
              <Tag color="orange">{t('cal.provisional')}</Tag>
            </Tooltip>
          )}
        </div>
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Card>
  );
}
