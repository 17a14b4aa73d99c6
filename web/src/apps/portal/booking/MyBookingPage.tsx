/**
 * 我的预约: a booking by its code and the mobile number it was made with; change it to another time of
 * the same service, or cancel it, until its time starts. The server answers a wrong code and a wrong
 * mobile alike, so the page never says which was wrong.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ArrowLeftOutlined, SearchOutlined } from '@ant-design/icons';
import { api, ApiRequestError, seg } from '../../../shared/api';
import { useAppT, useI18n } from '../../../shared/i18n';
import { Link, navigate, useLocation, withQuery } from '../../../shared/router';
import { lastSearch } from '../nav';
import type { Booking, PublicSlot } from '#contract/appointments.js';
import { hhmm, MOBILE, serverText } from './booking-api';
import { SlotPicker } from './SlotPicker';
import * as messages from './messages';
import './booking.css';

const { Title, Paragraph } = Typography;

const STATUS_COLOR: Record<Booking['status'], string> = { booked: 'processing', checked_in: 'success', cancelled: 'default' };

export function MyBookingPage() {
  const t = useAppT(messages);
  const { lang } = useI18n();
  const { modal, message } = App.useApp();
  const { query } = useLocation();
  const urlCode = query.get('myBooking') ?? '';
  const [form] = Form.useForm<{ code: string; mobile: string }>();
  const [booking, setBooking] = useState<Booking | null>(null);
  const [mobile, setMobile] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [changing, setChanging] = useState(false);
  const [target, setTarget] = useState<PublicSlot | null>(null);
  const [changeError, setChangeError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t('my.title')} · ${t('app.portalShort')}`;
  }, [t]);

  useEffect(() => {
    form.setFieldValue('code', urlCode);
  }, [urlCode, form]);

  function failed(e: unknown): string {
    if (e instanceof ApiRequestError && e.status === 404 && !e.details?.length) return t('my.notFound');
    if (e instanceof ApiRequestError && e.status === 429) return t('my.throttled');
    if (e instanceof ApiRequestError && e.code === 'TOO_LATE') return t('my.tooLate');
    return serverText(e, lang);
  }

  async function lookUp(values: { code: string; mobile: string }) {
    const code = values.code.trim().toUpperCase();
    navigate(withQuery('/', { myBooking: code }), { replace: true });
    setLoading(true);
    setFailure(null);
    setBooking(null);
    try {
      const m = values.mobile.trim();
      setBooking(await api.get<Booking>(`/api/public/appointments/${seg(code)}`, { mobile: m }));
      setMobile(m);
    } catch (e) {
      setFailure(failed(e));
    } finally {
      setLoading(false);
    }
  }

  async function change() {
    if (!booking || !target) return;
    setBusy(true);
    setChangeError(null);
    try {
      setBooking(await api.post<Booking>(`/api/public/appointments/${seg(booking.code)}/change`, { mobile, slotId: target.id }));
      setChanging(false);
      setTarget(null);
      message.success(t('my.changed'));
    } catch (e) {
      setChangeError(failed(e));
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    if (!booking) return;
    modal.confirm({
      title: t('my.cancel'),
      content: t('my.cancelConfirm'),
      okText: t('my.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'my-cancel-ok' } as ButtonProps,
      cancelText: t('my.keep'),
      onOk: async () => {
        try {
          setBooking(await api.post<Booking>(`/api/public/appointments/${seg(booking.code)}/cancel`, { mobile }));
          message.success(t('my.cancelled'));
        } catch (e) {
          message.error(failed(e));
        }
      },
    });
  }

  const statusKey = `my.status.${booking?.status ?? 'booked'}` as const;

  return (
    <Space orientation="vertical" size="middle" className="ow-book-page" style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }} data-testid="my-booking-page">
      <Link href={lastSearch()}>
        <ArrowLeftOutlined /> {t('portal.backToList')}
      </Link>
      <Card>
        <Title level={3} style={{ marginTop: 0 }}>
          {t('my.title')}
        </Title>
        <Paragraph type="secondary">{t('my.intro')}</Paragraph>
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ code: urlCode, mobile: '' }} onFinish={lookUp} data-testid="my-form">
          <Form.Item name="code" label={t('my.code')} rules={[{ required: true, whitespace: true, message: t('my.codeRequired') }]}>
            <Input size="large" autoComplete="off" maxLength={20} data-testid="my-code" />
          </Form.Item>
          <Form.Item
            name="mobile"
            label={t('book.mobile')}
            rules={[
              { required: true, whitespace: true, message: t('book.mobileRequired') },
              { validator: (_, v: string | undefined) => (!v?.trim() || MOBILE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('book.mobileBad')))) },
            ]}
          >
            <Input size="large" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} data-testid="my-mobile" />
          </Form.Item>
          <Button type="primary" size="large" htmlType="submit" block icon={<SearchOutlined />} loading={loading} data-testid="my-submit">
            {t('my.submit')}
          </Button>
        </Form>
      </Card>

      {failure && <Alert type="warning" showIcon role="alert" title={failure} data-testid="my-not-found" />}

      {booking && (
        <Card data-testid="my-booking" data-status={booking.status}>
          <Space wrap style={{ marginBottom: 8 }}>
            <span className="ow-book-code" data-testid="my-booking-code">
              {booking.code}
            </span>
            <Tag color={STATUS_COLOR[booking.status]} data-testid="my-status">
              {t(statusKey)}
            </Tag>
            {booking.missed && <Tag color="warning">{t('my.missed')}</Tag>}
          </Space>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'cat', label: t('my.category'), children: booking.category.name },
              ...(booking.item ? [{ key: 'item', label: t('my.item'), children: booking.item.name }] : []),
              { key: 'when', label: t('book.when'), children: <span data-testid="my-when">{`${booking.slot.date} ${booking.slot.start}–${booking.slot.end}`}</span> },
              ...(booking.status === 'booked'
                ? [{ key: 'checkin', label: t('book.checkIn'), children: t('book.checkInWindow', { from: hhmm(booking.checkIn.opensAt), to: hhmm(booking.checkIn.closesAt) }) }]
                : []),
              { key: 'person', label: t('my.person'), children: `${booking.name} ${booking.mobile}` },
              ...(booking.caseNo ? [{ key: 'case', label: t('my.case'), children: booking.caseNo }] : []),
            ]}
          />
          {(booking.canChange || booking.canCancel) && (
            <Space wrap style={{ marginTop: 16 }}>
              {booking.canChange && (
                <Button type="primary" onClick={() => { setChanging(true); setChangeError(null); setTarget(null); }} data-testid="my-change">
                  {t('my.change')}
                </Button>
              )}
              {booking.canCancel && (
                <Button danger onClick={cancel} data-testid="my-cancel">
                  {t('my.cancel')}
                </Button>
              )}
            </Space>
          )}
        </Card>
      )}

      <Modal
        open={changing && !!booking}
        title={t('my.changeTitle')}
        onCancel={() => setChanging(false)}
        onOk={change}
        okText={t('my.changeSubmit')}
        cancelText={t('my.close')}
        okButtonProps={{ disabled: !target, loading: busy, 'data-testid': 'my-change-ok' } as ButtonProps}
        destroyOnHidden
        width={640}
      >
        {booking && <SlotPicker category={booking.category.code} value={target} onChange={setTarget} exclude={booking.slot.id} />}
        {changeError && <Alert type="error" showIcon role="alert" title={changeError} style={{ marginTop: 12 }} data-testid="my-change-error" />}
      </Modal>
    </Space>
  );
}
