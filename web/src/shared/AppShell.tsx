/**
 * Wraps every UI: language, antd ConfigProvider with the matching antd and dayjs locales, and antd's App
 * (so message/modal/notification follow the theme and locale).
 */
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './i18n';
import './global.css';

/**
 * Colours chosen for WCAG AA contrast (4.5:1 for normal text; axe-core checks it in e2e/a11y): antd's
 * defaults give links #1677ff (4.1:1), secondary text #8c8c8c (3.4:1) and the danger red #ff4d4f
 * (3.3:1) on white.
 */
const theme = {
  token: {
    colorPrimary: '#1d5fb8',
    colorLink: '#1d5fb8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorError: '#cf1322',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
};

function Localized({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <Localized>{children}</Localized>
    </I18nProvider>
  );
}

/** Mounts a UI into #root. */
export function mount(node: ReactNode): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('#root missing');
  createRoot(el).render(
    <StrictMode>
      <AppShell>{node}</AppShell>
    </StrictMode>,
  );
}
