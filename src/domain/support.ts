import {
  completesAt,
  isDue,
  isTechnical,
  programmeStanding,
  randomSupportIds,
  tiersAmong,
  type ActivationSettings,
  type Standing,
  type SupportIdSource,
  type TechnicalBenefit,
} from './activation';
import { ActivationLifecycle, type ActivationResult, type EffectiveStatus } from './activationLifecycle';
import type { AuditLog } from './audit';
import { isExpired } from './dates';
import { CorruptDocumentError, RuleViolation } from './errors';
import type { Membership } from './model';
import type { Actor } from './policy';
import type { Clock } from './ports';
import type { Repositories } from './repositories';
import {
  SUPPORT_CATALOGUE,
  type ProductFamily,
  type ProgrammeTier,
  type SupportCatalogue,
  type TechnicalEntry,
  type TechnicalKind,
} from './supportCatalogue';

/**
 * Technical support benefits: who may use which kind (by programme tier), what remains, the
 * activation lifecycle (pending for a few days, then active with an Access ID and Contract ID),
 * and which support fits a request.
 */

export type { ActivationOutcome, EffectiveStatus } from './activationLifecycle';

/** How much of a kind the organisation may use: its own count, no limit, or another kind's count. */
export type AllowanceRule =
  { kind: 'count' } | { kind: 'unlimited' } | { kind: 'deducted'; from: TechnicalKind };

export type TechnicalEligibility =
  | { eligible: true; allowance: number; rule: AllowanceRule }
  | { eligible: false; reason: 'tier'; unlockTiers: ProgrammeTier[] }
  | { eligible: false; reason: 'notInCatalogue' }
  | { eligible: false; reason: 'noMembership' | 'notActive' | 'noTier'; unlockTiers: ProgrammeTier[] };

/** The eligibility matrix: a kind is open to the tiers that have a published allowance for it. */
export function technicalEligibility(
  kind: TechnicalKind,
  standing: Standing,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): TechnicalEligibility {
  const entry = catalogue.technical.find((t) => t.kind === kind);
  if (!entry) return { eligible: false, reason: 'notInCatalogue' };
  const unlockTiers = tiersAmong(Object.keys(entry.allowances), catalogue);
  if (!standing.ok) return { eligible: false, reason: standing.reason, unlockTiers };
  const allowance = entry.allowances[standing.tier.id];
  if (allowance === undefined) return { eligible: false, reason: 'tier', unlockTiers };
  if (allowance === 'unlimited') return { eligible: true, allowance: 0, rule: { kind: 'unlimited' } };
  if (typeof allowance === 'object') {
    // Uses the other kind's allowance: what is left is what is left of that one.
    const from = catalogue.technical.find((t) => t.kind === allowance.deductedFrom)?.allowances[
      standing.tier.id
    ];
    return {
      eligible: true,
      allowance: typeof from === 'number' ? from : 0,
      rule: { kind: 'deducted', from: allowance.deductedFrom },
    };
  }
  return { eligible: true, allowance, rule: { kind: 'count' } };
}

export interface TechnicalState {
  benefit: TechnicalBenefit;
  entry?: TechnicalEntry;
  eligibility: TechnicalEligibility;
  status: EffectiveStatus;
  /** The published allowance for the organisation's tier, else what the package granted. */
  allowance: number;
  remaining: number;
  /** Pending: when processing completes. */
  completesAt?: Date;
  /** The last day to activate it has passed. */
  expired: boolean;
}

/** How a technical benefit reads now: a pending one whose delay has passed counts as active. */
export function technicalState(
  benefit: TechnicalBenefit,
  standing: Standing,
  now: Date,
  delayDays: number,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): TechnicalState {
  const d = benefit.details;
  const entry = catalogue.technical.find((t) => t.kind === d.kind);
  const eligibility = technicalEligibility(d.kind, standing, catalogue);
  const allowance = eligibility.eligible ? eligibility.allowance : d.allowance;
  const status: EffectiveStatus = isDue(d, now, delayDays) ? 'active' : d.status;
  return {
    benefit,
    entry,
    eligibility,
    status,
    allowance,
    remaining: Math.max(0, allowance - d.used),
    completesAt: status === 'pending' && d.requestedOn ? completesAt(d.requestedOn, delayDays) : undefined,
    expired: isExpired(now, benefit.expiresOn),
  };
}

/** The benefit once processing completed: active, with its support ids. */
export function completeTechnical(
  benefit: TechnicalBenefit,
  activatedOn: string,
  partnerId: string | undefined,
  ids: SupportIdSource,
): TechnicalBenefit {
  return {
    ...benefit,
    details: {
      ...benefit.details,
      status: 'active',
      activatedOn,
      accessId: benefit.details.accessId ?? ids.accessId(partnerId),
      contractId: benefit.details.contractId ?? ids.contractId(),
    },
  };
}

/* ------------------------------------------------------------------ support requests */

export type SupportNeed = 'breakFix' | 'advisory';

export type SupportAdvice = {
  need: SupportNeed;
  family: ProductFamily;
  /** The kind of support that fits. */
  entry: TechnicalEntry;
  requiresIds: boolean;
  /** The benefit of that kind the organisation holds, if any. */
  state?: TechnicalState;
} & (
  | { outcome: 'useIds'; accessId: string; contractId: string }
  | { outcome: 'noIdsNeeded' }
  | { outcome: 'activateFirst' }
  | { outcome: 'pending'; completesAt?: Date }
  | { outcome: 'ineligible'; eligibility: Exclude<TechnicalEligibility, { eligible: true }> }
  | { outcome: 'notHeld' }
);

/**
 * Which support fits: break-fix (something is broken or shows an error) goes to the family's
 * break-fix benefit; advice on presales or deployment goes to the advisory benefit. Requests
 * about families that need ids get the ids of that benefit, or are told what to activate first.
 */
export function adviseSupportRequest(
  need: SupportNeed,
  family: ProductFamily,
  states: readonly TechnicalState[],
  standing: Standing,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): SupportAdvice {
  const rank = (s: TechnicalState) => (s.status === 'active' ? 0 : s.status === 'pending' ? 1 : 2);
  const candidates =
    need === 'breakFix'
      ? catalogue.technical.filter((t) => t.kind === family.breakFixKind)
      : catalogue.technical.filter((t) => t.supportType === 'advisory');
  const held = states
    .filter((s) => candidates.some((c) => c.kind === s.benefit.details.kind) && !s.expired)
    .sort((a, b) => rank(a) - rank(b));
  const state = held[0];
  const entry = candidates.find((c) => c.kind === state?.benefit.details.kind) ?? candidates[0];
  const base = { need, family, entry, requiresIds: family.requiresIds, state };
  const eligibility = technicalEligibility(entry.kind, standing, catalogue);
  if (!eligibility.eligible) return { ...base, outcome: 'ineligible', eligibility };
  if (!state) return { ...base, outcome: 'notHeld' };
  if (!family.requiresIds) return { ...base, outcome: 'noIdsNeeded' };
  const d = state.benefit.details;
  if (state.status === 'active' && d.accessId && d.contractId)
    return { ...base, outcome: 'useIds', accessId: d.accessId, contractId: d.contractId };
  if (state.status === 'pending' || state.status === 'active')
    return { ...base, outcome: 'pending', completesAt: state.completesAt };
  return { ...base, outcome: 'activateFirst' };
}

/* ------------------------------------------------------------------ service */

export interface SupportOverview {
  standing: Standing;
  /** The technical benefits the organisation holds, in catalogue order. */
  benefits: TechnicalState[];
  /** Kinds the organisation does not hold because its tier does not include them (what would unlock them). */
  locked: { entry: TechnicalEntry; eligibility: Exclude<TechnicalEligibility, { eligible: true }> }[];
}

/** The overview of technical benefits as read now (pure: the service adds the reads and writes). */
export function supportOverview(
  standing: Standing,
  benefits: readonly TechnicalBenefit[],
  now: Date,
  delayDays: number,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): SupportOverview {
  const order = (b: TechnicalBenefit) => catalogue.technical.findIndex((t) => t.kind === b.details.kind);
  const states = benefits
    .map((b) => technicalState(b, standing, now, delayDays, catalogue))
    .sort((a, b) => order(a.benefit) - order(b.benefit) || a.benefit.name.localeCompare(b.benefit.name));
  const heldKinds = new Set(states.map((s) => s.benefit.details.kind));
  const locked = catalogue.technical.flatMap((entry) => {
    if (heldKinds.has(entry.kind)) return [];
    const eligibility = technicalEligibility(entry.kind, standing, catalogue);
    return eligibility.eligible ? [] : [{ entry, eligibility }];
  });
  return { standing, benefits: states, locked };
}

/**
 * Technical benefits of one tenant. Authorisation is the caller's (the verb dispatcher asks the
 * policy table right before); the activation lifecycle (activationLifecycle.ts) re-reads
 * records, re-checks the rules, writes with ETags and audits.
 */
export class SupportBenefits {
  private readonly lifecycle: ActivationLifecycle<TechnicalBenefit, TechnicalState>;

  constructor(
    private readonly repos: Repositories,
    audit: AuditLog,
    private readonly clock: Clock,
    private readonly settings: ActivationSettings,
    private readonly catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
    ids: SupportIdSource = randomSupportIds,
  ) {
    this.lifecycle = new ActivationLifecycle(
      {
        name: 'support',
        notFoundKey: 'support.notFound',
        is: isTechnical,
        delayDays: (s) => s.supportDays,
        context: async (tenantId) => ({ standing: await this.standing(tenantId) }),
        state: (b, ctx, now) => technicalState(b, ctx.standing, now, settings.supportDays, catalogue),
        gateFirst: false,
        refuse: (state, _ctx, now) => refuseActivation(state, now),
        complete: (b, activatedOn, { standing }) =>
          completeTechnical(b, activatedOn, standing.ok ? standing.membership.partnerId : undefined, ids),
      },
      repos,
      audit,
      clock,
      settings,
    );
  }

  /** Reads the membership defensively: an unreadable one means "no standing", never a crash of the card. */
  async standing(tenantId: string): Promise<Standing> {
    return programmeStanding(await readMembership(this.repos, tenantId), this.catalogue);
  }

  /** Every technical benefit with its state; activations whose delay has passed are written as completed. */
  async overview(tenantId: string): Promise<SupportOverview> {
    const [standing, rows] = await Promise.all([
      this.standing(tenantId),
      this.repos.benefits.list(tenantId, { where: { 'details.category': 'technical' } }),
    ]);
    const settled = await this.lifecycle.settleAll(rows, { standing });
    return supportOverview(standing, settled, this.clock.now(), this.settings.supportDays, this.catalogue);
  }

  async state(tenantId: string, benefitId: string): Promise<TechnicalState> {
    return this.lifecycle.state(tenantId, benefitId);
  }

  /** `support.activate`: pending from now, with who asked and when. */
  activate(actor: Actor, benefitId: string): Promise<ActivationResult<TechnicalState>> {
    return this.lifecycle.request(actor, benefitId);
  }

  /** `support.complete` (local mode only): processing completes now instead of after the delay. */
  complete(actor: Actor, benefitId: string): Promise<ActivationResult<TechnicalState>> {
    return this.lifecycle.complete(actor, benefitId);
  }

  /** Which support fits a request about `familyId`, with the ids to quote or what to activate first. */
  async advise(tenantId: string, need: SupportNeed, familyId: string): Promise<SupportAdvice> {
    const family = this.catalogue.productFamilies.find((f) => f.id === familyId);
    if (!family) throw new RuleViolation('support.request.unknownFamily');
    const overview = await this.overview(tenantId);
    return adviseSupportRequest(need, family, overview.benefits, overview.standing, this.catalogue);
  }
}

/** Why a technical benefit that reads notActivated cannot be requested now (throws), if it cannot. */
function refuseActivation(state: TechnicalState, now: Date): void {
  const name = state.benefit.name;
  if (!state.eligibility.eligible) {
    const e = state.eligibility;
    if (e.reason === 'notInCatalogue') throw new RuleViolation('support.activate.notInCatalogue', { name });
    if (e.reason === 'tier' || e.reason === 'noTier')
      throw new RuleViolation('support.activate.ineligible', {
        name,
        tiers: e.unlockTiers.map((t) => t.id).join(','),
      });
    throw new RuleViolation(
      e.reason === 'noMembership' ? 'support.standing.noMembership' : 'support.standing.notActive',
    );
  }
  if (isExpired(now, state.benefit.expiresOn))
    throw new RuleViolation('support.activate.expired', { name, date: state.benefit.expiresOn });
}

/** The membership, or undefined when there is none or it cannot be read as one. */
export async function readMembership(repos: Repositories, tenantId: string): Promise<Membership | undefined> {
  try {
    return (await repos.memberships.get(tenantId, 'membership'))?.doc;
  } catch (err) {
    if (err instanceof CorruptDocumentError) return undefined;
    throw err;
  }
}
