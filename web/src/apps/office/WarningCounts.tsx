/** The counts at the top of a list: all, green, yellow, red. A card filters the list by its level. */
import type { KeyboardEvent } from 'react';
import { Skeleton } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, UnorderedListOutlined, WarningOutlined } from '@ant-design/icons';
import type { Warning } from '#contract/cases.js';
import { WARNING_COLOR } from '../../shared/case/ClockBadge';
import { useOfficeT } from './office-t';
import type { OfficeKey } from './messages';

export type Counts = Record<'all' | Warning, number>;

const CARDS: { key: 'all' | Warning; label: OfficeKey; color: string; icon: typeof CheckCircleOutlined }[] = [
  { key: 'all', label: 'queue.count.all', color: '#1d5fb8', icon: UnorderedListOutlined },
  { key: 'normal', label: 'queue.count.normal', color: WARNING_COLOR.normal, icon: CheckCircleOutlined },
  { key: 'yellow', label: 'queue.count.yellow', color: WARNING_COLOR.yellow, icon: ClockCircleOutlined },
  { key: 'red', label: 'queue.count.red', color: WARNING_COLOR.red, icon: WarningOutlined },
];

export function WarningCounts({
  counts,
  loading,
  active,
  onPick,
  only,
}: {
  counts: Partial<Counts> | null;
  loading: boolean;
  /** The warning filter now ('' = none). */
  active: string;
  onPick: (warning: string) => void;
  /** Which cards to show (default all four). */
  only?: ('all' | Warning)[];
}) {
  const t = useOfficeT();
  const cards = only ? CARDS.filter((c) => only.includes(c.key)) : CARDS;
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: `repeat(${cards.length}, minmax(0, 1fr))`, gap: 12, marginBottom: 12, opacity: loading && counts ? 0.6 : 1 }}
      title={t('queue.countHint')}
      aria-busy={loading}
    >
      {cards.map((c) => {
        const value = c.key === 'all' ? '' : c.key;
        const isActive = active === value;
        const Icon = c.icon;
        const pick = () => onPick(isActive && value ? '' : value);
        return (
          <div
            key={c.key}
            role="button"
            tabIndex={0}
            aria-pressed={isActive}
            className={`ow-count-card${isActive ? ' active' : ''}`}
            onClick={pick}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                pick();
              }
            }}
            data-testid={`count-${c.key}`}
            style={{
              background: '#fff',
              border: '1px solid #e6e9ef',
              borderInlineStart: `4px solid ${c.color}`,
              borderRadius: 8,
              padding: '10px 16px',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'space-between',
              gap: 8,
            }}
          >
            <span style={{ color: 'rgba(0,0,0,0.65)', whiteSpace: 'nowrap' }}>
              <Icon style={{ color: c.color, marginInlineEnd: 6 }} />
              {t(c.label)}
            </span>
            {loading && !counts ? (
              <Skeleton.Button active size="small" style={{ width: 40 }} />
            ) : (
              <span data-testid={`count-${c.key}-value`} style={{ fontSize: 24, fontWeight: 600, color: c.key === 'all' ? undefined : c.color, lineHeight: 1.1 }}>
                {counts?.[c.key] ?? '—'}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
