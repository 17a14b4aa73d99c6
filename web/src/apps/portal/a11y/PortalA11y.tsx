/**
 * The public portal's accessibility layer (WCAG 2.1 AA, checked by e2e/a11y.e2e.test.ts with axe-core):
 * antd's default link blue, grey secondary text and light tag colours fall below 4.5:1 contrast on
 * white, so the portal darkens them here; and tables that scroll sideways on a phone become focusable,
 * so that keyboard users can scroll them too. Staff UIs are not affected.
 */
import { useEffect, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import './portal-a11y.css';

const theme = {
  token: {
    colorLink: '#1d5fb8',
    colorLinkHover: '#174c93',
    colorLinkActive: '#123c75',
    colorInfo: '#1d5fb8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  },
};

const SCROLLERS = '.ant-table-content, .ant-table-body';

/** A scrolling table region takes the keyboard focus only while it actually scrolls. */
function markScrollers(): void {
  for (const el of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    if (scrolls && el.tabIndex !== 0) el.tabIndex = 0;
    else if (!scrolls && el.hasAttribute('tabindex')) el.removeAttribute('tabindex');
  }
}

export function PortalA11y({ children }: { children: ReactNode }) {
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(markScrollers);
    };
    const observer = new MutationObserver(schedule);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(frame);
    };
  }, []);
  return <ConfigProvider theme={theme}>{children}</ConfigProvider>;
}
