/**
 * How the portal reaches the appointment pages: `/?book=<category>[&bookItem=<item>]` books,
 * `/?myBooking=<code>` looks a booking up (routes in PortalApp's table); the header links and the
 * guide's button live here so the shared pages need only a line each.
 */
import { useEffect, useState, type CSSProperties } from 'react';
import { Button } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import { api } from '../../../shared/api';
import { useAppT } from '../../../shared/i18n';
import { Link, navigate, withQuery } from '../../../shared/router';
import type { PublicCategory } from '#contract/appointments.js';
import * as messages from './messages';

export const BOOK_HREF = '/?book=';
export const MY_BOOKING_HREF = '/?myBooking=';

/** The header links: book, and my booking. */
export function BookingNavLinks({ style, vertical = false }: { style?: CSSProperties; vertical?: boolean }) {
  const t = useAppT(messages);
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', columnGap: 16, rowGap: 16, flexDirection: vertical ? 'column' : 'row' }}>
      <Link href={BOOK_HREF} style={style} data-testid="book-link">
        <CalendarOutlined /> {t('book.nav')}
      </Link>
      <Link href={MY_BOOKING_HREF} style={style} data-testid="my-booking-link">
        {t('book.myNav')}
      </Link>
    </span>
  );
}

let categoriesPromise: Promise<PublicCategory[]> | null = null;
const loadCategories = () => (categoriesPromise ??= api.get<PublicCategory[]>('/api/public/appointments/categories').catch(() => {
  categoriesPromise = null;
  return [];
}));

/** On an item's guide: "预约办理" when a service category takes bookings for the item; nothing otherwise. */
export function BookingButton({ itemCode }: { itemCode: string }) {
  const t = useAppT(messages);
  const [category, setCategory] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    void loadCategories().then((list) => {
      if (alive) setCategory(list.find((c) => c.items.some((i) => i.code === itemCode))?.code ?? null);
    });
    return () => {
      alive = false;
    };
  }, [itemCode]);
  if (!category) return null;
  const href = withQuery('/', { book: category, bookItem: itemCode });
  return (
    <Button
      icon={<CalendarOutlined />}
      href={href}
      onClick={(e) => {
        e.preventDefault();
        navigate(href);
      }}
      data-testid="guide-book"
    >
      {t('book.guideButton')}
    </Button>
  );
}
