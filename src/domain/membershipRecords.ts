import { CorruptDocumentError, RuleViolation } from './errors';
import type { Holdings } from './membership';
import type { Membership } from './model';
import { mutate } from './mutate';
import type { Repositories } from './repositories';

/** The tenant's membership and packages as stored, and changes to the membership under its ETag. */
export class MembershipRecords {
  constructor(private readonly repos: Repositories) {}

  async holdings(tenantId: string): Promise<Holdings> {
    const [membership, packages] = await Promise.all([
      this.repos.memberships.get(tenantId, 'membership'),
      this.repos.packages.list(tenantId),
    ]);
    return { membership: membership?.doc, packages: packages.map((p) => p.doc) };
  }

  /** The membership as stored; an unreadable one reads as none (as support.ts readMembership does). */
  async current(tenantId: string): Promise<Membership | undefined> {
    try {
      return (await this.repos.memberships.get(tenantId, 'membership'))?.doc;
    } catch (err) {
      if (err instanceof CorruptDocumentError) return undefined;
      throw err;
    }
  }

  /** Whether an enrolment was begun (the membership card offers to continue it). */
  async enrollmentStarted(tenantId: string): Promise<boolean> {
    return (await this.repos.enrollments.get(tenantId, 'enrollment')) !== undefined;
  }

  /**
   * Applies `change` to the membership as stored now (with the tenant's packages) and writes it
   * under its ETag, again on a concurrent change; no membership is "not active".
   */
  async change(tenantId: string, change: (held: Holdings) => Membership): Promise<Membership> {
    const packages = (await this.repos.packages.list(tenantId)).map((p) => p.doc);
    const saved = await mutate(this.repos.memberships, tenantId, 'membership', (current) => {
      const next = change({ membership: current, packages });
      if (!current) throw new RuleViolation('membership.renew.notActive');
      return next;
    });
    if (!saved) throw new RuleViolation('membership.renew.notActive');
    return saved.doc;
  }
}
