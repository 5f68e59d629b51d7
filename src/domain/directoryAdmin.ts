import type { AuditLog } from './audit';
import type { Authorizer } from './authorizer';
import type { BenefitActions } from './benefitActions';
import { RuleViolation } from './errors';
import { invitationId, memberId, type Invitation, type Member } from './model';
import { retrying } from './mutate';
import type { Actor } from './policy';
import type { Clock, Versioned } from './ports';
import type { Repositories } from './repositories';
import type { RoleAdmin } from './roleAdmin';
import type { Role } from './roles';
import { reassignableOn, type SeatService } from './seats';

/** A person as Teams lists them in a team's roster (read on the server, never from a card). */
export interface RosterPerson {
  aadObjectId: string;
  name: string;
  email?: string;
  teamsUserId?: string;
  guest: boolean;
}

export interface SeatHolding {
  assignmentId: string;
  poolId: string;
  subscription: string;
  seatNo: number;
  /** First day the released seat may go to someone else (the 90-day rule counts from the original assignment). */
  reservedUntil: string;
}

export interface CreditHolding {
  benefitId: string;
  name: string;
}

/** What a person holds, and so what their removal does. */
export interface Holdings {
  member: Member;
  seats: SeatHolding[];
  monthlyCredits: CreditHolding[];
  /** Bulk credit is never removed: it must go to someone else first. */
  bulkCredits: CreditHolding[];
  roles: Role[];
  marketingContact: boolean;
  /** Changes when any of the above changes: a confirmation shown for other holdings is not valid. */
  fingerprint: string;
}

export interface RemovalPlan {
  /** The fingerprint of the holdings the admin was shown and confirmed. */
  seen: string;
  /** Bulk credit benefit id → the person it goes to. */
  transfers: Record<string, string>;
}

export type RemovalOutcome =
  | { kind: 'removed'; holdings: Holdings }
  /** What they hold changed since the confirmation was shown: nothing was done, show it again. */
  | { kind: 'changed'; holdings: Holdings };

/** Lower-case, trimmed; undefined when it is not an address. */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 320 ? email : undefined;
}

/**
 * Adding people to the tenant's directory and removing them. Adding: from a team's roster (the
 * person is known to Teams, so they join at once) or by name and work e-mail (an invitation that
 * becomes a member when they first talk to the bot, see `Directory`). Removing: what the person
 * holds is released, removed or transferred first, each act asked of the policy table on the
 * server at that moment (releasing a seat is the Global admin's act, and so on), so a removal
 * never orphans a benefit and never does what the remover could not do directly.
 */
export class DirectoryAdmin {
  constructor(
    private readonly repos: Repositories,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly authorizer: Authorizer,
  ) {}

  /* ------------------------------------------------------------ adding */

  async addFromRoster(actor: Actor, person: RosterPerson): Promise<Member> {
    await this.authorizer.require(actor, 'directory.addMember', memberId(person.aadObjectId));
    const now = this.clock.now().toISOString();
    const aad = person.aadObjectId.toLowerCase();
    const email = person.email ? normaliseEmail(person.email) : undefined;
    const doc: Member = {
      type: 'member',
      id: memberId(aad),
      tenantId: actor.tenantId,
      aadObjectId: aad,
      name: person.name.slice(0, 200),
      email,
      teamsUserId: person.teamsUserId,
      roles: [],
      guest: person.guest,
      createdAt: now,
      updatedAt: now,
    };
    if ((await this.repos.members.create(doc)) === 'exists') {
      await this.record(actor, 'directory.addMember', doc.id, 'rejected', 'already in the directory');
      throw new RuleViolation('directory.alreadyMember', { name: doc.name });
    }
    // Someone invited by e-mail who is now added from a roster: the invitation is done.
    if (email) await this.repos.invitations.delete(actor.tenantId, invitationId(email));
    await this.record(
      actor,
      'directory.addMember',
      doc.id,
      'success',
      `from a team roster${doc.guest ? ', guest' : ''}`,
    );
    return doc;
  }

  async invite(actor: Actor, input: { name: string; email: string; guest: boolean }): Promise<Invitation> {
    await this.authorizer.require(actor, 'directory.addMember', 'invitation');
    const name = input.name.trim();
    const email = normaliseEmail(input.email);
    if (!name || name.length > 200) throw new RuleViolation('directory.nameNeeded');
    if (!email) throw new RuleViolation('directory.emailInvalid');
    const known = await this.repos.members.list(actor.tenantId, { where: { email }, limit: 1 });
    if (known.length > 0) throw new RuleViolation('directory.alreadyMember', { name: known[0].doc.name });
    const doc: Invitation = {
      type: 'invitation',
      id: invitationId(email),
      tenantId: actor.tenantId,
      name,
      email,
      guest: input.guest,
      addedBy: actor.aadObjectId,
      addedAt: this.clock.now().toISOString(),
    };
    if ((await this.repos.invitations.create(doc)) === 'exists') {
      throw new RuleViolation('directory.alreadyInvited', { email });
    }
    await this.record(
      actor,
      'directory.addMember',
      doc.id,
      'success',
      `by e-mail${doc.guest ? ', guest' : ''}`,
    );
    return doc;
  }

  async invitations(tenantId: string): Promise<Invitation[]> {
    return (
      await this.repos.invitations.list(tenantId, { orderBy: { field: 'name', direction: 'ASC' } })
    ).map((r) => r.doc);
  }

  /** Withdraws an invitation of someone who never talked to the bot (they hold nothing). */
  async withdrawInvitation(actor: Actor, email: string): Promise<Invitation> {
    await this.authorizer.require(actor, 'directory.removeMember', invitationId(email));
    const found = await this.repos.invitations.get(actor.tenantId, invitationId(email));
    if (!found) throw new RuleViolation('directory.unknownPerson');
    await this.repos.invitations.delete(actor.tenantId, found.doc.id, found.etag);
    await this.record(actor, 'directory.removeMember', found.doc.id, 'success', 'invitation withdrawn');
    return found.doc;
  }

  /* ------------------------------------------------------------ removing */

  /** What the person holds now, read fresh from the actor's tenant. */
  async holdings(tenantId: string, aadObjectId: string): Promise<Holdings> {
    const found = await this.repos.members.get(tenantId, memberId(aadObjectId));
    if (!found) throw new RuleViolation('directory.unknownPerson');
    const aad = found.doc.aadObjectId;
    const [assignments, pools, benefits, packages, contact] = await Promise.all([
      this.repos.seatAssignments.list(tenantId, { where: { assignee: aad } }),
      this.repos.seatPools.list(tenantId),
      this.repos.benefits.list(tenantId),
      this.repos.packages.list(tenantId),
      this.repos.marketingContacts.get(tenantId, 'marketingContact'),
    ]);
    const poolName = new Map(pools.map((p) => [p.doc.id, p.doc.subscription]));
    // A cancelled package's benefits are withdrawn already: nothing of theirs is held.
    const cancelled = new Set(packages.filter((p) => p.doc.status === 'cancelled').map((p) => p.doc.id));
    const live = benefits.map((b) => b.doc).filter((b) => !cancelled.has(b.packageId));
    const seats = assignments
      .map((a) => a.doc)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((a) => ({
        assignmentId: a.id,
        poolId: a.poolId,
        subscription: poolName.get(a.poolId) ?? a.poolId,
        seatNo: a.seatNo,
        reservedUntil: reassignableOn(a.originalAssignedAt),
      }));
    const monthlyCredits = live
      .filter((b) => b.details.category === 'azureMonthlyCredit' && b.details.users.includes(aad))
      .map((b) => ({ benefitId: b.id, name: b.name }));
    const bulkCredits = live
      .filter((b) => b.details.category === 'azureBulkCredit' && b.details.holder === aad)
      .map((b) => ({ benefitId: b.id, name: b.name }));
    const roles = [...found.doc.roles].sort();
    const marketingContact = contact?.doc.aadObjectId === aad;
    const fingerprint = [
      ...seats.map((s) => s.assignmentId),
      ...monthlyCredits.map((c) => c.benefitId),
      ...bulkCredits.map((c) => `bulk:${c.benefitId}`),
      ...roles.map((r) => `role:${r}`),
      marketingContact ? 'marketingContact' : '',
    ]
      .filter(Boolean)
      .join('|');
    return { member: found.doc, seats, monthlyCredits, bulkCredits, roles, marketingContact, fingerprint };
  }

  /**
   * Removes the person once everything they hold has been dealt with, in this order: bulk credit
   * transferred, monthly credit removed, seats released (through SeatService, so the 90-day rule
   * applies to the released seat), the Global admin role revoked (RoleAdmin keeps the last one),
   * then the member itself under its ETag. Each act is authorised at the moment it happens.
   */
  async remove(
    actor: Actor,
    aadObjectId: string,
    plan: RemovalPlan,
    acts: { seats: SeatService; benefits: BenefitActions; roles: RoleAdmin },
  ): Promise<RemovalOutcome> {
    const target = memberId(aadObjectId);
    await this.authorizer.require(actor, 'directory.removeMember', target);
    if (aadObjectId.toLowerCase() === actor.aadObjectId.toLowerCase()) {
      throw new RuleViolation('directory.notYourself');
    }
    const holdings = await this.holdings(actor.tenantId, aadObjectId);
    if (holdings.fingerprint !== plan.seen) return { kind: 'changed', holdings };
    const name = holdings.member.name;
    if (holdings.marketingContact) throw new RuleViolation('directory.isMarketingContact', { name });
    if (holdings.roles.includes('GlobalAdmin'))
      await this.authorizer.require(actor, 'roles.manageGlobalAdmin', target);
    if (holdings.bulkCredits.length > 0) await this.authorizer.require(actor, 'credit.transfer', target);
    if (holdings.monthlyCredits.length > 0) await this.authorizer.require(actor, 'credit.removeUser', target);
    if (holdings.seats.length > 0) await this.authorizer.require(actor, 'seat.release', target);
    for (const credit of holdings.bulkCredits) {
      const to = plan.transfers[credit.benefitId];
      if (!to) throw new RuleViolation('directory.transferFirst', { name, benefit: credit.name });
      if (to.toLowerCase() === holdings.member.aadObjectId)
        throw new RuleViolation('directory.transferToSomeoneElse', { name });
    }
    for (const credit of holdings.bulkCredits)
      await acts.benefits.transferCredit(actor, credit.benefitId, plan.transfers[credit.benefitId]);
    for (const credit of holdings.monthlyCredits)
      await acts.benefits.removeCreditUser(actor, credit.benefitId, holdings.member.aadObjectId);
    for (const seat of holdings.seats) await acts.seats.release(actor, seat.assignmentId);
    if (holdings.roles.includes('GlobalAdmin'))
      await acts.roles.revoke(actor, holdings.member.aadObjectId, 'GlobalAdmin');
    await this.deleteMember(actor.tenantId, holdings.member.id);
    await this.record(actor, 'directory.removeMember', holdings.member.id, 'success', summary(holdings));
    return { kind: 'removed', holdings };
  }

  private async deleteMember(tenantId: string, id: string): Promise<void> {
    // Only the version read is deleted: a concurrent change of the member is read again first.
    await retrying(id, async () => {
      const current: Versioned<Member> | undefined = await this.repos.members.get(tenantId, id);
      if (current) await this.repos.members.delete(tenantId, id, current.etag);
    });
  }

  private async record(
    actor: Actor,
    action: 'directory.addMember' | 'directory.removeMember',
    target: string,
    outcome: 'success' | 'rejected',
    detail?: string,
  ): Promise<void> {
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action,
      target,
      outcome,
      detail,
    });
  }
}

function summary(h: Holdings): string {
  const parts = [
    h.seats.length ? `seats released: ${h.seats.map((s) => s.assignmentId).join(', ')}` : '',
    h.monthlyCredits.length
      ? `monthly credit removed: ${h.monthlyCredits.map((c) => c.benefitId).join(', ')}`
      : '',
    h.bulkCredits.length
      ? `bulk credit transferred: ${h.bulkCredits.map((c) => c.benefitId).join(', ')}`
      : '',
    h.roles.length ? `roles: ${h.roles.join(', ')}` : '',
  ].filter(Boolean);
  return (parts.join('; ') || 'held nothing').slice(0, 500);
}
