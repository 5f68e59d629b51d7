import { readFileSync } from 'node:fs';
import { inLanguage } from '../../src/features/benefits/cards';
import { seedDocuments } from '../../src/domain/seed';
import { CONTOSO } from '../support/people';
import { FIXED_NOW } from '../support/testApp';

/** Issue 15: catalogue text people read (package, benefit and product names, install notes) exists in both languages. */
const raw = () =>
  JSON.parse(readFileSync('data/demo.json', 'utf8')) as {
    tenants: {
      packages: {
        nameZh?: string;
        benefits: {
          nameZh?: string;
          details: { products?: { nameZh?: string; instructionsZh?: string }[] };
        }[];
      }[];
    }[];
  };
const HAN = /\p{Script=Han}/u;

describe('the catalogue in both languages', () => {
  it('has a Chinese name for every package, benefit and product and Chinese notes for every install note', () => {
    const docs = seedDocuments(raw(), FIXED_NOW);
    expect(docs.packages.filter((p) => !p.nameZh).map((p) => p.name)).toEqual([]);
    expect(docs.benefits.filter((b) => !b.nameZh).map((b) => b.name)).toEqual([]);
    const products = docs.benefits.flatMap((b) =>
      b.details.category === 'software' ? b.details.products : [],
    );
    expect(products.filter((p) => !p.nameZh).map((p) => p.name)).toEqual([]);
    expect(products.filter((p) => p.instructions && !p.instructionsZh).map((p) => p.name)).toEqual([]);
    // Notes really are Chinese, not a copy of the English.
    expect(
      products.filter((p) => p.instructionsZh && !HAN.test(p.instructionsZh)).map((p) => p.name),
    ).toEqual([]);
  });

  it.each([
    ['a package name', (d: ReturnType<typeof raw>) => delete d.tenants[0].packages[0].nameZh],
    ['a benefit name', (d: ReturnType<typeof raw>) => delete d.tenants[0].packages[0].benefits[0].nameZh],
    [
      'a product name',
      (d: ReturnType<typeof raw>) => delete d.tenants[0].packages[0].benefits[0].details.products![0].nameZh,
    ],
    [
      'an install note',
      (d: ReturnType<typeof raw>) =>
        delete d.tenants[0].packages[0].benefits[0].details.products![0].instructionsZh,
    ],
  ])('refuses a catalogue missing the Chinese of %s', (_what, drop) => {
    const data = raw();
    drop(data);
    expect(() => seedDocuments(data, FIXED_NOW)).toThrow(/nameZh|instructionsZh|Chinese/);
  });

  it('shows a Chinese reader the Chinese names and notes, and an English reader the English', () => {
    const docs = seedDocuments(raw(), FIXED_NOW);
    const snapshot = {
      tenantId: CONTOSO,
      packages: docs.packages.filter((p) => p.tenantId === CONTOSO),
      benefits: docs.benefits.filter((b) => b.tenantId === CONTOSO),
      pools: [],
      assignments: [],
      members: [],
    };
    const zh = inLanguage(snapshot, 'zh-CN');
    expect(zh.packages.map((p) => p.name)).toContain('银牌能力核心权益（应用开发）');
    const server = zh.benefits.find((b) => b.id === 'benefit:windows-server');
    expect(server?.name).toBe('Windows Server 2022 数据中心版');
    expect(JSON.stringify(server?.details)).toContain('仅限内部服务器使用');
    expect(inLanguage(snapshot, 'en-US')).toBe(snapshot);
  });
});
