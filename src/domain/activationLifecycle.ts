import { completionDay, isDue, SYSTEM_ACTOR, type ActivationSettings, type Standing } from './activation';
import type { AuditLog } from './audit';
import { toIsoDate } from './dates';
import { RuleViolation, type RuleKey } from './errors';
import type { Benefit } from './model';
import { mutate, MutationAbandonedError, UNCHANGED } from './mutate';
import { useBenefit } from './packageGate';
import type { Actor } from './policy';
import type { Clock, Versioned } from './ports';
import type { Repositories } from './repositories';

/**
 * THE activation lifecycle of technical benefits and Go-To-Market offers:
 * notActivated → (request) pending → active, either once the processing delay has passed
 * (written down by the first reader after it, audited as the system) or, in local mode only, at
 * once by hand ("complete now"). Every write is one `mutate` (ETag read-modify-write); every
 * transition is audited once, by whoever wrote it. What differs between the two kinds of
 * benefit is given by an `ActivationKind`.
 */

export type ActivationOutcome = 'requested' | 'alreadyPending' | 'alreadyActive' | 'completed';

/** The statuses a benefit goes through, as read now (a pending one past its delay reads active). */
export type EffectiveStatus = 'notActivated' | 'pending' | 'active';

/** The details every activatable benefit carries. */
interface ActivatableDetails {
  status: EffectiveStatus;
  requestedOn?: string;
  requestedBy?: string;
  activatedOn?: string;
}

export type ActivatableBenefit = Benefit & { details: Benefit['details'] & ActivatableDetails };

/** What an act reads besides the benefit itself (the standing, for GTM the marketing contact). */
export interface ActivationContext {
  standing: Standing;
}

/** What differs between technical benefits and Go-To-Market offers. */
export interface ActivationKind<
  B extends ActivatableBenefit,
  S extends { benefit: B; status: EffectiveStatus },
  C extends ActivationContext = ActivationContext,
> {
  /** Names the audit actions (`<name>.activate`, `<name>.complete`): the policy actions of the verbs. */
  name: 'support' | 'gtm';
  /** The rule key when the benefit is not one of this kind (or not there). */
  notFoundKey: RuleKey;
  is(b: Benefit): b is B;
  delayDays(settings: ActivationSettings): number;
  /** Reads what `refuse` and `state` need, for one tenant. */
  context(tenantId: string): Promise<C>;
  state(benefit: B, ctx: C, now: Date): S;
  /**
   * Refuses a request of a benefit that reads notActivated (throws a RuleViolation): eligibility,
   * expiry, what else the kind needs. Checked before the package gate and again on the version
   * that is written.
   */
  refuse(state: S, ctx: C, now: Date): void;
  /** The package gate is asked before `refuse` (a withdrawn benefit is said first) rather than after. */
  gateFirst: boolean;
  /** The benefit once processing completed on `activatedOn`. */
  complete(benefit: B, activatedOn: string, ctx: C): B;
  /** Added to the audit detail of a completion (e.g. the new expiry). */
  completionNote?(done: B): string;
}

export interface ActivationResult<S> {
  outcome: ActivationOutcome;
  state: S;
}

export class ActivationLifecycle<
  B extends ActivatableBenefit,
  S extends { benefit: B; status: EffectiveStatus },
  C extends ActivationContext = ActivationContext,
> {
  constructor(
    private readonly kind: ActivationKind<B, S, C>,
    private readonly repos: Repositories,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly settings: ActivationSettings,
  ) {}

  private get days(): number {
    return this.kind.delayDays(this.settings);
  }

  /** The benefit as read now, a completion whose delay has passed written down first. */
  async state(tenantId: string, benefitId: string, ctx?: C): Promise<S> {
    const [context, row] = await Promise.all([
      ctx ?? this.kind.context(tenantId),
      this.read(tenantId, benefitId),
    ]);
    return this.kind.state(await this.settle(row, context), context, this.clock.now());
  }

  /** Every benefit of this kind among `rows`, settled (see `settle`). */
  async settleAll(rows: readonly Versioned<Benefit>[], ctx: C): Promise<B[]> {
    return Promise.all(
      rows.filter((r) => this.kind.is(r.doc)).map((r) => this.settle(r as Versioned<B>, ctx)),
    );
  }

  /** `<kind>.activate`: pending from now, with who asked and when. A second request changes nothing. */
  async request(actor: Actor, benefitId: string): Promise<ActivationResult<S>> {
    const [ctx, row] = await Promise.all([
      this.kind.context(actor.tenantId),
      this.read(actor.tenantId, benefitId),
    ]);
    const now = this.clock.now();
    const before = this.kind.state(row.doc, ctx, now);
    if (before.status !== 'notActivated') return this.already(before.status, row, ctx);
    if (this.kind.gateFirst) await useBenefit(this.repos, this.clock, actor, row.doc);
    this.kind.refuse(before, ctx, now);
    const seen: { status: EffectiveStatus } = { status: 'notActivated' };
    // The one benefit check around the write: refuses a cancelled package, and marks it used only
    // once the request is stored (packageGate.ts).
    const saved = await useBenefit(this.repos, this.clock, actor, row.doc, 'activationRequested', () =>
      mutate(this.repos.benefits, actor.tenantId, benefitId, (current) => {
        const doc = this.own(actor.tenantId, current);
        const s = this.kind.state(doc, ctx, now);
        seen.status = s.status;
        if (s.status !== 'notActivated') return UNCHANGED; // someone else's request won
        this.kind.refuse(s, ctx, now);
        return {
          ...doc,
          details: {
            ...doc.details,
            status: 'pending',
            requestedOn: now.toISOString(),
            requestedBy: actor.aadObjectId,
          },
        };
      }),
    );
    const written = saved as Versioned<B>;
    if (seen.status !== 'notActivated') return this.already(seen.status, written, ctx);
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action: `${this.kind.name}.activate`,
      target: benefitId,
      outcome: 'success',
      detail: `pending; processing takes ${this.days} days`,
    });
    return { outcome: 'requested', state: this.kind.state(written.doc, ctx, now) };
  }

  /** `<kind>.complete` (local mode only): processing completes now instead of after the delay. */
  async complete(actor: Actor, benefitId: string): Promise<ActivationResult<S>> {
    if (!this.settings.manualCompletion) throw new RuleViolation('support.complete.localOnly');
    const ctx = await this.kind.context(actor.tenantId);
    const now = this.clock.now();
    const wrote: { done?: B } = {};
    const saved = await mutate(this.repos.benefits, actor.tenantId, benefitId, (current) => {
      const doc = this.own(actor.tenantId, current);
      wrote.done = undefined;
      const d = doc.details;
      if (d.status === 'active' || isDue(d, now, this.days)) return UNCHANGED;
      if (d.status !== 'pending') throw new RuleViolation('support.complete.notPending', { name: doc.name });
      wrote.done = this.kind.complete(doc, toIsoDate(now), ctx);
      return wrote.done;
    });
    const written = saved as Versioned<B>;
    const done = wrote.done;
    if (!done) return this.already('active', written, ctx);
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action: `${this.kind.name}.complete`,
      target: benefitId,
      outcome: 'success',
      detail: this.withNote('completed by hand (local mode)', done),
    });
    return { outcome: 'completed', state: this.kind.state(written.doc, ctx, now) };
  }

  /**
   * Writes down a completion whose delay has passed, the first time anyone reads it after the
   * delay: of two readers at the same moment one writes (and audits), the other reads theirs, so
   * what a completion produces (support ids, the offer's expiry) never changes once shown and
   * other readers (lists, expiry notices) see it active. A reader that keeps losing the race
   * gets the benefit as read: its state reads active all the same.
   */
  async settle(row: Versioned<B>, ctx: C): Promise<B> {
    const now = this.clock.now();
    if (!isDue(row.doc.details, now, this.days)) return row.doc;
    const wrote: { done?: B } = {};
    let saved: Versioned<Benefit> | undefined;
    try {
      saved = await mutate(this.repos.benefits, row.doc.tenantId, row.doc.id, (current) => {
        wrote.done = undefined;
        if (!current || !this.kind.is(current) || !isDue(current.details, now, this.days)) return UNCHANGED;
        wrote.done = this.kind.complete(current, completionDay(current.details, now, this.days), ctx);
        return wrote.done;
      });
    } catch (err) {
      if (err instanceof MutationAbandonedError) return row.doc;
      throw err;
    }
    const done = wrote.done;
    if (done) {
      await this.audit.record({
        tenantId: row.doc.tenantId,
        actor: SYSTEM_ACTOR,
        action: `${this.kind.name}.complete`,
        target: row.doc.id,
        outcome: 'success',
        detail: this.withNote(`processing delay of ${this.days} days elapsed`, done),
      });
    }
    return saved && this.kind.is(saved.doc) ? saved.doc : row.doc;
  }

  private async already(status: EffectiveStatus, row: Versioned<B>, ctx: C): Promise<ActivationResult<S>> {
    const settled = await this.settle(row, ctx);
    return {
      outcome: status === 'pending' ? 'alreadyPending' : 'alreadyActive',
      state: this.kind.state(settled, ctx, this.clock.now()),
    };
  }

  private withNote(detail: string, done: B): string {
    const note = this.kind.completionNote?.(done);
    return note ? `${detail}; ${note}` : detail;
  }

  /** The benefit, when it is one of this kind and of this tenant. */
  private own(tenantId: string, doc: Benefit | undefined): B {
    if (!doc || doc.tenantId !== tenantId || !this.kind.is(doc))
      throw new RuleViolation(this.kind.notFoundKey);
    return doc;
  }

  private async read(tenantId: string, benefitId: string): Promise<Versioned<B>> {
    const row = await this.repos.benefits.get(tenantId, benefitId);
    this.own(tenantId, row?.doc);
    return row as Versioned<B>;
  }
}
