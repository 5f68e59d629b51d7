import { Agent, request } from 'node:https';
import { startLocalCosmos } from '../../src/store/localServer';
import { cardAction, message } from '../support/activities';
import { DANA, ELI } from '../support/people';
import { startTestApp, type TestApp } from '../support/testApp';

/** Plain examples of what the bad-input property tests (fuzz.test.ts) found, kept as regressions. */
describe('regressions found by fuzzing the HTTP endpoint', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('refuses an activity without a string type with 400 (botbuilder threw outside its try: 500)', async () => {
    expect((await t.post({ text: 'help' })).status).toBe(400);
    const typed = { ...message(ELI, 'help', { serviceUrl: t.connector.url }), type: 5 };
    expect((await t.post(typed)).status).toBe(400);
  });

  it('refuses a card action whose tenant id is not a string with 400 (the bot threw before answering: 501)', async () => {
    const activity = cardAction(ELI, 'roles.view', {}, { serviceUrl: t.connector.url });
    const res = await t.post({
      ...activity,
      conversation: { ...(activity.conversation as object), tenantId: 5 },
    });
    expect(res.status).toBe(400);
  });

  it('refuses ids that cannot go into a URL or a header with 400 (the turn failed and could not answer)', async () => {
    const base = message(ELI, 'help', { serviceUrl: t.connector.url });
    const conversation = base.conversation as Record<string, unknown>;
    for (const bad of [
      { conversation: { ...conversation, id: 'a:\uD800' } },
      { conversation: { ...conversation, id: 'a:帮助' } },
      { channelId: 'msteams\u0000' },
      { conversation: { ...conversation, isGroup: 'yes' } },
      { recipient: { id: '28:bot', role: 5 } },
      { locale: 5 },
    ]) {
      expect({ bad, status: (await t.post({ ...base, ...bad })).status }).toEqual({ bad, status: 400 });
    }
    expect(t.connector.calls).toHaveLength(0);
  });

  it('refuses someone it cannot identify in the language they wrote in, like everyone else', async () => {
    const activity = message(ELI, '帮助', { serviceUrl: t.connector.url, locale: 'en-US' });
    const from = { ...(activity.from as Record<string, unknown>), aadObjectId: undefined };
    expect((await t.post({ ...activity, from })).status).toBe(200);
    const reply = await t.connector.waitFor(() => t.connector.sentActivities().at(-1));
    expect(String(reply.text)).toMatch(/[\u3400-\u9fff]/);
  });

  it('answers an Action.Execute without an action with a localised 400 (botbuilder read value.action.type: an internal error)', async () => {
    const activity = cardAction(DANA, 'roles.view', {}, { serviceUrl: t.connector.url, locale: 'zh-CN' });
    for (const value of [
      {},
      'x',
      { action: 'x' },
      { action: { type: 'Action.Submit', verb: 'roles.view' } },
    ]) {
      const res = await t.post({ ...activity, value });
      const body = res.body as { statusCode: number; value: { message: string } };
      expect(res.status).toBe(400);
      expect(body.statusCode).toBe(400);
      expect(body.value.message).toMatch(/[\u3400-\u9fff]/);
    }
  });
});

describe('the embedded store', () => {
  it('keeps connections alive, so a store request does not pay for a new TLS handshake', async () => {
    const server = await startLocalCosmos(0);
    const agent = new Agent({ rejectUnauthorized: false, keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ connection?: string; reused: boolean }>((resolve, reject) => {
        const req = request(`${server.endpoint}/`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ connection: res.headers.connection, reused: req.reusedSocket }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get()).toEqual({ connection: 'keep-alive', reused: false });
      expect(await get()).toEqual({ connection: 'keep-alive', reused: true });
    } finally {
      agent.destroy();
      await server.close();
    }
  });
});
