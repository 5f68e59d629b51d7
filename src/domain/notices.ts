import { daysUntil } from './dates';
import type { BenefitCategory, Membership } from './model';
import type { Repositories } from './repositories';

/**
 * What expires and when a channel hears about it. Thresholds are whole days in UTC: an item
 * whose last day is D gets its "7 days" notice on D−7 (UTC), its "1 day" notice on D−1 and D, and
 * its "expired" notice from D+1. Only the most urgent threshold crossed is sent, once.
 */

export const DEFAULT_THRESHOLDS = [30, 7, 1];
/** Items that expired longer ago than this get no "expired" notice (no spam about ancient history). */
export const EXPIRED_NOTICE_DAYS = 7;

export type ItemKind = 'membership' | 'package' | 'seatPool' | BenefitCategory;

export interface ExpiringItem {
  itemId: string;
  tenantId: string;
  kind: ItemKind;
  name: string;
  expiresOn: string;
  /** The membership: its level and competencies, so the notice names them in the reader's language. */
  membership?: Pick<Membership, 'level' | 'competencies'>;
}

/** The notice due today for an item, or undefined: `'30'`, `'7'`, `'1'` … or `'expired'`. */
export function dueThreshold(
  today: Date,
  expiresOn: string,
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
): string | undefined {
  const left = daysUntil(today, expiresOn);
  if (left < 0) return left >= -EXPIRED_NOTICE_DAYS ? 'expired' : undefined;
  const crossed = [...thresholds].sort((a, b) => a - b).find((t) => left <= t);
  return crossed === undefined ? undefined : String(crossed);
}

/** Every dated thing of a tenant: membership, packages, benefits, Visual Studio pools. */
export async function expiringItems(repos: Repositories, tenantId: string): Promise<ExpiringItem[]> {
  const [membership, packages, benefits, pools] = await Promise.all([
    repos.memberships.get(tenantId, 'membership'),
    repos.packages.list(tenantId, { where: { status: 'active' } }),
    repos.benefits.list(tenantId),
    repos.seatPools.list(tenantId),
  ]);
  const items: ExpiringItem[] = [];
  const m = membership?.doc;
  if (m?.status === 'active' && m.expiresOn) {
    items.push({
      itemId: 'membership',
      tenantId,
      kind: 'membership',
      name: m.level,
      expiresOn: m.expiresOn,
      membership: { level: m.level, competencies: m.competencies },
    });
  }
  for (const { doc } of packages)
    items.push({ itemId: doc.id, tenantId, kind: 'package', name: doc.name, expiresOn: doc.expiresOn });
  // A cancelled package's benefits (and their seat pools) are withdrawn: no notices for them.
  const livePackages = new Set(packages.map((p) => p.doc.id));
  const live = benefits.filter((b) => livePackages.has(b.doc.packageId));
  const liveIds = new Set(live.map((b) => b.doc.id));
  for (const { doc } of live) {
    // A Visual Studio benefit is its seat pool: one notice, from the pool.
    if (doc.details.category === 'visualStudio') continue;
    items.push({
      itemId: doc.id,
      tenantId,
      kind: doc.details.category,
      name: doc.name,
      expiresOn: doc.expiresOn,
    });
  }
  for (const { doc } of pools.filter((p) => liveIds.has(p.doc.benefitId)))
    items.push({
      itemId: doc.id,
      tenantId,
      kind: 'seatPool',
      name: doc.subscription,
      expiresOn: doc.expiresOn,
    });
  return items;
}

/** Does a channel that chose these categories want this item? Empty = everything. */
export function wants(categories: readonly string[], item: ExpiringItem): boolean {
  return categories.length === 0 || categories.includes(item.kind);
}
