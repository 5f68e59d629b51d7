import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_COMMANDS, FEATURES } from '../../src/features';
import { SeatService } from '../../src/domain/seats';
import type { Benefit, Member } from '../../src/domain/model';
import { ACTIONS, authorize, POLICY, type Action } from '../../src/domain/policy';
import type { Role } from '../../src/domain/roles';
import { roleList, t as say, type MessageKey } from '../../src/i18n';
import { AVERY, BO, CASEY, CONTOSO, DANA, ELI, FABRIKAM, FANG, GALE, type Person } from '../support/people';
import { seedWithOnePool } from '../support/seedFixtures';
import { FIXED_NOW, startTestApp, type TestApp } from '../support/testApp';
import {
  act,
  Baseline,
  CARD,
  diff,
  MESSAGE,
  ofTenant,
  snapshot,
  type Difference,
  type Doc,
  type Reply,
  type Step,
} from './trustKit';

/**
 * The authorisation matrix, through the HTTP stack: every act of the policy table, pressed or
 * typed by every role, by an employee with no role and by an admin of the other tenant. Allowed:
 * the intended change happens (or the card arrives). Denied: a localised explanation naming the
 * role needed, and nothing in the store changes but one audit record of the denial.
 */

/* ------------------------------------------------------------------ who */

interface Persona {
  key: string;
  person: Person;
  /** Roles in their own tenant (data/demo.json). */
  roles: Role[];
  foreign?: boolean;
}

const PERSONAS: Persona[] = [
  { key: 'GlobalAdmin', person: AVERY, roles: ['GlobalAdmin'] },
  { key: 'UserMgmtAdmin', person: BO, roles: ['UserManagementAdmin'] },
  { key: 'AdminAgent', person: CASEY, roles: ['AdminAgent'] },
  { key: 'MpnPartnerAdmin', person: DANA, roles: ['MpnPartnerAdmin'] },
  { key: 'no role', person: ELI, roles: [] },
  // A Global admin of Fabrikam, pressing the same buttons with Contoso's ids.
  { key: 'other tenant', person: GALE, roles: ['GlobalAdmin'], foreign: true },
];

type Channel = { channel: { id: string; name: string }; team: { id: string; name: string } };
const CHANNELS: Record<string, Channel> = {
  [CONTOSO]: {
    channel: { id: '19:partner-admins@thread.tacv2', name: 'Partner admins' },
    team: { id: '19:team-contoso@thread.tacv2', name: 'Contoso Partners' },
  },
  [FABRIKAM]: {
    channel: { id: '19:fabrikam-ops@thread.tacv2', name: 'Ops' },
    team: { id: '19:team-fabrikam@thread.tacv2', name: 'Fabrikam Crew' },
  },
};

/* ------------------------------------------------------------------ what */

interface Ctx {
  t: TestApp;
  /** Ids made by a row's setup (e.g. the pending request to approve). */
  ids: Record<string, string>;
}

interface Row {
  action: Action;
  /** The acts asked on the way, in order (default: just `action`); a denial names the first one failed. */
  gates?: Action[];
  /** Puts the tenant in the state the act needs (runs after the store was reset, before the snapshot). */
  setup?: (c: Ctx) => Promise<void>;
  steps: (c: Ctx) => Step[];
  /** For an allowed write: the change it must have made, given the actor's tenant difference. */
  effect?: (c: Ctx, p: Persona, d: Difference) => Promise<void>;
  /** Audit actions an allowed write records (default: `action`). */
  audits?: Action[];
}

/** A person of Contoso who holds nothing, made by the directory.removeMember row. */
const MIA = 'b0000000-0000-4000-8000-0000000000aa';

const invoke = (verb: string, data: unknown): Step => ({ kind: 'invoke', verb, data });
const typed = (text: string): Step => ({ kind: 'say', text });
/** Typed in a team channel (resolved to the persona's own tenant's channel). */
const inTeam = (text: string): Step => ({ kind: 'say', text, place: 'channel' as never });

async function member(c: Ctx, p: Person): Promise<Member> {
  const m = await c.t.app.store.repos.members.get(p.tenantId, `member:${p.aadObjectId}`);
  if (!m) throw new Error(`no member ${p.name}`);
  return m.doc;
}
async function benefit(c: Ctx, id: string): Promise<Benefit> {
  const b = await c.t.app.store.repos.benefits.get(CONTOSO, id);
  if (!b) throw new Error(`no ${id}`);
  return b.doc;
}
async function changeMembership(c: Ctx, patch: Record<string, unknown>): Promise<void> {
  const m = await c.t.app.store.repos.memberships.get(CONTOSO, 'membership');
  if (!m) throw new Error('no membership');
  await c.t.app.store.repos.memberships.replace({ ...m.doc, ...patch }, m.etag);
}
const seats = (c: Ctx) =>
  new SeatService(c.t.app.store.repos, c.t.app.services.audit, c.t.app.services.clock);
async function pendingRequestOfEli(c: Ctx): Promise<void> {
  const r = await seats(c).request(
    { tenantId: CONTOSO, aadObjectId: ELI.aadObjectId, roles: [] },
    ELI.name,
    'pool:vs-enterprise',
    'Porting the samples to .NET 9',
  );
  c.ids.request = r.id;
}
async function marketingContact(c: Ctx): Promise<void> {
  await c.t.app.store.repos.marketingContacts.create({
    type: 'marketingContact',
    id: 'marketingContact',
    tenantId: CONTOSO,
    aadObjectId: DANA.aadObjectId,
    name: DANA.name,
    email: 'marketing@contoso.example',
    phone: '+862155550100',
    language: 'zh-Hans',
    setBy: AVERY.aadObjectId,
    setAt: FIXED_NOW.toISOString(),
  });
}
async function asAvery(c: Ctx, step: Step): Promise<void> {
  const reply = await act(c.t, AVERY, withPlace(step, AVERY));
  if (reply.status !== 200) throw new Error(`setup step failed: ${reply.text}`);
  await c.t.app.services.background.drain();
}
function withPlace(step: Step, p: Person): Step {
  return step.kind === 'say' && step.place ? { ...step, place: CHANNELS[p.tenantId] } : step;
}

const ROWS: Row[] = [
  { action: 'roles.view', steps: () => [invoke('roles.view', {})] },
  { action: 'roles.list', steps: () => [invoke('roles.list', {})] },
  {
    action: 'roles.grant',
    steps: () => [invoke('roles.grant', { person: ELI.aadObjectId, role: 'MpnPartnerAdmin' })],
    effect: async (c) => expect((await member(c, ELI)).roles).toContain('MpnPartnerAdmin'),
  },
  {
    action: 'roles.revoke',
    steps: () => [invoke('roles.revoke', { person: CASEY.aadObjectId, role: 'AdminAgent' })],
    effect: async (c) => expect((await member(c, CASEY)).roles).not.toContain('AdminAgent'),
  },
  {
    action: 'roles.manageGlobalAdmin',
    gates: ['roles.grant', 'roles.manageGlobalAdmin'],
    steps: () => [invoke('roles.grant', { person: ELI.aadObjectId, role: 'GlobalAdmin', confirm: true })],
    effect: async (c) => expect((await member(c, ELI)).roles).toContain('GlobalAdmin'),
    audits: ['roles.grant'],
  },
  {
    action: 'membership.review',
    // A pending competency application; the local demo review stands in for the programme.
    setup: (c) =>
      changeMembership(c, {
        applications: [
          {
            id: 'application:security:silver:1',
            area: 'security',
            tier: 'silver',
            status: 'pending',
            appliedBy: DANA.aadObjectId,
            appliedAt: FIXED_NOW.toISOString(),
            locale: 'en-US',
          },
        ],
      }),
    steps: () => [
      invoke('membership.review', { application: 'application:security:silver:1', decision: 'approve' }),
    ],
    effect: async (c) =>
      expect(
        (await c.t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc.competencies,
      ).toContainEqual({
        area: 'Security',
        tier: 'silver',
      }),
  },
  { action: 'directory.view', steps: () => [invoke('directory.list', {})] },
  {
    action: 'directory.addMember',
    steps: () => [
      invoke('directory.invite', { name: 'Mia Berg', email: 'mia.berg@example.org', guest: 'false' }),
    ],
    effect: async (c) =>
      expect((await c.t.app.store.repos.invitations.list(CONTOSO)).map((i) => i.doc.email)).toEqual([
        'mia.berg@example.org',
      ]),
  },
  {
    action: 'directory.removeMember',
    // Someone who holds nothing (no seat, credit or role): the removal needs no other act.
    setup: async (c) => {
      await c.t.app.store.repos.members.create({
        type: 'member',
        id: `member:${MIA}`,
        tenantId: CONTOSO,
        aadObjectId: MIA,
        name: 'Mia Berg',
        roles: [],
        guest: false,
        createdAt: FIXED_NOW.toISOString(),
        updatedAt: FIXED_NOW.toISOString(),
      });
    },
    steps: () => [invoke('directory.remove', { person: MIA, seen: '', confirm: true })],
    effect: async (c) =>
      expect(await c.t.app.store.repos.members.get(CONTOSO, `member:${MIA}`)).toBeUndefined(),
  },
  { action: 'audit.view', steps: () => [invoke('audit.page', { offset: 0 })] },
  {
    action: 'enroll.start',
    // Enrolment is for an organisation that is not a member yet.
    setup: (c) => changeMembership(c, { status: 'draft', expiresOn: undefined, enrolledOn: undefined }),
    steps: () => [typed('enroll')],
    effect: async (c, p) =>
      expect((await c.t.app.store.repos.enrollments.get(CONTOSO, 'enrollment'))?.doc.startedBy).toBe(
        p.person.aadObjectId,
      ),
  },
  {
    action: 'enroll.approve',
    setup: async (c) => {
      await changeMembership(c, { status: 'underReview', expiresOn: undefined, enrolledOn: undefined });
      const at = FIXED_NOW.toISOString();
      await c.t.app.store.repos.enrollments.create({
        type: 'enrollment',
        id: 'enrollment',
        tenantId: CONTOSO,
        startedBy: AVERY.aadObjectId,
        startedAt: at,
        updatedAt: at,
        codesIssuedAt: [],
      } as never);
    },
    steps: () => [invoke('enroll.approve', {})],
    effect: async (c) =>
      expect((await c.t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc.status).toBe('active'),
  },
  { action: 'membership.view', steps: () => [invoke('membership.view', {})] },
  {
    action: 'membership.renew',
    steps: () => [invoke('membership.renew', { expiresOn: '2027-01-03' })],
    effect: async (c) =>
      expect((await c.t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc.expiresOn).toBe(
        '2028-01-03',
      ),
  },
  {
    action: 'membership.upgrade',
    steps: () => [
      invoke('membership.upgrade', { offer: 'competency:application-development:gold', confirm: true }),
    ],
    // A competency is earned: the act records an application for review and grants nothing.
    effect: async (c) => {
      const m = (await c.t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc;
      expect(m?.competencies).toEqual([{ area: 'Application Development', tier: 'silver' }]);
      expect(m?.applications?.map((a) => [a.area, a.tier, a.status])).toEqual([
        ['application-development', 'gold', 'pending'],
      ]);
    },
  },
  { action: 'benefits.view', steps: () => [invoke('benefits.summary', {})] },
  {
    action: 'package.cancel',
    steps: () => [invoke('package.cancel', { packageId: 'package:silver-addon', confirmed: true })],
    effect: async (c) =>
      expect((await c.t.app.store.repos.packages.get(CONTOSO, 'package:silver-addon'))?.doc.status).toBe(
        'cancelled',
      ),
  },
  {
    action: 'software.revealKeys',
    steps: () => [
      invoke('software.revealKeys', {
        benefitId: 'benefit:sql-server',
        productId: 'sql2022-ent',
        language: 'en-US',
        osType: 'x64',
      }),
    ],
    effect: async (c) =>
      expect((await benefit(c, 'benefit:sql-server')).details).toMatchObject({
        firstRevealedAt: FIXED_NOW.toISOString(),
      }),
  },
  {
    action: 'license.redeem',
    steps: () => [
      invoke('license.redeem', {
        benefitId: 'benefit:office365-e3',
        keyId: 'o365-k1',
        mode: 'extend',
        expectEndDate: '2027-06-24',
      }),
    ],
    effect: async (c, p) => {
      const details = (await benefit(c, 'benefit:office365-e3')).details as {
        keys: { redeemedBy?: string }[];
      };
      expect(details.keys[0].redeemedBy).toBe(p.person.aadObjectId);
    },
  },
  {
    action: 'credit.addUser',
    steps: () => [invoke('credit.addUser', { benefitId: 'benefit:azure-monthly', person: FANG.aadObjectId })],
    effect: async (c) =>
      expect((await benefit(c, 'benefit:azure-monthly')).details).toMatchObject({
        users: expect.arrayContaining([FANG.aadObjectId]),
      }),
  },
  {
    action: 'credit.removeUser',
    steps: () => [
      invoke('credit.removeUser', { benefitId: 'benefit:azure-monthly', person: ELI.aadObjectId }),
    ],
    effect: async (c) =>
      expect((await benefit(c, 'benefit:azure-monthly')).details).toMatchObject({ users: [] }),
  },
  {
    action: 'credit.transfer',
    steps: () => [invoke('credit.transfer', { benefitId: 'benefit:azure-bulk', person: FANG.aadObjectId })],
    effect: async (c) =>
      expect((await benefit(c, 'benefit:azure-bulk')).details).toMatchObject({ holder: FANG.aadObjectId }),
  },
  {
    action: 'seat.request',
    // Casey holds seat 2 in the demo; without it every Contoso persona may ask for one.
    setup: async (c) => {
      await c.t.app.store.repos.seatAssignments.delete(CONTOSO, 'assignment:pool:vs-enterprise:2');
    },
    steps: () => [typed('request visual studio'), typed('Building the migration samples for a customer')],
    effect: async (c, p) => {
      const mine = await seats(c).requestsOf(CONTOSO, p.person.aadObjectId);
      expect(mine.map((r) => r.status)).toEqual(['pending']);
    },
  },
  {
    action: 'seat.assign',
    steps: () => [typed('assign seat'), typed('Eli Park'), typed('Yes')],
    effect: async (c) => {
      const usage = await seats(c).usage(CONTOSO, 'pool:vs-enterprise');
      expect(usage.assignments.map((a) => a.assignee)).toContain(ELI.aadObjectId);
    },
  },
  {
    action: 'seat.release',
    steps: () => [invoke('seat.release', { assignmentId: 'assignment:pool:vs-enterprise:1' })],
    effect: async (c) =>
      expect(
        await c.t.app.store.repos.seatAssignments.get(CONTOSO, 'assignment:pool:vs-enterprise:1'),
      ).toBeUndefined(),
  },
  {
    action: 'seat.reassign',
    // Seat 1 was given to Fang 100 days ago: past the 90-day rule.
    steps: () => [
      invoke('seat.reassign', {
        assignmentId: 'assignment:pool:vs-enterprise:1',
        'assignee-1': ELI.aadObjectId,
      }),
    ],
    effect: async (c) =>
      expect(
        (await c.t.app.store.repos.seatAssignments.get(CONTOSO, 'assignment:pool:vs-enterprise:1'))?.doc
          .assignee,
      ).toBe(ELI.aadObjectId),
  },
  {
    action: 'seat.approve',
    setup: pendingRequestOfEli,
    steps: (c) => [invoke('seat.approve', { requestId: c.ids.request })],
    effect: async (c) => {
      expect((await seats(c).getRequest(CONTOSO, c.ids.request)).doc.status).toBe('approved');
      const usage = await seats(c).usage(CONTOSO, 'pool:vs-enterprise');
      expect(usage.assignments.filter((a) => a.assignee === ELI.aadObjectId)).toHaveLength(1);
    },
    audits: ['seat.approve', 'seat.assign'],
  },
  {
    action: 'seat.reject',
    setup: pendingRequestOfEli,
    steps: (c) => [
      invoke('seat.reject', { requestId: c.ids.request, reason: 'No budget left this quarter' }),
    ],
    effect: async (c) =>
      expect((await seats(c).getRequest(CONTOSO, c.ids.request)).doc.status).toBe('rejected'),
  },
  {
    action: 'approvals.setChannel',
    steps: () => [inTeam('approvals here')],
    effect: async (c) =>
      expect((await c.t.app.store.repos.tenants.get(CONTOSO, 'tenant'))?.doc.approvalsConversationId).toBe(
        CHANNELS[CONTOSO].channel.id,
      ),
  },
  { action: 'support.view', steps: () => [invoke('support.view', {})] },
  {
    action: 'support.activate',
    steps: () => [invoke('support.activate', { benefitId: 'benefit:presales' })],
    effect: async (c) =>
      expect((await benefit(c, 'benefit:presales')).details).toMatchObject({
        requestedOn: expect.any(String),
      }),
  },
  {
    action: 'support.complete',
    setup: (c) => asAvery(c, invoke('support.activate', { benefitId: 'benefit:presales' })),
    steps: () => [invoke('support.complete', { benefitId: 'benefit:presales' })],
    effect: async (c) =>
      expect((await benefit(c, 'benefit:presales')).details).toMatchObject({ status: 'active' }),
  },
  {
    action: 'gtm.setContact',
    steps: () => [
      typed('marketing contact'),
      {
        kind: 'submit',
        value: {
          form: 'marketingContact',
          action: 'save',
          person: DANA.aadObjectId,
          email: 'marketing@contoso.example',
          phone: '+86 21 5555 0100',
          language: 'zh-Hans',
        },
      },
    ],
    effect: async (c, p) =>
      expect((await c.t.app.store.repos.marketingContacts.get(CONTOSO, 'marketingContact'))?.doc.setBy).toBe(
        p.person.aadObjectId,
      ),
  },
  {
    action: 'gtm.activate',
    setup: marketingContact,
    steps: () => [invoke('gtm.activate', { benefitId: 'benefit:gtm-silver-core' })],
    effect: async (c) =>
      expect((await benefit(c, 'benefit:gtm-silver-core')).details).toMatchObject({ status: 'pending' }),
  },
  {
    action: 'gtm.complete',
    setup: async (c) => {
      await marketingContact(c);
      await asAvery(c, invoke('gtm.activate', { benefitId: 'benefit:gtm-silver-core' }));
    },
    steps: () => [invoke('gtm.complete', { benefitId: 'benefit:gtm-silver-core' })],
    effect: async (c) =>
      expect((await benefit(c, 'benefit:gtm-silver-core')).details).toMatchObject({ status: 'active' }),
  },
  {
    action: 'notify.subscribe',
    steps: () => [inTeam('post expiry reminders here')],
    effect: async (c) => {
      const subs = await c.t.app.store.repos.noticeSubscriptions.list(CONTOSO);
      expect(subs.map((s) => [s.doc.conversationId, s.doc.active])).toEqual([
        [CHANNELS[CONTOSO].channel.id, true],
      ]);
    },
  },
  {
    action: 'notify.unsubscribe',
    setup: (c) => asAvery(c, inTeam('post expiry reminders here')),
    steps: () => [inTeam('stop expiry reminders')],
    effect: async (c) => {
      const subs = await c.t.app.store.repos.noticeSubscriptions.list(CONTOSO);
      expect(subs.map((s) => s.doc.active)).toEqual([false]);
    },
  },
  { action: 'notify.run', steps: () => [typed('check expiry now')] },
  { action: 'notify.report', steps: () => [typed('reminder report')] },
  { action: 'notify.resend', steps: () => [invoke('report.resend', { noticeId: 'notice:none' })] },
  { action: 'usage.view', steps: () => [typed('usage report')] },
  { action: 'usage.setDigest', steps: () => [typed('usage digest monthly')] },
  { action: 'people.view', steps: () => [typed('who has what')] },
];

/** Acts of the policy table that nothing in the bot performs yet: listed, never faked. */
const NO_ENTRY_POINT: Action[] = ['profile.update', 'package.buy'];

/* ------------------------------------------------------------------ expectations */

type Cell = 'allowed' | 'denied' | 'isolated' | 'no entry point';

function expected(p: Persona, action: Action): Cell {
  if (NO_ENTRY_POINT.includes(action)) return 'no entry point';
  if (p.foreign) return 'isolated';
  return authorize({ tenantId: '', aadObjectId: '', roles: p.roles }, action).allowed ? 'allowed' : 'denied';
}

/** The act a denial names: the first gate on the way that the persona's roles fail. */
function deniedAt(row: Row, p: Persona): Action {
  const gates = row.gates ?? [row.action];
  const failed = gates.find((g) => !authorize({ tenantId: '', aadObjectId: '', roles: p.roles }, g).allowed);
  if (!failed) throw new Error(`${p.key} passes every gate of ${row.action}`);
  return failed;
}

/** "To <act> you need the <roles> role." in the given language, from the policy table's roles. */
function refusal(locale: 'en-US' | 'zh-CN', action: Action): string {
  const allowed = POLICY[action].allowed;
  if (allowed === 'everyone') throw new Error(`${action} is open to everyone`);
  const roles = roleList(
    locale,
    allowed.map((r) => say(locale, `role.${r}` as MessageKey)),
    'or',
  );
  return say(locale, 'error.notAuthorized', {
    action: say(locale, `action.${action}` as MessageKey),
    roles,
  });
}

const CONTOSO_NAMES = ['Contoso', AVERY.name, BO.name, CASEY.name, DANA.name, ELI.name, FANG.name];

/* ------------------------------------------------------------------ the run */

describe('authorisation matrix: every act × every role, through the HTTP stack', () => {
  let t: TestApp;
  let baseline: Baseline;
  const observed = new Map<string, Cell>();
  const notes: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ SEED_FILE: seedWithOnePool() });
    // First contact settles everyone's directory entry and personal chat: later turns write nothing.
    for (const p of [...PERSONAS.map((x) => x.person), FANG]) await act(t, p, typed('help'));
    for (const p of [AVERY, GALE])
      await act(t, p, { kind: 'say', text: 'help', place: CHANNELS[p.tenantId] });
    await t.app.services.background.drain();
    baseline = await Baseline.take(t);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  /** Resets the store, prepares the row, runs its steps as the persona, and says what changed. */
  async function run(row: Row, p: Persona, locale: 'en-US' | 'zh-CN' = 'en-US') {
    await t.app.services.background.drain();
    await baseline.restore();
    t.connector.clear();
    const c: Ctx = { t, ids: {} };
    await row.setup?.(c);
    const before = await snapshot(t);
    const replies: Reply[] = [];
    const steps = row.steps(c).map((s) => withPlace(s, p.person));
    for (const step of steps) {
      const reply = await act(t, p.person, step, locale);
      replies.push(reply);
      expect({ step, status: reply.status }).toEqual({ step, status: 200 });
      // A refused first step ends the attempt: nothing after it would make sense.
      if (expected(p, row.action) === 'denied') break;
    }
    await t.app.services.background.drain();
    const after = await snapshot(t);
    return { c, before, after, replies };
  }

  /** What actually happened, judged from the reply and the store (compared with the policy later). */
  function classify(
    row: Row,
    p: Persona,
    r: Awaited<ReturnType<typeof run>>,
    locale: 'en-US' | 'zh-CN',
  ): Cell {
    if (p.foreign) {
      const untouched = diff(r.before, r.after, ofTenant(CONTOSO));
      const shown = r.replies.some((reply) => CONTOSO_NAMES.some((n) => reply.text.includes(n)));
      return untouched.added.length + untouched.changed.length + untouched.removed.length === 0 && !shown
        ? 'isolated'
        : ('LEAKED' as Cell);
    }
    const gates = [...(row.gates ?? []), row.action];
    const refused = gates.some(
      (g) => POLICY[g].allowed !== 'everyone' && r.replies[0].text.includes(refusal(locale, g)),
    );
    return refused ? 'denied' : 'allowed';
  }

  function assertDenied(row: Row, p: Persona, r: Awaited<ReturnType<typeof run>>, locale: 'en-US' | 'zh-CN') {
    const gate = deniedAt(row, p);
    const [reply] = r.replies;
    if (reply.invoke) {
      expect(reply.invoke.type).toBe(MESSAGE);
    }
    expect(reply.text).toContain(refusal(locale, gate));
    // Nothing changed anywhere in the store, but one audit record of the denial. (A message in a
    // new channel thread leaves botbuilder an empty dialog stack for that thread: no state of ours.)
    const state = diff(r.before, r.after, (key) => key.startsWith('state|'));
    expect({ changed: state.changed, removed: state.removed }).toEqual({ changed: [], removed: [] });
    for (const added of state.added) expect(added.document).toEqual({ dialogState: { dialogStack: [] } });
    const d = diff(r.before, r.after, (key) => key.startsWith('entities|'));
    expect({ changed: d.changed, removed: d.removed }).toEqual({ changed: [], removed: [] });
    expect(d.added).toEqual([
      expect.objectContaining({
        type: 'audit',
        tenantId: CONTOSO,
        actor: p.person.aadObjectId,
        action: gate,
        outcome: 'denied',
      }),
    ]);
    if (gate !== row.action) notes.push(`${row.action} × ${p.key}: refused at ${gate}`);
  }

  async function assertAllowed(row: Row, p: Persona, r: Awaited<ReturnType<typeof run>>) {
    const last = r.replies.at(-1) as Reply;
    expect(last.text).not.toMatch(/you need the .* role/);
    if (last.invoke) expect(last.invoke.type).toBe(CARD);
    else expect(last.sent.length).toBeGreaterThan(0);
    const d = diff(r.before, r.after, ofTenant(CONTOSO));
    if (!POLICY[row.action].writes) {
      // A read changes nothing in the tenant.
      expect(d).toEqual({ added: [], removed: [], changed: [] });
      return;
    }
    await row.effect?.(r.c, p, d);
    const audited = d.added.filter(
      (a: Doc) => a.type === 'audit' && a.actor === p.person.aadObjectId && a.outcome === 'success',
    );
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(row.audits ?? [row.action]));
  }

  function assertIsolated(r: Awaited<ReturnType<typeof run>>) {
    // Whatever Gale did happened in Fabrikam: not one Contoso document changed, none is shown.
    expect(diff(r.before, r.after, ofTenant(CONTOSO))).toEqual({ added: [], removed: [], changed: [] });
    for (const reply of r.replies) for (const name of CONTOSO_NAMES) expect(reply.text).not.toContain(name);
  }

  it('covers every act of the policy table: a request for each, or listed as having no entry point', () => {
    const covered = [...ROWS.map((r) => r.action), ...NO_ENTRY_POINT].sort();
    expect(covered).toEqual([...ACTIONS].sort());
    // "No entry point" must stay true: no verb, command, dialog or handler asks for these acts.
    const declared = new Set<string>([
      ...FEATURES.flatMap((f) => Object.values(f.verbs).map((v) => v.action)),
      ...ALL_COMMANDS.flatMap((c) => (c.action ? [c.action] : [])),
    ]);
    const sources = ['src/bot', 'src/features', 'dialogs']
      .flatMap((dir) =>
        readdirSync(dir, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.ts'))
          .map((f) => join(dir, f)),
      )
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    for (const action of NO_ENTRY_POINT) {
      expect({ action, declared: declared.has(action) }).toEqual({ action, declared: false });
      expect({ action, mentioned: sources.includes(`'${action}'`) }).toEqual({ action, mentioned: false });
    }
  });

  for (const row of ROWS) {
    it(`${row.action}: allowed roles act, others are refused naming the role, the other tenant stays out`, async () => {
      // Denied personas first, allowed ones after: the store is reset before each anyway.
      const order = [...PERSONAS].sort(
        (a, b) => Number(expected(a, row.action) !== 'denied') - Number(expected(b, row.action) !== 'denied'),
      );
      for (const p of order) {
        const cell = expected(p, row.action);
        const r = await run(row, p);
        const seen = classify(row, p, r, 'en-US');
        observed.set(`${row.action}|${p.key}`, seen);
        expect({ at: `${row.action} × ${p.key}`, cell: seen }).toEqual({
          at: `${row.action} × ${p.key}`,
          cell,
        });
        if (cell === 'denied') assertDenied(row, p, r, 'en-US');
        else if (cell === 'allowed') await assertAllowed(row, p, r);
        else assertIsolated(r);
      }
      // The same refusal in Chinese, for the first persona refused.
      const zh = order.find((p) => expected(p, row.action) === 'denied');
      if (zh) assertDenied(row, zh, await run(row, zh, 'zh-CN'), 'zh-CN');
    }, 60_000);
  }

  it('refuses a Contoso Global admin pressing buttons with Fabrikam’s ids, changing nothing in either tenant', async () => {
    await t.app.services.background.drain();
    await baseline.restore();
    // Fabrikam records to aim at: a pending request, an assigned seat, a subscribed channel.
    const fabrikamRequest = await new SeatService(
      t.app.store.repos,
      t.app.services.audit,
      t.app.services.clock,
    ).request(
      { tenantId: FABRIKAM, aadObjectId: GALE.aadObjectId, roles: [] },
      GALE.name,
      'pool:vs-professional',
      'x',
    );
    await t.app.store.repos.seatAssignments.create({
      type: 'seatAssignment',
      id: 'assignment:pool:vs-professional:1',
      tenantId: FABRIKAM,
      poolId: 'pool:vs-professional',
      seatNo: 1,
      assignee: GALE.aadObjectId,
      assignedBy: GALE.aadObjectId,
      originalAssignedAt: FIXED_NOW.toISOString(),
      assignedAt: FIXED_NOW.toISOString(),
    });
    await act(t, GALE, { kind: 'say', text: 'post expiry reminders here', place: CHANNELS[FABRIKAM] });
    const subscriptionId = (await t.app.store.repos.noticeSubscriptions.list(FABRIKAM))[0].doc.id;
    await t.app.services.background.drain();
    const forged: [string, Record<string, unknown>][] = [
      ['seat.approve', { requestId: fabrikamRequest.id }],
      ['seat.reject', { requestId: fabrikamRequest.id, reason: 'forged' }],
      ['seat.requestCard', { requestId: fabrikamRequest.id }],
      ['seat.release', { assignmentId: 'assignment:pool:vs-professional:1' }],
      [
        'software.revealKeys',
        { benefitId: 'benefit:windows-11', productId: 'win11-pro', language: 'en-US', osType: 'x64' },
      ],
      ['software.product', { benefitId: 'benefit:windows-11', productId: 'win11-pro' }],
      ['credit.view', { benefitId: 'benefit:vs-professional' }],
      ['credit.addUser', { benefitId: 'benefit:azure-monthly', person: GALE.aadObjectId }],
      ['package.cancel', { packageId: 'package:action-pack' }],
      ['package.cancel', { packageId: 'package:action-pack', confirmed: true }],
      ['notify.categories', { subscriptionId, categories: 'software' }],
      ['notify.unsubscribe', { subscriptionId }],
      ['roles.grant', { person: GALE.aadObjectId, role: 'AdminAgent' }],
      ['roles.revoke', { person: GALE.aadObjectId, role: 'GlobalAdmin', confirm: true }],
    ];
    const figures = { tried: 0, refused: 0 };
    for (const [verb, data] of forged) {
      const before = await snapshot(t);
      const reply = await act(t, AVERY, invoke(verb, data));
      await t.app.services.background.drain();
      const after = await snapshot(t);
      figures.tried += 1;
      expect({ verb, status: reply.status }).toEqual({ verb, status: 200 });
      // Nothing of Fabrikam is shown or changed.
      for (const word of ['Fabrikam', GALE.name, 'Windows 11', 'Action Pack', 'TQ9CW'])
        expect({ verb, shows: reply.text.includes(word) }).toEqual({ verb, shows: false });
      expect({ verb, fabrikam: diff(before, after, ofTenant(FABRIKAM)) }).toEqual({
        verb,
        fabrikam: { added: [], removed: [], changed: [] },
      });
      // In Contoso at most the refusal is recorded, never a success.
      const contoso = diff(before, after, ofTenant(CONTOSO));
      expect({ verb, changed: contoso.changed, removed: contoso.removed }).toEqual({
        verb,
        changed: [],
        removed: [],
      });
      for (const added of contoso.added)
        expect({ verb, added }).toEqual({
          verb,
          added: expect.objectContaining({
            type: 'audit',
            actor: AVERY.aadObjectId,
            outcome: expect.stringMatching(/^(rejected|denied)$/),
          }),
        });
      figures.refused += 1;
    }
    console.log(`forged foreign ids: ${figures.tried} tried, ${figures.refused} refused, 0 state changes`);
  });

  it('refuses Eli reading Fang’s seat request (her justification) through a forged card refresh', async () => {
    await t.app.services.background.drain();
    await baseline.restore();
    await t.app.store.repos.seatAssignments.delete(CONTOSO, 'assignment:pool:vs-enterprise:1');
    const request = await new SeatService(
      t.app.store.repos,
      t.app.services.audit,
      t.app.services.clock,
    ).request(
      { tenantId: CONTOSO, aadObjectId: FANG.aadObjectId, roles: [] },
      FANG.name,
      'pool:vs-enterprise',
      'Personal reasons I only want approvers to read',
    );
    const before = await snapshot(t);
    for (const verb of ['seat.requestCard', 'seat.approve', 'seat.reject']) {
      const data =
        verb === 'seat.reject' ? { requestId: request.id, reason: 'no' } : { requestId: request.id };
      const reply = await act(t, ELI, invoke(verb, data));
      expect({ verb, type: reply.invoke?.type }).toEqual({ verb, type: MESSAGE });
      expect(reply.text).not.toContain('Personal reasons');
    }
    const d = diff(before, await snapshot(t), ofTenant(CONTOSO));
    expect(d.changed).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.added.every((a) => a.type === 'audit' && a.outcome !== 'success')).toBe(true);
    // Fang herself and the approvers still see it.
    expect((await act(t, FANG, invoke('seat.requestCard', { requestId: request.id }))).text).toContain(
      'Personal reasons',
    );
    expect((await act(t, AVERY, invoke('seat.requestCard', { requestId: request.id }))).text).toContain(
      'Personal reasons',
    );
  });

  it('prints the matrix, and it equals what the policy table says', async () => {
    // Standing alone (`-t matrix`, or another order), it observes every cell itself; after the
    // row tests it reuses what they observed in this same app.
    for (const row of ROWS)
      for (const p of PERSONAS)
        if (!observed.has(`${row.action}|${p.key}`))
          observed.set(`${row.action}|${p.key}`, classify(row, p, await run(row, p), 'en-US'));
    for (const action of NO_ENTRY_POINT)
      for (const p of PERSONAS) observed.set(`${action}|${p.key}`, 'no entry point');
    const width = Math.max(...ACTIONS.map((a) => a.length));
    const head = ['act'.padEnd(width), ...PERSONAS.map((p) => p.key.padEnd(15))].join(' | ');
    const lines = [head, head.replace(/[^|]/g, '-')];
    for (const action of ACTIONS)
      lines.push(
        [
          action.padEnd(width),
          ...PERSONAS.map((p) => (observed.get(`${action}|${p.key}`) ?? '?').padEnd(15)),
        ].join(' | '),
      );
    const count = (cell: Cell) => [...observed.values()].filter((v) => v === cell).length;
    lines.push(
      '',
      `${ACTIONS.length} acts × ${PERSONAS.length} personas: ${count('allowed')} allowed, ${count('denied')} denied, ` +
        `${count('isolated')} isolated (other tenant), ${count('no entry point')} no entry point ` +
        `(${NO_ENTRY_POINT.join(', ')})`,
      ...notes,
    );
    console.log(`authorisation matrix\n${lines.join('\n')}`);
    for (const action of ACTIONS)
      for (const p of PERSONAS)
        expect({ at: `${action} × ${p.key}`, cell: observed.get(`${action}|${p.key}`) }).toEqual({
          at: `${action} × ${p.key}`,
          cell: expected(p, action),
        });
  }, 300_000);
});
