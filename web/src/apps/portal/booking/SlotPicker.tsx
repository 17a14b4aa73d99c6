/**
 * Day and time picker over a category's open slots, with the places left on each time. Radio groups
 * (not bare buttons) so screen readers announce the choice and arrow keys move through it.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Radio, Skeleton, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../../shared/api';
import { errorMessage } from '../../../shared/errors';
import { useAppT, useI18n } from '../../../shared/i18n';
import type { PublicSlot, SlotList } from '#contract/appointments.js';
import * as messages from './messages';

export function SlotPicker({
  category,
  value,
  onChange,
  exclude,
  reloadKey = 0,
}: {
  category: string;
  value: PublicSlot | null;
  onChange: (slot: PublicSlot | null) => void;
  /** The booking's own slot when changing it. */
  exclude?: number;
  /** Bumped to read the places again (after a refused booking). */
  reloadKey?: number;
}) {
  const t = useAppT(messages);
  const { lang } = useI18n();
  const [slots, setSlots] = useState<PublicSlot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setError(null);
    api
      .get<SlotList>('/api/public/appointments/slots', { category })
      .then((list) => {
        if (!alive) return;
        setSlots(list.slots);
        // Keep the chosen slot's fresh numbers, or drop it when it can no longer be booked.
        if (value) {
          const fresh = list.slots.find((s) => s.id === value.id);
          onChange(fresh && fresh.bookable && fresh.remaining > 0 ? fresh : null);
        }
      })
      .catch((e) => alive && setError(errorMessage(e, t)));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [category, reloadKey]);

  const days = useMemo(() => {
    const map = new Map<string, PublicSlot[]>();
    for (const s of slots ?? []) {
      if (s.id === exclude) continue;
      map.set(s.date, [...(map.get(s.date) ?? []), s]);
    }
    // Days with nothing left to book are not offered at all.
    return [...map.entries()].filter(([, list]) => list.some((s) => s.bookable && s.remaining > 0));
  }, [slots, exclude]);

  useEffect(() => {
    if (days.length && (!day || !days.some(([d]) => d === day))) setDay(value?.date ?? days[0]![0]);
  }, [days, day, value]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!slots) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!days.length) return <Alert type="info" showIcon title={t('book.noSlots')} data-testid="book-no-slots" />;

  const dayLabel = (d: string) => dayjs(d).locale(lang === 'zh' ? 'zh-cn' : 'en').format(lang === 'zh' ? 'M月D日 ddd' : 'ddd D MMM');
  const daySlots = days.find(([d]) => d === day)?.[1] ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Text strong id="book-day-label">
          {t('book.day')}
        </Typography.Text>
        <Radio.Group
          aria-labelledby="book-day-label"
          className="ow-book-days"
          optionType="button"
          buttonStyle="solid"
          value={day}
          onChange={(e) => setDay(e.target.value as string)}
          data-testid="book-days"
          options={days.map(([d]) => ({ value: d, label: <span data-testid={`book-day-${d}`}>{dayLabel(d)}</span> }))}
        />
      </div>
      <div>
        <Typography.Text strong id="book-slot-label">
          {t('book.slot')}
        </Typography.Text>
        <Radio.Group
          aria-labelledby="book-slot-label"
          className="ow-book-slots"
          optionType="button"
          buttonStyle="solid"
          value={value?.id ?? null}
          onChange={(e) => onChange(daySlots.find((s) => s.id === e.target.value) ?? null)}
          data-testid="book-slots"
          options={daySlots.map((s) => {
            const open = s.bookable && s.remaining > 0;
            return {
              value: s.id,
              disabled: !open,
              label: (
                <span data-testid={`book-slot-${s.start}`} data-remaining={s.remaining} className="ow-book-slot">
                  <span className="ow-book-slot-time">
                    {s.start}–{s.end}
                  </span>
                  <span className="ow-book-slot-left">{open ? t('book.remaining', { n: s.remaining }) : t('book.full')}</span>
                </span>
              ),
            };
          })}
        />
      </div>
    </Space>
  );
}
