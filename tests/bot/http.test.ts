import { cardAction, message, submit } from '../support/activities';
import { conversation } from '../support/conversation';
import { AVERY, CONTOSO, DANA, ELI, FABRIKAM, GALE, type Person } from '../support/people';
import { cardButtons, cardOf, cardText, startTestApp, type TestApp } from '../support/testApp';

describe('the bot over HTTP, as Teams would call it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  beforeEach(() => t.connector.clear());

  const { lastReply } = conversation(() => t);

  it('replies to "my roles" with a card showing the Global admin role to Avery, at the connector', async () => {
    const reply = await lastReply(AVERY, 'my roles');
    const text = cardText(cardOf(reply));
    expect(text).toContain('Your roles');
    expect(text.join('\n')).toContain('Global admin');
    expect(text.join('\n')).toContain('assign Visual Studio seats');
    expect(t.connector.calls.at(-1)?.path).toMatch(/^\/v3\/conversations\/.+\/activities/);
  });

  it('shows an employee that they hold no admin role and cannot assign seats', async () => {
    const text = cardText(cardOf(await lastReply(ELI, 'my roles'))).join('\n');
    expect(text).toContain('Employee (no admin role)');
    expect(text).not.toContain('assign Visual Studio seats');
    expect(text).toContain('request a Visual Studio seat');
  });

  it('answers a zh-CN user in Chinese', async () => {
    const text = cardText(cardOf(await lastReply(DANA, '我的角色', 'zh-CN'))).join('\n');
    expect(text).toContain('你的角色');
    expect(text).toContain('MPN 合作伙伴管理员');
  });

  it('treats a Teams locale such as zh-cn in lower case as Chinese', async () => {
    const text = cardText(cardOf(await lastReply(DANA, 'help', 'zh-cn'))).join('\n');
    expect(text).toContain('我能为你做什么');
  });

  it('shows the help card with the commands this person can use', async () => {
    const card = cardOf(await lastReply(ELI, 'help'));
    expect(cardText(card)).toEqual(expect.arrayContaining(['What I can do for you', 'help', 'my roles']));
    expect(cardButtons(card)).toContain('my roles');
  });

  it('runs the command named by an Action.Submit button', async () => {
    await t.post(submit(ELI, { command: 'my roles' }, { serviceUrl: t.connector.url }));
    const reply = await t.connector.waitFor(() => t.connector.sentActivities().at(-1));
    expect(cardText(cardOf(reply))).toContain('Your roles');
  });

  it('says it did not understand unknown text, in the user language', async () => {
    const reply = await lastReply(ELI, 'order pizza');
    expect(String(reply.text)).toContain('help');
    const zh = await lastReply(ELI, '订披萨', 'zh-CN');
    expect(String(zh.text)).toContain('帮助');
  });

  it('says there is nothing to cancel when no conversation is in progress', async () => {
    expect(String((await lastReply(ELI, 'cancel')).text)).toContain('nothing to cancel');
    expect(String((await lastReply(ELI, '取消', 'zh-CN')).text)).toContain('没有可以取消');
  });

  it('refreshes the roles card in place through Action.Execute', async () => {
    const res = await t.post(cardAction(AVERY, 'roles.view', {}, { serviceUrl: t.connector.url }));
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(body.value).join('\n')).toContain('Global admin');
  });

  it('answers an unknown verb with a 400 error response and changes nothing', async () => {
    const before = await t.app.store.repos.audit.list(CONTOSO);
    const res = await t.post(
      cardAction(ELI, 'seat.approveAll', { requestId: 'x' }, { serviceUrl: t.connector.url }),
    );
    const body = res.body as { statusCode: number; type: string; value: { message: string } };
    expect(body.statusCode).toBe(400);
    expect(body.type).toBe('application/vnd.microsoft.error');
    expect(body.value.message).toContain('nothing was changed');
    expect(await t.app.store.repos.audit.list(CONTOSO)).toHaveLength(before.length);
  });

  it('answers bad card data with a 400 error response', async () => {
    const res = await t.post(
      cardAction(ELI, 'roles.view', { tenantId: FABRIKAM }, { serviceUrl: t.connector.url }),
    );
    expect((res.body as { statusCode: number }).statusCode).toBe(400);
  });

  it('does not treat inherited object keys as verbs', async () => {
    const res = await t.post(cardAction(ELI, 'constructor', {}, { serviceUrl: t.connector.url }));
    expect((res.body as { statusCode: number }).statusCode).toBe(400);
  });

  it('adds a first-time user to the directory as an employee', async () => {
    const newcomer: Person = {
      name: 'Hana Sato',
      aadObjectId: 'e0000000-0000-4000-8000-0000000000aa',
      tenantId: CONTOSO,
    };
    const text = cardText(cardOf(await lastReply(newcomer, 'my roles'))).join('\n');
    expect(text).toContain('Employee (no admin role)');
    const stored = await t.app.store.repos.members.get(CONTOSO, `member:${newcomer.aadObjectId}`);
    expect(stored?.doc.roles).toEqual([]);
    expect(stored?.doc.teamsUserId).toBe(`29:test-${newcomer.aadObjectId}`);
  });

  it('keeps tenants apart: Gale of Fabrikam sees Fabrikam, not Contoso', async () => {
    const text = cardText(cardOf(await lastReply(GALE, 'my roles'))).join('\n');
    expect(text).toContain('Fabrikam Solutions');
    expect(text).not.toContain('Contoso');
  });

  it('refuses a malformed JSON body with 400 and touches nothing', async () => {
    const res = await t.postRaw('{"type":"message",');
    expect(res.status).toBe(400);
    expect(t.connector.calls).toHaveLength(0);
  });

  it('refuses a body over the limit', async () => {
    const res = await t.postRaw(JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }));
    expect(res.status).toBe(413);
  });

  it('reports health as 200 while the store answers', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('writes one info log line per turn with tenant, correlation id, duration and outcome, and no message text', async () => {
    t.logs.lines.length = 0;
    await lastReply(ELI, 'my roles');
    const turns = t.logs.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'turn');
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ turn: 'message', tenant: CONTOSO, outcome: 'ok' });
    expect(typeof turns[0].correlationId).toBe('string');
    expect(typeof turns[0].durationMs).toBe('number');
    expect(t.logs.text()).not.toContain('my roles');
  });
});

describe('ALLOWED_TENANTS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ALLOWED_TENANTS: CONTOSO });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('politely refuses a tenant that is not allowed, reading and writing nothing', async () => {
    const stranger: Person = {
      name: 'Mallory',
      aadObjectId: 'f0000000-0000-4000-8000-000000000001',
      tenantId: FABRIKAM,
    };
    const before = (await t.app.store.entities.items.query('SELECT VALUE COUNT(1) FROM c').fetchAll())
      .resources[0] as number;
    const res = await t.post(message(stranger, 'my roles', { serviceUrl: t.connector.url }));
    expect(res.status).toBe(200);
    const reply = await t.connector.waitFor(() => t.connector.sentActivities().at(-1));
    expect(String(reply.text)).toContain('not available to your organisation');
    const after = (await t.app.store.entities.items.query('SELECT VALUE COUNT(1) FROM c').fetchAll())
      .resources[0] as number;
    expect(after).toBe(before);
    expect(await t.app.store.repos.members.get(FABRIKAM, `member:${stranger.aadObjectId}`)).toBeUndefined();
  });

  it('still serves the allowed tenant', async () => {
    await t.post(message(ELI, 'help', { serviceUrl: t.connector.url }));
    const reply = await t.connector.waitFor(() => cardOf(t.connector.sentActivities().at(-1)));
    expect(cardText(reply)).toContain('What I can do for you');
  });
});

describe('BOOTSTRAP_ADMINS', () => {
  it('makes a listed person Global admin of their tenant on first contact', async () => {
    const boss: Person = {
      name: 'Jo Boss',
      aadObjectId: 'b0000000-0000-4000-8000-000000000009',
      tenantId: 'd0c0ffee-0000-4000-8000-0000000000ff',
    };
    const t = await startTestApp({ BOOTSTRAP_ADMINS: boss.aadObjectId, SEED_DEMO: 'false' });
    try {
      await t.post(message(boss, 'my roles', { serviceUrl: t.connector.url }));
      const reply = await t.connector.waitFor(() => cardOf(t.connector.sentActivities().at(-1)));
      expect(cardText(reply).join('\n')).toContain('Global admin');
    } finally {
      await t.stop();
    }
  });
});
