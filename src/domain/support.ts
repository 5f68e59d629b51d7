import {
  completionDay,
  completesAt,
  isDue,
  isTechnical,
  programmeStanding,
  randomSupportIds,
  SYSTEM_ACTOR,
  tiersAmong,
  type ActivationSettings,
  type Standing,
  type SupportIdSource,
  type TechnicalBenefit,
} from './activation';
import type { AuditLog } from './audit';
import { isExpired, toIsoDate } from './dates';
import { ConcurrencyError, CorruptDocumentError, RuleViolation } from './errors';
import type { Membership } from './model';
import type { Actor } from './policy';
import type { Clock, Versioned } from './ports';
import type { Repositories } from './repositories';
import {
  SUPPORT_CATALOGUE,
  type ProductFamily,
  type ProgrammeTier,
  type SupportCatalogue,
  type TechnicalEntry,
  type TechnicalKind,
} from './supportCatalogue';
import { useBenefit } from './packageGate';

/**
 * Technical support benefits: who may use which kind (by programme tier), what remains, the
 * activation lifecycle (pending for a few days, then active with an Access ID and Contract ID),
 * and which support fits a request.
 */

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

export type EffectiveStatus = 'notActivated' | 'pending' | 'active';

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

export type ActivationOutcome = 'requested' | 'alreadyPending' | 'alreadyActive' | 'completed';

const MAX_RETRIES = 3;

/**
 * Technical benefits of one tenant. Authorisation is the caller's (the verb dispatcher asks the
 * policy table right before); this re-reads records, re-checks the rules, writes with ETags and
 * audits.
 */
export class SupportBenefits {
  constructor(
    private readonly repos: Repositories,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly settings: ActivationSettings,
    private readonly catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
    private readonly ids: SupportIdSource = randomSupportIds,
  ) {}

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
    const settled = await Promise.all(
      rows
        .filter((r) => isTechnical(r.doc))
        .map((r) => this.settle(r as Versioned<TechnicalBenefit>, standing)),
    );
    return supportOverview(standing, settled, this.clock.now(), this.settings.supportDays, this.catalogue);
  }

  async state(tenantId: string, benefitId: string): Promise<TechnicalState> {
    const [standing, row] = await Promise.all([this.standing(tenantId), this.read(tenantId, benefitId)]);
    const settled = await this.settle(row, standing);
    return technicalState(settled, standing, this.clock.now(), this.settings.supportDays, this.catalogue);
  }

  /** `support.activate`: pending from now, with who asked and when. */
  async activate(
    actor: Actor,
    benefitId: string,
  ): Promise<{ outcome: ActivationOutcome; state: TechnicalState }> {
    for (let attempt = 0; ; attempt++) {
      const [standing, row] = await Promise.all([
        this.standing(actor.tenantId),
        this.read(actor.tenantId, benefitId),
      ]);
      const now = this.clock.now();
      const current = technicalState(row.doc, standing, now, this.settings.supportDays, this.catalogue);
      if (current.status !== 'notActivated') {
        return {
          outcome: current.status === 'pending' ? 'alreadyPending' : 'alreadyActive',
          state: await this.state(actor.tenantId, benefitId),
        };
      }
      this.checkActivatable(current, now);
      // The one benefit check (packageGate.ts) around the write: refuses a cancelled package, marks it used if the write succeeds.
      const next: TechnicalBenefit = {
        ...row.doc,
        details: {
          ...row.doc.details,
          status: 'pending',
          requestedOn: now.toISOString(),
          requestedBy: actor.aadObjectId,
        },
      };
      try {
        const saved = await useBenefit(this.repos, this.clock, actor, row.doc, 'activationRequested', () =>
          this.repos.benefits.replace(next, row.etag),
        );
        await this.audit.record({
          tenantId: actor.tenantId,
          actor: actor.aadObjectId,
          action: 'support.activate',
          target: benefitId,
          outcome: 'success',
          detail: `pending; processing takes ${this.settings.supportDays} days`,
        });
        return {
          outcome: 'requested',
          state: technicalState(
            saved.doc as TechnicalBenefit,
            standing,
            now,
            this.settings.supportDays,
            this.catalogue,
          ),
        };
      } catch (err) {
        if (!(err instanceof ConcurrencyError) || attempt >= MAX_RETRIES) throw err;
      }
    }
  }

  /** `support.complete` (local mode only): processing completes now instead of after the delay. */
  async complete(
    actor: Actor,
    benefitId: string,
  ): Promise<{ outcome: ActivationOutcome; state: TechnicalState }> {
    if (!this.settings.manualCompletion) throw new RuleViolation('support.complete.localOnly');
    for (let attempt = 0; ; attempt++) {
      const [standing, row] = await Promise.all([
        this.standing(actor.tenantId),
        this.read(actor.tenantId, benefitId),
      ]);
      const now = this.clock.now();
      const d = row.doc.details;
      if (d.status === 'active' || isDue(d, now, this.settings.supportDays)) {
        return { outcome: 'alreadyActive', state: await this.state(actor.tenantId, benefitId) };
      }
      if (d.status !== 'pending')
        throw new RuleViolation('support.complete.notPending', { name: row.doc.name });
      const partnerId = standing.ok ? standing.membership.partnerId : undefined;
      const done = completeTechnical(row.doc, toIsoDate(now), partnerId, this.ids);
      try {
        const saved = await this.repos.benefits.replace(done, row.etag);
        await this.audit.record({
          tenantId: actor.tenantId,
          actor: actor.aadObjectId,
          action: 'support.complete',
          target: benefitId,
          outcome: 'success',
          detail: 'completed by hand (local mode)',
        });
        return {
          outcome: 'completed',
          state: technicalState(
            saved.doc as TechnicalBenefit,
            standing,
            now,
            this.settings.supportDays,
            this.catalogue,
          ),
        };
      } catch (err) {
        if (!(err instanceof ConcurrencyError) || attempt >= MAX_RETRIES) throw err;
      }
    }
  }

  /** Which support fits a request about `familyId`, with the ids to quote or what to activate first. */
  async advise(tenantId: string, need: SupportNeed, familyId: string): Promise<SupportAdvice> {
    const family = this.catalogue.productFamilies.find((f) => f.id === familyId);
    if (!family) throw new RuleViolation('support.request.unknownFamily');
    const overview = await this.overview(tenantId);
    return adviseSupportRequest(need, family, overview.benefits, overview.standing, this.catalogue);
  }

  private checkActivatable(state: TechnicalState, now: Date): void {
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

  private async read(tenantId: string, benefitId: string): Promise<Versioned<TechnicalBenefit>> {
    const row = await this.repos.benefits.get(tenantId, benefitId);
    if (!row || !isTechnical(row.doc)) throw new RuleViolation('support.notFound');
    return row as Versioned<TechnicalBenefit>;
  }

  /**
   * Writes down a completion whose delay has passed, the first time anyone reads it after the
   * delay (ETag: of two readers at the same moment one writes, the other re-reads theirs), so
   * the ids never change once shown and other readers of the benefit (lists, expiry notices)
   * see it active.
   */
  private async settle(row: Versioned<TechnicalBenefit>, standing: Standing): Promise<TechnicalBenefit> {
    let current = row;
    for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      const now = this.clock.now();
      if (!isDue(current.doc.details, now, this.settings.supportDays)) return current.doc;
      const partnerId = standing.ok ? standing.membership.partnerId : undefined;
      const activatedOn = completionDay(current.doc.details, now, this.settings.supportDays);
      const done = completeTechnical(current.doc, activatedOn, partnerId, this.ids);
      try {
        const saved = await this.repos.benefits.replace(done, current.etag);
        await this.audit.record({
          tenantId: current.doc.tenantId,
          actor: SYSTEM_ACTOR,
          action: 'support.complete',
          target: current.doc.id,
          outcome: 'success',
          detail: `processing delay of ${this.settings.supportDays} days elapsed`,
        });
        return saved.doc as TechnicalBenefit;
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
        const fresh = await this.repos.benefits.get(current.doc.tenantId, current.doc.id);
        if (!fresh || !isTechnical(fresh.doc)) return current.doc;
        current = fresh as Versioned<TechnicalBenefit>;
      }
    }
    return current.doc;
  }
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
