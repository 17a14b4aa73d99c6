/**
 * 预约办事: choose a service category (or come from an item's guide with it chosen), a day and a time
 * with places left, enter name and mobile, book. The answer is the booking code; the SMS confirmation
 * carries it too.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Result, Select, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, CalendarOutlined } from '@ant-design/icons';
import { api } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { useAppT, useI18n } from '../../../shared/i18n';
import { Link, navigate, useLocation, withQuery } from '../../../shared/router';
import { lastSearch } from '../nav';
import type { Booking, PublicCategory, PublicSlot } from '#contract/appointments.js';
import { categoryName, errorCode, hhmm, ID_NUMBER, MOBILE, serverText } from './booking-api';
import { SlotPicker } from './SlotPicker';
import * as messages from './messages';
import './booking.css';

const { Title, Paragraph, Text } = Typography;

interface PersonForm {
  name: string;
  mobile: string;
  idNumber?: string;
}

const REFUSALS: Record<string, 'book.errFull' | 'book.errAlready' | 'book.errUnavailable'> = {
  SLOT_FULL: 'book.errFull',
  ALREADY_BOOKED: 'book.errAlready',
  SLOT_UNAVAILABLE: 'book.errUnavailable',
};

export function BookingPage() {
  const t = useAppT(messages);
  const { lang } = useI18n();
  const { query } = useLocation();
  const categoryCode = query.get('book') ?? '';
  const itemCode = query.get('bookItem') ?? '';
  const [categories, setCategories] = useState<PublicCategory[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [item, setItem] = useState<string>(itemCode);
  const [slot, setSlot] = useState<PublicSlot | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<{ booking: Booking; mobile: string } | null>(null);
  const [form] = Form.useForm<PersonForm>();

  useEffect(() => {
    document.title = `${t('book.title')} · ${t('app.portalShort')}`;
  }, [t]);

  useEffect(() => {
    api
      .get<PublicCategory[]>('/api/public/appointments/categories')
      .then(setCategories)
      .catch((e) => setLoadError(errorMessage(e, t)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    setSlot(null);
    setRefusal(null);
    setItem(itemCode);
  }, [categoryCode, itemCode]);

  const category = categories?.find((c) => c.code === categoryCode) ?? null;

  function chooseCategory(code: string) {
    navigate(withQuery('/', { book: code, bookItem: itemCode && categories?.find((c) => c.code === code)?.items.some((i) => i.code === itemCode) ? itemCode : undefined }), { replace: true });
  }

  async function submit(values: PersonForm) {
    if (!category) return;
    if (!slot) {
      setRefusal(t('book.pickSlot'));
      return;
    }
    setSubmitting(true);
    setRefusal(null);
    const mobile = values.mobile.trim();
    try {
      const booking = await api.post<Booking>('/api/public/appointments', {
        category: category.code,
        slotId: slot.id,
        name: values.name.trim(),
        mobile,
        ...(values.idNumber?.trim() ? { idNumber: values.idNumber.trim().toUpperCase() } : {}),
        ...(item ? { itemCode: item } : {}),
      });
      setDone({ booking, mobile });
      window.scrollTo(0, 0);
    } catch (e) {
      const code = errorCode(e);
      const known = code ? REFUSALS[code] : undefined;
      setRefusal(known ? t(known) : serverText(e, lang));
      // The places shown are stale after a refusal: read them again.
      if (code === 'SLOT_FULL' || code === 'SLOT_UNAVAILABLE') setReloadKey((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  }

  const back = (
    <Link href={lastSearch()} data-testid="book-back">
      <ArrowLeftOutlined /> {t('portal.backToList')}
    </Link>
  );

  if (done) {
    const b = done.booking;
    return (
      <Space orientation="vertical" size="middle" className="ow-book-page" style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }}>
        <Card data-testid="book-done">
          <Result
            status="success"
            title={<span role="status">{t('book.done')}</span>}
            subTitle={t('book.doneText', { mobile: b.mobile })}
            style={{ padding: '16px 0' }}
          />
          <div style={{ textAlign: 'center', marginBottom: 16 }}>
            <Text type="secondary">{t('book.code')}</Text>
            <div className="ow-book-code" data-testid="book-code">
              {b.code}
            </div>
          </div>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'cat', label: t('my.category'), children: b.category.name },
              ...(b.item ? [{ key: 'item', label: t('my.item'), children: b.item.name }] : []),
              { key: 'when', label: t('book.when'), children: <span data-testid="book-when">{`${b.slot.date} ${b.slot.start}–${b.slot.end}`}</span> },
              { key: 'checkin', label: t('book.checkIn'), children: t('book.checkInWindow', { from: hhmm(b.checkIn.opensAt), to: hhmm(b.checkIn.closesAt) }) },
              { key: 'person', label: t('my.person'), children: `${b.name} ${b.mobile}` },
            ]}
          />
          <Space wrap style={{ marginTop: 16 }}>
            <Button type="primary" href={withQuery('/', { myBooking: b.code })} onClick={(e) => { e.preventDefault(); navigate(withQuery('/', { myBooking: b.code })); }} data-testid="book-manage">
              {t('book.manage')}
            </Button>
            <Button onClick={() => { setDone(null); setSlot(null); setReloadKey((n) => n + 1); }} data-testid="book-again">
              {t('book.again')}
            </Button>
          </Space>
        </Card>
      </Space>
    );
  }

  const itemName = category?.items.find((i) => i.code === item)?.name;

  return (
    <Space orientation="vertical" size="middle" className="ow-book-page" style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }} data-testid="book-page">
      {back}
      <Card>
        <Title level={3} style={{ marginTop: 0 }}>
          <CalendarOutlined /> {t('book.title')}
        </Title>
        <Paragraph type="secondary">{t('book.intro')}</Paragraph>
        {loadError && <Alert type="error" showIcon title={loadError} />}
        {!categories && !loadError && <Skeleton active />}
        {categories && categories.length === 0 && <Alert type="info" showIcon title={t('book.noCategories')} />}
        {categories && categories.length > 0 && (
          <div>
            <Text strong id="book-category-label">
              {t('book.category')}
            </Text>
            <Radio.Group
              aria-labelledby="book-category-label"
              className="ow-book-days"
              optionType="button"
              buttonStyle="solid"
              value={categoryCode || null}
              onChange={(e) => chooseCategory(e.target.value as string)}
              data-testid="book-categories"
              options={categories.map((c) => ({ value: c.code, label: <span data-testid={`book-category-${c.code}`}>{categoryName(c, lang)}</span> }))}
            />
            {category?.description && (
              <Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {category.description}
              </Paragraph>
            )}
          </div>
        )}
      </Card>

      {category && (
        <Card>
          {itemName && itemCode === item && (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('book.fromItem', { name: itemName })} data-testid="book-from-item" />
          )}
          <SlotPicker key={category.code} category={category.code} value={slot} onChange={setSlot} reloadKey={reloadKey} />
        </Card>
      )}

      {category && (
        <Card>
          <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} data-testid="book-form">
            {category.items.length > 0 && (
              <Form.Item label={t('book.item')} htmlFor="book-item">
                <Select
                  id="book-item"
                  size="large"
                  value={item}
                  onChange={setItem}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={[{ value: '', label: t('book.itemAny') }, ...category.items.map((i) => ({ value: i.code, label: i.name }))]}
                  data-testid="book-item"
                />
              </Form.Item>
            )}
            <Form.Item name="name" label={t('book.name')} rules={[{ required: true, whitespace: true, message: t('book.nameRequired') }]}>
              <Input size="large" autoComplete="name" maxLength={50} data-testid="book-name" />
            </Form.Item>
            <Form.Item
              name="mobile"
              label={t('book.mobile')}
              extra={t('book.mobileHint')}
              rules={[
                { required: true, whitespace: true, message: t('book.mobileRequired') },
                { validator: (_, v: string | undefined) => (!v?.trim() || MOBILE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('book.mobileBad')))) },
              ]}
            >
              <Input size="large" type="tel" inputMode="numeric" autoComplete="tel" maxLength={11} data-testid="book-mobile" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('book.idNumber')}
              rules={[{ validator: (_, v: string | undefined) => (!v?.trim() || ID_NUMBER.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('book.idBad')))) }]}
            >
              <Input size="large" autoComplete="off" maxLength={18} data-testid="book-id-number" />
            </Form.Item>
            {slot && (
              <Paragraph strong data-testid="book-selected">
                {t('book.selected', { date: slot.date, start: slot.start, end: slot.end })}
              </Paragraph>
            )}
            {refusal && (
              <Alert type="error" showIcon role="alert" title={refusal} style={{ marginBottom: 12 }} data-testid="book-error" />
            )}
            <Button type="primary" size="large" htmlType="submit" block loading={submitting} data-testid="book-submit">
              {t('book.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
