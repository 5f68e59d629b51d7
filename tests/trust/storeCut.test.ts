import { subscriptionId } from '../../src/domain/model';
import { t as say } from '../../src/i18n';
import { AVERY, CONTOSO, DANA, ELI, type Person } from '../support/people';
import { SeatService } from '../../src/domain/seats';
import { FIXED_NOW, fixedClock, startTestApp, type TestApp } from '../support/testApp';
import { act, diff, ofTenant, snapshot, type Place, type Step } from './trustKit';

/**
 * No success message after a failed write: the store is gone when a command of each write path
 * (language, roles, reminders, tenant settings) arrives. The person is told it failed (and that it
 * may or may not have been saved), and the store holds nothing new. A cut between two writes of one
 * command is not covered here (see the report of issue 16).
 */

const CHANNEL: Place = {
  channel: { id: '19:cut-channel@thread.tacv2', name: 'Benefits' },
  team: { id: '19:team-contoso@thread.tacv2', name: 'Contoso Partners' },
};

/** Pauses the embedded store as the first write of the entities container arrives (it is never applied). */
interface WritePath {
  name: string;
  person: Person;
  step: Step;
  /** Runs first, with the store up (e.g. the subscription that is then turned off). */
  before?: Step;
}

const subId = subscriptionId('19:cut-channel@thread.tacv2');

const PATHS: WritePath[] = [
  { name: 'language: "speak chinese"', person: ELI, step: { kind: 'say', text: 'speak chinese' } },
  {
    name: 'roles: grant',
    person: AVERY,
    step: { kind: 'invoke', verb: 'roles.grant', data: { person: ELI.aadObjectId, role: 'MpnPartnerAdmin' } },
  },
  {
    name: 'roles: revoke',
    person: AVERY,
    step: {
      kind: 'invoke',
      verb: 'roles.revoke',
      data: { person: DANA.aadObjectId, role: 'MpnPartnerAdmin' },
    },
  },
  {
    name: 'reminders: turn on in a channel',
    person: DANA,
    step: { kind: 'say', text: 'post expiry reminders here', place: CHANNEL },
  },
  {
    name: 'reminders: turn off in a channel',
    person: DANA,
    before: { kind: 'say', text: 'post expiry reminders here', place: CHANNEL },
    step: { kind: 'say', text: 'stop expiry reminders', place: CHANNEL },
  },
  {
    name: 'reminders: choose kinds on the card',
    person: DANA,
    before: { kind: 'say', text: 'post expiry reminders here', place: CHANNEL },
    step: {
      kind: 'invoke',
      verb: 'notify.categories',
      data: { subscriptionId: subId, categories: 'software' },
    },
  },
  {
    name: 'settings: reminder days',
    person: DANA,
    step: { kind: 'say', text: 'reminder days 20 5' },
  },
  {
    name: 'settings: reminder language',
    person: DANA,
    step: { kind: 'say', text: 'reminders in chinese' },
  },
  {
    name: 'settings: approvals channel',
    person: AVERY,
    step: { kind: 'say', text: 'post seat requests here', place: CHANNEL },
  },
];

describe('a write the store never took is never confirmed', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ LOCAL_SNAPSHOT_SECONDS: '0' });
  });
  afterEach(async () => {
    await t.app.store.localServer?.resume();
    await t.stop();
  });

  it.each(PATHS)('$name: told it failed, nothing written', async (path) => {
    // The person is known and their chat linked before the cut: the command's write is the first.
    await act(t, path.person, { kind: 'say', text: 'help' });
    if (path.before) await act(t, path.person, path.before);
    if (path.step.kind === 'say' && path.step.place)
      await act(t, path.person, { ...path.step, text: 'help' });
    const before = await snapshot(t);
    await t.app.store.localServer?.pause();
    const id = `cut-${path.name.replace(/\W+/g, '-')}`;
    let text: string;
    try {
      text = (await act(t, path.person, path.step, 'en-US', { id })).text;
    } finally {
      await t.app.store.localServer?.resume();
    }
    expect(text).toBe(say('en-US', 'error.storeUnavailable', { ref: id }));
    expect(text).toContain('may or may not have been saved');
    const changed = diff(before, await snapshot(t), ofTenant(CONTOSO));
    expect(changed).toEqual({ added: [], removed: [], changed: [] });
  });

  it('confirms the same change once the store is back', async () => {
    await act(t, ELI, { kind: 'say', text: 'help' });
    await t.app.store.localServer?.pause();
    await act(t, ELI, { kind: 'say', text: 'speak chinese' });
    await t.app.store.localServer?.resume();
    const reply = await act(t, ELI, { kind: 'say', text: 'speak chinese' });
    expect(reply.text).toBe(say('zh-CN', 'language.now'));
    const eli = await t.app.store.repos.members.get(CONTOSO, `member:${ELI.aadObjectId}`);
    expect(eli?.doc.preferredLocale).toBe('zh-CN');
  });
});

describe('an approval that died holding its claim', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ LOCAL_SNAPSHOT_SECONDS: '0' });
  });
  afterEach(() => t.stop());

  it('shows the request as being approved, and another approver finishes it 21 s later', async () => {
    const seats = new SeatService(t.app.store.repos, t.app.services.audit, t.app.services.clock);
    const request = await seats.request(
      { tenantId: CONTOSO, aadObjectId: ELI.aadObjectId, roles: [] },
      ELI.name,
      'pool:vs-enterprise',
      'crashed approval drill',
    );
    const current = await t.app.store.repos.seatRequests.get(CONTOSO, request.id);
    if (!current) throw new Error('request not stored');
    // An approver's instance claimed it and died before deciding.
    await t.app.store.repos.seatRequests.replace(
      {
        ...current.doc,
        status: 'approving',
        claimedAt: FIXED_NOW.toISOString(),
        claimedBy: 'a0000000-0000-4000-8000-0000000000de',
      },
      current.etag,
    );
    const listed = await act(t, AVERY, { kind: 'say', text: 'pending approvals' });
    expect(listed.text).toContain(say('en-US', 'seats.status.approving'));

    (t.app.services.clock as ReturnType<typeof fixedClock>).set(new Date(FIXED_NOW.getTime() + 21_000));
    const pressed = await act(t, AVERY, {
      kind: 'invoke',
      verb: 'seat.approve',
      data: { requestId: request.id },
    });
    expect(pressed.text).toContain('Approved by Avery Chen');
    expect((await t.app.store.repos.seatRequests.get(CONTOSO, request.id))?.doc.status).toBe('approved');
  });
});
