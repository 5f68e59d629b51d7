import { benefits } from '../features/benefits/messages';
import { audit } from '../features/audit/messages';
import { core } from './core';
import { enroll } from '../features/enroll/messages';
import { language } from '../features/language/messages';
import { membership } from '../features/membership/messages';
import { roleAdmin } from '../features/roleAdmin/messages';
import { directory } from '../features/directory/messages';
import { gtm } from '../features/gtm/messages';
import { support } from '../features/support/messages';
import { notices } from '../features/notices/messages';
import { seats } from '../features/seats/messages';
import { faq } from '../features/faq/messages';
import { understand } from './understand';
import { reports } from '../features/reports/messages';
import type { RuleKey } from '../domain/ruleKeys';

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

/**
 * Every rule key of the domain has a message: a key a rule can say no with but no module words is
 * a compile error here (its name is shown), so the bot never casts a rule key `as MessageKey`.
 */
type RuleKeysWithoutMessage = Exclude<RuleKey, MessageKey>;
export const EVERY_RULE_HAS_A_MESSAGE: [RuleKeysWithoutMessage] extends [never]
  ? true
  : { missing: RuleKeysWithoutMessage } = true;

function merge(locale: 'en-US' | 'zh-CN'): Catalogue {
  return Object.assign({}, ...MESSAGE_MODULES.map((m) => m[locale])) as Catalogue;
}

export const enUS = merge('en-US');
export const zhCN = merge('zh-CN');
