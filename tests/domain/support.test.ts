import {
  completesAt,
  isDue,
  programmeStanding,
  type Standing,
  type TechnicalBenefit,
  type GtmBenefit,
} from '../../src/domain/activation';
import type { AuditLog } from '../../src/domain/audit';
import { RuleViolation } from '../../src/domain/errors';
import {
  checkContact,
  completeGtm,
  GoToMarket,
  gtmEligibility,
  gtmState,
  normalisePhone,
} from '../../src/domain/gtm';
import type { Repositories } from '../../src/domain/repositories';
import type { Membership } from '../../src/domain/model';
import {
  adviseSupportRequest,
  completeTechnical,
  SupportBenefits,
  supportOverview,
  technicalEligibility,
  technicalState,
} from '../../src/domain/support';
import {
  parseSupportCatalogue,
  SUPPORT_CATALOGUE,
  type TechnicalKind,
} from '../../src/domain/supportCatalogue';

const TENANT = 'd0c0ffee-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-24T09:00:00Z');

function membership(patch: Partial<Membership>): Membership {
  return {
    type: 'membership',
    id: 'membership',
    tenantId: TENANT,
    partnerId: '4411223',
    level: 'competency',
    competencies: [{ area: 'Application Development', tier: 'silver' }],
    status: 'active',
    accountEmail: 'partners@contoso.example',
    ...patch,
  };
}

const LEVELS: Record<string, Membership> = {
  'Network membership': membership({ level: 'network', competencies: [] }),
  'Action Pack': membership({ level: 'actionPack', competencies: [] }),
  'Silver competency': membership({}),
  'Gold competency': membership({
    competencies: [
      { area: 'Application Development', tier: 'silver' },
      { area: 'Cloud Platform', tier: 'gold' },
    ],
  }),
};

const standingOf = (level: string): Standing => programmeStanding(LEVELS[level], SUPPORT_CATALOGUE);

function technical(kind: TechnicalKind, patch: Partial<TechnicalBenefit['details']> = {}): TechnicalBenefit {
  return {
    type: 'benefit',
    id: `benefit:${kind}`,
    tenantId: TENANT,
    packageId: 'package:silver-core',
    name: `Benefit ${kind}`,
    benefitType: 'core',
    quantity: 1,
    expiresOn: '2027-01-03',
    details: {
      category: 'technical',
      kind,
      allowance: 15,
      used: 2,
      unit: kind === 'presalesDeployment' || kind === 'advisoryHours' ? 'hours' : 'incidents',
      status: 'notActivated',
      ...patch,
    },
  };
}

function gtmBenefit(offer: string, patch: Partial<GtmBenefit['details']> = {}): GtmBenefit {
  return {
    type: 'benefit',
    id: `benefit:gtm-${offer.toLowerCase().replace(/\W+/g, '-')}`,
    tenantId: TENANT,
    packageId: 'package:silver-core',
    name: offer,
    benefitType: 'core',
    quantity: 1,
    expiresOn: '2027-01-03',
    details: { category: 'gtm', offer, status: 'notActivated', ...patch },
  };
}

describe('technical benefit eligibility by membership level', () => {
  // What DOMAIN.md publishes, written out independently of the catalogue: allowance, or null = not
  // available. Presales and deployment help is not a second allowance: unlimited for Silver and
  // Gold, and for Action Pack it uses the advisory hours (so what it shows is theirs).
  type Expected = number | null | 'unlimited' | { deductedFrom: TechnicalKind; hours: number };
  const MATRIX: [string, TechnicalKind, Expected][] = [
    ['Network membership', 'cloudSignatureSupport', null],
    ['Network membership', 'onPremisesIncidents', null],
    ['Network membership', 'presalesDeployment', null],
    ['Action Pack', 'cloudSignatureSupport', null],
    ['Action Pack', 'onPremisesIncidents', 10],
    ['Action Pack', 'presalesDeployment', { deductedFrom: 'advisoryHours', hours: 5 }],
    ['Action Pack', 'advisoryHours', 5],
    ['Silver competency', 'cloudSignatureSupport', 5],
    ['Silver competency', 'onPremisesIncidents', 15],
    ['Silver competency', 'presalesDeployment', 'unlimited'],
    ['Silver competency', 'advisoryHours', 20],
    ['Gold competency', 'cloudSignatureSupport', 10],
    ['Gold competency', 'onPremisesIncidents', 20],
    ['Gold competency', 'presalesDeployment', 'unlimited'],
    ['Gold competency', 'advisoryHours', 50],
  ];

  it.each(MATRIX)('%s → %s: %p', (level, kind, allowance) => {
    const e = technicalEligibility(kind, standingOf(level));
    if (allowance === null) expect(e.eligible).toBe(false);
    else if (allowance === 'unlimited')
      expect(e).toMatchObject({ eligible: true, rule: { kind: 'unlimited' } });
    else if (typeof allowance === 'object')
      expect(e).toEqual({
        eligible: true,
        allowance: allowance.hours,
        rule: { kind: 'deducted', from: allowance.deductedFrom },
      });
    else expect(e).toEqual({ eligible: true, allowance, rule: { kind: 'count' } });
  });

  it('says cloud signature support is unlocked by a Silver or Gold competency, never by Action Pack', () => {
    const e = technicalEligibility('cloudSignatureSupport', standingOf('Action Pack'));
    expect(e.eligible).toBe(false);
    expect(e.eligible === false && e.reason).toBe('tier');
    expect(e.eligible === false && 'unlockTiers' in e && e.unlockTiers.map((t) => t.id)).toEqual([
      'gold',
      'silver',
    ]);
  });

  it('treats a membership that is missing, not active yet or without a tier as no standing, with the reason', () => {
    expect(programmeStanding(undefined, SUPPORT_CATALOGUE)).toEqual({ ok: false, reason: 'noMembership' });
    expect(programmeStanding(membership({ status: 'underReview' }), SUPPORT_CATALOGUE)).toMatchObject({
      ok: false,
      reason: 'notActive',
    });
    expect(
      programmeStanding(membership({ level: 'competency', competencies: [] }), SUPPORT_CATALOGUE),
    ).toMatchObject({
      ok: false,
      reason: 'noTier',
    });
    const e = technicalEligibility('onPremisesIncidents', programmeStanding(undefined, SUPPORT_CATALOGUE));
    expect(e).toMatchObject({ eligible: false, reason: 'noMembership' });
  });

  it('takes the best competency tier held (one Gold competency makes the organisation Gold)', () => {
    const s = standingOf('Gold competency');
    expect(s.ok && s.tier.id).toBe('gold');
  });

  it('uses the published allowance for the tier when counting what remains', () => {
    const s = technicalState(
      technical('onPremisesIncidents', { allowance: 99, used: 4 }),
      standingOf('Gold competency'),
      NOW,
      3,
    );
    expect(s.allowance).toBe(20);
    expect(s.remaining).toBe(16);
  });

  it('lists the kinds a tier does not include, with what would unlock them', () => {
    const o = supportOverview(standingOf('Action Pack'), [technical('onPremisesIncidents')], NOW, 3);
    expect(o.locked.map((l) => l.entry.kind)).toEqual(['cloudSignatureSupport']);
  });

  it('is data: a catalogue where Action Pack gets cloud support makes it eligible, and a bad catalogue is refused', () => {
    const raw = JSON.parse(JSON.stringify(SUPPORT_CATALOGUE)) as typeof SUPPORT_CATALOGUE;
    raw.technical[0].allowances.actionPack = 2;
    const changed = parseSupportCatalogue(raw);
    expect(technicalEligibility('cloudSignatureSupport', standingOf('Action Pack'), changed)).toEqual({
      eligible: true,
      allowance: 2,
      rule: { kind: 'count' },
    });
    raw.technical[0].allowances.platinum = 1;
    expect(() => parseSupportCatalogue(raw)).toThrow(/unknown tier platinum/);
  });
});

describe('activation lifecycle with a fixed clock', () => {
  const requestedOn = '2026-11-24T09:00:00.000Z';
  const pending = technical('presalesDeployment', { status: 'pending', requestedOn });

  it('stays pending until the delay has passed, then reads as active', () => {
    const silver = standingOf('Silver competency');
    expect(technicalState(pending, silver, new Date('2026-11-27T08:59:59Z'), 3).status).toBe('pending');
    expect(technicalState(pending, silver, new Date('2026-11-27T09:00:00Z'), 3).status).toBe('active');
    expect(completesAt(requestedOn, 3).toISOString()).toBe('2026-11-27T09:00:00.000Z');
  });

  it('honours a configured delay (0 days completes at once)', () => {
    expect(isDue(pending.details, new Date(requestedOn), 0)).toBe(true);
    expect(isDue(pending.details, new Date('2026-11-30T09:00:00Z'), 7)).toBe(false);
  });

  it('completes with an Access ID and a Contract ID shaped like the programme’s, keeping ids already given', () => {
    const done = completeTechnical(pending, '2026-11-27', '4411223', {
      accessId: (p) => `AID-${p}-07`,
      contractId: () => 'CID-12345678',
    });
    expect(done.details).toMatchObject({
      status: 'active',
      activatedOn: '2026-11-27',
      accessId: 'AID-4411223-07',
      contractId: 'CID-12345678',
    });
    const again = completeTechnical(done, '2026-11-30', '4411223', {
      accessId: () => 'other',
      contractId: () => 'other',
    });
    expect(again.details.accessId).toBe('AID-4411223-07');
  });

  it('gives an activated Go-To-Market offer its own expiry date from the day activation completed', () => {
    const offer = gtmBenefit('Silver core', { status: 'pending', requestedOn });
    const silver = standingOf('Silver competency');
    const before = gtmState(offer, silver, new Date('2026-11-28T09:00:00Z'), 5);
    expect(before.status).toBe('pending');
    expect(before.completesOn).toBe('2026-11-29');
    const after = gtmState(offer, silver, new Date('2026-12-01T09:00:00Z'), 5);
    expect(after).toMatchObject({ status: 'active', expiresOn: '2027-11-29' });
    const done = completeGtm(offer, '2026-11-29');
    expect(done.expiresOn).toBe('2027-11-29');
    expect(done.details).toMatchObject({ status: 'active', activatedOn: '2026-11-29' });
  });
});

describe('which support fits a request', () => {
  const silver = standingOf('Silver competency');
  const states = (bs: TechnicalBenefit[], standing = silver) =>
    supportOverview(standing, bs, NOW, 3).benefits;
  const family = (id: string) => SUPPORT_CATALOGUE.productFamilies.find((f) => f.id === id)!;
  const onPremActive = technical('onPremisesIncidents', {
    status: 'active',
    accessId: 'AID-4411223-01',
    contractId: 'CID-88412097',
  });

  it('gives the ids of the on-premises benefit for a broken on-premises product', () => {
    const a = adviseSupportRequest('breakFix', family('onPremises'), states([onPremActive]), silver);
    expect(a).toMatchObject({ outcome: 'useIds', accessId: 'AID-4411223-01', contractId: 'CID-88412097' });
    expect(a.entry.kind).toBe('onPremisesIncidents');
  });

  it('says which benefit to activate first for Azure (non-CSP) when it is not active', () => {
    const a = adviseSupportRequest(
      'breakFix',
      family('azure'),
      states([onPremActive, technical('cloudSignatureSupport')]),
      silver,
    );
    expect(a.outcome).toBe('activateFirst');
    expect(a.state?.benefit.id).toBe('benefit:cloudSignatureSupport');
  });

  it('needs no ids for Azure bought through CSP', () => {
    const a = adviseSupportRequest(
      'breakFix',
      family('azureCsp'),
      states([technical('cloudSignatureSupport')]),
      silver,
    );
    expect(a.outcome).toBe('noIdsNeeded');
  });

  it('sends advice requests to presales and deployment services, with the ids once active', () => {
    const presales = technical('presalesDeployment', {
      status: 'active',
      accessId: 'AID-1-01',
      contractId: 'CID-2',
    });
    const a = adviseSupportRequest('advisory', family('dynamics'), states([onPremActive, presales]), silver);
    expect(a).toMatchObject({ outcome: 'useIds', accessId: 'AID-1-01' });
    expect(a.entry.kind).toBe('presalesDeployment');
  });

  it('tells an Action Pack partner that cloud support is not part of their level', () => {
    const ap = standingOf('Action Pack');
    const a = adviseSupportRequest(
      'breakFix',
      family('dynamics'),
      states([technical('onPremisesIncidents')], ap),
      ap,
    );
    expect(a.outcome).toBe('ineligible');
  });
});

describe('marketing contact rules', () => {
  const person = { aadObjectId: 'a0000000-0000-4000-8000-000000000004', name: 'Dana Zhou' };
  const ctx = { person, membership: membership({}), languages: SUPPORT_CATALOGUE.contactLanguages };
  const good = {
    aadObjectId: person.aadObjectId,
    email: 'Marketing@Contoso.example',
    phone: '+86 21 5555 0100',
    language: 'zh-Hans',
  };

  it.each([
    ['+86 21 5555 0100', '+862155550100'],
    ['+1 (425) 555-0100', '+14255550100'],
    ['0044 20 7946 0958', '+442079460958'],
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['021 5555 0100', undefined],
    ['+86 21 5555 01OO', undefined],
    ['+0 123 4567 890', undefined],
    ['+1234567', undefined],
    ['+1 2345 6789 0123 4567', undefined],
  ])('normalises the phone number %s to %p', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it('accepts a complete contact, normalising email and phone', () => {
    expect(checkContact(good, ctx)).toEqual({
      ok: true,
      value: {
        ...person,
        email: 'marketing@contoso.example',
        phone: '+862155550100',
        phoneAsTyped: '+86 21 5555 0100',
        language: 'zh-Hans',
      },
    });
  });

  it('refuses the partner account’s own email, whatever its case', () => {
    const r = checkContact({ ...good, email: ' PARTNERS@contoso.example ' }, ctx);
    expect(r.ok === false && r.problems).toEqual([
      {
        field: 'email',
        key: 'gtm.contact.emailSameAsAccount',
        params: { email: 'partners@contoso.example' },
      },
    ]);
  });

  it('lists every problem at once', () => {
    const r = checkContact(
      { aadObjectId: 'x', email: 'nope', phone: '12', language: '' },
      { ...ctx, person: undefined },
    );
    expect(r.ok === false && r.problems.map((p) => p.key)).toEqual([
      'gtm.contact.personNotInDirectory',
      'gtm.contact.emailInvalid',
      'gtm.contact.phoneInvalid',
      'gtm.contact.languageMissing',
    ]);
  });

  it('refuses a language that is not on the list', () => {
    const r = checkContact({ ...good, language: 'tlh' }, ctx);
    expect(r.ok === false && r.problems.map((p) => p.key)).toEqual(['gtm.contact.languageUnknown']);
  });
});

describe('Go-To-Market offers by level and competency', () => {
  it.each([
    ['Silver competency', 'Silver core', true],
    ['Silver competency', 'Gold core', false],
    ['Gold competency', 'Gold core', true],
    ['Gold competency', 'Silver core', false],
    ['Silver competency', 'ISV co-sell ready', true],
    ['Action Pack', 'ISV co-sell ready', false],
    ['Action Pack', 'Silver core', false],
  ])('%s may activate %s: %p', (level, offer, eligible) => {
    expect(gtmEligibility(offer, standingOf(level)).eligible).toBe(eligible);
  });

  it('needs a competency in an ISV area for ISV co-sell ready', () => {
    const s = programmeStanding(
      membership({ competencies: [{ area: 'Small and Midmarket Cloud Solutions', tier: 'silver' }] }),
      SUPPORT_CATALOGUE,
    );
    expect(gtmEligibility('ISV co-sell ready', s)).toMatchObject({ eligible: false, reason: 'competency' });
  });

  it('does not offer what the catalogue does not know', () => {
    expect(gtmEligibility('Platinum lunch', standingOf('Gold competency'))).toEqual({
      eligible: false,
      reason: 'unknownOffer',
    });
  });
});

describe('completing an activation by hand', () => {
  it('is refused outside local mode, before anything is read or written', async () => {
    const untouched = new Proxy(
      {},
      {
        get: () => {
          throw new Error('the store must not be used');
        },
      },
    );
    const settings = { supportDays: 3, gtmDays: 5, manualCompletion: false };
    const actor = {
      tenantId: TENANT,
      aadObjectId: 'a0000000-0000-4000-8000-000000000004',
      roles: ['MpnPartnerAdmin'] as const,
    };
    const support = new SupportBenefits(
      untouched as Repositories,
      untouched as AuditLog,
      { now: () => NOW },
      settings,
    );
    await expect(support.complete(actor, 'benefit:presales')).rejects.toEqual(
      new RuleViolation('support.complete.localOnly'),
    );
    const gtm = new GoToMarket(
      untouched as Repositories,
      untouched as AuditLog,
      { now: () => NOW },
      settings,
    );
    await expect(gtm.complete(actor, 'benefit:gtm-silver-core')).rejects.toEqual(
      new RuleViolation('support.complete.localOnly'),
    );
  });
});

describe('Go-To-Market offer terms come from the catalogue', () => {
  const gtmBenefit = (offer: string) =>
    ({
      type: 'benefit',
      id: 'benefit:gtm-x',
      tenantId: 'd0c0ffee-0000-4000-8000-000000000001',
      packageId: 'package:silver-core',
      name: offer,
      benefitType: 'core',
      quantity: 1,
      expiresOn: '2027-01-31',
      details: { category: 'gtm', offer, status: 'pending', requestedOn: '2026-11-20T09:00:00Z' },
    }) as Parameters<typeof completeGtm>[0];
  const withTerm = (days: number) => {
    const raw = JSON.parse(JSON.stringify(SUPPORT_CATALOGUE)) as typeof SUPPORT_CATALOGUE;
    raw.gtmOffers[0].termDays = days;
    return parseSupportCatalogue(raw);
  };

  it('runs for the catalogue’s term from activation (180 days here, not a fixed 365)', () => {
    const done = completeGtm(gtmBenefit(SUPPORT_CATALOGUE.gtmOffers[0].offer), '2026-11-24', withTerm(180));
    expect(done.expiresOn).toBe('2027-05-23');
    expect(
      completeGtm(gtmBenefit(SUPPORT_CATALOGUE.gtmOffers[0].offer), '2026-11-24', withTerm(365)).expiresOn,
    ).toBe('2027-11-24');
  });

  it('keeps the offer’s own date when the catalogue no longer lists the offer (no invented term)', () => {
    expect(completeGtm(gtmBenefit('Retired offer'), '2026-11-24').expiresOn).toBe('2027-01-31');
  });
});
