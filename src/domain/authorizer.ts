import type { AuditLog } from './audit';
import { NotAuthorizedError } from './errors';
import { membershipLapsed } from './membership';
import { authorize, policyFor, type Action, type Actor } from './policy';
import type { Clock } from './ports';
import type { Repositories } from './repositories';

/**
 * Asks the policy table on the server at the moment of the act. A denial is audited and thrown
 * as NotAuthorizedError, which the bot turns into a localised explanation.
 */
export class Authorizer {
  constructor(
    private readonly repos: Repositories,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async require(actor: Actor, action: Action, target?: string): Promise<void> {
    // The membership is only read for acts that write: reads stay one point read cheaper.
    const membershipExpired = policyFor(action).writes ? await this.membershipExpired(actor.tenantId) : false;
    const decision = authorize(actor, action, { membershipExpired });
    if (decision.allowed) return;
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action,
      target,
      outcome: 'denied',
      detail: decision.reason,
    });
    throw new NotAuthorizedError(
      action,
      decision.reason,
      decision.reason === 'role' ? decision.rolesNeeded : [],
    );
  }

  private async membershipExpired(tenantId: string): Promise<boolean> {
    // Lapsed, not merely past the anniversary: the 30 days after it keep everything working.
    const membership = await this.repos.memberships.get(tenantId, 'membership');
    return membershipLapsed(membership?.doc, this.clock.now());
  }
}
