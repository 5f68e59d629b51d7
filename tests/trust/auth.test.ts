import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { JWTPayload } from 'jose';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { cardAction, message } from '../support/activities';
import {
  channelClaims,
  clearOutgoingTokenCache,
  hmacWithPublicKey,
  nowSeconds,
  OUTGOING_BEARER,
  signToken,
  startOpenIdServer,
  TEST_APP_ID,
  TEST_APP_PASSWORD,
  TestCredentialsFactory,
  unsignedToken,
  type OpenIdServer,
} from '../support/botAuth';
import { CONTOSO, type Person } from '../support/people';
import { cardOf, cardText, startTestApp, type TestApp } from '../support/testApp';

/**
 * Issue 10, part 1: the production app factory (`createApp(loadConfig(env))`, as `npm start` in
 * configured mode) with an app id, against real Bot Framework token validation pointed at a local
 * OpenID metadata + JWKS server. Every forged or misdirected token gets 401 and the bot neither
 * reads nor writes anything for it.
 */

const FOREIGN_TENANT = '9e9e9e9e-0000-4000-8000-00000000f0f0';
const OTHER_APP = '7a7a7a7a-0000-4000-8000-0000000000aa';

type Shape = 'message' | 'invoke';
type HeaderFor = (serviceUrl: string) => Promise<string | undefined>;

let senderSeq = 0;
/** A person the bot has never seen: if a rejected request reached the bot, a member would appear. */
function newcomer(): Person {
  senderSeq += 1;
  return {
    name: `Stranger ${senderSeq}`,
    aadObjectId: `f0000000-0000-4000-8000-${String(senderSeq).padStart(12, '0')}`,
    tenantId: CONTOSO,
  };
}

describe('Bot Framework authentication with an app id (local store, real token validation)', () => {
  let idp: OpenIdServer;
  let t: TestApp;
  const credentials = new TestCredentialsFactory();
  const consoleErrors: string[] = [];
  const refusedHeaders: string[] = [];
  let consoleSpy: jest.SpyInstance;

  beforeAll(async () => {
    // CloudAdapter reports refused tokens with console.error; keep them (they are checked below).
    consoleSpy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      consoleErrors.push(
        args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' '),
      );
    });
    idp = await startOpenIdServer();
    t = await startTestApp({ ...idp.authEnv(), HOST: '127.0.0.1' }, { credentialsFactory: credentials });
  });
  afterAll(async () => {
    await t?.stop();
    await idp?.close();
    consoleSpy.mockRestore();
  });
  beforeEach(() => {
    clearOutgoingTokenCache();
    t.connector.clear();
  });

  const serviceUrl = () => t.connector.url;
  const bearer = (claims: JWTPayload, key = idp.teamsKey) =>
    signToken(claims, key).then((tk) => `Bearer ${tk}`);
  const without = (claims: JWTPayload, name: keyof JWTPayload): JWTPayload => {
    const copy = { ...claims };
    delete copy[name];
    return copy;
  };

  const activityFor = (shape: Shape, person: Person) =>
    shape === 'message'
      ? message(person, 'my roles', { serviceUrl: serviceUrl() })
      : cardAction(person, 'roles.view', {}, { serviceUrl: serviceUrl() });

  async function countDocuments(): Promise<{ entities: number; state: number }> {
    const count = async (container: string) =>
      (
        await t.app.store.database
          .container(container)
          .items.query<number>('SELECT VALUE COUNT(1) FROM c')
          .fetchAll()
      ).resources[0];
    return { entities: await count('entities'), state: await count('state') };
  }

  const turnLogLines = () =>
    t.logs.lines.filter((l) => (JSON.parse(l) as { msg?: string }).msg === 'turn').length;

  it('lets a correctly signed channel token through: the turn runs and the reply reaches the connector with the bot’s own bearer', async () => {
    const person = newcomer();
    const res = await t.post(activityFor('message', person), {
      authorization: await bearer(channelClaims(serviceUrl())),
    });
    expect(res.status).toBe(200);
    const reply = await t.connector.waitFor(() => t.connector.sentActivities().at(-1));
    expect(cardText(cardOf(reply))).toContain('Your roles');
    expect(t.connector.calls.at(-1)?.authorization).toBe(`Bearer ${OUTGOING_BEARER}`);
    expect(credentials.created.at(-1)?.appId).toBe(TEST_APP_ID);
    // The turn really ran: the newcomer joined the directory.
    expect(await t.app.store.repos.members.get(CONTOSO, `member:${person.aadObjectId}`)).toBeDefined();
  });

  it('lets a correctly signed token through for a card action (Action.Execute) and returns the card', async () => {
    const res = await t.post(activityFor('invoke', newcomer()), {
      authorization: await bearer(channelClaims(serviceUrl())),
    });
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(cardText(body.value)).toContain('Your roles');
  });

  const rejected: [string, HeaderFor][] = [
    ['no Authorization header', () => Promise.resolve(undefined)],
    [
      'Basic scheme with the app id and password',
      () => Promise.resolve(`Basic ${Buffer.from(`${TEST_APP_ID}:${TEST_APP_PASSWORD}`).toString('base64')}`),
    ],
    ['garbage bearer', () => Promise.resolve('Bearer this-is-not-a-jwt')],
    ['wrong aud', (url) => bearer({ ...channelClaims(url), aud: OTHER_APP })],
    ['missing aud', (url) => bearer(without(channelClaims(url), 'aud'))],
    [
      'wrong iss',
      (url) => bearer({ ...channelClaims(url), iss: 'https://api.botframework.com.evil.example' }),
    ],
    [
      'expired by more than 5 minutes',
      (url) => bearer({ ...channelClaims(url), nbf: nowSeconds() - 3600, exp: nowSeconds() - 6 * 60 - 30 }),
    ],
    [
      'serviceurl claim differs from the activity',
      (url) => bearer({ ...channelClaims(url), serviceurl: 'https://smba.evil.example/' }),
    ],
    [
      'signed by an unknown key (kid not in the JWKS)',
      (url) => bearer(channelClaims(url), idp.unpublishedKey),
    ],
    ['key not endorsed for msteams', (url) => bearer(channelClaims(url), idp.otherChannelKey)],
    [
      'bad signature (published kid, another private key)',
      (url) => bearer(channelClaims(url), { ...idp.teamsKey, privateKey: idp.unpublishedKey.privateKey }),
    ],
    ['alg:none', (url) => Promise.resolve(`Bearer ${unsignedToken(channelClaims(url), idp.teamsKey.kid)}`)],
    [
      'HS256 with the public key as secret',
      async (url) => `Bearer ${await hmacWithPublicKey(channelClaims(url), idp.teamsKey)}`,
    ],
    [
      'nbf in the future (beyond the 5-minute tolerance)',
      (url) => bearer({ ...channelClaims(url), nbf: nowSeconds() + 3600, exp: nowSeconds() + 7200 }),
    ],
    [
      'foreign-tenant emulator-shaped token (sts.windows.net issuer, appid/ver)',
      () => bearer(emulatorClaims(FOREIGN_TENANT, TEST_APP_ID)),
    ],
    [
      'foreign-tenant skill-shaped token (another app calling as a skill)',
      () => bearer(emulatorClaims(FOREIGN_TENANT, OTHER_APP)),
    ],
  ];

  describe.each<Shape>(['message', 'invoke'])('a %s activity', (shape) => {
    it.each(rejected)('is refused with 401 and nothing read or written: %s', async (_name, headerFor) => {
      const person = newcomer();
      const header = await headerFor(serviceUrl());
      if (header) refusedHeaders.push(header);
      const before = await countDocuments();
      const turnsBefore = turnLogLines();
      const res = await t.post(activityFor(shape, person), header ? { authorization: header } : {});
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'Unauthorized' });
      expect(await countDocuments()).toEqual(before);
      expect(await t.app.store.repos.members.get(CONTOSO, `member:${person.aadObjectId}`)).toBeUndefined();
      expect(turnLogLines()).toBe(turnsBefore);
      expect(t.connector.calls).toHaveLength(0);
    });
  });

  it('never echoes a refused token into the console or the logs', () => {
    // Every rejected case above ran; their diagnostics must not carry the bearer itself.
    const text = `${consoleErrors.join('\n')}\n${t.logs.text()}`;
    expect(refusedHeaders.length).toBeGreaterThanOrEqual(2 * (rejected.length - 1));
    for (const header of refusedHeaders) expect(text).not.toContain(header.split(' ')[1]);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
    expect(text).not.toContain(TEST_APP_PASSWORD);
  });

  it('control: stock botbuilder alone would accept the foreign-tenant emulator token, which is why the app installs a claims validator', async () => {
    const person = newcomer();
    const activity = activityFor('message', person);
    const header = await bearer(emulatorClaims(FOREIGN_TENANT, TEST_APP_ID));
    const stock = new ConfigurationBotFrameworkAuthentication(
      { MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: TEST_APP_PASSWORD, ...idp.endpointSettings() },
      credentials,
    );
    const result = await stock.authenticateRequest(activity as Partial<Activity> as Activity, header);
    expect(result.claimsIdentity.getClaimValue('iss')).toBe(`https://sts.windows.net/${FOREIGN_TENANT}/`);
    // …while the app (same settings, plus channelIssuerOnly) refuses it.
    const res = await t.post(activity, { authorization: header });
    expect(res.status).toBe(401);
  });

  it('fetched its signing keys from the local metadata server (no internet involved)', () => {
    expect(idp.requests).toEqual(
      expect.arrayContaining(['/v1/.well-known/openidconfiguration', '/v1/.well-known/keys']),
    );
  });
});

/** What an Entra token of another tenant looks like (v1): accepted by botbuilder's emulator path. */
function emulatorClaims(tenant: string, appid: string): JWTPayload {
  const now = nowSeconds();
  return {
    iss: `https://sts.windows.net/${tenant}/`,
    tid: tenant,
    aud: TEST_APP_ID,
    appid,
    ver: '1.0',
    nbf: now - 60,
    exp: now + 3600,
  };
}

describe('configured mode without an app id', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems.join('\n');
    }
    throw new Error('loadConfig accepted the configuration');
  };

  it('refuses a Cosmos DB endpoint without MicrosoftAppId', () => {
    expect(problems({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_KEY: 'k' })).toMatch(
      /MicrosoftAppId/,
    );
  });

  it('refuses NODE_ENV=production without MicrosoftAppId, even with the local store', () => {
    expect(problems({ NODE_ENV: 'production' })).toMatch(/MicrosoftAppId/);
  });

  it('accepts an app id with the local store (authentication on, embedded store)', () => {
    const config = loadConfig({ MicrosoftAppId: TEST_APP_ID, MicrosoftAppPassword: TEST_APP_PASSWORD });
    expect(config.mode).toBe('local');
    expect(config.auth.appId).toBe(TEST_APP_ID);
    expect(config.auth.endpoints).toBeUndefined();
  });

  it.each([
    ['NODE_ENV=production', { NODE_ENV: 'production' }],
    ['COSMOS_ENDPOINT set', { COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', COSMOS_KEY: 'k' }],
  ])(
    'the bot process exits 1 and names MicrosoftAppId (%s)',
    async (_name, extra) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pbauth-'));
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          PORT: '0',
          LOCAL_COSMOS_PORT: '0',
          LOCAL_DATA_DIR: dataDir,
          ...extra,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(out).toContain('MicrosoftAppId');
      expect(out).not.toContain('bot listening');
    },
    30000,
  );
});
