import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type EnumLabels, type Locale, makeEnumLabels } from './enum-labels.ts';
import { en } from './messages-en.ts';
import { type MessageKey, zh } from './messages-zh.ts';

export type { Locale, MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'huzhu.locale';
const dictionaries: Record<Locale, Record<MessageKey, string>> = { zh, en };

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function applyDayjsLocale(locale: Locale) {
  dayjs.locale(locale === 'zh' ? 'zh-cn' : 'en');
}

interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  labels: EnumLabels;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    applyDayjsLocale(l);
    return l;
  });

  const setLocale = useCallback((l: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Private windows may refuse storage; the switch still applies for this visit.
    }
    applyDayjsLocale(l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLocaleState(l);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[locale];
    const t: Translate = (key, vars) => {
      const text = dict[key];
      return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
    };
    return { locale, setLocale, t, labels: makeEnumLabels(locale) };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
