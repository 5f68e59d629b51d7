import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { seedSchema } from '../domain/seed';

/**
 * Microsoft 365 Agents Playground as the local Teams client: a config whose tenant and users
 * are the demo identities, and the CLI started against the bot, offline.
 */

export const PLAYGROUND_BOT = { id: '28:b0700000-0000-4000-8000-0000000000b7', name: 'Partner Benefits' };
export const TEAM = {
  id: '19:demo-team-general@thread.tacv2',
  name: 'Contoso Partners',
  aadGroupId: 'c0000000-0000-4000-8000-0000000000a1',
  channel: { id: '19:demo-channel-benefits@thread.tacv2', name: 'Benefits' },
};

export interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface DemoPerson extends PlaygroundUser {
  tenantId: string;
  key: string;
}

/** Teams user id the Playground uses for a demo person (`29:` like real Teams ids). */
export const teamsUserIdFor = (aadObjectId: string): string => `29:demo-${aadObjectId}`;

export async function demoPeople(seedFile: string): Promise<DemoPerson[]> {
  const seed = seedSchema.parse(JSON.parse(await readFile(seedFile, 'utf8')));
  return seed.tenants.flatMap((t) =>
    t.members.map((m) => {
      const [givenName, ...rest] = m.name.split(' ');
      return {
        tenantId: t.tenantId,
        key: givenName.toLowerCase(),
        id: teamsUserIdFor(m.aadObjectId),
        name: m.name,
        userPrincipleName: m.email,
        aadObjectId: m.aadObjectId,
        givenName,
        surname: rest.join(' ') || givenName,
        email: m.email,
      };
    }),
  );
}

/**
 * Each person's Playground has a port of its own, the same on every start: the base port plus the
 * person's place in the demo data (avery 56150, bo 56151, … with the default base). The bot keeps
 * the serviceUrl it last saw for each chat, so a port that served Avery yesterday must never answer
 * as Eli today (that Playground would not know Avery's chat, answer 404 and the bot would mark it
 * gone). Base port 0: any free port for each.
 */
export function playgroundPortFor(people: DemoPerson[], key: string, basePort: number): number {
  const index = people.findIndex((p) => p.key === key.toLowerCase());
  if (index < 0) {
    throw new Error(`unknown person "${key}"; choose one of: ${people.map((p) => p.key).join(', ')}`);
  }
  return basePort === 0 ? 0 : basePort + index;
}

/** The Playground needs exactly five users beside the current one; colleagues of the same tenant come first. */
export function playgroundConfig(people: DemoPerson[], currentKey: string): Record<string, unknown> {
  const current = people.find((p) => p.key === currentKey.toLowerCase());
  if (!current) {
    throw new Error(`unknown person "${currentKey}"; choose one of: ${people.map((p) => p.key).join(', ')}`);
  }
  const others = people
    .filter((p) => p !== current)
    .sort((a, b) => Number(b.tenantId === current.tenantId) - Number(a.tenantId === current.tenantId))
    .slice(0, 5);
  if (others.length !== 5) throw new Error('the Playground needs five other users in the demo data');
  const strip = ({ tenantId: _t, key: _k, ...u }: DemoPerson): PlaygroundUser => u;
  return {
    version: '0.1.1',
    tenantId: current.tenantId,
    bot: PLAYGROUND_BOT,
    currentUser: strip(current),
    users: others.map(strip),
    personalChat: { id: `a:demo-personal-${current.key}` },
    groupChat: { id: '19:demo-group-chat@thread.v2', name: 'Partner programme' },
    team: { id: TEAM.id, name: TEAM.name, aadGroupId: TEAM.aadGroupId, channels: [TEAM.channel] },
  };
}

export interface PlaygroundOptions {
  botEndpoint: string;
  port: number;
  workDir: string;
  config: Record<string, unknown>;
}

export interface RunningPlayground {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

const pingSchema = z.string();

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Playground exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/_debug/ping`);
      if (res.ok && pingSchema.parse(await res.text()).includes('pong')) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the Playground did not answer on ${url} within ${timeoutMs} ms`);
}

/**
 * The Playground CLI has no host option and listens on every interface. Loaded into its process
 * with `--require`, this makes every listen without an explicit host (its web UI, its mocked
 * connector, its WebSocket) listen on 127.0.0.1 only; nothing else about it changes.
 */
export const LOOPBACK_ONLY_PRELOAD = `'use strict';
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (args.length === 0 || typeof args[0] === 'function') args.unshift(0);
  const first = args[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\\d+$/.test(first))) {
    if (typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  } else if (first && typeof first === 'object' && first.path === undefined && first.host === undefined) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
`;

export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  await mkdir(options.workDir, { recursive: true });
  const preload = join(resolve(options.workDir), 'loopback-only.cjs');
  await writeFile(preload, LOOPBACK_ONLY_PRELOAD);
  // JSON is valid YAML, and the Playground validates the file strictly.
  await writeFile(
    join(options.workDir, '.m365agentsplayground.yml'),
    JSON.stringify(options.config, null, 2),
  );
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(
    process.execPath,
    [
      '--require',
      preload,
      cli,
      'start',
      '-e',
      options.botEndpoint,
      '-c',
      'msteams',
      '-p',
      String(options.port),
      '--disable-telemetry',
      // The bot sends to this, not to http://localhost:<port> (which may resolve to ::1 first).
      '--service-url',
      `http://127.0.0.1:${options.port}/_connector`,
    ],
    {
      cwd: resolve(options.workDir),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        APPLICATIONINSIGHTS_CONFIGURATION_CONTENT:
          '{"disableStatsbeat":true,"enableAutoCollectHeartbeat":false}',
      },
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitForPing(url, child, 60_000);
  } catch (err) {
    child.kill('SIGTERM');
    throw new Error(`${(err as Error).message}\n--- Playground output ---\n${output}`);
  }
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
