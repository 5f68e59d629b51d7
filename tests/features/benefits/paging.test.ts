import { cardBytes, MAX_CARD_BYTES } from '../../../src/cards';
import type { BenefitsSnapshot } from '../../../src/domain/benefits';
import type { Benefit, BenefitPackage, Member } from '../../../src/domain/model';
import { translator } from '../../../src/i18n';
import { benefitsCategoryView, PAGE_SIZE, type BenefitsContext } from '../../../src/features/benefits/views';
import { cardButtons, cardText } from '../../support/testApp';
import { renderBenefitsList } from '../../../src/features/benefits/views';

const TENANT = 'd0c0ffee-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-24T09:00:00Z');
const ADMIN: Member = {
  type: 'member',
  id: 'member:a0000000-0000-4000-8000-000000000001',
  tenantId: TENANT,
  aadObjectId: 'a0000000-0000-4000-8000-000000000001',
  name: 'Avery Chen',
  roles: ['GlobalAdmin'],
  guest: false,
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
};

const pkg: BenefitPackage = {
  type: 'package',
  id: 'package:gold',
  tenantId: TENANT,
  name: 'Gold core benefits',
  offerType: 'gold',
  purchasedOn: '2026-11-01',
  expiresOn: '2027-11-01',
  status: 'active',
};

/** A big organisation: 40 software benefits with long names and instructions, 3 products each. */
const many: Benefit[] = Array.from({ length: 40 }, (_, i) => ({
  type: 'benefit',
  id: `benefit:software-${i}`,
  tenantId: TENANT,
  packageId: pkg.id,
  name: `Software bundle ${i} ${'with a rather long descriptive name '.repeat(3)}`,
  benefitType: 'core',
  quantity: 10,
  expiresOn: '2027-11-01',
  details: {
    category: 'software',
    products: Array.from({ length: 3 }, (_, j) => ({
      productId: `p-${i}-${j}`,
      name: `Product ${i}.${j} Enterprise Edition`,
      languages: ['en-US', 'zh-CN', 'de-DE', 'fr-FR', 'ja-JP'],
      osTypes: ['x64', 'x86', 'ARM64'],
      downloadUrl: `https://my.visualstudio.com/Downloads?q=product-${i}-${j}`,
      instructions: 'Install the prerequisites first, then run setup and enter the key when asked. '.repeat(
        4,
      ),
      keys: [{ language: 'en-US', osType: 'x64', key: 'H7BC7-8G4WX-HWV3K-D9B32-CG6WP' }],
    })),
  },
}));

const snapshot: BenefitsSnapshot = {
  tenantId: TENANT,
  packages: [pkg],
  benefits: many,
  pools: [],
  assignments: [],
  members: [ADMIN],
};

describe.each(['en-US', 'zh-CN'] as const)('a long category in %s', (locale) => {
  const ctx: BenefitsContext = {
    tr: translator(locale),
    actor: { tenantId: TENANT, aadObjectId: ADMIN.aadObjectId, roles: ADMIN.roles },
    tenantName: 'Contoso Partner Ltd.',
    now: NOW,
    snapshot,
  };
  const items = 40 * 3;
  const pages = Math.ceil(items / PAGE_SIZE);

  it('pages so that every page stays under the Teams card limit', () => {
    for (let page = 0; page < pages; page++) {
      const card = renderBenefitsList(benefitsCategoryView(ctx, 'software', page));
      expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
      expect(JSON.stringify(card)).not.toContain('${');
      expect(JSON.stringify(card)).not.toContain('H7BC7');
    }
  });

  it('offers Next on the first page, Previous on the last, and says where you are', () => {
    const tr = translator(locale);
    const first = renderBenefitsList(benefitsCategoryView(ctx, 'software', 0));
    expect(cardButtons(first)).toContain(tr.t('benefits.next'));
    expect(cardButtons(first)).not.toContain(tr.t('benefits.previous'));
    expect(cardText(first)).toContain(tr.t('benefits.page', { page: 1, pages }));
    const last = renderBenefitsList(benefitsCategoryView(ctx, 'software', pages - 1));
    expect(cardButtons(last)).toContain(tr.t('benefits.previous'));
    expect(cardButtons(last)).not.toContain(tr.t('benefits.next'));
    expect(JSON.stringify(last)).toContain(`"page":${pages - 2}`);
  });

  it('shows the last page for a page number past the end', () => {
    const beyond = renderBenefitsList(benefitsCategoryView(ctx, 'software', 999));
    expect(cardText(beyond)).toContain(translator(locale).t('benefits.page', { page: pages, pages }));
  });
});
