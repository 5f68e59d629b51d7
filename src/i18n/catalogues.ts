import { core } from './core';

/**
 * Every message module of the product. A feature adds its module here (one line); a test
 * checks no key is defined twice and both languages have the same keys.
 */
export const MESSAGE_MODULES = [core] as const;

type Module = (typeof MESSAGE_MODULES)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type AllEnglish = UnionToIntersection<Module['en-US']>;

export type MessageKey = Extract<keyof AllEnglish, string>;
export type Catalogue = Record<MessageKey, string>;

function merge(locale: 'en-US' | 'zh-CN'): Catalogue {
  return Object.assign({}, ...MESSAGE_MODULES.map((m) => m[locale])) as Catalogue;
}

export const enUS = merge('en-US');
export const zhCN = merge('zh-CN');
