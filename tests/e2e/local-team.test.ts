import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { Chat, ROOT, launchBrowser, person, type PlaygroundAs } from './harness';

/**
 * The README's command for trying an approval between two people, as a new user runs it:
 * `npm start -- --as eli,avery` opens one Playground per person (each on its own fixed port), and
 * a request Eli makes reaches Avery's Playground, and Avery's decision reaches Eli's.
 */

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** A base port whose offsets 0..6 (one per demo person) are all free. */
async function freeBasePort(): Promise<number> {
  for (let base = 41000; base < 60000; base += 97) {
    const offsets = [0, 1, 2, 3, 4, 5, 6];
    if ((await Promise.all(offsets.map((o) => portIsFree(base + o)))).every(Boolean)) return base;
  }
  throw new Error('no free run of 7 ports');
}

interface Started {
  child: ChildProcess;
  /** person's name → Playground URL, from the lines `npm start` prints. */
  urls: Map<string, string>;
  output: () => string;
}

function npmStart(args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not print its URLs:\n${out}`)), 110_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('Stop with Ctrl+C')) return;
      clearTimeout(timer);
      const urls = new Map<string, string>();
      for (const m of out.matchAll(
        /Open (http:\/\/127\.0\.0\.1:\d+) in your browser to chat with it as ([^.]+)\./g,
      )) {
        urls.set(m[2], m[1]);
      }
      resolve({ child, urls, output: () => out });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
}

let browser: Browser;
let started: Started;
let dataDir: string;
let base: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pbb-e2e-team-'));
  base = await freeBasePort();
  browser = await launchBrowser();
  started = await npmStart(['--as', 'eli,avery'], {
    PORT: '0',
    LOCAL_COSMOS_PORT: '0',
    PLAYGROUND_PORT: String(base),
    LOCAL_DATA_DIR: dataDir,
  });
}, 180_000);

afterAll(async () => {
  if (started?.child.exitCode === null) {
    const exited = new Promise((r) => started.child.once('exit', r));
    started.child.kill('SIGTERM');
    await exited;
  }
  await browser?.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}, 60_000);

async function open(key: string, name: string): Promise<Chat> {
  const url = started.urls.get(name);
  if (!url) throw new Error(`no URL for ${name} in:\n${started.output()}`);
  const me = await person(key);
  const playground: PlaygroundAs = {
    url,
    person: me,
    personalChatId: `a:demo-personal-${key}`,
    stop: () => Promise.resolve(),
  };
  return Chat.open(browser, playground);
}

test('npm start -- --as eli,avery: one Playground each, on ports fixed per person', () => {
  // avery is the first person of data/demo.json, eli the fifth.
  expect([...started.urls.entries()]).toEqual([
    ['Eli Park', `http://127.0.0.1:${base + 4}`],
    ['Avery Chen', `http://127.0.0.1:${base}`],
  ]);
  expect(started.output()).not.toMatch(/DeprecationWarning|ExperimentalWarning/);
});

test('eli asks for Visual Studio in his Playground; avery approves in hers; eli is told', async () => {
  const avery = await open('avery', 'Avery Chen');
  // Avery has talked to the bot once, so it knows her chat (where approval cards go by default).
  await avery.say('help');
  await avery.expectCard('What I can do for you');
  await avery.markTurn();
  const eli = await open('eli', 'Eli Park');
  await eli.say('request visual studio');
  // Two pools (the add-on package has its own): Eli picks one (a choice button sends its title).
  await eli.expectReply('Which Visual Studio subscription do you need?');
  await eli.say('Visual Studio Enterprise (2 of 10 used)');
  await eli.expectReply('what do you need it for');
  await eli.say('Samples for a customer workshop');
  await eli.expectReply('sent to your approvers');
  await eli.markTurn();

  const card = await avery.expectCard('Visual Studio seat request', 30_000);
  await card.expectText('Eli Park');
  const approved = await card.execute('Approve');
  await approved.expectText('Approved by Avery Chen');

  await eli.expectReply('your Visual Studio Enterprise request was approved by Avery Chen', 30_000);
  await eli.shot('told-in-own-playground');
}, 240_000);
