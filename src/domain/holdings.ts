import { liveBenefits, loadBenefitsSnapshot, seesAdminView } from './benefits';
import type { Member } from './model';
import type { Actor } from './policy';
import type { Repositories } from './repositories';

/**
 * "Who has what": per person of the directory, the Visual Studio seats, Azure credit and software
 * keys they hold or revealed. Administrators see everyone; anybody else sees only their own row.
 */

export interface Holding {
  member: Member;
  seats: { pool: string; seatNo: number }[];
  credits: { benefit: string; kind: 'monthly' | 'bulk' }[];
  /** Software benefits whose keys this person revealed (from the audit log), with the last time. */
  revealed: { benefit: string; at: string }[];
}

export const PEOPLE_PAGE_SIZE = 5;

export interface HoldingsPage {
  rows: Holding[];
  offset: number;
  total: number;
  /** False when the viewer sees only their own row. */
  everyone: boolean;
}

export async function holdingsPage(repos: Repositories, actor: Actor, offset: number): Promise<HoldingsPage> {
  const { tenantId } = actor;
  const [snapshot, reveals] = await Promise.all([
    loadBenefitsSnapshot(repos, tenantId),
    repos.audit.list(tenantId, { where: { action: 'software.revealKeys', outcome: 'success' } }),
  ]);
  const everyone = seesAdminView(actor);
  const me = actor.aadObjectId.toLowerCase();
  const people = snapshot.members.filter((m) => everyone || m.aadObjectId.toLowerCase() === me);
  const benefits = liveBenefits(snapshot);
  const nameOf = new Map(benefits.map((b) => [b.id, b.name]));
  const poolName = new Map(snapshot.pools.map((p) => [p.id, p.subscription]));
  const rows = people.map((member): Holding => {
    const id = member.aadObjectId.toLowerCase();
    const revealed = new Map<string, string>();
    for (const { doc } of reveals) {
      if (doc.actor.toLowerCase() !== id || !doc.target || !nameOf.has(doc.target)) continue;
      const name = nameOf.get(doc.target) ?? doc.target;
      if ((revealed.get(name) ?? '') < doc.at) revealed.set(name, doc.at);
    }
    return {
      member,
      seats: snapshot.assignments
        .filter((a) => a.assignee.toLowerCase() === id)
        .map((a) => ({ pool: poolName.get(a.poolId) ?? a.poolId, seatNo: a.seatNo })),
      credits: benefits.flatMap((b): Holding['credits'] => {
        const d = b.details;
        if (d.category === 'azureMonthlyCredit' && d.users.some((u) => u.toLowerCase() === id))
          return [{ benefit: b.name, kind: 'monthly' as const }];
        if (d.category === 'azureBulkCredit' && d.holder?.toLowerCase() === id)
          return [{ benefit: b.name, kind: 'bulk' as const }];
        return [];
      }),
      revealed: [...revealed.entries()].map(([benefit, at]) => ({ benefit, at })),
    };
  });
  const start = Math.min(Math.max(0, offset), Math.max(0, rows.length - 1));
  return { rows: rows.slice(start, start + PEOPLE_PAGE_SIZE), offset: start, total: rows.length, everyone };
}
