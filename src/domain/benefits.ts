import { isExpired } from './dates';
import { RuleViolation } from './errors';
import type {
  Benefit,
  BenefitCategory,
  BenefitPackage,
  Member,
  Membership,
  SeatAssignment,
  SeatPool,
} from './model';
import { authorize, type Action, type Actor } from './policy';
import type { Repositories } from './repositories';

/**
 * The organisation's benefits as people see them: grouped in the categories of the partner
 * portal, with what counts as "activated" (which blocks a package's cancellation).
 */

/** The categories of the benefits overview, in the order they are shown. */
export const BENEFIT_GROUPS = [
  'software',
  'azureCredit',
  'licence',
  'visualStudio',
  'technical',
  'gtm',
] as const;
export type BenefitGroup = (typeof BENEFIT_GROUPS)[number];

export function groupOf(category: BenefitCategory): BenefitGroup {
  switch (category) {
    case 'azureMonthlyCredit':
    case 'azureBulkCredit':
      return 'azureCredit';
    default:
      return category;
  }
}

/** Everything the benefits views need about one tenant, read once per turn. */
export interface BenefitsSnapshot {
  tenantId: string;
  packages: BenefitPackage[];
  benefits: Benefit[];
  pools: SeatPool[];
  assignments: SeatAssignment[];
  members: Member[];
  /** The organisation's membership (for the "renew now" notice), when there is one. */
  membership?: Membership;
}

export async function loadBenefitsSnapshot(repos: Repositories, tenantId: string): Promise<BenefitsSnapshot> {
  const [packages, benefits, pools, assignments, members, membership] = await Promise.all([
    repos.packages.list(tenantId),
    repos.benefits.list(tenantId),
    repos.seatPools.list(tenantId),
    repos.seatAssignments.list(tenantId),
    repos.members.list(tenantId),
    repos.memberships.get(tenantId, 'membership').catch(() => undefined),
  ]);
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
  return {
    tenantId,
    packages: packages.map((p) => p.doc).sort((a, b) => a.purchasedOn.localeCompare(b.purchasedOn)),
    benefits: benefits.map((b) => b.doc).sort(byName),
    pools: pools.map((p) => p.doc),
    // Seats held now (a released seat kept reserved for its 90 days belongs to no one).
    assignments: assignments
      .map((a) => a.doc)
      .filter((a) => !a.released)
      .sort((a, b) => a.seatNo - b.seatNo),
    members: members.map((m) => m.doc).sort(byName),
    membership: membership?.doc,
  };
}

/** Benefits of packages that were not cancelled (a cancelled package's benefits are gone). */
export function liveBenefits(snapshot: BenefitsSnapshot): Benefit[] {
  const cancelled = new Set(snapshot.packages.filter((p) => p.status === 'cancelled').map((p) => p.id));
  return snapshot.benefits.filter((b) => !cancelled.has(b.packageId));
}

/** How a benefit was put to use; any of these makes its package non-refundable. */
export type Activation =
  'keyViewed' | 'keyRedeemed' | 'creditAssigned' | 'seatAssigned' | 'activationRequested';

export function activationOf(
  benefit: Benefit,
  assignments: readonly SeatAssignment[],
): Activation | undefined {
  const d = benefit.details;
  switch (d.category) {
    case 'software':
      return d.firstRevealedAt ? 'keyViewed' : undefined;
    case 'licence':
      if (d.keys.some((k) => k.redeemedBy)) return 'keyRedeemed';
      return d.keys.some((k) => k.viewedAt) ? 'keyViewed' : undefined;
    case 'azureMonthlyCredit':
      return d.users.length > 0 ? 'creditAssigned' : undefined;
    case 'azureBulkCredit':
      return d.holder ? 'creditAssigned' : undefined;
    case 'visualStudio':
      return assignments.some((a) => a.poolId === d.poolId) ? 'seatAssigned' : undefined;
    case 'technical':
    case 'gtm':
      return d.status === 'notActivated' ? undefined : 'activationRequested';
  }
}

/** What a masked product key looks like wherever the key itself may not be shown. */
export const MASKED_KEY = '•••••-•••••-•••••-•••••-•••••';

/** Acts that manage benefits: whoever may perform one of them sees the administrator's view. */
const MANAGING_ACTS: readonly Action[] = [
  'package.cancel',
  'software.revealKeys',
  'license.redeem',
  'credit.addUser',
  'credit.transfer',
];

/**
 * Administrators (per the policy table) see pools, quantities, offer and benefit types, expiry
 * dates and who holds what; everyone else sees what is theirs plus the organisation's benefits.
 */
export function seesAdminView(actor: Actor): boolean {
  return MANAGING_ACTS.some((a) => authorize(actor, a).allowed);
}

/** The soonest expiry among these benefits (YYYY-MM-DD), if any. */
export function soonestExpiry(benefits: readonly Benefit[]): string | undefined {
  return benefits.map((b) => b.expiresOn).sort()[0];
}

/** A benefit's expiry date is the last day to activate or redeem it. */
export function assertNotExpired(benefit: Benefit, now: Date): void {
  if (isExpired(now, benefit.expiresOn)) {
    throw new RuleViolation('benefits.expired', { benefit: benefit.name, date: benefit.expiresOn });
  }
}
