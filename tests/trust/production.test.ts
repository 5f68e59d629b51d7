import type { JWTPayload } from 'jose';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/domain/ports';
import { openStore, type Store } from '../../src/store';
import { EMULATOR_KEY } from '../../src/store/emulatorKey';
import { loadSeedFile } from '../../src/store/seed';
import { cardAction, message } from '../support/activities';
import {
  channelClaims,
  clearOutgoingTokenCache,
  nowSeconds,
  OUTGOING_BEARER,
  signToken,
  startOpenIdServer,
  TEST_APP_ID,
  TestCredentialsFactory,
  unsignedToken,
  type OpenIdServer,
} from '../support/botAuth';
import { FakeConnector } from '../support/fakeConnector';
import { CONTOSO, type Person } from '../support/people';
import { startStoreProcess, type StoreProcess } from '../support/storeProcess';
import { cardOf, cardText, LogCapture } from '../support/testApp';

/**
 * Issue 16, item 7: the production path once, end to end. The configuration is what production
 * gives (`NODE_ENV=production`, an app id and password, `COSMOS_ENDPOINT` + `COSMOS_KEY`, the seven
 * Bot Framework endpoint settings), parsed by `loadConfig`; the store is the standalone store in
 * its own process (stopped and restarted on its port and data folder); incoming tokens go through
 * botbuilder's real validation against a local OpenID/JWKS server.
 *
 * The bot runs in this process through `createApp`, as `src/index.ts` runs it, because outgoing
 * tokens must come from a test credentials factory: MSAL asks login.microsoftonline.com and
 * cannot be pointed at a local server (TESTING.md §3), and a child process cannot be handed a
 * factory object. Everything else a child would do is the same code.
 */

const FOREIGN_TENANT = '9e9e9e9e-0000-4000-8000-00000000f0f0';
const quiet = pino({ level: 'silent' });

let seq = 0;
const newcomer = (): Person => {
  seq += 1;
  return {
    name: `Production Newcomer ${seq}`,
    aadObjectId: `f1600000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    tenantId: CONTOSO,
  };
};

/** Requests this process makes to the store's port while `during` runs. */
async function storeRequestsDuring(port: number, during: () => Promise<void>): Promise<number> {
  let n = 0;
  const listener = (msg: unknown) => {
    const { request } = msg as { request: ClientRequest };
    if (request.host === '127.0.0.1' && request.getHeader('host')?.toString().endsWith(`:${port}`)) n += 1;
  };
  subscribe('http.client.request.start', listener);
  try {
    await during();
  } finally {
    unsubscribe('http.client.request.start', listener);
  }
  return n;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Date.now() - started;
}

describe('the production path, end to end: production config, standalone store, real token validation', () => {
  let idp: OpenIdServer;
  let store: StoreProcess;
  let client: Store;
  let connector: FakeConnector;
  let app: App;
  let url: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'pbprod-'));
  const credentials = new TestCredentialsFactory();
  const logs = new LogCapture();
  let consoleSpy: jest.SpyInstance;

  beforeAll(async () => {
    // CloudAdapter reports refused tokens with console.error.
    consoleSpy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    idp = await startOpenIdServer();
    store = await startStoreProcess({ dataDir });
    client = await openStore({ endpoint: store.endpoint, database: 'production', localPort: 0 }, quiet);
    // Production seeds nothing: the tenant data comes from the test, as another client would.
    await loadSeedFile('data/demo.json', client.repos, systemClock);
    connector = new FakeConnector();
    await connector.start();
    const config = loadConfig({
      NODE_ENV: 'production',
      ...idp.authEnv(),
      COSMOS_ENDPOINT: store.endpoint,
      COSMOS_KEY: EMULATOR_KEY,
      COSMOS_DATABASE: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      NOTIFY_SCHEDULE: 'off',
      LOG_LEVEL: 'info',
    });
    expect(config).toMatchObject({ mode: 'configured', nodeEnv: 'production', seedDemo: false });
    expect(config.auth.appId).toBe(TEST_APP_ID);
    expect(config.auth.endpoints?.ToBotFromChannelOpenIdMetadataUrl).toContain(idp.url);
    app = await createApp(config, { credentialsFactory: credentials, logDestination: logs });
    url = `http://127.0.0.1:${(await app.listen()).port}`;
  }, 60_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await client?.close();
    await store?.stop();
    await connector?.stop();
    await idp?.close();
    consoleSpy.mockRestore();
  });

  beforeEach(() => {
    clearOutgoingTokenCache();
    connector.clear();
  });

  const post = async (activity: unknown, authorization?: string) => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const signed = async () => `Bearer ${await signToken(channelClaims(connector.url), idp.teamsKey)}`;
  const health = async () => (await fetch(`${url}/healthz`)).status;

  it('answers a signed Teams message with its reply, sent with the bot’s bearer', async () => {
    const person = newcomer();
    const authorization = await signed();
    let status = 0;
    // The control for the 401 cases below: a turn that runs is seen reading the store.
    const requests = await storeRequestsDuring(store.port, async () => {
      status = (await post(message(person, 'my roles', { serviceUrl: connector.url }), authorization)).status;
    });
    expect(status).toBe(200);
    expect(requests).toBeGreaterThan(0);
    const reply = await connector.waitFor(() => connector.sentActivities().at(-1));
    expect(cardText(cardOf(reply))).toContain('Your roles');
    expect(connector.calls.at(-1)?.authorization).toBe(`Bearer ${OUTGOING_BEARER}`);
    expect(credentials.created.at(-1)?.appId).toBe(TEST_APP_ID);
    expect(await client.repos.members.get(CONTOSO, `member:${person.aadObjectId}`)).toBeDefined();
  });

  it('answers a signed card action (Action.Execute) with its card', async () => {
    const res = await post(
      cardAction(newcomer(), 'roles.view', {}, { serviceUrl: connector.url }),
      await signed(),
    );
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(cardText(body.value)).toContain('Your roles');
  });

  const foreignTenantToken = async (): Promise<string> => {
    const now = nowSeconds();
    const claims: JWTPayload = {
      iss: `https://sts.windows.net/${FOREIGN_TENANT}/`,
      tid: FOREIGN_TENANT,
      aud: TEST_APP_ID,
      appid: TEST_APP_ID,
      ver: '1.0',
      nbf: now - 60,
      exp: now + 3600,
    };
    return `Bearer ${await signToken(claims, idp.teamsKey)}`;
  };
  const refused: [string, () => Promise<string | undefined>][] = [
    ['no token at all', () => Promise.resolve(undefined)],
    [
      'an unsigned token (alg:none)',
      () => Promise.resolve(`Bearer ${unsignedToken(channelClaims(connector.url), idp.teamsKey.kid)}`),
    ],
    ['a foreign-tenant token', foreignTenantToken],
  ];
  it.each(refused)('refuses %s with 401 and reads nothing from the store', async (_name, header) => {
    const person = newcomer();
    const authorization = await header();
    let status = 0;
    const requests = await storeRequestsDuring(store.port, async () => {
      status = (await post(message(person, 'my roles', { serviceUrl: connector.url }), authorization)).status;
      status = Math.max(
        status,
        (await post(cardAction(person, 'roles.view', {}, { serviceUrl: connector.url }), authorization))
          .status,
      );
    });
    expect(status).toBe(401);
    expect(requests).toBe(0);
    expect(connector.calls).toHaveLength(0);
    expect(await client.repos.members.get(CONTOSO, `member:${person.aadObjectId}`)).toBeUndefined();
  });

  it('reports 503 on /healthz while the store is stopped and 200 once it is back on its port and data', async () => {
    expect(await health()).toBe(200);
    const port = store.port;
    expect(await store.stop()).toBe(0);
    const down = await until(async () => (await health()) === 503, 30_000);
    store = await startStoreProcess({ port, dataDir });
    const up = await until(async () => (await health()) === 200, 30_000);
    console.log(
      `production path: /healthz 503 ${down} ms after the store stopped, 200 ${up} ms after it restarted`,
    );
    // Back with its data (the snapshot of the graceful stop): the bot answers again.
    const res = await post(message(newcomer(), 'my roles', { serviceUrl: connector.url }), await signed());
    expect(res.status).toBe(200);
    expect(cardText(cardOf(await connector.waitFor(() => connector.sentActivities().at(-1))))).toContain(
      'Your roles',
    );
  }, 90_000);

  it('finishes a turn in flight when it is stopped gracefully, and takes no new one', async () => {
    connector.delayMs = 1500;
    const inFlight = post(message(newcomer(), 'my roles', { serviceUrl: connector.url }), await signed());
    await until(() => Promise.resolve(connector.arrivals.length > 0), 10_000);
    const closing = app.close();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    const res = await inFlight;
    await closing;
    connector.delayMs = 0;
    expect(res.status).toBe(200);
    expect(cardText(cardOf(connector.sentActivities().at(-1)))).toContain('Your roles');
  }, 30_000);
});
