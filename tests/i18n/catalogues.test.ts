import { ACTIONS } from '../../src/domain/policy';
import { ROLES } from '../../src/domain/roles';
import { CATALOGUES, resolveLocale, t } from '../../src/i18n';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageModules, registerMessages, type MessageModule } from '../../src/i18n/catalogues';
import { FEATURES } from '../../src/features';

const SRC = join(__dirname, '../../src');

/** Every file of src/ that defines a message module. */
function filesDefiningMessages(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesDefiningMessages(path);
    if (!e.name.endsWith('.ts') || e.name === 'define.ts') return [];
    return /= defineMessages\(/.test(readFileSync(path, 'utf8')) ? [path] : [];
  });
}

describe('message catalogues', () => {
  it('have exactly the same keys in en-US and zh-CN, none empty', () => {
    const en = Object.keys(CATALOGUES['en-US']).sort();
    expect(Object.keys(CATALOGUES['zh-CN']).sort()).toEqual(en);
    for (const cat of Object.values(CATALOGUES))
      for (const v of Object.values(cat)) expect(v.trim()).not.toBe('');
  });

  it('hold every message module of the tree once the features are listed (none forgotten)', async () => {
    expect(FEATURES.length).toBeGreaterThan(0);
    const loaded = new Set(messageModules());
    const files = filesDefiningMessages();
    expect(files.length).toBeGreaterThanOrEqual(15);
    for (const file of files) {
      const exported = Object.values((await import(file)) as Record<string, unknown>).filter(
        (v): v is MessageModule => typeof v === 'object' && v !== null && 'en-US' in v,
      );
      expect([file, exported.length]).toEqual([file, 1]);
      expect([file, loaded.has(exported[0])]).toEqual([file, true]);
    }
  });

  it('refuse a key that a second module defines again', () => {
    const taken = Object.keys(messageModules()[0]['en-US'])[0];
    expect(() => registerMessages({ 'en-US': { [taken]: 'again' }, 'zh-CN': { [taken]: '再次' } })).toThrow(
      `message key ${taken} is defined in two modules`,
    );
    expect(CATALOGUES['en-US'][taken as keyof (typeof CATALOGUES)['en-US']]).not.toBe('again');
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, en] of Object.entries(CATALOGUES['en-US'])) {
      expect([key, names(CATALOGUES['zh-CN'][key as keyof (typeof CATALOGUES)['en-US']])]).toEqual([
        key,
        names(en),
      ]);
    }
  });

  it('name every role and every act of the policy table', () => {
    for (const cat of Object.values(CATALOGUES)) {
      for (const r of ROLES) expect(cat).toHaveProperty([`role.${r}`]);
      for (const a of ACTIONS) expect(cat).toHaveProperty([`action.${a}`]);
    }
  });

  it('maps Teams locales to the two we speak', () => {
    expect(resolveLocale('zh-CN')).toBe('zh-CN');
    expect(resolveLocale('zh-cn')).toBe('zh-CN');
    expect(resolveLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(resolveLocale('en-GB')).toBe('en-US');
    expect(resolveLocale(undefined)).toBe('en-US');
  });

  it('fills placeholders', () => {
    expect(t('en-US', 'roles.subtitle', { name: 'Eli', tenant: 'Contoso' })).toBe('Eli · Contoso');
  });
});
