import { RuleViolation } from './errors';
import type { AuditLog } from './audit';
import { ConcurrencyError } from './errors';
import { invitationId, memberId, type Invitation, type Locale, type Member, type Tenant } from './model';
import { mutate, mutateExisting, UNCHANGED } from './mutate';
import type { Clock, ListOptions, Versioned } from './ports';
import type { Repositories } from './repositories';
import type { Role } from './roles';

export interface TeamsIdentity {
  tenantId: string;
  aadObjectId: string;
  name: string;
  /** Teams user id (`29:…`). */
  teamsUserId?: string;
  /**
   * The person's e-mail and UPN as Teams knows them, asked only on first contact and only when
   * the tenant has people invited by e-mail (it costs a call to Teams).
   */
  emails?: () => Promise<string[]>;
}

/**
 * The tenant's people. A Teams user is known by aadObjectId within their tenant; the first
 * time someone talks to the bot they are added as an employee (or as Global admin when
 * listed in BOOTSTRAP_ADMINS).
 */
export class Directory {
  constructor(
    private readonly repos: Repositories,
    private readonly clock: Clock,
    private readonly bootstrapAdmins: readonly string[],
    private readonly audit: AuditLog,
  ) {}

  /** One point read on the usual path; writes only on first contact or when the Teams id changes. */
  async resolve(identity: TeamsIdentity): Promise<Versioned<Member>> {
    const id = memberId(identity.aadObjectId);
    const existing = await this.repos.members.get(identity.tenantId, id);
    if (existing) {
      if (identity.teamsUserId && existing.doc.teamsUserId !== identity.teamsUserId) {
        return this.update(existing, { teamsUserId: identity.teamsUserId });
      }
      return existing;
    }
    return this.firstContact(identity);
  }

  private async firstContact(identity: TeamsIdentity): Promise<Versioned<Member>> {
    const now = this.clock.now().toISOString();
    const aad = identity.aadObjectId.toLowerCase();
    const roles: Role[] = this.bootstrapAdmins.includes(aad) ? ['GlobalAdmin'] : [];
    const invitation = await this.invitationFor(identity);
    const tenant: Tenant = {
      type: 'tenant',
      id: 'tenant',
      tenantId: identity.tenantId,
      name: identity.tenantId,
      locale: 'en-US',
      createdAt: now,
    };
    await this.repos.tenants.create(tenant);
    const member: Member = {
      type: 'member',
      id: memberId(aad),
      tenantId: identity.tenantId,
      aadObjectId: aad,
      // Teams display names are free text: keep what fits the schema rather than refuse the person.
      name: identity.name.slice(0, 200),
      teamsUserId: identity.teamsUserId,
      email: invitation?.doc.email,
      roles,
      guest: invitation?.doc.guest ?? false,
      createdAt: now,
      updatedAt: now,
    };
    if ((await this.repos.members.create(member)) === 'created' && invitation) {
      await this.repos.invitations
        .delete(identity.tenantId, invitation.doc.id, invitation.etag)
        .catch(() => false);
      await this.audit.record({
        tenantId: identity.tenantId,
        actor: aad,
        action: 'directory.linked',
        target: invitation.doc.id,
        outcome: 'success',
        detail: `invited by ${invitation.doc.addedBy}`,
      });
    }
    // Re-read: a concurrent first turn of the same person may have created it first.
    const stored = await this.repos.members.get(identity.tenantId, member.id);
    if (!stored) throw new Error(`member ${member.id} vanished right after creation`);
    return stored;
  }

  /** The e-mail invitation this newcomer answers, matched by their e-mail or UPN. */
  private async invitationFor(identity: TeamsIdentity): Promise<Versioned<Invitation> | undefined> {
    if (!identity.emails) return undefined;
    const any = await this.repos.invitations.list(identity.tenantId, { limit: 1 });
    if (any.length === 0) return undefined;
    const addresses = await identity.emails().catch(() => []);
    for (const address of addresses) {
      const found = await this.repos.invitations.get(identity.tenantId, invitationId(address));
      if (found) return found;
    }
    return undefined;
  }

  private async update(current: Versioned<Member>, patch: Partial<Member>): Promise<Versioned<Member>> {
    try {
      const stored = await mutate(this.repos.members, current.doc.tenantId, current.doc.id, (fresh) =>
        fresh ? { ...fresh, ...patch, updatedAt: this.clock.now().toISOString() } : UNCHANGED,
      );
      return stored ?? current;
    } catch {
      // Best effort for this turn (the store, attempts run out): the next message records it.
      return (await this.repos.members.get(current.doc.tenantId, current.doc.id)) ?? current;
    }
  }

  /** The person as stored now, or undefined when they are not in the directory. */
  async member(tenantId: string, aadObjectId: string): Promise<Versioned<Member> | undefined> {
    return this.repos.members.get(tenantId, memberId(aadObjectId));
  }

  /** The tenant's people (all of them, or as filtered, ordered and limited). */
  async people(tenantId: string, options?: ListOptions): Promise<Member[]> {
    return (await this.repos.members.list(tenantId, options)).map((m) => m.doc);
  }

  /**
   * The person's own language choice, honoured by every later turn over the Teams locale. A
   * person gone meanwhile, or a change that kept colliding, is a ConcurrencyError (not confirmed).
   */
  async choosePreferredLocale(tenantId: string, aadObjectId: string, locale: Locale): Promise<void> {
    const id = memberId(aadObjectId);
    await mutate(this.repos.members, tenantId, id, (current) => {
      // The turn resolved the member a moment ago; gone now means someone removed them.
      if (!current) throw new ConcurrencyError(id);
      if (current.preferredLocale === locale) return UNCHANGED;
      return { ...current, preferredLocale: locale, updatedAt: this.clock.now().toISOString() };
    });
  }

  /** People holding any of the roles, for "ask X" hints. */
  async holdersOf(tenantId: string, roles: readonly Role[]): Promise<Member[]> {
    const lists = await Promise.all(
      roles.map((role) => this.repos.members.list(tenantId, { arrayContains: { roles: role }, limit: 10 })),
    );
    const byId = new Map<string, Member>();
    for (const row of lists.flat()) byId.set(row.doc.id, row.doc);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Changes the tenant's settings with its ETag, re-reading on a concurrent change. */
  async updateTenant(tenantId: string, patch: (t: Tenant) => Tenant): Promise<Tenant> {
    const stored = await mutateExisting(
      this.repos.tenants,
      tenantId,
      'tenant',
      () => new RuleViolation('error.invalidAction'),
      patch,
    );
    return stored.doc;
  }

  async tenant(tenantId: string): Promise<Tenant | undefined> {
    return (await this.repos.tenants.get(tenantId, 'tenant'))?.doc;
  }
}
