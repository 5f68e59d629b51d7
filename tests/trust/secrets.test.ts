import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { EMULATOR_KEY } from '../../src/store/localServer';
import { cardAction, message } from '../support/activities';
import {
  channelClaims,
  clearOutgoingTokenCache,
  OUTGOING_BEARER,
  signToken,
  startOpenIdServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TestCredentialsFactory,
  type OpenIdServer,
} from '../support/botAuth';
import { AVERY, CONTOSO, DANA, ELI, GALE, type Person } from '../support/people';
import { cardText, startTestApp, type TestApp } from '../support/testApp';

/**
 * Issue 10, part 6: no secret reaches a log. One authenticated app (app id + password, real token
 * validation against a local OpenID server) runs every scenario below with LOG_LEVEL=trace; its
 * pino output and everything written to the console are captured and searched for every secret.
 *
 * To cover a new flow, add a scenario to SCENARIOS (and, if it handles a new kind of secret, add
 * the secret to `secrets()`). A scenario must prove it reached the flow (assert on the reply).
 */

interface Ctx {
  t: TestApp;
  idp: OpenIdServer;
  /** Posts as Teams would (a valid channel token) and returns the HTTP answer. */
  send(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  /** A message; resolves with what the bot said (text and card text). */
  say(person: Person, text: string, locale?: string): Promise<string>;
  /** An Action.Execute; resolves with the invoke answer's body. */
  act(person: Person, verb: string, data: Record<string, unknown>): Promise<InvokeBody>;
  /** Extra secrets a scenario met (tokens it sent, codes it saw). */
  extraSecrets: string[];
}
interface InvokeBody {
  statusCode: number;
  type: string;
  value: unknown;
}
interface Scenario {
  name: string;
  run(c: Ctx): Promise<void>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'help, in English and in Chinese',
    run: async (c) => {
      expect(await c.say(ELI, 'help')).toContain('What I can do for you');
      expect(await c.say(DANA, '帮助', 'zh-CN')).toContain('我能为你做什么');
    },
  },
  {
    name: 'my roles, as an admin of each tenant',
    run: async (c) => {
      expect(await c.say(AVERY, 'my roles')).toContain('Global admin');
      expect(await c.say(GALE, 'my roles')).toContain('Fabrikam');
    },
  },
  {
    name: 'card action: refresh the roles card',
    run: async (c) => {
      const body = await c.act(AVERY, 'roles.view', {});
      expect(cardText(body.value).join('\n')).toContain('Global admin');
    },
  },
  {
    name: 'card actions refused: unknown verb, bad data, a role the person lacks',
    run: async (c) => {
      expect((await c.act(ELI, 'seat.approveAll', { requestId: 'x' })).statusCode).toBe(400);
      expect((await c.act(ELI, 'roles.view', { tenantId: CONTOSO })).statusCode).toBe(400);
      const benefit = await softwareBenefit(c);
      const denied = await c.act(ELI, 'software.revealKeys', benefit.request);
      expect(denied.type).toBe('application/vnd.microsoft.activity.message');
      expect(String(denied.value)).not.toContain(benefit.key);
    },
  },
  {
    name: 'software key reveal (the key reaches the person, not the log)',
    run: async (c) => {
      const benefit = await softwareBenefit(c);
      const body = await c.act(DANA, 'software.revealKeys', benefit.request);
      expect(JSON.stringify(body.value)).toContain(benefit.key);
    },
  },
  {
    name: 'expiry check now (the proactive sender signs with the bot token)',
    run: async (c) => {
      const reply = await c.say(AVERY, 'check expiry now');
      expect(reply.length).toBeGreaterThan(0);
    },
  },
  {
    name: 'refused tokens: wrong audience, other key, Basic with the password',
    run: async (c) => {
      const activity = message(ELI, 'help', { serviceUrl: c.t.connector.url });
      const wrongAud = `Bearer ${await signToken({ ...channelClaims(c.t.connector.url), aud: 'someone-else' }, c.idp.teamsKey)}`;
      const otherKey = `Bearer ${await signToken(channelClaims(c.t.connector.url), c.idp.unpublishedKey)}`;
      const basic = `Basic ${Buffer.from(`${TEST_APP_ID}:${TEST_APP_PASSWORD}`).toString('base64')}`;
      for (const authorization of [wrongAud, otherKey, basic]) {
        c.extraSecrets.push(authorization.split(' ')[1]);
        expect((await c.t.post(activity, { authorization })).status).toBe(401);
      }
    },
  },
  {
    name: 'store failure: the database disappears under the bot',
    run: async (c) => {
      await c.t.app.store.database.delete();
      const reply = await c.say(ELI, 'my roles');
      expect(reply).toContain('could not reach the benefits records');
      const health = await fetch(`${c.t.url}/healthz`);
      expect(health.status).toBe(503);
    },
  },
];

/** A software benefit of Contoso with a key, as the reveal card action names it. */
async function softwareBenefit(c: Ctx): Promise<{ request: Record<string, string>; key: string }> {
  const benefits = await c.t.app.store.repos.benefits.list(CONTOSO);
  for (const { doc } of benefits) {
    if (doc.details.category !== 'software') continue;
    const product = doc.details.products.find((p) => p.keys.length > 0);
    if (!product) continue;
    const k = product.keys[0];
    return {
      request: { benefitId: doc.id, productId: product.productId, language: k.language, osType: k.osType },
      key: k.key,
    };
  }
  throw new Error('the demo data has no software benefit with a key');
}

/** Every string value of a field named `key` in the demo data (product and licence keys). */
function demoKeys(): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) {
        if (k === 'key' && typeof v === 'string') out.push(v);
        else walk(v);
      }
  };
  walk(JSON.parse(readFileSync(join(__dirname, '../../data/demo.json'), 'utf8')));
  return out;
}

describe('no secret reaches the logs', () => {
  let idp: OpenIdServer;
  let t: TestApp;
  const console_: string[] = [];
  const spies: jest.SpyInstance[] = [];
  const sentTokens: string[] = [];
  const extraSecrets: string[] = [];
  let ctx: Ctx;

  beforeAll(async () => {
    // botbuilder and the embedded store write to the console: that is a log too.
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      spies.push(
        jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
          console_.push(format(...args));
        }),
      );
    idp = await startOpenIdServer();
    t = await startTestApp(
      { ...idp.authEnv(), HOST: '127.0.0.1', LOG_LEVEL: 'trace' },
      { credentialsFactory: new TestCredentialsFactory() },
    );
    const send = async (activity: Record<string, unknown>) => {
      const token = await signToken(channelClaims(String(activity.serviceUrl)), idp.teamsKey);
      sentTokens.push(token);
      return t.post(activity, { authorization: `Bearer ${token}` });
    };
    ctx = {
      t,
      idp,
      extraSecrets,
      send,
      async say(person, text, locale = 'en-US') {
        const before = t.connector.calls.length;
        const res = await send(message(person, text, { serviceUrl: t.connector.url, locale }));
        expect(res.status).toBe(200);
        return t.connector.calls
          .slice(before)
          .map((call) =>
            [
              typeof call.body.text === 'string' ? call.body.text : '',
              ...cardText(call.body.attachments),
            ].join('\n'),
          )
          .join('\n');
      },
      async act(person, verb, data) {
        const res = await send(cardAction(person, verb, data, { serviceUrl: t.connector.url }));
        return res.body as InvokeBody;
      },
    };
  });

  afterAll(async () => {
    await t?.stop();
    await idp?.close();
    spies.forEach((s) => s.mockRestore());
  });
  beforeEach(() => clearOutgoingTokenCache());

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('runs: %s', async (_name, scenario) => {
    const logged = t.logs.lines.length;
    await scenario.run(ctx);
    // The scenario was seen by the app (at least one log line), so its logs are part of the check.
    expect(t.logs.lines.length).toBeGreaterThan(logged);
  });

  function secrets(): { what: string; value: string }[] {
    const keys = demoKeys();
    expect(keys.length).toBeGreaterThan(10);
    return [
      ...keys.flatMap((k) => [
        { what: 'demo product/licence key', value: k },
        { what: 'demo key without dashes', value: k.replace(/-/g, '') },
      ]),
      { what: 'app password', value: TEST_APP_PASSWORD },
      { what: 'app password (URL-encoded)', value: encodeURIComponent(TEST_APP_PASSWORD) },
      { what: 'Cosmos key', value: EMULATOR_KEY },
      { what: 'outgoing bearer token', value: OUTGOING_BEARER },
      ...sentTokens.map((tk) => ({ what: 'incoming bearer token', value: tk })),
      ...sentTokens.map((tk) => ({ what: 'incoming token signature', value: tk.split('.')[2] })),
      ...extraSecrets.map((s) => ({ what: 'refused credential', value: s })),
    ];
  }

  it('finds none of the demo keys, the app password, the Cosmos key or any bearer token in what was logged', () => {
    const captured = `${t.logs.text()}\n${console_.join('\n')}`;
    // The run logged plenty: turns, refusals, the store failure.
    expect(t.logs.lines.length).toBeGreaterThan(12);
    expect(captured).toMatch(/store .* failed/);
    if (process.env.SHOW_CAPTURED) process.stdout.write(`${captured}\n`);
    const found = secrets()
      .filter((s) => captured.includes(s.value))
      .map((s) => s.what);
    expect(found).toEqual([]);
    // Nothing shaped like a JWT or a bearer header either.
    expect(captured).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/);
    expect(captured).not.toMatch(/Bearer\s+[A-Za-z0-9._~+/-]{12,}/);
    expect(captured).not.toMatch(/[A-Z0-9]{5}(-[A-Z0-9]{5}){4}/);
  });
});
