import { activationOf, type Activation } from './benefits';
import { addDays, daysUntil } from './dates';
import type { Benefit, BenefitPackage, SeatAssignment } from './model';

/**
 * A package can be cancelled for a refund only within 30 days of purchase, and only while none
 * of its benefits has been activated or redeemed and no product key of it has been viewed.
 */

export const CANCELLATION_WINDOW_DAYS = 30;

export type CancellationBlock =
  | { rule: 'alreadyCancelled' }
  | { rule: 'window'; daysSincePurchase: number; lastDay: string }
  | { rule: 'activated'; benefit: string; how: Activation };

/** Last day on which the package may still be cancelled. */
export function cancellationLastDay(pkg: BenefitPackage): string {
  return addDays(pkg.purchasedOn, CANCELLATION_WINDOW_DAYS);
}

/** Every rule that stops the cancellation today (empty: it may be cancelled). */
export function cancellationBlocks(
  pkg: BenefitPackage,
  benefits: readonly Benefit[],
  assignments: readonly SeatAssignment[],
  now: Date,
): CancellationBlock[] {
  if (pkg.status === 'cancelled') return [{ rule: 'alreadyCancelled' }];
  const blocks: CancellationBlock[] = [];
  const daysSincePurchase = -daysUntil(now, pkg.purchasedOn);
  if (daysSincePurchase > CANCELLATION_WINDOW_DAYS) {
    blocks.push({ rule: 'window', daysSincePurchase, lastDay: cancellationLastDay(pkg) });
  }
  // The marker every benefit act that succeeded leaves on the package (see packageGate.ts).
  if (pkg.firstUse) blocks.push({ rule: 'activated', benefit: pkg.firstUse.benefit, how: pkg.firstUse.how });
  // An act under way that may be the first use (it takes its entry off when it is done).
  const inFlight = pkg.usesInFlight?.[0];
  if (!pkg.firstUse && inFlight)
    blocks.push({ rule: 'activated', benefit: inFlight.benefit, how: inFlight.how });
  for (const b of benefits.filter((x) => x.packageId === pkg.id)) {
    if (pkg.firstUse?.benefit === b.name) continue;
    const how = activationOf(b, assignments);
    if (how) blocks.push({ rule: 'activated', benefit: b.name, how });
  }
  return blocks;
}
