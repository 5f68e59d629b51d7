import { ACTIONS } from '../../src/domain/policy';
import { ROLES } from '../../src/domain/roles';
import { CATALOGUES, resolveLocale, t } from '../../src/i18n';
import { MESSAGE_MODULES } from '../../src/i18n/catalogues';

describe('message catalogues', () => {
  it('have exactly the same keys in en-US and zh-CN, none empty', () => {
    const en = Object.keys(CATALOGUES['en-US']).sort();
    expect(Object.keys(CATALOGUES['zh-CN']).sort()).toEqual(en);
    for (const cat of Object.values(CATALOGUES))
      for (const v of Object.values(cat)) expect(v.trim()).not.toBe('');
  });

  it('define each key in one message module only', () => {
    const seen = new Set<string>();
    for (const m of MESSAGE_MODULES) {
      for (const key of Object.keys(m['en-US'])) {
        expect(seen.has(key) ? key : 'unique').toBe('unique');
        seen.add(key);
      }
    }
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
