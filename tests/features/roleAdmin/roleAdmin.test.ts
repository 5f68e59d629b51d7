import { memberId } from '../../../src/domain/model';
import { conversation, type InvokeBody } from '../../support/conversation';
import { AVERY, BO, CASEY, CONTOSO, DANA, ELI, FANG, GALE, type Person } from '../../support/people';
import { cardButtons, cardOf, cardText, startMemoryApp, type MemoryTestApp } from '../../support/testApp';

describe('roles: who holds what, granting and revoking, over HTTP', () => {
  let t: MemoryTestApp;
  const { say, press } = conversation(() => t, { wait: false });
  const rolesOf = async (p: Person) =>
    (await t.app.store.repos.members.get(CONTOSO, memberId(p.aadObjectId)))?.doc.roles;
  const lines = (body: InvokeBody) => cardText(body.value).join('\n');

  beforeAll(async () => {
    t = await startMemoryApp();
    // Dana has a personal chat with the bot, so the bot can tell her things there.
    await say(DANA, 'help');
  });
  afterAll(() => t.stop());

  it('answers "who are the admins" for everyone, with the holders of each role', async () => {
    const card = cardOf((await say(ELI, 'who are the admins'))[0]);
    const text = cardText(card).join('\n');
    expect(text).toContain('Roles in Contoso Partner Ltd.');
    expect(text).toContain('Global admin: Avery Chen');
    expect(text).toContain('User management admin: Bo Li');
    expect(text).toContain('Employees without an admin role: 2');
    // An employee sees no way to change roles.
    expect(cardButtons(card)).toEqual(['Refresh']);
  });

  it('answers "谁是管理员" in Chinese', async () => {
    const text = cardText(cardOf((await say(FANG, '谁是管理员', 'zh-CN'))[0])).join('\n');
    expect(text).toContain('全局管理员: Avery Chen');
  });

  it('offers a User management admin every role but Global admin, and says why', async () => {
    const card = cardOf((await say(BO, 'who are the admins'))[0]);
    expect(cardButtons(card)).toEqual(expect.arrayContaining(['Grant', 'Revoke']));
    const json = JSON.stringify(card);
    expect(json).not.toContain('"value":"GlobalAdmin"');
    expect(json).toContain(`"value":"${DANA.aadObjectId}"`);
    expect(cardText(card).join('\n')).toContain(
      'Only a Global admin can grant or revoke the Global admin role.',
    );
  });

  it('lets Bo give Dana a role; Dana is told in her own chat, and it is audited', async () => {
    const before = t.connector.calls.length;
    const body = await press(BO, 'roles.grant', { person: DANA.aadObjectId, role: 'UserManagementAdmin' });
    expect(body.statusCode).toBe(200);
    expect(lines(body)).toContain('Dana Zhou now holds the User management admin role.');
    expect(lines(body)).toContain('Dana Zhou was told in their chat with me.');
    expect(await rolesOf(DANA)).toEqual(['MpnPartnerAdmin', 'UserManagementAdmin']);
    const toDana = await t.connector.waitFor(() =>
      t.connector.calls
        .slice(before)
        .find((c) => decodeURIComponent(c.path).includes(`a:personal-${DANA.aadObjectId}`)),
    );
    expect(String(toDana.body.text)).toContain(
      'In Contoso Partner Ltd., Bo Li gave you the User management admin role.',
    );
    const audit = await t.app.store.repos.audit.list(CONTOSO, {
      where: { action: 'roles.grant', outcome: 'success' },
    });
    expect(audit.map((a) => [a.doc.actor, a.doc.target])).toContainEqual([
      BO.aadObjectId,
      memberId(DANA.aadObjectId),
    ]);
  });

  it('tells the requester when the person has no chat with the bot yet', async () => {
    const body = await press(BO, 'roles.grant', { person: CASEY.aadObjectId, role: 'MpnPartnerAdmin' });
    expect(lines(body)).toContain('I have no chat with Casey Wong yet');
    await press(BO, 'roles.revoke', { person: CASEY.aadObjectId, role: 'MpnPartnerAdmin' });
    expect(await rolesOf(CASEY)).toEqual(['AdminAgent']);
  });

  it('refuses a User management admin who tries to make someone Global admin, and changes nothing', async () => {
    const body = await press(BO, 'roles.grant', { person: ELI.aadObjectId, role: 'GlobalAdmin' });
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toContain(
      'To grant or revoke the Global admin role you need the Global admin role. Avery Chen can do it for you.',
    );
    expect(await rolesOf(ELI)).toEqual([]);
    const denied = await t.app.store.repos.audit.list(CONTOSO, {
      where: { outcome: 'denied', actor: BO.aadObjectId },
    });
    expect(denied.map((d) => d.doc.action)).toContain('roles.manageGlobalAdmin');
  });

  it('refuses an employee who presses a forged Grant button', async () => {
    const body = await press(ELI, 'roles.grant', { person: ELI.aadObjectId, role: 'MpnPartnerAdmin' });
    expect(String(body.value)).toContain(
      'To grant roles you need the Global admin or User management admin role.',
    );
    expect(await rolesOf(ELI)).toEqual([]);
  });

  it('asks a Global admin to confirm, then never removes the last Global admin', async () => {
    const confirm = await press(AVERY, 'roles.revoke', { person: AVERY.aadObjectId, role: 'GlobalAdmin' });
    expect(lines(confirm)).toContain('Remove the Global admin role from Avery Chen?');
    expect(lines(confirm)).toContain('You are removing your own Global admin role');
    expect(cardButtons(confirm.value)).toEqual(['Confirm', 'Back']);
    const refused = await press(AVERY, 'roles.revoke', {
      person: AVERY.aadObjectId,
      role: 'GlobalAdmin',
      confirm: true,
    });
    expect(lines(refused)).toContain('Avery Chen is the last Global admin of your organisation');
    expect(await rolesOf(AVERY)).toEqual(['GlobalAdmin']);
  });

  it('lets a Global admin make and unmake another Global admin, each confirmed', async () => {
    expect(
      lines(await press(AVERY, 'roles.grant', { person: ELI.aadObjectId, role: 'GlobalAdmin' })),
    ).toContain('Make Eli Park a Global admin?');
    expect(await rolesOf(ELI)).toEqual([]);
    const granted = await press(AVERY, 'roles.grant', {
      person: ELI.aadObjectId,
      role: 'GlobalAdmin',
      confirm: true,
    });
    expect(lines(granted)).toContain('Eli Park now holds the Global admin role.');
    const revoked = await press(ELI, 'roles.revoke', {
      person: AVERY.aadObjectId,
      role: 'GlobalAdmin',
      confirm: true,
    });
    expect(lines(revoked)).toContain('Avery Chen no longer holds the Global admin role.');
    // Avery's card, pressed after losing the role, no longer works for her.
    const stale = await press(AVERY, 'roles.grant', {
      person: FANG.aadObjectId,
      role: 'GlobalAdmin',
      confirm: true,
    });
    expect(String(stale.value)).toContain(
      'To grant roles you need the Global admin or User management admin role.',
    );
    await press(ELI, 'roles.grant', { person: AVERY.aadObjectId, role: 'GlobalAdmin', confirm: true });
    await press(AVERY, 'roles.revoke', { person: ELI.aadObjectId, role: 'GlobalAdmin', confirm: true });
    expect(await rolesOf(ELI)).toEqual([]);
    expect(await rolesOf(AVERY)).toEqual(['GlobalAdmin']);
  });

  it('refuses a person id from another tenant as if it did not exist', async () => {
    const body = await press(AVERY, 'roles.grant', { person: GALE.aadObjectId, role: 'AdminAgent' });
    expect(lines(body)).toContain('That person is not in your organisation’s directory.');
  });

  it('asks to choose a person and a role when the form was sent empty', async () => {
    expect(lines(await press(BO, 'roles.grant', {}))).toContain('Choose a person and a role first.');
  });

  it('refreshes the directory after a person and a role were picked (Teams sends the inputs too)', async () => {
    const body = await press(BO, 'roles.list', { person: ELI.aadObjectId, role: 'AdminAgent' });
    expect(body.statusCode).toBe(200);
    expect(cardButtons(body.value)).toEqual(expect.arrayContaining(['Grant', 'Revoke', 'Refresh']));
    expect(await rolesOf(ELI)).toEqual([]);
  });

  it('answers bad card data with a 400 and changes nothing', async () => {
    const body = await press(AVERY, 'roles.grant', { person: ELI.aadObjectId, role: 'Superuser' });
    expect(body.statusCode).toBe(400);
  });
});

describe('the audit view', () => {
  let t: MemoryTestApp;
  const { say, press } = conversation(() => t, { wait: false });

  beforeAll(async () => {
    t = await startMemoryApp();
    // 24 role changes by Bo and Avery, so there is more than one page.
    for (let i = 0; i < 6; i += 1) {
      await press(BO, 'roles.grant', { person: FANG.aadObjectId, role: 'AdminAgent' });
      await press(BO, 'roles.revoke', { person: FANG.aadObjectId, role: 'AdminAgent' });
      await press(AVERY, 'roles.grant', { person: ELI.aadObjectId, role: 'MpnPartnerAdmin' });
      await press(AVERY, 'roles.revoke', { person: ELI.aadObjectId, role: 'MpnPartnerAdmin' });
    }
  });
  afterAll(() => t.stop());

  it('shows an admin the 20 latest events with an Older button, in "审计记录" too', async () => {
    const card = cardOf((await say(AVERY, 'audit'))[0]);
    const text = cardText(card).join('\n');
    expect(text).toContain('Audit log');
    expect(text).toContain('events 1–20, newest first');
    expect(text).toContain('revoke roles — done');
    expect(text).toContain('Fang Wu');
    expect(cardButtons(card)).toEqual(expect.arrayContaining(['Filter', 'Older']));
    expect(cardButtons(card)).not.toContain('Newer');
    expect(cardText(cardOf((await say(BO, '审计记录', 'zh-CN')).at(-1))).join('\n')).toContain('审计记录');
  });

  it('pages to older events and back', async () => {
    const older = await press(AVERY, 'audit.page', { offset: 20, person: 'any', action: 'any' });
    expect(cardText(older.value).join('\n')).toContain('events 21–24');
    expect(cardButtons(older.value)).toContain('Newer');
    expect(cardButtons(older.value)).not.toContain('Older');
    const newer = await press(AVERY, 'audit.page', { offset: 0, person: 'any', action: 'any' });
    expect(cardText(newer.value).join('\n')).toContain('events 1–20');
  });

  it('filters by person and by action', async () => {
    const bo = await press(AVERY, 'audit.page', { offset: 0, person: BO.aadObjectId, action: 'any' });
    const lines = cardText(bo.value).filter((l) => l.includes(' · ') && !l.includes('events'));
    expect(lines.length).toBe(12);
    expect(lines.every((l) => l.includes('Bo Li'))).toBe(true);
    const grants = await press(AVERY, 'audit.page', { offset: 0, person: 'any', action: 'roles.grant' });
    const whats = cardText(grants.value).filter((l) => l.includes(' — '));
    expect(whats.length).toBe(12);
    expect(whats.every((l) => l.startsWith('grant roles'))).toBe(true);
  });

  it('is refused to an employee, and the refusal is itself audited', async () => {
    expect(String((await say(ELI, 'audit'))[0]?.text)).toContain('To read the audit log you need');
    const denied = await t.app.store.repos.audit.list(CONTOSO, {
      where: { action: 'audit.view', outcome: 'denied' },
    });
    expect(denied).toHaveLength(1);
  });
});
