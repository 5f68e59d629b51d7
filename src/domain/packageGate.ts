import type { Activation } from './benefits';
import { RuleViolation } from './errors';
import type { Benefit } from './model';
import { mutate, UNCHANGED } from './mutate';
import type { Actor } from './policy';
import type { Clock } from './ports';
import type { Repositories } from './repositories';

/**
 * THE check every act on a benefit passes right before it writes: key reveal, licence redemption,
 * credit change, seat request, approval and assignment, technical and Go-To-Market activation.
 *
 * A cancelled package's benefits are withdrawn: the act is refused. An act that puts a benefit to
 * use (`how` given) first records that on the package (`firstUse`, written with the package's
 * ETag); the cancellation writes the package with its ETag too and refuses when `firstUse` is
 * there. So of an act and a cancellation at the same moment exactly one wins: either the act
 * marked the package first (the cancellation is refused: something was used), or the
 * cancellation landed first (the act re-reads, finds the package cancelled, and is refused).
 * Acts that use nothing (a seat request, removing a credit user) only check.
 */
export async function useBenefit(
  repos: Repositories,
  clock: Clock,
  actor: Actor,
  benefit: Benefit | string,
  how?: Activation,
): Promise<void> {
  const b = typeof benefit === 'string' ? (await repos.benefits.get(actor.tenantId, benefit))?.doc : benefit;
  if (!b || b.tenantId !== actor.tenantId) throw new RuleViolation('benefits.notFound');
  await mutate(repos.packages, actor.tenantId, b.packageId, (pkg) => {
    if (!pkg || pkg.status === 'cancelled') {
      throw new RuleViolation('benefits.packageCancelled', { benefit: b.name, package: pkg?.name ?? '' });
    }
    if (!how || pkg.firstUse) return UNCHANGED;
    return {
      ...pkg,
      firstUse: { at: clock.now().toISOString(), by: actor.aadObjectId, benefit: b.name, how },
    };
  });
}
