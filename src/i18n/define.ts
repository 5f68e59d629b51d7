/**
 * A message module: the en-US texts define the keys; zh-CN must have exactly the same keys
 * (missing or extra keys are compile errors). `{name}` placeholders are filled by `t()`.
 */
export function defineMessages<const E extends Record<string, string>>(
  en: E,
  zh: { [K in keyof E]: string },
): { 'en-US': E; 'zh-CN': { [K in keyof E]: string } } {
  return { 'en-US': en, 'zh-CN': zh };
}
