/**
 * 预约签到: the day's bookings (default: the center's today), check-in by booking code or on the row,
 * and "start intake", which opens the intake page with the booked item chosen and links the case the
 * intake creates to the booking. Phones and ID numbers arrive masked.
 */
import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import type { InputRef, TableColumnsType } from 'antd';
import { CheckOutlined, FormOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, seg } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { useAppT } from '../../shared/i18n';
import { Link, navigate } from '../../shared/router';
import { prepareIntake } from './appointment-intake';
import * as messages from './appointments-messages';
import { useDeskT } from './i18n';
import type { AppointmentStatus, CheckInAnswer, DeskDay as DayList, DeskRow } from '#contract/appointments.js';

const STATUS_COLOR: Record<AppointmentStatus, string> = { booked: 'processing', checked_in: 'success', cancelled: 'default' };

export function AppointmentsPage() {
  const t = useAppT(messages);
  const dt = useDeskT();
  const { message } = App.useApp();
  const [date, setDate] = useState<string | null>(null);
  const [data, setData] = useState<DayList | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const codeRef = useRef<InputRef>(null);

  useEffect(() => {
    document.title = `${t('appt.title')} · ${dt('app.title')}`;
  }, [t]);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    api
      .get<DayList>('/api/appointments', { date: date ?? undefined })
      .then((d) => {
        if (!alive) return;
        setData(d);
        setError(null);
      })
      .catch((e) => alive && setError(errorMessage(e, t)))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [date, tick]);

  useEffect(() => codeRef.current?.focus(), []);

  async function checkIn(bookingCode: string) {
    const c = bookingCode.trim().toUpperCase();
    if (!c) return;
    setBusy(c);
    try {
      const answer = await api.post<CheckInAnswer>(`/api/appointments/${seg(c)}/check-in`, {});
      void message.success(t('appt.checkedIn', { code: answer.code, name: answer.name }));
      setCode('');
      setTick((n) => n + 1);
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  }

  async function startIntake(row: DeskRow) {
    setBusy(row.code);
    try {
      await prepareIntake(row.code, row.item?.code ?? null);
      void message.info(t('appt.intakeStarted', { code: row.code }));
      navigate('/desk');
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  }

  const columns: TableColumnsType<DeskRow> = [
    { key: 'time', title: t('appt.col.time'), render: (_, r) => `${r.slot.start}–${r.slot.end}`, width: 110 },
    { key: 'code', title: t('appt.col.code'), dataIndex: 'code', render: (c: string) => <Typography.Text strong copyable>{c}</Typography.Text> },
    { key: 'category', title: t('appt.col.category'), render: (_, r) => r.category.name },
    { key: 'item', title: t('appt.col.item'), render: (_, r) => r.item?.name ?? '—' },
    { key: 'person', title: t('appt.col.person'), render: (_, r) => `${r.name} ${r.mobile}` },
    {
      key: 'status',
      title: t('appt.col.status'),
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color={STATUS_COLOR[r.status]} data-testid="appt-status" data-status={r.status}>
            {t(`appt.status.${r.status}`)}
          </Tag>
          {r.missed && <Tag color="warning">{t('appt.missed')}</Tag>}
          {r.checkInChannel === 'kiosk' && <Tag>{t('appt.kiosk')}</Tag>}
        </Space>
      ),
    },
    { key: 'case', title: t('appt.col.case'), render: (_, r) => (r.caseNo ? <Link href={`/desk/cases/${r.caseNo}`} data-testid="appt-case">{r.caseNo}</Link> : '—') },
    {
      key: 'actions',
      title: t('appt.col.actions'),
      render: (_, r) => (
        <Space size={4} wrap>
          {r.status === 'booked' && (
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              disabled={!r.checkInOpen}
              title={r.checkInOpen ? undefined : t('appt.notOpen')}
              loading={busy === r.code}
              onClick={() => checkIn(r.code)}
              data-testid="appt-check-in"
            >
              {t('appt.checkIn')}
            </Button>
          )}
          {r.status === 'checked_in' && !r.caseNo && (
            <Button size="small" icon={<FormOutlined />} loading={busy === r.code} onClick={() => startIntake(r)} data-testid="appt-start-intake">
              {t('appt.startIntake')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  const c = data?.counts;
  return (
    <div className="desk-page" data-testid="appointments-page">
      <div className="desk-page-head">
        <h2 className="desk-h2">{t('appt.title')}</h2>
        <DatePicker
          allowClear={false}
          value={data ? dayjs(data.date) : null}
          onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          aria-label={t('appt.day')}
          data-testid="appt-date"
        />
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} loading={loading}>
          {dt('common.refresh')}
        </Button>
        <Space.Compact style={{ width: 320, maxWidth: '100%' }}>
          <Input
            ref={codeRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            onPressEnter={() => checkIn(code)}
            placeholder={t('appt.codePlaceholder')}
            aria-label={t('appt.codeLabel')}
            maxLength={20}
            data-testid="appt-code"
          />
          <Button type="primary" onClick={() => checkIn(code)} loading={!!busy && busy === code.trim().toUpperCase()} data-testid="appt-code-check-in">
            {t('appt.checkIn')}
          </Button>
        </Space.Compact>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {c && (
        <Typography.Paragraph type="secondary" data-testid="appt-counts">
          {t('appt.counts', { total: data.items.length, booked: c.booked, checkedIn: c.checkedIn, cancelled: c.cancelled, missed: c.missed })}
        </Typography.Paragraph>
      )}
      <Table<DeskRow>
        rowKey="code"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('appt.none') }}
        onRow={(r) => ({ 'data-testid': 'appt-row', 'data-code': r.code } as HTMLAttributes<HTMLTableRowElement>)}
      />
    </div>
  );
}
