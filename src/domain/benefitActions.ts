import type { AuditLog } from './audit';
import { addCreditUser, isCredit, removeCreditUser, transferCredit, type CreditDetails } from './azureCredit';
import { assertNotExpired, loadBenefitsSnapshot, type Activation, type BenefitsSnapshot } from './benefits';
import { RuleViolation, type RuleKey } from './errors';
import { planRedemption, type RedeemMode, type RedemptionPlan } from './licenceTerm';
import { memberId, type Benefit, type BenefitPackage, type Member } from './model';
import { cancellationBlocks, type CancellationBlock } from './packageCancellation';
import { mutate, mutateExisting, UNCHANGED } from './mutate';
import { useBenefit } from './packageGate';
import type { Action, Actor } from './policy';
import type { Clock, Versioned } from './ports';
import type { Repositories } from './repositories';

/**
 * The acts on benefits: reveal a software key, manage Azure credit, redeem a licence key, cancel
 * a package. Each re-reads its records, re-checks the rules, writes with the ETag it read
 * (re-reading and re-checking on a concurrent change), and audits the outcome. Authorisation is
 * asked by the caller right before calling (the policy table), never here.
 */

export type SoftwareDetails = Extract<Benefit['details'], { category: 'software' }>;
export type SoftwareProduct = SoftwareDetails['products'][number];

export interface RevealedKey {
  benefit: Benefit;
  product: SoftwareProduct;
  language: string;
  osType: string;
  key: string;
}

export type RedeemOutcome =
  | { kind: 'redeemed'; benefit: Benefit; plan: RedemptionPlan }
  /** Adding seats leaves less than 12 months: nothing written until confirmed a second time. */
  | { kind: 'confirmShortTerm'; benefit: Benefit; plan: RedemptionPlan }
  /** The subscription changed since the person saw the result: nothing written, show the new one. */
  | { kind: 'changed'; benefit: Benefit; plan: RedemptionPlan };

/** A redemption that turned out not to happen: it carries the answer, and nothing was written. */
class NotRedeemed extends Error {
  constructor(readonly outcome: RedeemOutcome) {
    super(outcome.kind);
  }
}

export interface RedeemRequest {
  benefitId: string;
  keyId: string;
  mode: RedeemMode;
  /** The end date the person was shown and confirmed. */
  expectEndDate: string;
  acceptShortTerm: boolean;
}

/** The message key and parameters that explain a cancellation block. */
export function explainBlock(block: CancellationBlock): {
  key: RuleKey;
  params: Record<string, string | number>;
} {
  switch (block.rule) {
    case 'alreadyCancelled':
      return { key: 'benefits.cancel.block.alreadyCancelled', params: {} };
    case 'window':
      return {
        key: 'benefits.cancel.block.window',
        params: { days: block.daysSincePurchase, date: block.lastDay },
      };
    case 'activated':
      return { key: `benefits.cancel.block.${block.how}`, params: { benefit: block.benefit } };
  }
}

export class BenefitActions {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /* ------------------------------------------------------------ reads */

  /** The tenant's benefits, packages, seats and people in one read, for the benefits cards. */
  snapshot(tenantId: string): Promise<BenefitsSnapshot> {
    return loadBenefitsSnapshot(this.repos, tenantId);
  }

  /** The benefit of this tenant, or a refusal: ids from a card are never trusted across tenants. */
  async benefit(tenantId: string, benefitId: string): Promise<Versioned<Benefit>> {
    const found = await this.repos.benefits.get(tenantId, benefitId);
    if (!found) throw new RuleViolation('benefits.notFound');
    return found;
  }

  async package(tenantId: string, packageId: string): Promise<Versioned<BenefitPackage>> {
    const found = await this.repos.packages.get(tenantId, packageId);
    if (!found) throw new RuleViolation('benefits.notFound');
    return found;
  }

  /** A person of this tenant's directory (guests included). */
  async member(tenantId: string, aadObjectId: string): Promise<Member> {
    const found = await this.repos.members.get(tenantId, memberId(aadObjectId));
    if (!found) throw new RuleViolation('benefits.credit.notInDirectory');
    return found.doc;
  }

  /** Refuses a benefit of a cancelled package (a read-only check: nothing is used yet). */
  private async assertPackageActive(benefit: Benefit): Promise<void> {
    const pkg = await this.repos.packages.get(benefit.tenantId, benefit.packageId);
    if (!pkg || pkg.doc.status === 'cancelled') {
      throw new RuleViolation('benefits.packageCancelled', {
        benefit: benefit.name,
        package: pkg?.doc.name ?? '',
      });
    }
  }

  /** The software product of a benefit (refused when the benefit is not software). */
  async softwareProduct(
    tenantId: string,
    benefitId: string,
    productId: string,
  ): Promise<{ benefit: Benefit; product: SoftwareProduct }> {
    const { doc } = await this.benefit(tenantId, benefitId);
    if (doc.details.category !== 'software') throw new RuleViolation('benefits.notFound');
    const product = doc.details.products.find((p) => p.productId === productId);
    if (!product) throw new RuleViolation('benefits.notFound');
    return { benefit: doc, product };
  }

  /** Both ways of redeeming a key, computed without writing (a refusal per mode instead of a plan). */
  async redemptionOptions(
    tenantId: string,
    benefitId: string,
    keyId: string,
  ): Promise<{ benefit: Benefit; plans: Record<RedeemMode, RedemptionPlan | RuleViolation> }> {
    const { doc } = await this.benefit(tenantId, benefitId);
    const { details } = await this.redeemableKey(doc, keyId);
    const plan = (mode: RedeemMode) => {
      try {
        return planRedemption(details, keyId, mode, this.clock.now());
      } catch (err) {
        if (err instanceof RuleViolation) return err;
        throw err;
      }
    };
    return { benefit: doc, plans: { extend: plan('extend'), addSeats: plan('addSeats') } };
  }

  /**
   * Shows a licence key to the person who will redeem it in the Microsoft 365 admin centre: the
   * first view is recorded on the key (a viewed key counts as activation for cancellation) and
   * every view is audited. Refused once redeemed, for a cancelled package or after the last day.
   */
  async revealLicenceKey(actor: Actor, benefitId: string, keyId: string): Promise<string> {
    let shown = '';
    await this.mutateBenefit(actor.tenantId, benefitId, async (doc) => {
      const { details, key } = await this.redeemableKey(doc, keyId);
      shown = key.key;
      if (key.viewedAt) return UNCHANGED;
      const at = this.clock.now().toISOString();
      const keys = details.keys.map((k) =>
        k.keyId === keyId ? { ...k, viewedAt: at, viewedBy: actor.aadObjectId } : k,
      );
      return { ...doc, details: { ...details, keys } };
    });
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action: 'license.viewKey',
      target: `${benefitId}:${keyId}`,
      outcome: 'success',
    });
    return shown;
  }

  /** The package and every rule that stops its cancellation today. */
  async cancellation(
    tenantId: string,
    packageId: string,
  ): Promise<{ pkg: Versioned<BenefitPackage>; blocks: CancellationBlock[] }> {
    const pkg = await this.package(tenantId, packageId);
    const [benefits, assignments] = await Promise.all([
      this.repos.benefits.list(tenantId, { where: { packageId } }),
      this.repos.seatAssignments.list(tenantId),
    ]);
    return {
      pkg,
      blocks: cancellationBlocks(
        pkg.doc,
        benefits.map((b) => b.doc),
        assignments.map((a) => a.doc),
        this.clock.now(),
      ),
    };
  }

  /* ------------------------------------------------------------ acts */

  /** Reveals the key for one language and OS; the first reveal marks the benefit as activated. */
  async revealKey(
    actor: Actor,
    req: { benefitId: string; productId: string; language: string; osType: string },
  ): Promise<RevealedKey> {
    const detail = `product=${req.productId} language=${req.language} os=${req.osType}`;
    return this.audited(actor, 'software.revealKeys', req.benefitId, detail, async () => {
      const { benefit, product } = await this.softwareProduct(actor.tenantId, req.benefitId, req.productId);
      const match = product.keys.find((k) => k.language === req.language && k.osType === req.osType);
      if (!match) {
        throw new RuleViolation('benefits.software.noKeyFor', { language: req.language, osType: req.osType });
      }
      const now = this.clock.now();
      assertNotExpired(benefit, now);
      // The one benefit check: refuses a cancelled package, marks it used once the reveal is stored.
      const stored = await useBenefit(this.repos, this.clock, actor, benefit, 'keyViewed', () =>
        this.update(actor.tenantId, req.benefitId, (current) => {
          if (current.details.category !== 'software') throw new RuleViolation('benefits.notFound');
          if (current.details.firstRevealedAt) return undefined;
          // Viewing a key is activating the benefit: only until its last day.
          assertNotExpired(current, now);
          return { ...current, details: { ...current.details, firstRevealedAt: now.toISOString() } };
        }),
      );
      return { benefit: stored, product, language: match.language, osType: match.osType, key: match.key };
    });
  }

  async addCreditUser(actor: Actor, benefitId: string, person: string): Promise<Benefit> {
    return this.audited(actor, 'credit.addUser', benefitId, `person=${person}`, async () => {
      await this.member(actor.tenantId, person);
      return this.changeCredit(actor, benefitId, 'creditAssigned', (credit, benefit) => {
        assertNotExpired(benefit, this.clock.now());
        return addCreditUser(credit, person);
      });
    });
  }

  async removeCreditUser(actor: Actor, benefitId: string, person: string): Promise<Benefit> {
    return this.audited(actor, 'credit.removeUser', benefitId, `person=${person}`, () =>
      this.changeCredit(actor, benefitId, undefined, (credit) => removeCreditUser(credit, person)),
    );
  }

  async transferCredit(actor: Actor, benefitId: string, person: string): Promise<Benefit> {
    return this.audited(actor, 'credit.transfer', benefitId, `to=${person}`, async () => {
      await this.member(actor.tenantId, person);
      return this.changeCredit(actor, benefitId, 'creditAssigned', (credit) =>
        transferCredit(credit, person, this.clock.now()),
      );
    });
  }

  /**
   * Redeems a licence key, once ever: the write carries the ETag of the read, so of two admins
   * redeeming the same key at the same moment exactly one succeeds; the other re-reads, finds the
   * key redeemed and is told by whom and when.
   */
  async redeem(actor: Actor, req: RedeemRequest): Promise<RedeemOutcome> {
    const detail = `key=${req.keyId} mode=${req.mode}`;
    return this.audited(
      actor,
      'license.redeem',
      req.benefitId,
      detail,
      async () => {
        const now = this.clock.now();
        // The redemption as judged on one version of the benefit: an answer without writing (the
        // plan changed since it was shown, or it needs a second confirmation), or the next version.
        const judge = async (
          doc: Benefit,
        ): Promise<RedeemOutcome | { next: Benefit; plan: RedemptionPlan }> => {
          const { details } = await this.redeemableKey(doc, req.keyId, now);
          const plan = planRedemption(details, req.keyId, req.mode, now);
          if (plan.endDateAfter !== req.expectEndDate) return { kind: 'changed', benefit: doc, plan };
          if (plan.shortTerm && !req.acceptShortTerm) return { kind: 'confirmShortTerm', benefit: doc, plan };
          const keys = details.keys.map((k) =>
            k.keyId === req.keyId
              ? { ...k, redeemedBy: actor.aadObjectId, redeemedAt: now.toISOString() }
              : k,
          );
          return {
            plan,
            next: {
              ...doc,
              details: { ...details, activeSeats: plan.seatsAfter, endDate: plan.endDateAfter, keys },
            },
          };
        };
        // Judged first without touching anything, so an answer that is not a redemption writes nothing.
        const first = await judge((await this.benefit(actor.tenantId, req.benefitId)).doc);
        if ('kind' in first) return first;
        // The plan of the version written (the last attempt's); a redemption is a use of the package.
        let redeemed: RedemptionPlan | undefined;
        try {
          const stored = await useBenefit(this.repos, this.clock, actor, req.benefitId, 'keyRedeemed', () =>
            this.mutateBenefit(actor.tenantId, req.benefitId, async (doc) => {
              const judged = await judge(doc);
              // Someone changed the subscription in between: the answer, and the act counts as not done.
              if ('kind' in judged) throw new NotRedeemed(judged);
              redeemed = judged.plan;
              return judged.next;
            }),
          );
          if (!redeemed) throw new RuleViolation('benefits.notFound');
          return { kind: 'redeemed', benefit: stored.doc, plan: redeemed };
        } catch (err) {
          if (err instanceof NotRedeemed) return err.outcome;
          throw err;
        }
      },
      (outcome) => outcome.kind === 'redeemed',
      (outcome) => `${detail} seats=${outcome.plan.seatsAfter} end=${outcome.plan.endDateAfter}`,
    );
  }

  /**
   * Cancels a package and records the refund request. The package is written with the ETag of
   * the read it was judged on; every benefit act marks the package (`firstUse`, packageGate.ts)
   * under that same ETag before it acts, so a use that lands first makes this write fail, and the
   * re-read sees the marker and refuses. Once cancelled, every act is refused.
   */
  async cancelPackage(actor: Actor, packageId: string): Promise<BenefitPackage> {
    return this.audited(actor, 'package.cancel', packageId, 'refundRequested', async () => {
      await this.package(actor.tenantId, packageId);
      const [benefits, assignments] = await Promise.all([
        this.repos.benefits.list(actor.tenantId, { where: { packageId } }),
        this.repos.seatAssignments.list(actor.tenantId),
      ]);
      const stored = await mutate(this.repos.packages, actor.tenantId, packageId, (pkg) => {
        if (!pkg) throw new RuleViolation('benefits.notFound');
        const blocks = cancellationBlocks(
          pkg,
          benefits.map((b) => b.doc),
          assignments.map((a) => a.doc),
          this.clock.now(),
        );
        if (blocks.length > 0) {
          const { key, params } = explainBlock(blocks[0]);
          throw new RuleViolation(key, params);
        }
        const cancelled: BenefitPackage = {
          ...pkg,
          status: 'cancelled',
          cancellation: { by: actor.aadObjectId, at: this.clock.now().toISOString(), refundRequested: true },
        };
        return cancelled;
      });
      if (!stored) throw new RuleViolation('benefits.notFound');
      return stored.doc;
    });
  }

  /* ------------------------------------------------------------ helpers */

  private licenceOf(benefit: Benefit) {
    if (benefit.details.category !== 'licence') throw new RuleViolation('benefits.notFound');
    return benefit.details;
  }

  /**
   * The licence of a benefit and one of its keys, while that key may still be redeemed: it is
   * there, nobody redeemed it yet (else who did and when), its package is not cancelled and the
   * benefit's last day has not passed on `now` (the clock's, read after those checks, by default).
   */
  private async redeemableKey(doc: Benefit, keyId: string, now?: Date) {
    const details = this.licenceOf(doc);
    const key = details.keys.find((k) => k.keyId === keyId);
    if (!key) throw new RuleViolation('benefits.notFound');
    if (key.redeemedBy) throw await this.alreadyRedeemed(doc, key);
    await this.assertPackageActive(doc);
    assertNotExpired(doc, now ?? this.clock.now());
    return { details, key };
  }

  private async alreadyRedeemed(
    benefit: Benefit,
    key: { keyId: string; redeemedBy?: string; redeemedAt?: string },
  ): Promise<RuleViolation> {
    const by = key.redeemedBy
      ? await this.repos.members.get(benefit.tenantId, memberId(key.redeemedBy))
      : undefined;
    return new RuleViolation('benefits.licence.alreadyRedeemed', {
      keyId: key.keyId,
      name: by?.doc.name ?? key.redeemedBy ?? '?',
      at: key.redeemedAt ?? '',
    });
  }

  private async changeCredit(
    actor: Actor,
    benefitId: string,
    how: Activation | undefined,
    change: (credit: CreditDetails, benefit: Benefit) => CreditDetails,
  ): Promise<Benefit> {
    const tenantId = actor.tenantId;
    const { doc } = await this.benefit(tenantId, benefitId);
    if (!isCredit(doc.details)) throw new RuleViolation('benefits.notFound');
    // The change's own rules first (nothing is marked used when it is refused), then the one check.
    change(doc.details, doc);
    return useBenefit(this.repos, this.clock, actor, doc, how, () =>
      this.update(tenantId, benefitId, (current) => {
        if (!isCredit(current.details)) throw new RuleViolation('benefits.notFound');
        return { ...current, details: change(current.details, current) };
      }),
    );
  }

  /**
   * Read, change, write with the ETag of the read; on a concurrent change read again and apply
   * the change to the new version (its rules are checked again). `undefined` = nothing to write.
   */
  private async update(
    tenantId: string,
    benefitId: string,
    change: (current: Benefit) => Benefit | undefined,
  ): Promise<Benefit> {
    const stored = await this.mutateBenefit(tenantId, benefitId, (doc) => change(doc) ?? UNCHANGED);
    return stored.doc;
  }

  /** `mutate` of a benefit that must exist (else `benefits.notFound`, nothing written). */
  private mutateBenefit(
    tenantId: string,
    benefitId: string,
    change: (current: Benefit) => Benefit | typeof UNCHANGED | Promise<Benefit | typeof UNCHANGED>,
  ): Promise<Versioned<Benefit>> {
    return mutateExisting(
      this.repos.benefits,
      tenantId,
      benefitId,
      () => new RuleViolation('benefits.notFound'),
      change,
    );
  }

  /**
   * Runs an act and audits how it ended: success, or rejected by a rule (the rule's key is the
   * detail). `done` says whether a returned value is the act itself (a confirmation step is not).
   */
  private async audited<T>(
    actor: Actor,
    action: Action,
    target: string,
    detail: string,
    act: () => Promise<T>,
    done: (result: T) => boolean = () => true,
    successDetail: (result: T) => string = () => detail,
  ): Promise<T> {
    let result: T;
    try {
      result = await act();
    } catch (err) {
      if (err instanceof RuleViolation) {
        await this.audit.record({
          tenantId: actor.tenantId,
          actor: actor.aadObjectId,
          action,
          target,
          outcome: 'rejected',
          detail: `${detail} rule=${err.key}`,
        });
      }
      throw err;
    }
    if (done(result)) {
      await this.audit.record({
        tenantId: actor.tenantId,
        actor: actor.aadObjectId,
        action,
        target,
        outcome: 'success',
        detail: successDetail(result),
      });
    }
    return result;
  }
}
