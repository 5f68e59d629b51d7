import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app';
import {
  demoPeople,
  playgroundConfig,
  startPlayground,
  type RunningPlayground,
} from '../../src/cli/playground';
import { loadConfig } from '../../src/config';

/**
 * Local mode runs unauthenticated, so every port it opens (bot, embedded store, Agents
 * Playground) must answer on loopback only: another machine that reaches one of this machine's
 * addresses must get "connection refused".
 */

const SEED_FILE = join(__dirname, '..', '..', 'data', 'demo.json');

/** 'open' when a TCP connection to host:port is accepted, else the error code (ECONNREFUSED, …). */
function probe(host: string, port: number): Promise<string> {
  return new Promise((done) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      done('open');
    });
    socket.once('timeout', () => {
      socket.destroy();
      done('ETIMEDOUT');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'error'));
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

/** This machine's own addresses other than loopback (what a neighbour on the network could reach). */
function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && (a.family === 'IPv4' || !a.address.startsWith('fe80')))
    .map((a) => a.address);
}

/** Linux: the local addresses listening on `port` (from /proc/net/tcp and tcp6), e.g. ['127.0.0.1']. */
function listeningAddresses(port: number): string[] | undefined {
  if (!existsSync('/proc/net/tcp')) return undefined;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [addr, p] = local.split(':');
      if (p !== hexPort) continue;
      if (addr.length === 8) {
        found.push(
          (addr.match(/../g) ?? [])
            .reverse()
            .map((h) => parseInt(h, 16))
            .join('.'),
        );
      } else {
        found.push(addr === '0'.repeat(32) ? '::' : `ipv6:${addr}`);
      }
    }
  }
  return found;
}

describe('local mode listens on loopback only', () => {
  let app: App;
  let playground: RunningPlayground;
  let dataDir: string;
  const ports: Record<string, number> = {};

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pbb-loopback-'));
    app = await createApp(
      loadConfig({
        PORT: '0',
        LOCAL_COSMOS_PORT: '0',
        LOCAL_DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        SEED_FILE,
      }),
    );
    ports.bot = (await app.listen()).port;
    ports.store = Number(new URL(app.store.endpoint).port);
    const people = await demoPeople(SEED_FILE);
    playground = await startPlayground({
      botEndpoint: `http://127.0.0.1:${ports.bot}/api/messages`,
      port: await freePort(),
      workDir: join(dataDir, 'playground'),
      config: playgroundConfig(people, 'eli'),
    });
    ports.playground = Number(new URL(playground.url).port);
  }, 90_000);

  afterAll(async () => {
    await playground?.stop();
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('the bot, the store and the Playground answer on 127.0.0.1', async () => {
    for (const [name, port] of Object.entries(ports)) {
      expect([name, await probe('127.0.0.1', port)]).toEqual([name, 'open']);
    }
    expect(playground.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('each of them is bound to 127.0.0.1 and nothing else', () => {
    expect(app.http.server.address().address).toBe('127.0.0.1');
    for (const [name, port] of Object.entries(ports)) {
      const bound = listeningAddresses(port);
      // Only Linux exposes the table; elsewhere the refusals below are the proof.
      if (bound) expect([name, bound]).toEqual([name, ['127.0.0.1']]);
    }
  });

  it('refuses connections to every other address of this machine', async () => {
    const addresses = externalAddresses();
    for (const address of addresses) {
      for (const [name, port] of Object.entries(ports)) {
        expect([name, address, await probe(address, port)]).toEqual([name, address, 'ECONNREFUSED']);
      }
    }
    // With no network interface at all there is nothing to refuse; the binding test above still holds.
    expect(addresses.every((a) => a !== '127.0.0.1')).toBe(true);
  });
});
