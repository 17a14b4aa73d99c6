import { Segmented } from 'antd';
import { useI18n, type Lang } from './i18n';

/** 中文 / English, on every page; the choice is remembered. */
export function LangSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      aria-label={t('lang.label')}
      data-testid="lang-switch"
      size={size}
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
