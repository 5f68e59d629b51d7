import {
  activationOf,
  groupOf,
  liveBenefits,
  loadBenefitsSnapshot,
  type BenefitGroup,
  type BenefitsSnapshot,
} from './benefits';
import { daysUntil } from './dates';
import type { SeatRequest } from './model';
import type { Repositories } from './repositories';

/**
 * What the organisation holds and uses, for the utilisation digest: seats per pool, seat requests
 * and how fast they are decided, Azure credit, software keys, licence keys not yet redeemed,
 * technical allowances, Go-To-Market offers, and the value at risk (benefits whose last day is
 * within 30 days and that were never activated). Reads one tenant only.
 */

export const AT_RISK_DAYS = 30;
/** The notice item id of the digest: its idempotency records are notices, like reminders. */
export const USAGE_DIGEST_ITEM = 'usage-digest';

export interface UsageFigures {
  pools: { poolId: string; name: string; seats: number; used: number; free: number }[];
  requestsWaiting: number;
  /** Median hours from a seat request to its decision, over decided requests; undefined when none. */
  medianDecisionHours?: number;
  credit: { name: string; holders: number; capacity: number }[];
  software: { benefits: number; revealed: number; products: number };
  unredeemedKeys: { benefitName: string; seats: number; lastDay: string }[];
  technical: {
    name: string;
    used: number;
    allowance: number;
    unit: 'incidents' | 'hours';
    status: 'notActivated' | 'pending' | 'active';
  }[];
  gtm: { active: number; pending: number; notActivated: number };
  atRisk: { benefitId: string; name: string; group: BenefitGroup; lastDay: string; daysLeft: number }[];
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function usageFigures(
  repos: Repositories,
  tenantId: string,
  today: Date,
): Promise<UsageFigures> {
  const [snapshot, requests] = await Promise.all([
    loadBenefitsSnapshot(repos, tenantId),
    repos.seatRequests.list(tenantId),
  ]);
  return computeUsage(
    snapshot,
    requests.map((r) => r.doc),
    today,
  );
}

/** The figures of one tenant's snapshot (pure: the card gallery builds them from the demo data). */
export function computeUsage(
  snapshot: BenefitsSnapshot,
  requests: readonly SeatRequest[],
  today: Date,
): UsageFigures {
  const benefits = liveBenefits(snapshot).filter((b) => daysUntil(today, b.expiresOn) >= 0);
  const pools = snapshot.pools.map((pool) => {
    const used = snapshot.assignments.filter((a) => a.poolId === pool.id).length;
    return {
      poolId: pool.id,
      name: pool.subscription,
      seats: pool.seats,
      used,
      free: Math.max(0, pool.seats - used),
    };
  });
  const decided = requests
    .filter((r) => r.decision !== undefined)
    .map((r) => (Date.parse(r.decision?.at ?? r.createdAt) - Date.parse(r.createdAt)) / 3_600_000);
  const figures: UsageFigures = {
    pools,
    requestsWaiting: requests.filter((r) => r.status === 'pending' || r.status === 'approving').length,
    medianDecisionHours: median(decided),
    credit: [],
    software: { benefits: 0, revealed: 0, products: 0 },
    unredeemedKeys: [],
    technical: [],
    gtm: { active: 0, pending: 0, notActivated: 0 },
    atRisk: [],
  };
  for (const b of benefits) {
    const d = b.details;
    switch (d.category) {
      case 'azureMonthlyCredit':
        figures.credit.push({ name: b.name, holders: d.users.length, capacity: d.maxUsers });
        break;
      case 'azureBulkCredit':
        figures.credit.push({ name: b.name, holders: d.holder ? 1 : 0, capacity: 1 });
        break;
      case 'software':
        figures.software.benefits += 1;
        figures.software.products += d.products.length;
        if (d.firstRevealedAt) figures.software.revealed += 1;
        break;
      case 'licence':
        for (const k of d.keys.filter((key) => !key.redeemedBy))
          figures.unredeemedKeys.push({ benefitName: b.name, seats: k.seats, lastDay: b.expiresOn });
        break;
      case 'technical':
        figures.technical.push({
          name: b.name,
          used: d.used,
          allowance: d.allowance,
          unit: d.unit,
          status: d.status,
        });
        break;
      case 'gtm':
        figures.gtm[d.status] += 1;
        break;
      case 'visualStudio':
        break;
    }
    const daysLeft = daysUntil(today, b.expiresOn);
    if (daysLeft <= AT_RISK_DAYS && activationOf(b, snapshot.assignments) === undefined)
      figures.atRisk.push({
        benefitId: b.id,
        name: b.name,
        group: groupOf(d.category),
        lastDay: b.expiresOn,
        daysLeft,
      });
  }
  figures.unredeemedKeys.sort((a, b) => a.lastDay.localeCompare(b.lastDay));
  figures.atRisk.sort((a, b) => a.daysLeft - b.daysLeft || a.name.localeCompare(b.name));
  return figures;
}
