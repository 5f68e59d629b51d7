import { AuditLog } from '../../src/domain/audit';
import { Authorizer } from '../../src/domain/authorizer';
import { RuleViolation } from '../../src/domain/errors';
import type { Repositories } from '../../src/domain/repositories';
import {
  applyForCompetency,
  decideApplication,
  activate,
  addMonths,
  allOffers,
  membershipExpired,
  membershipLapsed,
  offerEligibility,
  renew,
  renewalDue,
  renewalWindow,
  upgrade,
  type Holdings,
} from '../../src/domain/membership';
import {
  MEMBERSHIP_CATALOGUE as catalogue,
  membershipCatalogueSchema,
} from '../../src/domain/membershipCatalogue';
import type { BenefitPackage, Membership } from '../../src/domain/model';
import { CONTOSO } from '../support/people';

/** The refusal a rule throws (fails the test when nothing is thrown). */
function refusal(act: () => unknown): unknown {
  try {
    act();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
}

const day = (iso: string) => new Date(`${iso}T10:00:00Z`);

const membership = (over: Partial<Membership> = {}): Membership => ({
  type: 'membership',
  id: 'membership',
  tenantId: CONTOSO,
  level: 'network',
  competencies: [],
  status: 'active',
  enrolledOn: '2026-01-01',
  expiresOn: '2026-12-31',
  ...over,
});

const actionPackPackage = (over: Partial<BenefitPackage> = {}): BenefitPackage => ({
  type: 'package',
  id: 'package:action-pack',
  tenantId: CONTOSO,
  name: 'Action Pack subscription',
  offerType: 'actionPack',
  purchasedOn: '2026-03-01',
  expiresOn: '2027-02-28',
  status: 'active',
  ...over,
});

const APPLICANT = 'a0000000-0000-4000-8000-000000000004';

const held = (m: Membership | undefined, packages: BenefitPackage[] = []): Holdings => ({
  membership: m,
  packages,
});

describe('the renewal window (open 90 days before the anniversary until 30 days after it)', () => {
  const m = membership({ expiresOn: '2026-12-31' });
  it.each([
    ['91 days before', '2026-09-30', 'notYetOpen'],
    ['90 days before', '2026-10-02', 'open'],
    ['on the anniversary', '2026-12-31', 'open'],
    ['30 days after', '2027-01-30', 'open'],
    ['31 days after', '2027-01-31', 'closed'],
  ])('%s (%s) is %s', (_label, today, state) => {
    expect(renewalWindow(catalogue, m, day(today)).state).toBe(state);
  });

  it('does not apply to a membership that is not active yet', () => {
    expect(renewalWindow(catalogue, membership({ status: 'underReview' }), day('2026-12-01')).state).toBe(
      'notApplicable',
    );
  });
});

describe('renewing', () => {
  it('extends by one year from the anniversary, not from the day of renewal', () => {
    const renewed = renew(
      catalogue,
      membership({ expiresOn: '2026-12-31' }),
      '2026-12-31',
      day('2026-10-15'),
    );
    expect(renewed.expiresOn).toBe('2027-12-31');
  });

  it('still works during the 30 days after expiry, and the new term still starts at the anniversary', () => {
    const renewed = renew(
      catalogue,
      membership({ expiresOn: '2026-12-31' }),
      '2026-12-31',
      day('2027-01-20'),
    );
    expect(renewed.expiresOn).toBe('2027-12-31');
  });

  it('refuses before the window opens, naming the day it opens', () => {
    expect(refusal(() => renew(catalogue, membership(), '2026-12-31', day('2026-06-01')))).toMatchObject({
      key: 'membership.renew.notYetOpen',
      params: { date: '2026-10-02' },
    });
  });

  it('refuses once the window has closed', () => {
    expect(refusal(() => renew(catalogue, membership(), '2026-12-31', day('2027-02-15')))).toMatchObject({
      key: 'membership.renew.closed',
      params: { date: '2027-01-30' },
    });
  });

  it('does not renew twice when the same Renew button is pressed again', () => {
    const once = renew(catalogue, membership(), '2026-12-31', day('2026-12-01'));
    expect(refusal(() => renew(catalogue, once, '2026-12-31', day('2026-12-01')))).toMatchObject({
      key: 'membership.renew.alreadyRenewed',
      params: { date: '2027-12-31' },
    });
  });

  it('counts a membership as expired only once its last day is over', () => {
    expect(membershipExpired(membership(), day('2026-12-31'))).toBe(false);
    expect(membershipExpired(membership(), day('2027-01-01'))).toBe(true);
    expect(membershipExpired(membership({ status: 'draft', expiresOn: undefined }), day('2027-01-01'))).toBe(
      false,
    );
  });

  it('adds calendar months, keeping month ends valid', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-12-31', 12)).toBe('2027-12-31');
  });
});

describe('upgrading', () => {
  const today = day('2026-06-01');
  const eligible = (h: Holdings, id: string) => {
    const offer = allOffers(catalogue).find((o) => o.id === id);
    if (!offer) throw new Error(`no offer ${id}`);
    return offerEligibility(catalogue, h, offer, today);
  };

  it('needs an active Network membership first', () => {
    expect(eligible(held(membership({ status: 'underReview' })), 'actionPack')).toMatchObject({
      eligible: false,
      reason: 'membership.upgrade.needsNetwork',
    });
    expect(eligible(held(undefined), 'competency:cloud-platform:silver')).toMatchObject({ eligible: false });
  });

  it('takes a Network member to Action Pack', () => {
    expect(upgrade(catalogue, held(membership()), 'actionPack', today).level).toBe('actionPack');
  });

  it('allows at most one Action Pack, whether held as the level or as a live package', () => {
    expect(eligible(held(membership({ level: 'actionPack' })), 'actionPack')).toMatchObject({
      eligible: false,
      reason: 'membership.upgrade.alreadyHeld',
    });
    expect(eligible(held(membership(), [actionPackPackage()]), 'actionPack')).toMatchObject({
      eligible: false,
      reason: 'membership.upgrade.alreadyHeld',
    });
    // A cancelled or expired package no longer counts.
    expect(
      eligible(held(membership(), [actionPackPackage({ status: 'cancelled' })]), 'actionPack').eligible,
    ).toBe(true);
  });

  it('refuses an Action Pack to an organisation holding a competency', () => {
    const m = membership({
      level: 'competency',
      competencies: [{ area: 'Application Development', tier: 'silver' }],
    });
    expect(refusal(() => upgrade(catalogue, held(m), 'actionPack', today))).toMatchObject({
      key: 'membership.upgrade.notWhileHolding',
      params: { held: 'competency' },
    });
  });

  it('never sells a competency: it is earned, and buying it is refused', () => {
    const m = membership({ level: 'actionPack' });
    expect(() => upgrade(catalogue, held(m), 'competency:cloud-platform:silver', today)).toThrow(
      new RuleViolation('membership.upgrade.earnedNotBought'),
    );
    // A purchasable level is still bought.
    expect(upgrade(catalogue, held(membership({ level: 'network' })), 'actionPack', today).level).toBe(
      'actionPack',
    );
  });

  it('records an application as pending, changing no competency until the review decides', () => {
    const m = membership({ level: 'actionPack' });
    const { membership: applied, application } = applyForCompetency(
      catalogue,
      held(m),
      'competency:cloud-platform:silver',
      today,
      { aadObjectId: APPLICANT, locale: 'zh-CN' },
    );
    expect(application).toMatchObject({
      area: 'cloud-platform',
      tier: 'silver',
      status: 'pending',
      locale: 'zh-CN',
    });
    expect(applied.competencies).toEqual([]);
    expect(applied.level).toBe('actionPack');
    // A second application for the same area waits for the first to be decided.
    expect(() =>
      applyForCompetency(catalogue, held(applied), 'competency:cloud-platform:gold', today, {
        aadObjectId: APPLICANT,
        locale: 'en-US',
      }),
    ).toThrow(new RuleViolation('membership.apply.alreadyPending'));
  });

  it('grants the competency when the review approves, Silver to Gold in the same area, other areas kept', () => {
    const m = membership({
      level: 'competency',
      competencies: [{ area: 'Application Development', tier: 'silver' }],
    });
    const who = { aadObjectId: APPLICANT, locale: 'en-US' as const };
    const a1 = applyForCompetency(catalogue, held(m), 'competency:application-development:gold', today, who);
    const gold = decideApplication(catalogue, a1.membership, a1.application.id, { approved: true }, today);
    expect(gold.membership.competencies).toEqual([{ area: 'Application Development', tier: 'gold' }]);
    expect(gold.application.status).toBe('approved');
    const a2 = applyForCompetency(
      catalogue,
      held(gold.membership),
      'competency:cloud-platform:silver',
      today,
      who,
    );
    const more = decideApplication(catalogue, a2.membership, a2.application.id, { approved: true }, today);
    expect(more.membership.competencies).toHaveLength(2);
    expect(more.membership.level).toBe('competency');
  });

  it('declines only with a reason, grants nothing, and decides an application once', () => {
    const m = membership({ level: 'actionPack' });
    const a = applyForCompetency(catalogue, held(m), 'competency:security:gold', today, {
      aadObjectId: APPLICANT,
      locale: 'en-US',
    });
    expect(() =>
      decideApplication(catalogue, a.membership, a.application.id, { approved: false }, today),
    ).toThrow(new RuleViolation('membership.apply.reasonRequired'));
    const declined = decideApplication(
      catalogue,
      a.membership,
      a.application.id,
      { approved: false, reason: 'Not enough certified people' },
      today,
    );
    expect(declined.membership.competencies).toEqual([]);
    expect(declined.application).toMatchObject({ status: 'declined', reason: 'Not enough certified people' });
    expect(() =>
      decideApplication(catalogue, declined.membership, a.application.id, { approved: true }, today),
    ).toThrow(new RuleViolation('membership.apply.alreadyDecided'));
  });

  it('does not sell a tier the organisation already holds or exceeds in that area', () => {
    const m = membership({
      level: 'competency',
      competencies: [{ area: 'Application Development', tier: 'gold' }],
    });
    expect(eligible(held(m), 'competency:application-development:silver')).toMatchObject({
      eligible: false,
      reason: 'membership.upgrade.alreadyHeld',
    });
  });

  // The anniversary (expiry date) is Dec 31, 2026: day 30 after it is Jan 30, 2027.
  it('on day 30 after the anniversary still buys an Action Pack and records a competency application', () => {
    const day30 = day('2027-01-30');
    expect(upgrade(catalogue, held(membership()), 'actionPack', day30).level).toBe('actionPack');
    const { application } = applyForCompetency(
      catalogue,
      held(membership({ level: 'actionPack' })),
      'competency:cloud-platform:silver',
      day30,
      { aadObjectId: APPLICANT, locale: 'en-US' },
    );
    expect(application.status).toBe('pending');
  });

  it('on day 31 after the anniversary refuses the upgrade and the application as lapsed', () => {
    const day31 = day('2027-01-31');
    expect(refusal(() => upgrade(catalogue, held(membership()), 'actionPack', day31))).toMatchObject({
      key: 'membership.upgrade.expired',
    });
    expect(
      refusal(() =>
        applyForCompetency(
          catalogue,
          held(membership({ level: 'actionPack' })),
          'competency:cloud-platform:silver',
          day31,
          { aadObjectId: APPLICANT, locale: 'en-US' },
        ),
      ),
    ).toMatchObject({ key: 'membership.upgrade.expired' });
  });

  it('refuses an offer that is not in the catalogue', () => {
    expect(() => upgrade(catalogue, held(membership()), 'platinum', today)).toThrow(RuleViolation);
  });
});

describe('activating an approved enrolment', () => {
  const underReview = membership({ status: 'underReview', enrolledOn: undefined, expiresOn: undefined });

  it('makes the membership active for a year from today, with a partner id', () => {
    const active = activate(catalogue, underReview, [], day('2026-11-24'), '7654321');
    expect(active).toMatchObject({
      status: 'active',
      level: 'network',
      enrolledOn: '2026-11-24',
      expiresOn: '2027-11-23',
      partnerId: '7654321',
    });
  });

  it('carries over a live Action Pack package as the level', () => {
    expect(activate(catalogue, underReview, [actionPackPackage()], day('2026-11-24'), '1').level).toBe(
      'actionPack',
    );
  });

  it('refuses a membership that is not under review', () => {
    expect(refusal(() => activate(catalogue, membership(), [], day('2026-11-24'), '1'))).toMatchObject({
      key: 'enroll.approve.notUnderReview',
    });
  });
});

describe('the membership catalogue', () => {
  it('is data, validated: levels, tiers and areas come from data/membership-catalogue.json', () => {
    expect(catalogue.levels.map((l) => l.id)).toEqual(['network', 'actionPack', 'competency']);
    expect(catalogue.agreement.version).toBe('2026-01');
    expect(catalogue.renewal).toMatchObject({ opensDaysBefore: 90, closesDaysAfter: 30 });
  });

  it('rejects a catalogue with an unknown level or a duplicate area', () => {
    const broken = structuredClone(catalogue) as unknown as {
      levels: { id: string }[];
      competencyAreas: unknown[];
    };
    broken.levels[0].id = 'platinum';
    expect(membershipCatalogueSchema.safeParse(broken).success).toBe(false);
    const dup = structuredClone(catalogue);
    dup.competencyAreas.push(dup.competencyAreas[0]);
    expect(membershipCatalogueSchema.safeParse(dup).success).toBe(false);
  });
});

describe('lapse: 30 days of "renew now" after the anniversary, refusals only after them', () => {
  // The anniversary (expiry date) is Dec 31, 2026: day 30 after it is Jan 30, 2027.
  it.each([
    ['on the anniversary', '2026-12-31', false, false],
    ['the day after the anniversary', '2027-01-01', true, false],
    ['on day 30 after the anniversary', '2027-01-30', true, false],
    ['on day 31 after the anniversary', '2027-01-31', false, true],
  ])('%s (%s): renew-now notice %s, lapsed %s', (_l, today, due, lapsed) => {
    expect(renewalDue(membership(), day(today))).toBe(due);
    expect(membershipLapsed(membership(), day(today))).toBe(lapsed);
  });

  it.each([
    ['day 30', '2027-01-30', true],
    ['day 31', '2027-01-31', false],
  ])('on %s after the anniversary (%s) a key reveal is allowed: %s', async (_l, today, allowed) => {
    const repos = {
      memberships: { get: () => Promise.resolve({ doc: membership(), etag: '' }) },
      audit: { create: () => Promise.resolve('created' as const) },
    } as unknown as Repositories;
    const clock = { now: () => day(today) };
    const authorizer = new Authorizer(repos, new AuditLog(repos.audit, clock), clock);
    const actor = {
      tenantId: membership().tenantId,
      aadObjectId: membership().tenantId,
      roles: ['GlobalAdmin' as const],
    };
    const act = authorizer.require(actor, 'software.revealKeys');
    if (allowed) await expect(act).resolves.toBeUndefined();
    else await expect(act).rejects.toMatchObject({ reason: 'membershipExpired' });
    // Renewal, roles and reading never stop.
    await expect(authorizer.require(actor, 'membership.renew')).resolves.toBeUndefined();
    await expect(authorizer.require(actor, 'roles.grant')).resolves.toBeUndefined();
    await expect(authorizer.require(actor, 'audit.view')).resolves.toBeUndefined();
  });

  it('on day 31 after the anniversary a Global admin still adds and removes people in the directory', async () => {
    const repos = {
      memberships: { get: () => Promise.resolve({ doc: membership(), etag: '' }) },
      audit: { create: () => Promise.resolve('created' as const) },
    } as unknown as Repositories;
    const clock = { now: () => day('2027-01-31') };
    const authorizer = new Authorizer(repos, new AuditLog(repos.audit, clock), clock);
    const actor = {
      tenantId: membership().tenantId,
      aadObjectId: membership().tenantId,
      roles: ['GlobalAdmin' as const],
    };
    // Lapsed: a benefit act is refused, people management is not.
    await expect(authorizer.require(actor, 'seat.assign')).rejects.toMatchObject({
      reason: 'membershipExpired',
    });
    await expect(authorizer.require(actor, 'directory.addMember')).resolves.toBeUndefined();
    await expect(authorizer.require(actor, 'directory.removeMember')).resolves.toBeUndefined();
  });
});
