/**
 * The one i18n layer: every string the UI shows comes from the ko or en catalogue through `t`.
 * Korean first; the choice lives in memory only (the app keeps nothing on disk outside the vault).
 * Dates and numbers are formatted with Intl for the chosen locale.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ko, type MessageKey } from './ko';
import { en } from './en';

export type Locale = 'ko' | 'en';
export const LOCALES: readonly Locale[] = ['ko', 'en'];
export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { ko, en };
export type { MessageKey };

export type MessageParams = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: MessageParams): string;
  /** For codes from the services (error codes, audit actions): the catalogue's text if it has one. */
  tMaybe(key: string, params?: MessageParams): string | undefined;
  formatNumber(value: number): string;
  formatBytes(bytes: number): string;
  formatDateTime(iso: string): string;
  formatDate(iso: string): string;
}

export function interpolate(template: string, params: MessageParams | undefined, formatNumber: (value: number) => string): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

export function createI18n(locale: Locale, setLocale: (locale: Locale) => void): I18n {
  const catalogue = CATALOGUES[locale];
  const numbers = new Intl.NumberFormat(locale);
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const formatNumber = (value: number) => numbers.format(value);
  const tMaybe = (key: string, params?: MessageParams) => {
    const template = Object.hasOwn(catalogue, key) ? catalogue[key as MessageKey] : undefined;
    return template === undefined ? undefined : interpolate(template, params, formatNumber);
  };
  return {
    locale,
    setLocale,
    t: (key, params) => interpolate(catalogue[key], params, formatNumber),
    tMaybe,
    formatNumber,
    formatBytes: (bytes) => {
      const units = ['B', 'KB', 'MB', 'GB', 'TB'];
      let value = bytes;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
      }
      const shown = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
      return `${shown} ${units[unit]}`;
    },
    formatDateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTimes.format(date);
    },
    formatDate: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dates.format(date);
    },
  };
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children, initial = 'ko' }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(initial);
  const setLocale = useCallback((next: Locale) => setLocaleState(next), []);
  const value = useMemo(() => createI18n(locale, setLocale), [locale, setLocale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = value.t('app.title');
  }, [locale, value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
