import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { en, type MessageKey, zh } from './messages';

export type Lang = 'zh' | 'en';
type Vars = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The text of `key` in the current language, with `{name}` placeholders filled from `vars`. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** Like `t` for keys built at run time (event types, codes): the fallback when there is none. */
  tr: (key: string, fallback: string, vars?: Vars) => string;
}

const STORAGE_KEY = 'hub.lang';
const dictionaries: Record<Lang, Record<string, string>> = { zh, en };

function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'zh' ? saved : 'zh';
}

function fill(text: string, vars?: Vars): string {
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
}

const I18nContext = createContext<I18n | null>(null);

/** Chinese by default; the choice is remembered in this browser. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    return {
      lang,
      setLang,
      t: (key, vars) => fill(dict[key] ?? key, vars),
      tr: (key, fallback, vars) => fill(dict[key] ?? fallback, vars),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
