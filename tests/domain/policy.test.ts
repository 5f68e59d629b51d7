import { ACTIONS, actionsAllowed, authorize, POLICY, type Action } from '../../src/domain/policy';
import { ROLES, type Role } from '../../src/domain/roles';

/** What DOMAIN.md says, written out independently of the table, so a wrong row fails here. */
const EXPECTED: Record<Action, readonly Role[] | 'everyone'> = {
  'roles.view': 'everyone',
  'roles.list': 'everyone',
  'roles.grant': ['GlobalAdmin', 'UserManagementAdmin'],
  'roles.revoke': ['GlobalAdmin', 'UserManagementAdmin'],
  'roles.manageGlobalAdmin': ['GlobalAdmin'],
  'directory.view': ['GlobalAdmin', 'UserManagementAdmin', 'AdminAgent'],
  'directory.addMember': ['GlobalAdmin', 'UserManagementAdmin', 'AdminAgent'],
  'directory.removeMember': ['GlobalAdmin', 'UserManagementAdmin'],
  'audit.view': ['GlobalAdmin', 'UserManagementAdmin'],
  'enroll.start': ['GlobalAdmin'],
  'enroll.approve': ['GlobalAdmin'],
  'profile.update': ['GlobalAdmin', 'AdminAgent'],
  'membership.view': 'everyone',
  'membership.renew': ['GlobalAdmin', 'AdminAgent', 'MpnPartnerAdmin'],
  'membership.upgrade': ['GlobalAdmin', 'AdminAgent', 'MpnPartnerAdmin'],
  'membership.review': ['GlobalAdmin'],
  'benefits.view': 'everyone',
  'package.buy': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'package.cancel': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'software.revealKeys': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'license.redeem': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'credit.addUser': ['GlobalAdmin'],
  'credit.removeUser': ['GlobalAdmin'],
  'credit.transfer': ['GlobalAdmin'],
  'seat.request': 'everyone',
  'seat.assign': ['GlobalAdmin'],
  'seat.reassign': ['GlobalAdmin'],
  'seat.release': ['GlobalAdmin'],
  'seat.approve': ['GlobalAdmin'],
  'seat.reject': ['GlobalAdmin'],
  'approvals.setChannel': ['GlobalAdmin'],
  'support.view': 'everyone',
  'support.activate': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'support.complete': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'gtm.setContact': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'gtm.activate': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'gtm.complete': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'notify.subscribe': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'notify.unsubscribe': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'notify.run': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'notify.report': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'notify.resend': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'usage.view': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'usage.setDigest': ['GlobalAdmin', 'MpnPartnerAdmin'],
  'people.view': 'everyone',
};

const actor = (roles: Role[]) => ({ tenantId: 't', aadObjectId: 'a', roles });
const PERSONAS: [string, Role[]][] = [
  ['employee (no role)', []],
  ...ROLES.map((r): [string, Role[]] => [r, [r]]),
];

describe('the policy table', () => {
  it('covers exactly the acts DOMAIN.md names', () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const rows = ACTIONS.flatMap((action) => PERSONAS.map(([who, roles]) => [action, who, roles] as const));
  it.each(rows)('%s as %s', (action, _who, roles) => {
    const expected = EXPECTED[action];
    const shouldAllow = expected === 'everyone' || roles.some((r) => expected.includes(r));
    const decision = authorize(actor(roles), action);
    expect(decision.allowed).toBe(shouldAllow);
    if (!decision.allowed && decision.reason === 'role') expect(decision.rolesNeeded).toEqual(expected);
  });

  it('lets someone with two roles do what either allows', () => {
    expect(authorize(actor(['UserManagementAdmin', 'MpnPartnerAdmin']), 'software.revealKeys').allowed).toBe(
      true,
    );
    expect(authorize(actor(['UserManagementAdmin', 'MpnPartnerAdmin']), 'roles.grant').allowed).toBe(true);
  });

  it('refuses every state change but renewal and enrolment while the membership is expired, and still allows reading', () => {
    const expired = { membershipExpired: true };
    const ga = actor(['GlobalAdmin']);
    expect(authorize(ga, 'seat.assign', expired)).toEqual({
      allowed: false,
      reason: 'membershipExpired',
      action: 'seat.assign',
    });
    expect(authorize(ga, 'benefits.view', expired).allowed).toBe(true);
    expect(authorize(ga, 'membership.renew', expired).allowed).toBe(true);
    expect(authorize(ga, 'enroll.start', expired).allowed).toBe(true);
    const writes = ACTIONS.filter((a) => POLICY[a].writes && !('allowedWhenExpired' in POLICY[a]));
    for (const a of writes) expect(authorize(ga, a, expired).allowed).toBe(false);
  });

  it('gives a Global admin everything', () => {
    expect(actionsAllowed(['GlobalAdmin'])).toEqual(ACTIONS);
  });

  it('gives an employee only reading, their own roles and a seat request', () => {
    expect(actionsAllowed([])).toEqual([
      'roles.view',
      'roles.list',
      'membership.view',
      'benefits.view',
      'seat.request',
      'support.view',
      // Their own row of "who has what" (others' rows need an admin role).
      'people.view',
    ]);
  });
});
