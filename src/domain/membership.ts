import { addDays, daysUntil, isExpired, toIsoDate } from './dates';
import { RuleViolation, type RuleKey } from './errors';
import type { BenefitPackage, Competency, CompetencyApplication, Membership, MembershipLevel } from './model';
import { areaEntry, entryLevel, levelEntry, type MembershipCatalogue } from './membershipCatalogue';

/**
 * Membership rules, pure: the renewal window, renewal, upgrade eligibility and the upgrade
 * itself. Levels and their eligibility come from the catalogue; dates are whole UTC days.
 */

/** `months` calendar months later; the 31st becomes the last day of a shorter month. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return toIsoDate(target);
}

/** Active, with an expiry date (the anniversary) that is over: renewal is due. */
export function membershipExpired(membership: Membership | undefined, today: Date): boolean {
  return (
    membership?.status === 'active' &&
    membership.expiresOn !== undefined &&
    isExpired(today, membership.expiresOn)
  );
}

/**
 * Days after the anniversary during which everything keeps working (with a "renew now" notice).
 * THE boundary of a lapse: the authorizer refuses benefit acts only once these days are over.
 */
export const LAPSE_GRACE_DAYS = 30;

/** The last day on which an expired membership still works as usual. */
export function lastGraceDay(expiresOn: string): string {
  return addDays(expiresOn, LAPSE_GRACE_DAYS);
}

/**
 * Lapsed: the anniversary and the 30 days after it are over. Then benefits can no longer be
 * activated, redeemed, assigned or requested; reading, renewal, roles and audit stay available.
 */
export function membershipLapsed(membership: Membership | undefined, today: Date): boolean {
  return (
    membershipExpired(membership, today) &&
    membership?.expiresOn !== undefined &&
    isExpired(today, lastGraceDay(membership.expiresOn))
  );
}

/** In the 30 days after the anniversary: everything works, and people are told to renew now. */
export function renewalDue(membership: Membership | undefined, today: Date): boolean {
  return membershipExpired(membership, today) && !membershipLapsed(membership, today);
}

export type RenewalWindow =
  | { state: 'notApplicable' }
  | { state: 'notYetOpen'; opensOn: string; closesOn: string; expiresOn: string }
  | { state: 'open'; opensOn: string; closesOn: string; expiresOn: string; renewedUntil: string }
  | { state: 'closed'; closesOn: string; expiresOn: string };

/**
 * Renewal is open from `opensDaysBefore` the anniversary (the expiry date) until
 * `closesDaysAfter` it; renewing extends the membership by one term from the anniversary.
 */
export function renewalWindow(
  catalogue: MembershipCatalogue,
  membership: Membership | undefined,
  today: Date,
): RenewalWindow {
  if (!membership || membership.status !== 'active' || !membership.expiresOn)
    return { state: 'notApplicable' };
  const expiresOn = membership.expiresOn;
  const opensOn = addDays(expiresOn, -catalogue.renewal.opensDaysBefore);
  const closesOn = addDays(expiresOn, catalogue.renewal.closesDaysAfter);
  if (daysUntil(today, opensOn) > 0) return { state: 'notYetOpen', opensOn, closesOn, expiresOn };
  if (isExpired(today, closesOn)) return { state: 'closed', closesOn, expiresOn };
  return {
    state: 'open',
    opensOn,
    closesOn,
    expiresOn,
    renewedUntil: addMonths(expiresOn, catalogue.termMonths),
  };
}

/**
 * The renewed membership. `seenExpiresOn` is the expiry the person saw when they pressed Renew:
 * if it changed meanwhile (someone renewed first), nothing happens twice.
 */
export function renew(
  catalogue: MembershipCatalogue,
  membership: Membership | undefined,
  seenExpiresOn: string,
  today: Date,
): Membership {
  const window = renewalWindow(catalogue, membership, today);
  if (!membership || window.state === 'notApplicable') throw new RuleViolation('membership.renew.notActive');
  if (window.expiresOn !== seenExpiresOn)
    throw new RuleViolation('membership.renew.alreadyRenewed', { date: window.expiresOn });
  if (window.state === 'notYetOpen')
    throw new RuleViolation('membership.renew.notYetOpen', { date: window.opensOn });
  if (window.state === 'closed')
    throw new RuleViolation('membership.renew.closed', { date: window.closesOn });
  return { ...membership, expiresOn: window.renewedUntil };
}

/** What an organisation holds, for eligibility: its membership and its active packages. */
export interface Holdings {
  membership: Membership | undefined;
  packages: readonly BenefitPackage[];
}

export interface Offer {
  /** `actionPack`, or `competency:<area id>:<tier>` for a level held per area. */
  id: string;
  level: MembershipLevel;
  area?: string;
  tier?: Competency['tier'];
}

export type OfferEligibility =
  | { offer: Offer; eligible: true }
  | { offer: Offer; eligible: false; reason: RuleKey; params: Record<string, string> };

/** Every offer of the catalogue: the purchasable levels (bought) and the earned ones (applied for). */
export function allOffers(catalogue: MembershipCatalogue): Offer[] {
  return catalogue.levels
    .filter((l) => l.purchasable || l.earned)
    .sort((a, b) => a.rank - b.rank)
    .flatMap((l): Offer[] =>
      l.perArea
        ? catalogue.competencyAreas.flatMap((area) =>
            [...catalogue.tiers]
              .sort((a, b) => a.rank - b.rank)
              .map((t) => ({ id: `${l.id}:${area.id}:${t.id}`, level: l.id, area: area.id, tier: t.id })),
          )
        : [{ id: l.id, level: l.id }],
    );
}

export function findOffer(catalogue: MembershipCatalogue, id: string): Offer | undefined {
  return allOffers(catalogue).find((o) => o.id === id);
}

function holdsLevel(
  catalogue: MembershipCatalogue,
  h: Holdings,
  level: MembershipLevel,
  today: Date,
): number {
  const m = h.membership;
  if (!m) return 0;
  if (levelEntry(catalogue, level).perArea) return m.competencies.length;
  // An Action Pack is held as the membership level or as a live package of that offer type.
  const asLevel = m.level === level ? 1 : 0;
  return Math.max(asLevel, livePackages(h.packages, level, today));
}

/** Active, unexpired packages whose offer type is this level (e.g. an Action Pack package). */
function livePackages(packages: readonly BenefitPackage[], level: MembershipLevel, today: Date): number {
  return packages.filter(
    (p) => p.status === 'active' && (p.offerType as string) === level && !isExpired(today, p.expiresOn),
  ).length;
}

function tierRank(catalogue: MembershipCatalogue, tier: string): number {
  return catalogue.tiers.find((t) => t.id === tier)?.rank ?? 0;
}

export function offerEligibility(
  catalogue: MembershipCatalogue,
  h: Holdings,
  offer: Offer,
  today: Date,
): OfferEligibility {
  const no = (reason: RuleKey, params: Record<string, string> = {}): OfferEligibility => ({
    offer,
    eligible: false,
    reason,
    params,
  });
  const m = h.membership;
  // Network membership first: an active membership that has not lapsed. In the 30 days after
  // the anniversary everything keeps working (upgrades and applications too), as the authorizer
  // does for every other act: the one lapse boundary is `membershipLapsed`.
  if (!m || m.status !== 'active') return no('membership.upgrade.needsNetwork');
  if (membershipLapsed(m, today)) return no('membership.upgrade.expired');
  const level = levelEntry(catalogue, offer.level);
  for (const blocker of level.notWhileHolding) {
    if (holdsLevel(catalogue, h, blocker, today) > 0)
      return no('membership.upgrade.notWhileHolding', { held: blocker });
  }
  if (level.perArea) {
    const area = offer.area ? areaEntry(catalogue, offer.area) : undefined;
    if (!area || !offer.tier) return no('membership.upgrade.unknownOffer');
    const current = m.competencies.find((c) => areaEntry(catalogue, c.area)?.id === area.id);
    if (current && tierRank(catalogue, current.tier) >= tierRank(catalogue, offer.tier))
      return no('membership.upgrade.alreadyHeld');
    return { offer, eligible: true };
  }
  if (
    level.maxPerOrganisation !== undefined &&
    holdsLevel(catalogue, h, offer.level, today) >= level.maxPerOrganisation
  )
    return no('membership.upgrade.alreadyHeld');
  if (levelEntry(catalogue, m.level).rank > level.rank && !level.perArea)
    return no('membership.upgrade.alreadyHigher');
  return { offer, eligible: true };
}

/** The upgraded membership; throws RuleViolation when the offer is not open to this organisation. */
export function upgrade(
  catalogue: MembershipCatalogue,
  h: Holdings,
  offerId: string,
  today: Date,
): Membership {
  const offer = findOffer(catalogue, offerId);
  if (!offer) throw new RuleViolation('membership.upgrade.unknownOffer');
  // Only the catalogue's purchasable levels are bought; a competency is earned by review.
  if (!levelEntry(catalogue, offer.level).purchasable)
    throw new RuleViolation('membership.upgrade.earnedNotBought');
  const verdict = offerEligibility(catalogue, h, offer, today);
  if (!verdict.eligible) throw new RuleViolation(verdict.reason, verdict.params);
  const m = h.membership as Membership;
  const level = levelEntry(catalogue, offer.level);
  if (level.perArea && offer.area && offer.tier) {
    const area = areaEntry(catalogue, offer.area);
    const name = area?.label['en-US'] ?? offer.area;
    const others = m.competencies.filter((c) => areaEntry(catalogue, c.area)?.id !== area?.id);
    return {
      ...m,
      level: levelEntry(catalogue, m.level).rank > level.rank ? m.level : offer.level,
      competencies: [...others, { area: name, tier: offer.tier }],
    };
  }
  return { ...m, level: offer.level };
}

/**
 * The membership an approved enrolment becomes: active at the entry level for one term from
 * today. An organisation that already holds a live Action Pack package (bought under the old
 * membership site before it created its partner account here) is at that level.
 */
export function activate(
  catalogue: MembershipCatalogue,
  membership: Membership,
  packages: readonly BenefitPackage[],
  today: Date,
  partnerId: string,
): Membership {
  if (membership.status !== 'underReview') throw new RuleViolation('enroll.approve.notUnderReview');
  const todayIso = toIsoDate(today);
  const carried = catalogue.levels
    .filter((l) => l.purchasable && !l.perArea && livePackages(packages, l.id, today) > 0)
    .sort((a, b) => b.rank - a.rank)[0];
  return {
    ...membership,
    status: 'active',
    partnerId: membership.partnerId ?? partnerId,
    level: membership.competencies.length > 0 ? membership.level : (carried?.id ?? entryLevel(catalogue).id),
    enrolledOn: todayIso,
    expiresOn: addDays(addMonths(todayIso, catalogue.termMonths), -1),
  };
}

/** True when the offer is earned (an application reviewed by the programme), not bought. */
export function isEarned(catalogue: MembershipCatalogue, offer: Offer): boolean {
  return levelEntry(catalogue, offer.level).earned;
}

/**
 * Records an application for an earned level (a competency in a solution area): it stays pending
 * until the programme's review decides it. One open application per area; the same eligibility as
 * any upgrade (an active Network membership, not already held at that tier).
 */
export function applyForCompetency(
  catalogue: MembershipCatalogue,
  h: Holdings,
  offerId: string,
  now: Date,
  applicant: { aadObjectId: string; locale: CompetencyApplication['locale'] },
): { membership: Membership; application: CompetencyApplication } {
  const offer = findOffer(catalogue, offerId);
  if (!offer || !offer.area || !offer.tier || !isEarned(catalogue, offer))
    throw new RuleViolation('membership.upgrade.unknownOffer');
  const verdict = offerEligibility(catalogue, h, offer, now);
  if (!verdict.eligible) throw new RuleViolation(verdict.reason, verdict.params);
  const m = h.membership as Membership;
  const applications = m.applications ?? [];
  if (applications.some((a) => a.status === 'pending' && a.area === offer.area))
    throw new RuleViolation('membership.apply.alreadyPending');
  const application: CompetencyApplication = {
    id: `application:${offer.area}:${offer.tier}:${applications.length + 1}`,
    area: offer.area,
    tier: offer.tier,
    status: 'pending',
    appliedBy: applicant.aadObjectId,
    appliedAt: now.toISOString(),
    locale: applicant.locale,
  };
  return { membership: { ...m, applications: [...applications, application] }, application };
}

/**
 * The programme's review decides an application (the integration point; in local mode a demo
 * button stands in). Approved: the organisation holds the competency. Declined: with a reason.
 */
export function decideApplication(
  catalogue: MembershipCatalogue,
  m: Membership,
  applicationId: string,
  decision: { approved: boolean; reason?: string },
  now: Date,
): { membership: Membership; application: CompetencyApplication } {
  const found = (m.applications ?? []).find((a) => a.id === applicationId);
  if (!found) throw new RuleViolation('membership.apply.unknown');
  if (found.status !== 'pending') throw new RuleViolation('membership.apply.alreadyDecided');
  const reason = decision.reason?.trim();
  if (!decision.approved && !reason) throw new RuleViolation('membership.apply.reasonRequired');
  const application: CompetencyApplication = {
    ...found,
    status: decision.approved ? 'approved' : 'declined',
    decidedAt: now.toISOString(),
    reason: reason || undefined,
  };
  const applications = (m.applications ?? []).map((a) => (a.id === applicationId ? application : a));
  if (!decision.approved) return { membership: { ...m, applications }, application };
  const area = areaEntry(catalogue, found.area);
  const others = m.competencies.filter((c) => areaEntry(catalogue, c.area)?.id !== area?.id);
  const level = levelEntry(catalogue, 'competency');
  return {
    membership: {
      ...m,
      applications,
      level: levelEntry(catalogue, m.level).rank > level.rank ? m.level : 'competency',
      competencies: [...others, { area: area?.label['en-US'] ?? found.area, tier: found.tier }],
    },
    application,
  };
}
