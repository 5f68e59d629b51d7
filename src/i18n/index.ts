import type { Locale } from '../domain/model';
import { enUS, zhCN, type Catalogue, type MessageKey } from './catalogues';
// The bot's own messages (errors, roles, help, understanding); features bring theirs.
import './core';
import './understand';

export type { MessageKey, Catalogue };
export type Params = Record<string, string | number>;

export const CATALOGUES: Record<Locale, Catalogue> = { 'en-US': enUS, 'zh-CN': zhCN };
export const LOCALES = Object.keys(CATALOGUES) as Locale[];

/** Teams sends e.g. `zh-cn`, `zh-CN`, `zh-Hans-CN`, `en-GB`: Chinese → zh-CN, anything else → en-US. */
export function resolveLocale(teamsLocale: string | undefined): Locale {
  return teamsLocale && /^zh\b/i.test(teamsLocale) ? 'zh-CN' : 'en-US';
}

export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = CATALOGUES[locale][key] as string | undefined;
  // The key compiled, so its module exists but was not loaded: a missing `messages` of a feature.
  if (template === undefined) throw new Error(`message ${key} is not loaded (its module was not imported)`);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Joins a list the way the language does: "A or B" / "A或B". */
export function joinList(locale: Locale, items: readonly string[], joiner: 'or' | 'and'): string {
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1];
  const sep = t(locale, 'list.and');
  return `${items.slice(0, -1).join(sep)}${t(locale, joiner === 'or' ? 'list.or' : 'list.and')}${last}`;
}

/**
 * Role names in a sentence: Chinese quotes each role on its own (“全局管理员”或“MPN 合作伙伴管理员”),
 * as the partner portal writes them; a name that carries its own quotes (“用户管理”管理员) keeps them.
 */
export function roleList(locale: Locale, names: readonly string[], joiner: 'or' | 'and'): string {
  const shown = locale === 'zh-CN' ? names.map((n) => (n.includes('“') ? n : `“${n}”`)) : names;
  return joinList(locale, shown, joiner);
}

/**
 * An Intl formatter costs far more to build (~0.5 ms) than to use (µs), and a card formats many
 * dates: each one is built once per locale for the life of the process.
 */
function once<T>(cache: Map<Locale, T>, locale: Locale, make: () => T): T {
  let made = cache.get(locale);
  if (!made) {
    made = make();
    cache.set(locale, made);
  }
  return made;
}
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

export function formatDate(locale: Locale, isoDate: string): string {
  return once(
    dateFormats,
    locale,
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(new Date(isoDate));
}

const currencyFormats = new Map<string, Intl.NumberFormat>();

/** An amount of money the way the language writes it ("$6,000" / "US$6,000"). */
export function formatCurrency(locale: Locale, amount: number, currency = 'USD'): string {
  const key = `${locale}|${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
    currencyFormats.set(key, format);
  }
  return format.format(amount);
}

export function formatDateTime(locale: Locale, instant: Date | string): string {
  // Times are shown in UTC and say so: Teams users sit in many time zones.
  return once(
    dateTimeFormats,
    locale,
    () =>
      new Intl.DateTimeFormat(locale, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: 'UTC',
        timeZoneName: 'short',
      }),
  ).format(new Date(instant));
}

/** A translator bound to one locale: what handlers and view-model builders receive. */
export interface Translator {
  locale: Locale;
  t(key: MessageKey, params?: Params): string;
}

export function translator(locale: Locale): Translator {
  return { locale, t: (key, params) => t(locale, key, params) };
}
