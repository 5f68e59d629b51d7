import { benefits } from './benefits';
import { audit } from './audit';
import { core } from './core';
import { enroll } from './enroll';
import { language } from './language';
import { membership } from './membership';
import { roleAdmin } from './roleAdmin';
import { directory } from './directory';
import { gtm } from './gtm';
import { support } from './support';
import { notices } from './notices';
import { seats } from './seats';
import { faq } from './faq';
import { understand } from './understand';
import { reports } from './reports';

/**
 * Every message module of the product. A feature adds its module here (one line); a test
 * checks no key is defined twice and both languages have the same keys.
 */
export const MESSAGE_MODULES = [
  core,
  seats,
  support,
  gtm,
  benefits,
  enroll,
  membership,
  roleAdmin,
  directory,
  audit,
  language,
  notices,
  faq,
  understand,
  reports,
] as const;

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
