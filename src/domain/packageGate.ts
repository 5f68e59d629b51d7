import { randomUUID } from 'node:crypto';
import type { Activation } from './benefits';
import { RuleViolation } from './errors';
import type { Benefit, BenefitPackage } from './model';
import { mutate, UNCHANGED } from './mutate';
import type { Actor } from './policy';
import type { Clock } from './ports';
import type { Repositories } from './repositories';

/**
 * THE check every act on a benefit passes right before it writes: key reveal, licence redemption,
 * credit change, seat request, approval and assignment, technical and Go-To-Market activation.
 *
 * A cancelled package's benefits are withdrawn: the act is refused. An act that puts a benefit to
 * use (`how` given) runs inside this check (`act`): before it, the act's own entry is added to
 * the package's `usesInFlight` (written with the package's ETag); after it, the entry is taken
 * off again and, only if the act succeeded, `firstUse` is recorded. The cancellation writes the
 * package with its ETag too and refuses while `firstUse` or any use in flight is there. So of an
 * act and a cancellation at the same moment exactly one wins (the act's entry landed first: the
 * cancellation is refused; the cancellation landed first: the act re-reads, finds the package
 * cancelled, and is refused), and an act that fails (a rule said no, the store went away) leaves
 * the package as it found it. Each act has its own entry, so one act's failure never takes back
 * the mark of another that succeeded. If even the clean-up write fails, the entry stays and the
 * package stays uncancellable: the safe side.
 * Acts that use nothing (a seat request, removing a credit user) only check.
 */
export function useBenefit(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  benefit: Benefit | string,
): Promise<void>;
export function useBenefit<T>(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  benefit: Benefit | string,
  how: Activation | undefined,
  act: () => Promise<T>,
): Promise<T>;
export async function useBenefit<T>(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  benefit: Benefit | string,
  how?: Activation,
  act?: () => Promise<T>,
): Promise<T | void> {
  const b = typeof benefit === 'string' ? (await repos.benefits.get(actor.tenantId, benefit))?.doc : benefit;
  if (!b || b.tenantId !== actor.tenantId) throw new RuleViolation('benefits.notFound');
  const entry = {
    token: randomUUID(),
    at: clock.now().toISOString(),
    by: actor.aadObjectId,
    benefit: b.name,
    how: how ?? 'activationRequested',
  } satisfies InFlightUse;
  let marked = false;
  await mutate(repos.packages, actor.tenantId, b.packageId, (pkg) => {
    marked = false;
    if (!pkg || pkg.status === 'cancelled') {
      throw new RuleViolation('benefits.packageCancelled', { benefit: b.name, package: pkg?.name ?? '' });
    }
    // Already used for good: nothing to record, nothing to take back.
    if (!how || !act || pkg.firstUse) return UNCHANGED;
    marked = true;
    return { ...pkg, usesInFlight: [...(pkg.usesInFlight ?? []), entry] };
  });
  if (!act) return;
  let result: T;
  try {
    result = await act();
  } catch (err) {
    if (marked) await settle(repos, b, entry, false).catch(() => undefined);
    throw err;
  }
  if (marked) await settle(repos, b, entry, true).catch(() => undefined);
  return result;
}

type InFlightUse = NonNullable<BenefitPackage['usesInFlight']>[number];

/** Takes the act's entry off the package; an act that succeeded becomes the package's `firstUse`. */
async function settle(
  repos: Repositories,
  b: Benefit,
  entry: InFlightUse,
  succeeded: boolean,
): Promise<void> {
  await mutate(repos.packages, b.tenantId, b.packageId, (pkg) => {
    if (!pkg) return UNCHANGED;
    const rest = (pkg.usesInFlight ?? []).filter((u) => u.token !== entry.token);
    const next: BenefitPackage = { ...pkg, usesInFlight: rest.length > 0 ? rest : undefined };
    if (succeeded && !pkg.firstUse) {
      next.firstUse = { at: entry.at, by: entry.by, benefit: entry.benefit, how: entry.how };
    }
    return next;
  });
}
