import type { RuleKey } from '../domain/ruleKeys';

/** A message module: en-US texts define its keys, zh-CN has exactly the same keys. */
export interface MessageModule {
  'en-US': Record<string, string>;
  'zh-CN': Record<string, string>;
}

/** The keys of one module, for its entry in `MessageRegistry`. */
export type MessagesOf<M extends MessageModule> = M['en-US'];

/**
 * Every message key of the product. Nothing lists the modules: each one adds its own keys here
 * by declaration merging, next to its texts, e.g. in `src/features/seats/messages.ts`:
 *
 *     declare module '../../i18n/catalogues' {
 *       interface MessageRegistry extends MessagesOf<typeof seats> {}
 *     }
 *
 * so the compiler knows every key of every module in the program, and a typo in a key, or a
 * rule key no module words, does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface MessageRegistry {}

export type MessageKey = Extract<keyof MessageRegistry, string>;
export type Catalogue = Record<MessageKey, string>;

/**
 * Every rule key of the domain has a message: a key a rule can say no with but no module words is
 * a compile error here (its name is shown), so the bot never casts a rule key `as MessageKey`.
 */
type RuleKeysWithoutMessage = Exclude<RuleKey, MessageKey>;
export const EVERY_RULE_HAS_A_MESSAGE: [RuleKeysWithoutMessage] extends [never]
  ? true
  : { missing: RuleKeysWithoutMessage } = true;

const modules: MessageModule[] = [];
const texts: Record<'en-US' | 'zh-CN', Record<string, string>> = { 'en-US': {}, 'zh-CN': {} };

/**
 * The catalogues, filled as message modules load (`defineMessages` registers its module). A
 * feature's module loads with its feature (`messages` of `defineFeature`, listed once in
 * src/features/index.ts); tests/i18n/catalogues.test.ts checks that loading the features loads
 * every module in the tree.
 */
export const enUS = texts['en-US'] as Catalogue;
export const zhCN = texts['zh-CN'] as Catalogue;

export function registerMessages(module: MessageModule): void {
  for (const key of Object.keys(module['en-US'])) {
    if (key in texts['en-US']) throw new Error(`message key ${key} is defined in two modules`);
  }
  modules.push(module);
  Object.assign(texts['en-US'], module['en-US']);
  Object.assign(texts['zh-CN'], module['zh-CN']);
}

/** The modules loaded so far, in load order. */
export function messageModules(): readonly MessageModule[] {
  return modules;
}
