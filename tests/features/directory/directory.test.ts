import { randomUUID } from 'node:crypto';
import { memberId } from '../../../src/domain/model';
import { conversation, type InvokeBody } from '../../support/conversation';
import type { RosterMember } from '../../support/fakeConnector';
import { AVERY, BO, CASEY, CONTOSO, DANA, ELI, FANG, GALE, type Person } from '../../support/people';
import { seedWithOnePool } from '../../support/seedFixtures';
import { cardButtons, cardOf, cardText, startMemoryApp, type MemoryTestApp } from '../../support/testApp';

const TEAM = { id: '19:team-contoso@thread.tacv2', name: 'Contoso Partners' };
const HANA: Person = {
  name: 'Hana Sato',
  aadObjectId: 'b0000000-0000-4000-8000-000000000001',
  tenantId: CONTOSO,
};
const IAN: Person = {
  name: 'Ian Moss',
  aadObjectId: 'b0000000-0000-4000-8000-000000000002',
  tenantId: CONTOSO,
};
const JUN: Person = {
  name: 'Jun Ito',
  aadObjectId: 'b0000000-0000-4000-8000-000000000003',
  tenantId: CONTOSO,
};

const rosterEntry = (
  p: Person,
  email: string,
  userRole: RosterMember['userRole'] = 'user',
): RosterMember => ({
  id: `29:test-${p.aadObjectId}`,
  name: p.name,
  aadObjectId: p.aadObjectId,
  email,
  userPrincipalName: email,
  userRole,
  tenantId: CONTOSO,
});

/** The bot added to a team: Teams sends conversationUpdate in the team's General channel. */
function teamInstall(t: MemoryTestApp): Record<string, unknown> {
  return {
    id: randomUUID(),
    type: 'conversationUpdate',
    channelId: 'msteams',
    serviceUrl: t.connector.url,
    timestamp: new Date().toISOString(),
    from: { id: `29:test-${AVERY.aadObjectId}`, name: AVERY.name, aadObjectId: AVERY.aadObjectId },
    recipient: { id: '28:b0700000-0000-4000-8000-0000000000b7', name: 'Partner Benefits' },
    conversation: { id: TEAM.id, conversationType: 'channel', isGroup: true, tenantId: CONTOSO },
    membersAdded: [{ id: '28:b0700000-0000-4000-8000-0000000000b7' }],
    channelData: {
      tenant: { id: CONTOSO },
      team: TEAM,
      channel: { id: TEAM.id },
      eventType: 'teamMemberAdded',
    },
  };
}

describe('the directory: adding people from a team roster or by e-mail, and removing them', () => {
  let t: MemoryTestApp;
  const { say, press } = conversation(() => t, { wait: false });
  const lines = (body: InvokeBody) => cardText(body.value).join('\n');
  const memberOf = async (p: Person) =>
    (await t.app.store.repos.members.get(CONTOSO, memberId(p.aadObjectId)))?.doc;
  const audits = async (action: string) =>
    (await t.app.store.repos.audit.list(CONTOSO, { where: { action } })).map((a) => a.doc);
  const seenOf = (body: InvokeBody) => {
    const json = JSON.stringify(body.value);
    return /"seen":"([^"]*)"/.exec(json)?.[1] ?? '';
  };

  beforeAll(async () => {
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() });
    // The bot is added to a team whose roster Teams lists as empty at that moment…
    t.connector.rosters.set(TEAM.id, []);
    expect((await t.post(teamInstall(t))).status).toBe(200);
    // …and later the team has members who are not in the directory yet.
    t.connector.rosters.set(TEAM.id, [
      rosterEntry(AVERY, 'avery@contoso.example'),
      rosterEntry(HANA, 'hana.sato@contoso.example'),
      rosterEntry(IAN, 'ian@partner.example', 'guest'),
    ]);
  });
  afterAll(() => t.stop());

  it('shows an employee no way to the directory card: "people" names the role needed', async () => {
    const [reply] = await say(ELI, 'people');
    expect(String(reply.text)).toContain(
      'To see and manage the people of the directory you need the Global admin, User management admin or Admin agent role.',
    );
  });

  it('offers an Admin agent adding (team roster and e-mail) but not removing', async () => {
    const card = cardOf((await say(CASEY, 'people'))[0]);
    const buttons = cardButtons(card);
    expect(buttons).toEqual(expect.arrayContaining(['Show its members', 'Add']));
    expect(buttons).not.toContain('Remove…');
    expect(JSON.stringify(card)).toContain('"title":"Contoso Partners"');
  });

  it('lists the team members who are not in the directory yet, guests marked', async () => {
    const body = await press(BO, 'directory.roster', { team: TEAM.id });
    const json = JSON.stringify(body.value);
    expect(lines(body)).toContain('Members of Contoso Partners who are not in the directory');
    expect(json).toContain('Hana Sato (hana.sato@contoso.example)');
    expect(json).toContain('Ian Moss (ian@partner.example) · guest');
    // Avery is already in the directory: not offered again.
    expect(json).not.toContain(AVERY.aadObjectId);
  });

  it('refuses a roster of a team the bot is not in (a forged team id), reading nothing from Teams', async () => {
    const before = t.connector.calls.length;
    const body = await press(BO, 'directory.roster', { team: '19:someone-elses-team@thread.tacv2' });
    expect(lines(body)).toContain('I am not in that team (any more), so I cannot read its members.');
    expect(t.connector.calls.slice(before).some((c) => c.path.includes('pagedmembers'))).toBe(false);
  });

  it('adds the chosen people with what Teams says about them (not what the card says), audited', async () => {
    const body = await press(CASEY, 'directory.addFromRoster', {
      team: TEAM.id,
      people: `${HANA.aadObjectId},${IAN.aadObjectId},${JUN.aadObjectId}`,
    });
    expect(lines(body)).toContain('Added to the directory: Hana Sato, Ian Moss (guest).');
    expect(lines(body)).toContain(
      '1 of the chosen people are no longer members of the team and were not added.',
    );
    expect(lines(body)).toContain('type **assign seat**');
    expect(await memberOf(HANA)).toMatchObject({
      name: 'Hana Sato',
      email: 'hana.sato@contoso.example',
      guest: false,
    });
    expect(await memberOf(IAN)).toMatchObject({ guest: true, roles: [] });
    expect(await memberOf(JUN)).toBeUndefined();
    const added = await audits('directory.addMember');
    expect(added.map((a) => [a.actor, a.target, a.outcome])).toEqual(
      expect.arrayContaining([
        [CASEY.aadObjectId, memberId(HANA.aadObjectId), 'success'],
        [CASEY.aadObjectId, memberId(IAN.aadObjectId), 'success'],
      ]),
    );
  });

  it('lets a Global admin assign a seat to the person just added from the roster', async () => {
    const texts = (replies: Record<string, unknown>[]) => replies.map((r) => JSON.stringify(r)).join('\n');
    let replies = await say(AVERY, 'assign seat');
    if (texts(replies).includes('Type part of the person')) replies = await say(AVERY, 'Hana');
    expect(texts(replies)).toContain('Hana Sato');
    replies = await say(AVERY, 'Hana Sato');
    expect(texts(replies)).toContain('Assign a Visual Studio Enterprise seat to Hana Sato?');
    replies = await say(AVERY, 'Yes');
    expect(texts(replies)).toContain('Done: Hana Sato has seat');
    const assignments = await t.app.store.repos.seatAssignments.list(CONTOSO, {
      where: { assignee: HANA.aadObjectId },
    });
    expect(assignments).toHaveLength(1);
  });

  it('refuses adding from the roster for an employee who forges the button, and writes nothing', async () => {
    t.connector.rosters.set(TEAM.id, [
      ...(t.connector.rosters.get(TEAM.id) ?? []),
      rosterEntry(JUN, 'jun@contoso.example'),
    ]);
    const body = await press(ELI, 'directory.addFromRoster', { team: TEAM.id, people: JUN.aadObjectId });
    expect(String(body.value)).toContain(
      'To add people to the directory you need the Global admin, User management admin or Admin agent role.',
    );
    expect(await memberOf(JUN)).toBeUndefined();
  });

  it('adds a person by name and work e-mail; they join, as a guest, when they first message the bot', async () => {
    const KAI: Person = {
      name: 'Kai Lund',
      aadObjectId: 'b0000000-0000-4000-8000-000000000009',
      tenantId: CONTOSO,
    };
    const body = await press(BO, 'directory.invite', {
      name: 'Kai Lund',
      email: ' Kai.Lund@Partner.example ',
      guest: 'true',
    });
    expect(lines(body)).toContain('Kai Lund (kai.lund@partner.example) is added.');
    expect(lines(body)).toContain('Kai Lund (kai.lund@partner.example) · guest');
    expect(await memberOf(KAI)).toBeUndefined();
    // Kai's Teams account carries the invited address as UPN.
    t.connector.rosters.set(`a:personal-${KAI.aadObjectId}`, [rosterEntry(KAI, 'KAI.LUND@partner.example')]);
    await say(KAI, 'help');
    expect(await memberOf(KAI)).toMatchObject({ guest: true, email: 'kai.lund@partner.example' });
    expect(await t.app.store.repos.invitations.list(CONTOSO)).toHaveLength(0);
    expect((await audits('directory.linked')).map((a) => a.actor)).toContain(KAI.aadObjectId);
  });

  it('does not link a newcomer whose e-mail differs from the invitation', async () => {
    await press(BO, 'directory.invite', { name: 'Lee Park', email: 'lee@contoso.example', guest: 'false' });
    const LEO: Person = {
      name: 'Leo Park',
      aadObjectId: 'b0000000-0000-4000-8000-00000000000a',
      tenantId: CONTOSO,
    };
    t.connector.rosters.set(`a:personal-${LEO.aadObjectId}`, [
      rosterEntry(LEO, 'leo@contoso.example', 'guest'),
    ]);
    await say(LEO, 'help');
    expect(await memberOf(LEO)).toMatchObject({ guest: false });
    expect((await t.app.store.repos.invitations.list(CONTOSO)).map((i) => i.doc.email)).toEqual([
      'lee@contoso.example',
    ]);
  });

  it('refuses an address that is not an e-mail, and a second invitation of the same address', async () => {
    expect(
      lines(await press(BO, 'directory.invite', { name: 'X', email: 'not-an-address', guest: 'false' })),
    ).toContain('That does not look like a work e-mail address');
    expect(
      lines(
        await press(BO, 'directory.invite', { name: 'Lee', email: 'LEE@contoso.example', guest: 'false' }),
      ),
    ).toContain('lee@contoso.example was already added');
  });

  it('confirms a removal by saying what the person holds: a 10-day-old seat stays reserved for 80 more days', async () => {
    const body = await press(AVERY, 'directory.removeAsk', { person: CASEY.aadObjectId });
    const text = lines(body);
    expect(text).toContain('Remove Casey Wong from the directory?');
    expect(text).toContain('Visual Studio seat 2 of Visual Studio Enterprise is released.');
    // Assigned 10 days before 2026-11-24: reassignable 90 days after, on 2027-02-12.
    expect(text).toContain('it can go to someone else from Feb 12, 2027');
    expect(text).toContain('Their roles end with the removal: Admin agent.');
  });

  it('says a seat held for more than 90 days can go to someone else at once', async () => {
    const text = lines(await press(AVERY, 'directory.removeAsk', { person: FANG.aadObjectId }));
    expect(text).toContain(
      'Visual Studio seat 1 of Visual Studio Enterprise is released and can go to someone else at once.',
    );
  });

  it('does not let a User management admin remove someone who holds benefits (releasing them is a Global admin act)', async () => {
    const ask = await press(BO, 'directory.removeAsk', { person: ELI.aadObjectId });
    expect(lines(ask)).toContain('only a Global admin can complete this removal');
    const body = await press(BO, 'directory.remove', {
      person: ELI.aadObjectId,
      seen: seenOf(ask),
      confirm: true,
    });
    expect(lines(body)).toContain('To remove people from Azure credit you need the Global admin role.');
    expect(await memberOf(ELI)).toBeDefined();
  });

  it('removes a person with monthly credit: taken off the subscription, removed, audited', async () => {
    const ask = await press(AVERY, 'directory.removeAsk', { person: ELI.aadObjectId });
    expect(lines(ask)).toContain(
      'Eli Park is taken off the monthly Azure credit subscription “Azure monthly credit”.',
    );
    const body = await press(AVERY, 'directory.remove', {
      person: ELI.aadObjectId,
      seen: seenOf(ask),
      confirm: true,
    });
    expect(lines(body)).toContain('Eli Park was removed from the directory.');
    expect(await memberOf(ELI)).toBeUndefined();
    const credit = await t.app.store.repos.benefits.list(CONTOSO);
    const monthly = credit.find((b) => b.doc.details.category === 'azureMonthlyCredit')?.doc.details;
    expect(monthly && 'users' in monthly ? monthly.users : undefined).not.toContain(ELI.aadObjectId);
    const removed = await audits('directory.removeMember');
    expect(removed.find((a) => a.target === memberId(ELI.aadObjectId))).toMatchObject({
      actor: AVERY.aadObjectId,
      outcome: 'success',
    });
    expect((await audits('credit.removeUser')).length).toBeGreaterThan(0);
  });

  it('releases the seat through the seat service (audited as a release) when the holder is removed', async () => {
    const ask = await press(AVERY, 'directory.removeAsk', { person: CASEY.aadObjectId });
    await press(AVERY, 'directory.remove', { person: CASEY.aadObjectId, seen: seenOf(ask), confirm: true });
    expect(await memberOf(CASEY)).toBeUndefined();
    expect((await audits('seat.release')).map((a) => a.target)).toEqual(
      expect.arrayContaining([expect.stringContaining('assignment:pool:vs-enterprise:2')]),
    );
  });

  it('refuses removing the holder of bulk credit until it is transferred, then transfers and removes', async () => {
    const ask = await press(AVERY, 'directory.removeAsk', { person: DANA.aadObjectId });
    expect(lines(ask)).toContain('cannot be removed: it is transferred to the person you choose');
    const seen = seenOf(ask);
    const refused = await press(AVERY, 'directory.remove', { person: DANA.aadObjectId, seen, confirm: true });
    expect(lines(refused)).toContain('holds the bulk Azure credit');
    expect(await memberOf(DANA)).toBeDefined();
    const bulkId = /"id":"transfer\.(benefit:[^"]+)"/.exec(JSON.stringify(ask.value))?.[1] ?? '';
    const done = await press(AVERY, 'directory.remove', {
      person: DANA.aadObjectId,
      seen,
      confirm: true,
      [`transfer.${bulkId}`]: AVERY.aadObjectId,
    });
    expect(lines(done)).toContain('Dana Zhou was removed from the directory.');
    const bulk = await t.app.store.repos.benefits.get(CONTOSO, bulkId);
    expect(bulk?.doc.details).toMatchObject({ holder: AVERY.aadObjectId });
  });

  it('shows the confirmation again when what the person holds changed since it was shown', async () => {
    const ask = await press(AVERY, 'directory.removeAsk', { person: HANA.aadObjectId });
    // Meanwhile Hana's seat is released by someone else.
    const seat = (
      await t.app.store.repos.seatAssignments.list(CONTOSO, { where: { assignee: HANA.aadObjectId } })
    )[0];
    await t.app.store.repos.seatAssignments.delete(CONTOSO, seat.doc.id);
    const body = await press(AVERY, 'directory.remove', {
      person: HANA.aadObjectId,
      seen: seenOf(ask),
      confirm: true,
    });
    expect(lines(body)).toContain('What Hana Sato holds changed a moment ago.');
    expect(await memberOf(HANA)).toBeDefined();
  });

  it('never removes the acting admin, nor lets a User management admin remove a Global admin', async () => {
    expect(lines(await press(AVERY, 'directory.removeAsk', { person: AVERY.aadObjectId }))).toContain(
      'You cannot remove yourself',
    );
    const ask = await press(BO, 'directory.removeAsk', { person: AVERY.aadObjectId });
    const body = await press(BO, 'directory.remove', {
      person: AVERY.aadObjectId,
      seen: seenOf(ask),
      confirm: true,
    });
    expect(lines(body)).toContain('To grant or revoke the Global admin role you need the Global admin role.');
    expect(await memberOf(AVERY)).toBeDefined();
  });

  it('answers a Global admin of another tenant pressing Contoso ids as if there were no such person', async () => {
    const body = await press(GALE, 'directory.removeAsk', { person: BO.aadObjectId });
    expect(lines(body)).toContain('That person is not in your organisation’s directory.');
    expect(await memberOf(BO)).toBeDefined();
  });

  it('withdraws an invitation of someone who never talked to the bot', async () => {
    const body = await press(BO, 'directory.removeAsk', { person: 'invite:lee@contoso.example' });
    expect(lines(body)).toContain('The invitation of Lee Park (lee@contoso.example) was withdrawn.');
    expect(await t.app.store.repos.invitations.list(CONTOSO)).toHaveLength(0);
  });

  it('speaks Chinese on the directory card', async () => {
    const card = cardOf((await say(BO, '人员', 'zh-CN'))[0]);
    expect(cardText(card).join('\n')).toContain('Contoso Partner Ltd. 的人员');
    expect(cardButtons(card)).toEqual(expect.arrayContaining(['显示其成员', '添加', '移除…']));
  });
});
