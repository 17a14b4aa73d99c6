/**
 * Language: Chinese (default) or English, remembered in localStorage and shared by every page.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en, zh, type MessageKey } from './messages';
import { setApiLanguage } from './api';

export type Lang = 'zh' | 'en';
export const LANG_STORAGE_KEY = 'onewindow.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function readStoredLang(): Lang {
  try {
    const v = window.localStorage.getItem(LANG_STORAGE_KEY);
    if (v === 'zh' || v === 'en') return v;
  } catch {
    // storage may be unavailable (private mode); fall back to Chinese
  }
  return 'zh';
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = dictionaries[lang][key] ?? zh[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

function applyLang(lang: Lang): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  setApiLanguage(lang === 'zh' ? 'zh-CN' : 'en');
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = readStoredLang();
    applyLang(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    try {
      window.localStorage.setItem(LANG_STORAGE_KEY, l);
    } catch {
      // not remembered, but still switched
    }
    applyLang(l);
    setLangState(l);
  }, []);
  const t = useCallback<Translate>((key, params) => translate(lang, key, params), [lang]);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export function useT(): Translate {
  return useI18n().t;
}

/**
 * A UI's own texts next to its code (web/src/apps/<ui>/messages.ts), so each UI's bundle carries only
 * its words; keys not found there fall back to the shared dictionary.
 */
export function useAppT<K extends string>(dicts: { zh: Record<K, string>; en: Record<K, string> }) {
  const { lang } = useI18n();
  return useCallback(
    (key: K | MessageKey, params?: Params): string => {
      const own = (dicts[lang] as Record<string, string>)[key] ?? (dicts.zh as Record<string, string>)[key];
      if (own === undefined) return translate(lang, key as MessageKey, params);
      if (!params) return own;
      return own.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
    },
    [lang, dicts],
  );
}
