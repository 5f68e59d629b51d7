import type { Role } from './roles';

/**
 * THE policy table: every act the bot can perform, who may perform it, and whether it changes
 * state. Once the membership has lapsed (30 days after the anniversary, `membershipLapsed` in
 * membership.ts) the state-changing acts on benefits are refused (activations, redemptions,
 * assignments, requests, buying); the acts marked `allowedWhenExpired` never stop: renewal and
 * re-enrolment, role and people management (the directory), giving back (release, remove), settings. Every dialog step
 * and card action asks `authorize` right before acting.
 */
interface PolicyRow {
  /** Roles that allow the act; `'everyone'` includes employees (no role). */
  readonly allowed: readonly Role[] | 'everyone';
  readonly writes: boolean;
  /** Still allowed once the membership has lapsed (renewal, re-enrolment, roles, settings). */
  readonly allowedWhenExpired?: boolean;
}

const GA = 'GlobalAdmin';
const UMA = 'UserManagementAdmin';
const AGENT = 'AdminAgent';
const MPA = 'MpnPartnerAdmin';

export const POLICY = {
  // People and roles
  'roles.view': { allowed: 'everyone', writes: false },
  'roles.list': { allowed: 'everyone', writes: false },
  'roles.grant': { allowed: [GA, UMA], writes: true, allowedWhenExpired: true },
  'roles.revoke': { allowed: [GA, UMA], writes: true, allowedWhenExpired: true },
  // Only a Global admin may make or unmake a Global admin.
  'roles.manageGlobalAdmin': { allowed: [GA], writes: true, allowedWhenExpired: true },
  'directory.view': { allowed: [GA, UMA, AGENT], writes: false },
  // Admin agents set up the account, which includes adding people (DOMAIN.md "People and roles").
  // People management is part of role management ("User management"): it never stops on a lapse.
  'directory.addMember': { allowed: [GA, UMA, AGENT], writes: true, allowedWhenExpired: true },
  // Removing someone who holds benefits also needs the acts that release them (seat.release, ...).
  'directory.removeMember': { allowed: [GA, UMA], writes: true, allowedWhenExpired: true },
  'audit.view': { allowed: [GA, UMA], writes: false },

  // Enrolment, organisation profile, membership
  'enroll.start': { allowed: [GA], writes: true, allowedWhenExpired: true },
  'enroll.approve': { allowed: [GA], writes: true, allowedWhenExpired: true },
  'profile.update': { allowed: [GA, AGENT], writes: true, allowedWhenExpired: true },
  'membership.view': { allowed: 'everyone', writes: false },
  'membership.renew': { allowed: [GA, AGENT, MPA], writes: true, allowedWhenExpired: true },
  'membership.upgrade': { allowed: [GA, AGENT, MPA], writes: true },
  // The local demo's stand-in for the programme's review of a competency application (refused
  // outside local mode: in production the programme decides, never someone in the tenant).
  'membership.review': { allowed: [GA], writes: true },

  // Packages and benefits (buying needs no Global admin; assigning to people does)
  'benefits.view': { allowed: 'everyone', writes: false },
  'package.buy': { allowed: [GA, MPA], writes: true },
  'package.cancel': { allowed: [GA, MPA], writes: true },
  'software.revealKeys': { allowed: [GA, MPA], writes: true },
  'license.redeem': { allowed: [GA, MPA], writes: true },
  'credit.addUser': { allowed: [GA], writes: true },
  'credit.removeUser': { allowed: [GA], writes: true, allowedWhenExpired: true },
  'credit.transfer': { allowed: [GA], writes: true },

  // Visual Studio seats
  'seat.request': { allowed: 'everyone', writes: true },
  'seat.assign': { allowed: [GA], writes: true },
  'seat.reassign': { allowed: [GA], writes: true },
  'seat.release': { allowed: [GA], writes: true, allowedWhenExpired: true },
  'seat.approve': { allowed: [GA], writes: true },
  'seat.reject': { allowed: [GA], writes: true, allowedWhenExpired: true },
  'approvals.setChannel': { allowed: [GA], writes: true, allowedWhenExpired: true },

  // Technical benefits and Go-To-Market
  'support.view': { allowed: 'everyone', writes: false },
  'support.activate': { allowed: [GA, MPA], writes: true },
  'support.complete': { allowed: [GA, MPA], writes: true },
  'gtm.setContact': { allowed: [GA, MPA], writes: true, allowedWhenExpired: true },
  'gtm.activate': { allowed: [GA, MPA], writes: true },
  'gtm.complete': { allowed: [GA, MPA], writes: true },

  // Expiry notices
  'notify.subscribe': { allowed: [GA, MPA], writes: true, allowedWhenExpired: true },
  'notify.unsubscribe': { allowed: [GA, MPA], writes: true, allowedWhenExpired: true },
  // Runs the expiry check now (it only posts notices; no records of the tenant change).
  'notify.run': { allowed: [GA, MPA], writes: false },
  // The delivery report of the tenant's own reminders, and sending a failed one again.
  'notify.report': { allowed: [GA, MPA], writes: false },
  'notify.resend': { allowed: [GA, MPA], writes: false },
  // The utilisation report, and how often channels get it as a digest.
  'usage.view': { allowed: [GA, MPA], writes: false },
  'usage.setDigest': { allowed: [GA, MPA], writes: true },
  // "Who has what": everyone; only administrators see other people's rows (seesAdminView).
  'people.view': { allowed: 'everyone', writes: false },
} as const satisfies Record<string, PolicyRow>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export interface Actor {
  tenantId: string;
  aadObjectId: string;
  roles: readonly Role[];
}

export interface TenantStanding {
  membershipExpired: boolean;
}

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: 'role'; action: Action; rolesNeeded: readonly Role[] }
  | { allowed: false; reason: 'membershipExpired'; action: Action };

export function policyFor(action: Action): PolicyRow {
  return POLICY[action];
}

export function authorize(
  actor: Actor,
  action: Action,
  standing: TenantStanding = { membershipExpired: false },
): Decision {
  const row: PolicyRow = POLICY[action];
  if (row.allowed !== 'everyone' && !row.allowed.some((r) => actor.roles.includes(r))) {
    return { allowed: false, reason: 'role', action, rolesNeeded: row.allowed };
  }
  if (row.writes && standing.membershipExpired && !row.allowedWhenExpired) {
    return { allowed: false, reason: 'membershipExpired', action };
  }
  return { allowed: true };
}

/** The acts a person with these roles may perform: what "my roles" and "help" show. */
export function actionsAllowed(roles: readonly Role[]): Action[] {
  return ACTIONS.filter((a) => authorize({ tenantId: '', aadObjectId: '', roles }, a).allowed);
}
