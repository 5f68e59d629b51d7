import { registerMessages } from './catalogues';

/**
 * A message module: the en-US texts define the keys; zh-CN must have exactly the same keys
 * (missing or extra keys are compile errors). `{name}` placeholders are filled by `t()`. The
 * module registers itself in the catalogues when it loads; its keys join `MessageKey` through
 * its `MessageRegistry` declaration (see src/i18n/catalogues.ts).
 */
export function defineMessages<const E extends Record<string, string>>(
  en: E,
  zh: { [K in keyof E]: string },
): { 'en-US': E; 'zh-CN': { [K in keyof E]: string } } {
  const module = { 'en-US': en, 'zh-CN': zh };
  registerMessages(module);
  return module;
}
