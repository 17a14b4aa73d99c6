/**
 * A workplace's tab bar that never hides a tab: the tabs that do not fit the width left by the rest of
 * the header move into a "更多" menu at its end. A bar that scrolled inside itself left tabs under the
 * next control, unseen, at 1366×768 and 1280×720.
 *
 * Each tab's width is taken while it is in the bar and kept while it is in the menu; a change of
 * language lays every tab out again to take the new widths. (A hidden copy of the tabs would run
 * their labels twice: the alerts label fetches its count.)
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Dropdown } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { Link } from './router';
import { useI18n, useT } from './i18n';

const MORE = '\u0000more';

export interface NavTab {
  key: string;
  href: string;
  label: ReactNode;
  /** Shown after the label, in the bar and in the menu. */
  shortcut?: string;
}

interface Props {
  tabs: NavTab[];
  active: string | null | undefined;
  ariaLabel: string;
  /** The bar's class; it must size the bar to the room left (flex: 1 1 auto; min-width: 0). */
  className: string;
  itemClassName: string;
  /** Renders a shortcut in the bar (dark) or in the menu (light). */
  renderShortcut?: (keys: string, where: 'bar' | 'menu') => ReactNode;
}

export function OverflowNav({ tabs, active, ariaLabel, className, itemClassName, renderShortcut }: Props) {
  const t = useT();
  const { lang } = useI18n();
  const barRef = useRef<HTMLElement>(null);
  const widths = useRef(new Map<string, number>());
  const measuredLang = useRef(lang);
  const [fit, setFit] = useState(tabs.length);
  const [, setTick] = useState(0);

  // After every render: take the widths of the tabs in the bar, then decide how many fit.
  useLayoutEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    if (measuredLang.current !== lang) {
      measuredLang.current = lang;
      widths.current.clear();
    }
    for (const el of Array.from(bar.querySelectorAll<HTMLElement>('[data-nav-key]'))) {
      widths.current.set(el.dataset.navKey!, el.getBoundingClientRect().width);
    }
    if (tabs.some((tab) => !widths.current.has(tab.key))) {
      if (fit !== tabs.length) setFit(tabs.length);
      return;
    }
    const gap = parseFloat(getComputedStyle(bar).columnGap) || 0;
    const room = bar.clientWidth;
    const w = tabs.map((tab) => widths.current.get(tab.key)! + gap);
    let n = tabs.length;
    if (w.reduce((a, b) => a + b, 0) > room + gap) {
      let used = (widths.current.get(MORE) ?? 90) + gap;
      n = 0;
      while (n < w.length && used + w[n]! <= room + gap) used += w[n++]!;
    }
    if (n !== fit) setFit(n);
  });

  useLayoutEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    const observer = new ResizeObserver(() => setTick((x) => x + 1));
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);

  const shown = tabs.slice(0, fit);
  const hidden = tabs.slice(fit);
  const hiddenActive = hidden.some((tab) => tab.key === active);
  const cls = (key: string) => `${itemClassName}${key === active ? ' active' : ''}`;

  return (
    <nav ref={barRef} className={`ow-overflow-nav ${className}`} aria-label={ariaLabel}>
      {shown.map((tab) => (
        <Link key={tab.key} href={tab.href} className={cls(tab.key)} aria-current={tab.key === active ? 'page' : undefined} data-testid={`nav-${tab.key}`} data-nav-key={tab.key} title={tab.shortcut}>
          {tab.label}
          {tab.shortcut && renderShortcut?.(tab.shortcut, 'bar')}
        </Link>
      ))}
      {hidden.length > 0 && (
        <Dropdown
          trigger={['click']}
          placement="bottomRight"
          menu={{
            selectedKeys: active ? [active] : [],
            items: hidden.map((tab) => ({
              key: tab.key,
              label: (
                <Link href={tab.href} className="ow-overflow-nav-menu-item" aria-current={tab.key === active ? 'page' : undefined} data-testid={`nav-${tab.key}`}>
                  <span>{tab.label}</span>
                  {tab.shortcut && renderShortcut?.(tab.shortcut, 'menu')}
                </Link>
              ),
            })),
          }}
        >
          <button type="button" className={`${itemClassName} ow-overflow-nav-more${hiddenActive ? ' active' : ''}`} data-testid="nav-more" data-nav-key={MORE} aria-haspopup="menu">
            {t('nav.more')} <DownOutlined style={{ fontSize: 10 }} />
          </button>
        </Dropdown>
      )}
    </nav>
  );
}
