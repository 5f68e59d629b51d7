import { conversationRefId, memberId } from '../../../src/domain/model';
import {
  personalInstall,
  personalUninstall,
  teamInstall,
  teamRenamed,
  type ActivityOptions,
} from '../../support/activities';
import { conversation } from '../../support/conversation';
import { AVERY, BO, CASEY, CONTOSO, DANA, ELI, FANG, type Person } from '../../support/people';
import { cardButtons, cardOf, cardText, startMemoryApp, type MemoryTestApp } from '../../support/testApp';
import { seedWithOnePool } from '../../support/seedFixtures';

const TEAM = { id: '19:general-installs@thread.tacv2', name: 'Contoso Partners' };

describe('installs that count: linked chats, one welcome, uninstall and reinstall', () => {
  let t: MemoryTestApp;
  const opts = (locale = 'en-US'): ActivityOptions => ({ serviceUrl: t.connector.url, locale });
  const { lastReply, press } = conversation(() => t);
  const personalPath = (p: Person) => `a:personal-${p.aadObjectId}`;
  /** Everything the bot sent into this person's own chat. */
  const toChatOf = (p: Person) =>
    t.connector.calls.filter((c) => decodeURIComponent(c.path).includes(`${personalPath(p)}/`));
  const welcomesTo = (p: Person, title: string) =>
    toChatOf(p).filter((c) => cardText(cardOf(c.body)).includes(title));
  const post = async (activity: Record<string, unknown>) => {
    const res = await t.post(activity);
    expect(res.status).toBe(200);
  };
  /** One install (or one Playground page load): both activities Teams sends, one after the other. */
  const install = async (p: Person, locale?: string) => {
    for (const a of personalInstall(p, opts(locale))) await post(a);
  };
  const refOf = async (conversationId: string) =>
    (await t.app.store.repos.conversationRefs.get(CONTOSO, conversationRefId(conversationId)))?.doc;

  beforeAll(async () => {
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() });
    t.connector.rosters.set(TEAM.id, []);
  });
  afterAll(() => t.stop());

  it('sends a seat request to a Global admin who installed the app but never typed to it', async () => {
    await install(AVERY);
    const avery = await t.app.store.repos.members.get(CONTOSO, memberId(AVERY.aadObjectId));
    expect(avery?.doc.personalConversationId).toBe(personalPath(AVERY));

    expect(String((await lastReply(ELI, 'request visual studio')).text)).toContain('what do you need it for');
    const before = t.connector.calls.length;
    const done = await lastReply(ELI, 'Building the Azure migration samples for a customer');
    expect(String(done.text)).toContain('sent to your approvers');
    expect(String(done.text)).not.toContain('None of your Global admins');
    const toAvery = await t.connector.waitFor(() =>
      t.connector.calls
        .slice(before)
        .find((c) => decodeURIComponent(c.path).includes(personalPath(AVERY)) && cardOf(c.body)),
    );
    const text = cardText(cardOf(toAvery.body)).join('\n');
    expect(text).toContain('Eli Park');
    expect(text).toContain('Waiting for approval');
    expect(cardButtons(cardOf(toAvery.body))).toEqual(expect.arrayContaining(['Approve', 'Decline']));
    await t.app.services.background.drain();
  });

  it('welcomes a Global admin once, saying what the bot does for their role and "help"', async () => {
    const [welcome] = welcomesTo(AVERY, 'Welcome to Partner Benefits');
    const card = cardOf(welcome.body);
    const text = cardText(card).join('\n');
    expect(text).toContain('Hi Avery Chen!');
    expect(text).toContain('As a Global admin you approve seat requests');
    expect(text).toContain('Type **help** at any time');
    expect(cardButtons(card)).toEqual(['help']);
    // Installing again without an uninstall (a Playground page load) says nothing more.
    await install(AVERY);
    expect(welcomesTo(AVERY, 'Welcome to Partner Benefits')).toHaveLength(1);
  });

  it('welcomes once, in Chinese, when the pair of install activities arrives twice (at once, then again)', async () => {
    const pair = personalInstall(FANG, opts('zh-CN'));
    await Promise.all(pair.map(post));
    await install(FANG, 'zh-CN');
    const welcomes = welcomesTo(FANG, '欢迎使用合作伙伴权益');
    expect(welcomes).toHaveLength(1);
    const text = cardText(cardOf(welcomes[0].body)).join('\n');
    expect(text).toContain('Fang Wu，你好！');
    expect(text).toContain('申请 Visual Studio 席位');
    expect(text).toContain('**帮助**');
    expect(text).not.toContain('Welcome');
    expect(toChatOf(FANG)).toHaveLength(1);
  });

  it('welcomes an employee in English with what an employee can do, not the admin sentence', async () => {
    await install(ELI);
    const [welcome] = welcomesTo(ELI, 'Welcome to Partner Benefits');
    const text = cardText(cardOf(welcome.body)).join('\n');
    expect(text).toContain('request a Visual Studio seat');
    expect(text).not.toContain('As a Global admin');
  });

  it('posts one welcome in General when added to a team, saying how to turn on reminders', async () => {
    const isWelcome = (c: (typeof t.connector.calls)[number]) =>
      decodeURIComponent(c.path).includes(`/v3/conversations/${TEAM.id}/`) &&
      cardText(cardOf(c.body)).includes('Partner Benefits is in this team');
    for (const a of teamInstall(AVERY, TEAM, opts())) await post(a);
    for (const a of teamInstall(AVERY, TEAM, opts())) await post(a);
    const welcomes = t.connector.calls.filter(isWelcome);
    expect(welcomes).toHaveLength(1);
    expect(cardText(cardOf(welcomes[0].body)).join('\n')).toContain('**post expiry reminders here**');
    // The team install links nobody's personal chat to the channel.
    expect((await refOf(TEAM.id))?.aadObjectId).toBeUndefined();
  });

  it('keeps the team references active, renamed, and says nothing when the team is renamed', async () => {
    // Another channel of the team the bot posts reminders in.
    const general = await refOf(TEAM.id);
    const other = '19:benefits-installs@thread.tacv2';
    await t.app.store.repos.conversationRefs.create({
      ...general!,
      id: conversationRefId(other),
      conversationId: other,
      channelName: 'Benefits',
      welcomedAt: undefined,
    });
    const before = t.connector.calls.length;
    await post(teamRenamed(AVERY, { id: TEAM.id, name: 'Contoso Alliance' }, opts()));
    const ref = await refOf(TEAM.id);
    expect(ref?.teamName).toBe('Contoso Alliance');
    expect(ref?.active).toBe(true);
    expect(ref?.welcomedAt).toBeDefined();
    expect((await refOf(other))?.teamName).toBe('Contoso Alliance');
    expect((await refOf(other))?.channelName).toBe('Benefits');
    expect(t.connector.calls.slice(before).filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('deactivates the chat on uninstall and activates it again (with a new welcome) on reinstall', async () => {
    await install(CASEY);
    expect(welcomesTo(CASEY, 'Welcome to Partner Benefits')).toHaveLength(1);
    await post(personalUninstall(CASEY, opts()));
    const gone = await refOf(personalPath(CASEY));
    expect(gone?.active).toBe(false);
    expect(gone?.inactiveReason).toBe('uninstalled');
    expect(await t.app.services.messenger.personalChat(CONTOSO, CASEY.aadObjectId)).toBeUndefined();

    await install(CASEY);
    await install(CASEY);
    const back = await refOf(personalPath(CASEY));
    expect(back?.active).toBe(true);
    expect(back?.inactiveReason).toBeUndefined();
    expect((await t.app.services.messenger.personalChat(CONTOSO, CASEY.aadObjectId))?.conversationId).toBe(
      personalPath(CASEY),
    );
    expect(welcomesTo(CASEY, 'Welcome to Partner Benefits')).toHaveLength(2);
  });

  it('tells a person who only installed the app that their role changed', async () => {
    await install(DANA);
    const before = t.connector.calls.length;
    const body = await press(BO, 'roles.grant', { person: DANA.aadObjectId, role: 'UserManagementAdmin' });
    expect(body.statusCode).toBe(200);
    expect(cardText(body.value).join('\n')).toContain('Dana Zhou was told in their chat with me.');
    const toDana = await t.connector.waitFor(() =>
      t.connector.calls.slice(before).find((c) => decodeURIComponent(c.path).includes(personalPath(DANA))),
    );
    expect(String(toDana.body.text)).toContain('Bo Li gave you the User management admin role.');
  });
});
