import { programmeStanding, type TechnicalBenefit } from '../../../src/domain/activation';
import type { Membership } from '../../../src/domain/model';
import { supportOverview } from '../../../src/domain/support';
import { SUPPORT_CATALOGUE } from '../../../src/domain/supportCatalogue';
import { cardBytes, MAX_CARD_BYTES } from '../../../src/cards';
import { translator } from '../../../src/i18n';
import { supportCard, SUPPORT_PAGE_SIZE } from '../../../src/features/support/views';
import { cardButtons, cardText } from '../../support/testApp';

const TENANT = 'd0c0ffee-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-24T09:00:00Z');
const silver: Membership = {
  type: 'membership',
  id: 'membership',
  tenantId: TENANT,
  partnerId: '4411223',
  level: 'competency',
  competencies: [{ area: 'Application Development', tier: 'silver' }],
  status: 'active',
};

const many = (n: number): TechnicalBenefit[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'benefit',
    id: `benefit:onprem-${i}`,
    tenantId: TENANT,
    packageId: 'package:p',
    name: `On-premises incidents, package ${String(i + 1).padStart(2, '0')} ${'with a long name '.repeat(4)}`,
    benefitType: 'core',
    quantity: 15,
    expiresOn: '2027-01-01',
    details: {
      category: 'technical',
      kind: 'onPremisesIncidents',
      allowance: 15,
      used: 0,
      unit: 'incidents',
      status: 'active',
      accessId: `AID-4411223-${String(i).padStart(2, '0')}`,
      contractId: `CID-1000000${i}`,
    },
  }));

describe('the technical benefits card', () => {
  const overview = supportOverview(programmeStanding(silver, SUPPORT_CATALOGUE), many(7), NOW, 3);
  const input = { overview, tenantName: 'Contoso', canActivate: true, canComplete: false, delayDays: 3 };

  it.each(['en-US', 'zh-CN'] as const)('pages a long list and stays small (%s)', (locale) => {
    const tr = translator(locale);
    const first = supportCard(tr, input);
    const second = supportCard(tr, { ...input, page: 1 });
    const ids = (card: unknown) => cardText(card).filter((l) => l.includes('AID-'));
    expect(ids(first)).toHaveLength(SUPPORT_PAGE_SIZE * 1);
    expect(ids(second)).toHaveLength(7 - SUPPORT_PAGE_SIZE);
    expect(cardButtons(first)).toContain(tr.t('support.button.next'));
    expect(cardButtons(first)).not.toContain(tr.t('support.button.previous'));
    expect(cardButtons(second)).toContain(tr.t('support.button.previous'));
    expect(cardText(first).join('\n')).toContain(tr.t('support.page', { page: 1, pages: 2 }));
    expect(cardBytes(first)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('clamps a page number beyond the end to the last page', () => {
    const card = supportCard(translator('en-US'), { ...input, page: 40 });
    expect(cardText(card).join('\n')).toContain('Page 2 of 2');
  });
});

describe('choices of the guided support request', () => {
  // Teams cuts hero-card button titles at about 25 characters.
  it.each(['en-US', 'zh-CN'] as const)('fit on a Teams button (%s)', (locale) => {
    const tr = translator(locale);
    const titles = [
      tr.t('support.request.need.breakFix'),
      tr.t('support.request.need.advisory'),
      ...SUPPORT_CATALOGUE.productFamilies.map((f) => f.label[locale]),
    ];
    for (const title of titles) expect([title, title.length <= 24]).toEqual([title, true]);
  });
});

describe('presales and deployment help is not a second allowance', () => {
  const tech = (kind: 'presalesDeployment' | 'advisoryHours', used: number): TechnicalBenefit => ({
    type: 'benefit',
    id: `benefit:${kind}`,
    tenantId: TENANT,
    packageId: 'package:p',
    name: kind === 'advisoryHours' ? 'Partner advisory hours' : 'Presales and deployment',
    benefitType: 'core',
    quantity: 5,
    expiresOn: '2027-01-01',
    details: { category: 'technical', kind, allowance: 5, used, unit: 'hours', status: 'active' },
  });
  const card = (m: Membership) =>
    cardText(
      supportCard(translator('en-US'), {
        overview: supportOverview(
          programmeStanding(m, SUPPORT_CATALOGUE),
          [tech('presalesDeployment', 0), tech('advisoryHours', 2)],
          NOW,
          3,
        ),
        tenantName: 'Contoso',
        canActivate: false,
        canComplete: false,
        delayDays: 3,
      }),
    ).join('\n');

  it('for Action Pack, comes out of the advisory hours (what is left of those is shown)', () => {
    const text = card({ ...silver, level: 'actionPack', competencies: [] });
    expect(text).toContain(
      'Not a separate allowance: hours used come out of your Advisory hours (3 of 5 hours left)',
    );
    expect(text).toContain('3 of 5 hours left');
  });

  it('for Silver, is unlimited', () => {
    const text = card(silver);
    expect(text).toContain('Unlimited at your level: not counted against any allowance');
    expect(text).not.toContain('Advisory hours (');
  });
});
