import type { AuditLog } from './audit';
import { ConcurrencyError, RuleViolation } from './errors';
import { memberId, type Member } from './model';
import { mutateExisting, retrying } from './mutate';
import type { Actor } from './policy';
import type { Clock, Versioned } from './ports';
import type { Repositories } from './repositories';
import type { Role } from './roles';

const GLOBAL_ADMIN: Role = 'GlobalAdmin';

export interface RoleChange {
  member: Member;
  role: Role;
  op: 'grant' | 'revoke';
}

/**
 * Grants and revokes roles in a tenant's directory. Callers authorise the act first (policy
 * `roles.grant` / `roles.revoke`, plus `roles.manageGlobalAdmin` for the Global admin role).
 *
 * The last Global admin can never be removed, even when two Global admins revoke each other at
 * the same moment. Every write is conditional on the ETag read, and a revocation of the Global
 * admin role first "touches" (rewrites, under their ETags) the documents of every OTHER Global
 * admin it saw, and only then removes the role from the target, under the target's ETag. Two
 * revocations that overlap therefore collide on at least one document: whichever writes second
 * gets a 412, re-reads, sees the other's effect and re-checks the count. So every successful
 * revocation saw a Global admin who still holds the role when it commits, and the count never
 * reaches zero through revocations. (A failed revocation may leave harmless touches behind.)
 * Not covered: people removed from the directory by other means, which must keep the same rule.
 */
export class RoleAdmin {
  constructor(
    private readonly repos: Repositories,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The person, read fresh from the actor's own tenant (ids from cards are never trusted). */
  async person(tenantId: string, aadObjectId: string): Promise<Versioned<Member>> {
    const found = await this.repos.members.get(tenantId, memberId(aadObjectId));
    if (!found) throw new RuleViolation('roleAdmin.unknownPerson');
    return found;
  }

  async grant(actor: Actor, targetAad: string, role: Role): Promise<RoleChange> {
    return this.changeRoles(actor, targetAad, role, 'grant', async (target) => {
      if (target.roles.includes(role)) {
        await this.record(actor, 'roles.grant', target, role, 'rejected', 'already held');
        throw new RuleViolation('roleAdmin.alreadyHolds', { name: target.name, role });
      }
      return this.withRoles(target, [...target.roles, role]);
    });
  }

  async revoke(actor: Actor, targetAad: string, role: Role): Promise<RoleChange> {
    const notHeld = async (target: Member): Promise<never> => {
      await this.record(actor, 'roles.revoke', target, role, 'rejected', 'not held');
      throw new RuleViolation('roleAdmin.notHeld', { name: target.name, role });
    };
    if (role === GLOBAL_ADMIN) {
      // Two admins revoking each other collide symmetrically: the policy's jittered pause breaks the tie.
      return retrying(memberId(targetAad), async () => {
        const target = await this.person(actor.tenantId, targetAad);
        if (!target.doc.roles.includes(role)) await notHeld(target.doc);
        return this.revokeGlobalAdmin(actor, targetAad);
      });
    }
    return this.changeRoles(actor, targetAad, role, 'revoke', async (target) => {
      if (!target.roles.includes(role)) await notHeld(target);
      return this.withRoles(
        target,
        target.roles.filter((r) => r !== role),
      );
    });
  }

  /**
   * One grant or revocation (the Global admin's revocation aside, see the class): the person
   * changed by one ETag read-modify-write (`change` refuses, audited, what may not be done), then
   * the change audited as a success.
   */
  private async changeRoles(
    actor: Actor,
    targetAad: string,
    role: Role,
    op: RoleChange['op'],
    change: (target: Member) => Promise<Member>,
  ): Promise<RoleChange> {
    const saved = await mutateExisting(
      this.repos.members,
      actor.tenantId,
      memberId(targetAad),
      () => new RuleViolation('roleAdmin.unknownPerson'),
      change,
    );
    await this.record(actor, `roles.${op}`, saved.doc, role, 'success');
    return { member: saved.doc, role, op };
  }

  /** One attempt of the protocol described on the class; ConcurrencyError means "read again". */
  private async revokeGlobalAdmin(actor: Actor, targetAad: string): Promise<RoleChange> {
    const admins = await this.repos.members.list(actor.tenantId, { arrayContains: { roles: GLOBAL_ADMIN } });
    const target = admins.find((a) => a.doc.aadObjectId === targetAad.toLowerCase());
    if (!target) throw new ConcurrencyError(memberId(targetAad));
    const others = admins.filter((a) => a !== target);
    if (others.length === 0) {
      await this.record(actor, 'roles.revoke', target.doc, GLOBAL_ADMIN, 'rejected', 'last Global admin');
      throw new RuleViolation('roleAdmin.lastGlobalAdmin', { name: target.doc.name });
    }
    for (const other of others) {
      await this.repos.members.replace(this.withRoles(other.doc, other.doc.roles), other.etag);
    }
    const saved = await this.repos.members.replace(
      this.withRoles(
        target.doc,
        target.doc.roles.filter((r) => r !== GLOBAL_ADMIN),
      ),
      target.etag,
    );
    await this.record(actor, 'roles.revoke', saved.doc, GLOBAL_ADMIN, 'success');
    return { member: saved.doc, role: GLOBAL_ADMIN, op: 'revoke' };
  }

  private withRoles(member: Member, roles: Role[]): Member {
    return { ...member, roles, updatedAt: this.clock.now().toISOString() };
  }

  private async record(
    actor: Actor,
    action: 'roles.grant' | 'roles.revoke',
    target: Member,
    role: Role,
    outcome: 'success' | 'rejected',
    why?: string,
  ): Promise<void> {
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action,
      target: target.id,
      outcome,
      detail: why ? `${role}: ${why}` : role,
    });
  }
}
