import autocannon, { type Request as CannonRequest, type Result as CannonResult } from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { message } from '../tests/support/activities';
import { FakeConnector } from '../tests/support/fakeConnector';
import { AVERY, CONTOSO, ELI, type Person } from '../tests/support/people';
import { seedNoticeTenant } from '../tests/support/noticeTenant';
import { seedWithOnePool } from '../tests/support/seedFixtures';
import { cardOf, cardText } from '../tests/support/testApp';

/**
 * `npm run bench`: how fast and how cheap a turn is, against the floor, on this machine, in one
 * run. See README.md, "Performance". Options:
 *   --skip-build      use the existing dist/ (default: `npm run build` first)
 *   --duration=10     seconds of load per scenario
 *   --quick           for iterating: 3 s per scenario, one cold start, no fan-out, no in-process
 *                     figure (results.json is not written)
 *   --profile         run the bot child with `node --cpu-prof` and print the top self-time
 *                     functions of each scenario (figures of such a run are not written)
 *   --wait-load=1.5   after the build, wait (polling every 60 s, up to 25 minutes) until the 1-minute load
 *                     average is below this
 */

const ROOT = join(__dirname, '..');
const { values: options } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    duration: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'wait-load': { type: 'string' },
  },
});
const QUICK = options.quick;
const DURATION = Number(options.duration ?? (QUICK ? 3 : 10));
if (!(DURATION > 0)) throw new Error(`--duration must be a number of seconds, not ${options.duration}`);
const CONNECTIONS = 20;
const PROFILE = options.profile;
const JSON_HEADERS = { 'content-type': 'application/json' };

type Scenario = 'echo' | 'help' | 'benefits' | 'seatRequest';

interface TurnFigures {
  rps: number | null;
  p50: number | null;
  p99: number | null;
  ratioToEcho: number | null;
  storeRequestsPerTurn: number | null;
  /** Sum of x-ms-request-charge per turn, as the store reports it (the local store says 1 for everything). */
  requestChargePerTurn?: number | null;
  /** Every store request of the load window (and the background work it left) by method and container. */
  storeRequestsByKind?: Record<string, number>;
  turns?: number;
  errors?: number;
  /** Store requests of one turn of this kind, sent alone (which documents a turn reads and writes). */
  oneTurn?: string[];
  /** The same, by kind: point reads, queries, the SDK's query-plan requests (one per query), writes. */
  oneTurnByKind?: { reads: number; queries: number; queryPlans: number; writes: number };
  note?: string;
  why?: string;
  /** CPU time per answered turn, by process, in ms: the bot (or echo bot), the store process, this load generator. */
  cpuMsPerTurn?: { bot: number; store: number; bench: number };
}

const log = (text: string) => process.stdout.write(`${text}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/* ------------------------------------------------------------------ machine and build */

function machine() {
  const cpu = cpus();
  return {
    cpus: cpu.length,
    model: cpu[0]?.model ?? 'unknown',
    node: process.version,
    loadAverage: loadavg().map((l) => round(l, 2)),
  };
}

async function waitForQuietMachine(limit: number): Promise<void> {
  const deadline = Date.now() + 25 * 60_000;
  for (;;) {
    const [one] = loadavg();
    if (one < limit) return;
    if (Date.now() > deadline) {
      log(`load average still ${one.toFixed(2)} after 25 minutes: running anyway`);
      return;
    }
    log(`1-minute load average ${one.toFixed(2)} ≥ ${limit}: waiting 60 s`);
    await sleep(60_000);
  }
}

function build(): void {
  log('building (npm run build)…');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/* ------------------------------------------------------------------ child processes */

interface Child {
  process: ChildProcess;
  url: string;
  logFile: string;
  /** Ask the store counter (bench/storeCounter.js) in the child. */
  ask<T>(message: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/** Spawns a bot with node, waits for its `bot listening` line, returns its base URL. */
async function startChild(
  nodeArgs: string[],
  env: Record<string, string>,
  name: string,
  withIpc: boolean,
): Promise<Child> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const logFile = join(dir, 'out.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd, ...(withIpc ? (['ipc'] as const) : [])],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  let url: string | undefined;
  while (!url) {
    const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/api\/messages"[^\n]*"msg":"bot listening"/.exec(
      readFileSync(logFile, 'utf8'),
    );
    if (m) url = m[1];
    else if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${name} did not start:\n${readFileSync(logFile, 'utf8')}`);
    else await sleep(20);
  }
  let seq = 0;
  return {
    process: child,
    url,
    logFile,
    ask<T>(msg: Record<string, unknown>): Promise<T> {
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${String(msg.cmd)}`)), 10_000);
        const onMessage = (answer: { id?: number }) => {
          if (answer?.id !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(answer as T);
        };
        child.on('message', onMessage);
        child.send({ ...msg, id });
      });
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

function botEnv(dataDir: string): Record<string, string> {
  return {
    PORT: '0',
    LOCAL_COSMOS_PORT: '0',
    LOCAL_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    NOTIFY_SCHEDULE: 'off',
    NODE_ENV: 'development',
    // The seat-request scenario measures the turn that answers "what do you need it for?": with
    // Contoso's one pool the request goes straight to that question (the demo's second pool would
    // ask "which subscription?" first).
    SEED_FILE: seedWithOnePool(),
  };
}

interface StoreChild {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * `npm run store` (compiled: `node dist/src/cli/store.js`), in memory, in its own process: the
 * bot under test reaches it through COSMOS_ENDPOINT, so the bot's process holds only the bot.
 */
async function startStore(): Promise<StoreChild> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const logFile = join(dir, 'out.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['dist/src/cli/store.js', '--port', '0', '--memory'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', COSMOS_DATABASE: 'mpnbot' },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /\{"store":"ready","endpoint":"([^"]+)"\}/.exec(readFileSync(logFile, 'utf8'));
    if (m)
      return {
        endpoint: m[1],
        pid: child.pid ?? 0,
        async stop() {
          child.kill('SIGTERM');
          await Promise.race([exited, sleep(15_000)]);
          if (child.exitCode === null) child.kill('SIGKILL');
        },
      };
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`store did not start:\n${readFileSync(logFile, 'utf8')}`);
    await sleep(20);
  }
}

/** Process start → GET /healthz 200 of the compiled bot, fresh data directory (demo data loaded). */
async function coldStart(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  const started = performance.now();
  const child = await startChild(['dist/src/index.js'], botEnv(dataDir), 'cold', false);
  for (;;) {
    const res = await fetch(`${child.url}/healthz`).catch(() => undefined);
    if (res?.status === 200) break;
    await sleep(5);
  }
  const ms = performance.now() - started;
  await child.stop();
  return ms;
}

/** CPU time (user + system) of a process so far, in clock ticks. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Waits until the process has gone quiet (start-up work in the background, e.g. training the recogniser, is done). */
async function quiet(pid: number, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let calm = 0;
  let last = cpuTicks(pid);
  while (calm < 2 && Date.now() < deadline) {
    await sleep(250);
    const now = cpuTicks(pid);
    // Under 10 % of one core (clock ticks are 1/100 s).
    calm = now - last <= 2 ? calm + 1 : 0;
    last = now;
  }
}

function peakRssMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peak: round(kb('VmHWM') / 1024), now: round(kb('VmRSS') / 1024) };
}

/* ------------------------------------------------------------------ activities */

const BOT = { id: '28:b0700000-0000-4000-8000-0000000000b7', name: 'Partner Benefits' };

/** `text` from `person` in group chat number `n` (an @mention of the bot, as Teams sends it). */
function inGroupChat(person: Person, text: string, n: number, serviceUrl: string): Record<string, unknown> {
  const base = message(person, `<at>${BOT.name}</at> ${text}`, { serviceUrl });
  return {
    ...base,
    conversation: {
      id: `19:bench-group-${n}@thread.v2`,
      conversationType: 'groupChat',
      isGroup: true,
      tenantId: person.tenantId,
    },
    entities: [{ type: 'mention', mentioned: BOT, text: `<at>${BOT.name}</at>` }],
  };
}

/** Employees who exist only for the benchmark (they join as employees on first contact). */
function employee(i: number): Person {
  return {
    name: `Bench Employee ${i}`,
    aadObjectId: `b0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    tenantId: CONTOSO,
  };
}

async function post(url: string, activity: unknown): Promise<number> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(activity),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Sends every activity, `CONNECTIONS` at a time; all must be answered 200. */
async function sendAll(url: string, activities: unknown[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < activities.length) {
      const status = await post(url, activities[next++]);
      if (status !== 200) throw new Error(`preparation turn answered ${status}`);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
}

/* ------------------------------------------------------------------ load */

function cannon(
  url: string,
  seconds: number,
  setupClient: (client: { setRequests(r: CannonRequest[]): void }) => void,
  /** Stop after this many requests instead of after `seconds` (autocannon's `amount`). */
  amount?: number,
): { done: Promise<CannonResult>; stop(): void } {
  let instance: { stop(): void } | undefined;
  const done = new Promise<CannonResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: `${url}/api/messages`,
        connections: CONNECTIONS,
        ...(amount === undefined ? { duration: seconds } : { amount }),
        timeout: 60,
        method: 'POST',
        headers: JSON_HEADERS,
        setupClient,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
  return { done, stop: () => instance?.stop() };
}

/** Each connection is one conversation and sends a fresh activity (new id) each time. */
function perConversation(url: string, seconds: number, activityFor: (conversation: number) => unknown) {
  let conversations = 0;
  return cannon(url, seconds, (client) => {
    const n = conversations++;
    const request: CannonRequest = {
      method: 'POST',
      path: '/api/messages',
      headers: JSON_HEADERS,
      body: JSON.stringify(activityFor(n)),
      setupRequest: (req) => ({ ...req, body: JSON.stringify(activityFor(n)) }),
    };
    client.setRequests([request]);
  });
}

function figures(result: CannonResult): Pick<TurnFigures, 'rps' | 'p50' | 'p99' | 'turns' | 'errors'> {
  const ok = result['2xx'];
  return {
    rps: round(ok / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    turns: ok,
    errors: result.errors + result.non2xx,
  };
}

/* ------------------------------------------------------------------ store counter */

interface StoreStats {
  storeRequests: number;
  chargeSum: number;
  chargeReported: number;
  turns: number;
  inFlight: number;
  /** Every request of the window by method and container (`GET state`, `QUERY entities`). */
  byKind: Record<string, number>;
  byRequest: Record<string, number>;
  log: string[];
}

async function idle(child: Child): Promise<StoreStats> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { stats } = await child.ask<{ stats: StoreStats }>({ cmd: 'read' });
    if (stats.inFlight === 0 || Date.now() > deadline) return stats;
    await sleep(100);
  }
}

/** Store requests of one turn sent alone. */
async function oneTurn(child: Child, activity: unknown): Promise<string[]> {
  await idle(child);
  await child.ask({ cmd: 'reset', detail: true });
  const status = await post(child.url, activity);
  if (status !== 200) throw new Error(`probe turn answered ${status}`);
  const stats = await idle(child);
  await child.ask({ cmd: 'reset', detail: false });
  return stats.log;
}

/** Turn log lines of the bot since `from` (a line count), by outcome. */
function outcomes(logFile: string, from: number): { lines: number; byOutcome: Record<string, number> } {
  const lines = readFileSync(logFile, 'utf8').split('\n');
  const byOutcome: Record<string, number> = {};
  for (const line of lines.slice(from)) {
    if (!line.includes('"msg":"turn"')) continue;
    const outcome = /"outcome":"([^"]+)"/.exec(line)?.[1] ?? '?';
    byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
  }
  return { lines: lines.length, byOutcome };
}

interface Window {
  scenario: Scenario;
  fromUs: number;
  toUs: number;
}

/** The echo bot's memory once its load is over (the floor of the RSS figures). */
let echoRss: { peak: number; now: number } | undefined;

/** The store process of this run, when there is one (its CPU is counted per turn). */
let storePid: number | undefined;

/** Clock ticks are 1/100 s on Linux. */
const TICK_MS = 10;

async function measured(
  child: Child | undefined,
  scenario: Scenario,
  windows: Window[],
  run: () => { done: Promise<CannonResult>; stop(): void },
  botPid = child?.process.pid,
): Promise<{ result: CannonResult; stats?: StoreStats; cpuMsPerTurn: TurnFigures['cpuMsPerTurn'] }> {
  if (child) {
    await idle(child);
    await child.ask({ cmd: 'reset', detail: false });
  }
  const from = child ? (await child.ask<{ us: number }>({ cmd: 'clock' })).us : 0;
  const ticks = () => ({
    bot: botPid ? cpuTicks(botPid) : 0,
    store: storePid && scenario !== 'echo' ? cpuTicks(storePid) : 0,
    bench: process.cpuUsage(),
  });
  const start = ticks();
  const result = await run().done;
  const end = ticks();
  const turns = Math.max(1, result['2xx']);
  const benchUs = end.bench.user + end.bench.system - start.bench.user - start.bench.system;
  const cpuMsPerTurn = {
    bot: round(((end.bot - start.bot) * TICK_MS) / turns, 2),
    store: round(((end.store - start.store) * TICK_MS) / turns, 2),
    bench: round(benchUs / 1000 / turns, 2),
  };
  if (!child) return { result, cpuMsPerTurn };
  const to = (await child.ask<{ us: number }>({ cmd: 'clock' })).us;
  windows.push({ scenario, fromUs: from, toUs: to });
  return { result, stats: await idle(child), cpuMsPerTurn };
}

function byKind(requests: string[]): NonNullable<TurnFigures['oneTurnByKind']> {
  const count = (test: (r: string) => boolean) => requests.filter(test).length;
  return {
    reads: count((r) => r.startsWith('GET ')),
    queries: count((r) => r.startsWith('QUERY ')),
    queryPlans: count((r) => r.startsWith('PLAN ')),
    writes: count((r) => /^(POST|PUT|PATCH|DELETE) /.test(r)),
  };
}

/**
 * Store requests per turn of the scenario. `other` are turns of another kind that ran in the
 * window and read nothing (the seat-request scenario's refused turns once its prepared dialogs
 * are used up): they are left out of the turns.
 */
function perTurn(
  stats: StoreStats | undefined,
  other = 0,
): Pick<TurnFigures, 'storeRequestsPerTurn' | 'requestChargePerTurn' | 'storeRequestsByKind'> {
  const turns = (stats?.turns ?? 0) - other;
  if (!stats || turns <= 0) return { storeRequestsPerTurn: null, requestChargePerTurn: null };
  return {
    storeRequestsPerTurn: round(stats.storeRequests / turns, 2),
    storeRequestsByKind: stats.byKind,
    requestChargePerTurn: stats.chargeReported > 0 ? round(stats.chargeSum / turns, 2) : null,
  };
}

/* ------------------------------------------------------------------ scenarios */

async function echoFloor(connector: FakeConnector, windows: Window[]): Promise<TurnFigures> {
  const echo = await startChild(['--import', 'tsx', 'bench/echoBot.ts'], { PORT: '0' }, 'echo', false);
  try {
    const activity = (n: number) => inGroupChat(ELI, 'hello', n, connector.url);
    await perConversation(echo.url, 2, activity).done; // warm-up
    connector.clear();
    const { result, cpuMsPerTurn } = await measured(
      undefined,
      'echo',
      windows,
      () => perConversation(echo.url, DURATION, activity),
      echo.process.pid,
    );
    const replies = connector
      .sentActivities()
      .filter((a) => typeof a.text === 'string' && a.text.startsWith('echo: ')).length;
    if (replies < result['2xx']) throw new Error(`echo: ${replies} replies for ${result['2xx']} turns`);
    echoRss = peakRssMb(echo.process.pid ?? 0);
    return {
      ...figures(result),
      ratioToEcho: 1,
      storeRequestsPerTurn: 0,
      requestChargePerTurn: 0,
      cpuMsPerTurn,
    };
  } finally {
    connector.clear();
    await echo.stop();
  }
}

async function readOnly(
  bot: Child,
  connector: FakeConnector,
  windows: Window[],
  scenario: 'help' | 'benefits',
  text: string,
  cardMarker: string,
): Promise<TurnFigures> {
  const activity = (n: number) => inGroupChat(ELI, text, n, connector.url);
  // Each conversation's first turn writes its (empty) dialog state: not what is measured.
  await sendAll(
    bot.url,
    Array.from({ length: CONNECTIONS }, (_, n) => activity(n)),
  );
  const one = await oneTurn(bot, activity(0));
  await perConversation(bot.url, 2, activity).done; // warm-up
  connector.clear();
  const before = outcomes(bot.logFile, 0).lines;
  const { result, stats, cpuMsPerTurn } = await measured(bot, scenario, windows, () =>
    perConversation(bot.url, DURATION, activity),
  );
  const after = outcomes(bot.logFile, before - 1);
  const cards = connector
    .sentActivities()
    .filter((a) => JSON.stringify(cardOf(a) ?? {}).includes(cardMarker)).length;
  connector.clear();
  if (cards < result['2xx'] || (after.byOutcome.ok ?? 0) < result['2xx'])
    throw new Error(
      `${scenario}: ${cards} cards and ${JSON.stringify(after.byOutcome)} for ${result['2xx']} turns`,
    );
  return {
    ...figures(result),
    ratioToEcho: null,
    ...perTurn(stats),
    cpuMsPerTurn,
    oneTurn: one,
    oneTurnByKind: byKind(one),
  };
}

const JUSTIFICATION = 'To build and test the partner demo for our customers.';

/**
 * Waits until every bench seat request in the store has reached the approver (or the deadline):
 * its own card (remembered on the request), or a row on the "N requests waiting" card (the
 * latest one the approver's chat got lists `listed` requests).
 */
async function waitForApprovalCards(
  endpoint: string,
  expected: number,
  deadlineMs: number,
  listed: () => number,
): Promise<{ requests: number; withCard: number; listed: number; afterSeconds: number }> {
  const { CosmosClient } = await import('@azure/cosmos');
  const { Agent } = await import('node:https');
  const { EMULATOR_KEY } = await import('../src/store/emulatorKey');
  // The bench's own client to the loopback store process (self-signed): this one agent only.
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  const client = new CosmosClient({
    endpoint,
    key: EMULATOR_KEY,
    agent,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const started = Date.now();
  try {
    for (;;) {
      const { resources } = await client
        .database('mpnbot')
        .container('entities')
        .items.query<{ cards?: unknown[] }>({
          query:
            'SELECT c.cards FROM c WHERE c.tenantId = @t AND c.type = @type AND STARTSWITH(c.requesterName, @name)',
          parameters: [
            { name: '@t', value: CONTOSO },
            { name: '@type', value: 'seatRequest' },
            { name: '@name', value: 'Bench Employee' },
          ],
        })
        .fetchAll();
      const requests = resources.length;
      const withCard = resources.filter((r) => (r.cards?.length ?? 0) > 0).length;
      const onDigest = listed();
      if (
        (requests >= expected && (withCard >= requests || onDigest >= requests)) ||
        Date.now() - started > deadlineMs
      )
        return { requests, withCard, listed: onDigest, afterSeconds: round((Date.now() - started) / 1000) };
      await sleep(500);
    }
  } finally {
    client.dispose();
    agent.destroy();
  }
}

async function seatRequests(
  bot: Child,
  connector: FakeConnector,
  windows: Window[],
  storeEndpoint: string,
): Promise<TurnFigures> {
  // Enough people with the dialog waiting for their justification. Approval cards go to the
  // Global admin's chat, which Teams limits to 60 sends in 30 s, so the turns cannot go faster
  // than that for long; the pool is generous anyway.
  const prepared = QUICK ? 150 : 400;
  const people = Array.from({ length: prepared }, (_, i) => employee(i + 1));
  await sendAll(
    bot.url,
    people.map((p) => message(p, 'request visual studio', { serviceUrl: connector.url })),
  );
  const asked = connector
    .sentActivities()
    .filter((a) => typeof a.text === 'string' && a.text.startsWith('In a sentence')).length;
  if (asked < prepared)
    throw new Error(`seat request: only ${asked} of ${prepared} dialogs wait for a reason`);
  connector.clear();

  const queue = people.map((p) => message(p, JUSTIFICATION, { serviceUrl: connector.url }));
  const one = await oneTurn(bot, queue.shift());
  let exhausted = false;
  let fallbacks = 0;
  const before = outcomes(bot.logFile, 0).lines;
  let load: { done: Promise<CannonResult>; stop(): void } | undefined;
  const { result, stats, cpuMsPerTurn } = await measured(bot, 'seatRequest', windows, () => {
    load = cannon(
      bot.url,
      DURATION,
      (client) => {
        const request: CannonRequest = {
          method: 'POST',
          path: '/api/messages',
          headers: JSON_HEADERS,
          // setupRequest gives every request its body (each justification is sent once).
          body: '{}',
          setupRequest: (req) => {
            const next = queue.shift();
            if (!next) {
              exhausted = true;
              fallbacks += 1;
              load?.stop();
            }
            return {
              ...req,
              // Once the prepared dialogs are used up, until the load stops: a message the tenant
              // guard refuses before anything is read (no store request), left out of the count.
              body: JSON.stringify(
                next ?? message(employee(0), 'help', { serviceUrl: connector.url, tenantId: '' }),
              ),
            };
          },
        };
        client.setRequests([request]);
        // Each prepared justification once, then the load ends (or after DURATION s, see below).
      },
      queue.length,
    );
    const stopAfter = setTimeout(() => load?.stop(), DURATION * 1000);
    void load.done.finally(() => clearTimeout(stopAfter));
    return load;
  });
  exhausted ||= queue.length === 0;
  const after = outcomes(bot.logFile, before - 1);
  const confirmed = connector
    .sentActivities()
    .filter(
      (a) => typeof a.text === 'string' && a.text.startsWith('Your request for a Visual Studio'),
    ).length;
  const requested = result['2xx'] - fallbacks;
  if (confirmed < requested)
    throw new Error(
      `seat request: ${confirmed} confirmations, ${JSON.stringify(after.byOutcome)} for ${requested} turns`,
    );
  // Approval cards are posted after the turn, within Teams' limits on the approver's chat: count
  // them from the store (every request remembers where its card landed), with a deadline.
  const toAvery = () =>
    connector.calls.filter((c) => c.path.includes(encodeURIComponent(`a:personal-${AVERY.aadObjectId}`)));
  const listed = () => {
    for (const call of [...toAvery()].reverse()) {
      const title = cardText(cardOf(call.body))[0] ?? '';
      const n = /^(\d+) seat requests are waiting/.exec(title)?.[1];
      if (n) return Number(n);
    }
    return 0;
  };
  // Every justification taken from the queue (the probe's too) makes one request, answered or not
  // by the time the load stopped: counting confirmations instead raced the last turns.
  const sent = prepared - queue.length;
  const approvals = await waitForApprovalCards(storeEndpoint, sent, 120_000, listed);
  // The refused turns sent once the prepared dialogs ran out (answered in employee 0's chat).
  const refusedTurns = connector.calls.filter(
    (c) =>
      c.method === 'POST' && c.path.includes(encodeURIComponent(`a:personal-${employee(0).aadObjectId}`)),
  ).length;
  const approvalPosts = toAvery().filter((c) => c.method === 'POST').length;
  const approvalUpdates = toAvery().filter((c) => c.method === 'PUT').length;
  connector.clear();
  if (approvals.withCard < approvals.requests && approvals.listed < approvals.requests)
    throw new Error(
      `seat request: of ${approvals.requests} requests, ${approvals.withCard} have their own card and the approver's list shows ${approvals.listed}, after 120 s`,
    );
  return {
    ...figures(result),
    ratioToEcho: null,
    ...perTurn(stats, refusedTurns),
    cpuMsPerTurn,
    oneTurn: one,
    oneTurnByKind: byKind(one),
    note: `every request reached the approver: ${approvals.requests} requests, ${approvalPosts} cards posted to the Global admin's chat and ${approvalUpdates} updates (the "N requests waiting" card lists ${approvals.listed}), done ${approvals.afterSeconds} s after the load ended; the cards go out after the turn has answered`,
    ...(exhausted ? { why: `ran out of the ${prepared} prepared conversations before ${DURATION} s` } : {}),
  };
}

/* ------------------------------------------------------------------ fan-out */

interface Fanout {
  notices: number;
  seconds: number;
  maxPerSecond: number;
  duplicates: number;
  lost: number;
  retries: number;
  /** When the first and the last request reached the connector (claiming notices comes first). */
  firstSendAfterSeconds: number;
  lastSendAfterSeconds: number;
}

/**
 * 1,000 expiry notices (50 items × 20 subscribed channels of one tenant) through the real scanner
 * and connector client, in this process, to a fake connector (as tests/notify/fanout.test.ts).
 */
async function fanout(): Promise<Fanout> {
  const connector = new FakeConnector();
  await connector.start();
  const app = await createApp(
    loadConfig({
      COSMOS_DATABASE: 'benchfanout',
      PORT: '0',
      LOCAL_COSMOS_PORT: '0',
      LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-fanout-')),
      LOCAL_SNAPSHOT_SECONDS: '0',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NOTIFY_SCHEDULE: 'off',
      NOTIFY_DIGEST_ABOVE: '1000',
    }),
  );
  try {
    // 50 benefits expiring in 5 days × 20 subscribed channels: 1,000 notices due now.
    await seedNoticeTenant(
      app.store.repos,
      {
        tenantId: 'd0c0ffee-0000-4000-8000-0000000000f0',
        admin: 'a0000000-0000-4000-8000-0000000000f0',
        name: 'Fan-out Ltd.',
        channelPrefix: 'channel',
      },
      50,
      20,
      connector.url,
      new Date(),
    );
    const started = Date.now();
    const report = await app.services.scanner.run();
    const seconds = (Date.now() - started) / 1000;
    const seen = new Map<string, number>();
    for (const p of connector.channelPosts()) {
      const key = `${p.channelId} ${cardText(cardOf(p.activity))[1]}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const arrivals = [...connector.arrivals].sort((a, b) => a - b);
    let maxPerSecond = 0;
    for (let i = 0, j = 0; i < arrivals.length; i += 1) {
      while (arrivals[j] < arrivals[i] - 999) j += 1;
      maxPerSecond = Math.max(maxPerSecond, i - j + 1);
    }
    const delivered = [...seen.values()];
    if (report.sent !== delivered.reduce((s, n) => s + n, 0))
      log(`fan-out: the scanner reports ${report.sent} sent, the connector saw ${delivered.length}`);
    return {
      notices: 1000,
      seconds: round(seconds, 2),
      maxPerSecond,
      duplicates: delivered.reduce((s, n) => s + n - 1, 0),
      lost: 1000 - seen.size,
      retries: arrivals.length - delivered.reduce((s, n) => s + n, 0),
      firstSendAfterSeconds: round((arrivals[0] - started) / 1000, 2),
      lastSendAfterSeconds: round((arrivals[arrivals.length - 1] - started) / 1000, 2),
    };
  } finally {
    await app.close();
    await connector.stop();
  }
}

/* ------------------------------------------------------------------ CPU profile */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  hitCount?: number;
  children?: number[];
}

const BUNDLE = join(ROOT, 'dist/src/index.bundle.js');
let bundleMap: SourceMap | null | undefined;

/** `npm run build` bundles the bot: a frame in the bundle is reported where it is in the sources. */
function unbundled(frame: ProfileNode['callFrame']): ProfileNode['callFrame'] {
  if (frame.url.replace(/^file:\/\//, '') !== BUNDLE) return frame;
  if (bundleMap === undefined) {
    try {
      bundleMap = new SourceMap(JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8')) as SourceMapPayload);
    } catch {
      bundleMap = null;
    }
  }
  const entry = bundleMap?.findEntry(frame.lineNumber, frame.columnNumber ?? 0);
  // Node answers `{}` for a position no mapping covers, and some mappings name no source.
  if (!entry || !('originalSource' in entry) || typeof entry.originalSource !== 'string') return frame;
  return { ...frame, url: resolve(dirname(BUNDLE), entry.originalSource), lineNumber: entry.originalLine };
}

/** Where a profile frame's code lives: a package, Node itself, or the product. */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(V8 built-ins)';
  const path = url.replace(/^file:\/\//, '');
  if (path.startsWith('node:')) return 'node core';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1];
  const product = /\/(?:dist\/)?(src\/[^/]+|dialogs)/.exec(path);
  return product ? `product: ${product[1].replace(/\.[jt]s$/, '')}` : path;
}

interface ProfileSummary {
  scenario: Scenario;
  sampledMs: number;
  /** The window, in µs of the profile's clock. */
  fromUs: number;
  toUs: number;
  byOwner: [string, number][];
  /** Total (inclusive) time per package: a sample counts for every package on its stack. */
  totalByOwner: [string, number][];
  byFunction: [string, number][];
}

/** Self time per package and per function, within each scenario's measured window. */
function summariseProfile(file: string, windows: Window[]): ProfileSummary[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return windows.map((w) => {
    const byFunction = new Map<string, number>();
    const byOwner = new Map<string, number>();
    const totalByOwner = new Map<string, number>();
    let t = profile.startTime;
    let total = 0;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i];
      if (t < w.fromUs || t > w.toUs) return;
      const delta = profile.timeDeltas[i + 1] ?? 0;
      const found = nodes.get(id)?.callFrame;
      if (!found) return;
      const frame = unbundled(found);
      const where = frame.url
        ? `${frame.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '')}:${frame.lineNumber + 1}`
        : '';
      const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(key, (byFunction.get(key) ?? 0) + delta);
      const who = owner(frame.url, frame.functionName);
      byOwner.set(who, (byOwner.get(who) ?? 0) + delta);
      const onStack = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const f = nodes.get(at)?.callFrame;
        if (f) onStack.add(owner(f.url, f.functionName));
      }
      for (const o of onStack) totalByOwner.set(o, (totalByOwner.get(o) ?? 0) + delta);
      total += delta;
    });
    const top = (m: Map<string, number>, n: number): [string, number][] =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(([k, us]) => [k, round((100 * us) / total)]);
    return {
      scenario: w.scenario,
      sampledMs: round(total / 1000, 0),
      fromUs: w.fromUs,
      toUs: w.toUs,
      byOwner: top(byOwner, 12),
      totalByOwner: top(totalByOwner, 12),
      byFunction: top(byFunction, 15),
    };
  });
}

function printProfile(summary: ProfileSummary): void {
  log(`\nCPU profile, ${summary.scenario} (${summary.sampledMs} ms sampled): self time by package`);
  for (const [k, pct] of summary.byOwner) log(`  ${pct.toFixed(1).padStart(5)} %  ${k}`);
  log('  total time by package (a sample counts for every package on its stack):');
  for (const [k, pct] of summary.totalByOwner) log(`  ${pct.toFixed(1).padStart(5)} %  ${k}`);
  log('  top functions:');
  for (const [k, pct] of summary.byFunction) log(`  ${pct.toFixed(1).padStart(5)} %  ${k}`);
}

/* ------------------------------------------------------------------ main */

function table(turns: Record<Scenario, TurnFigures>): string {
  const rows = [
    [
      'scenario',
      'turns/s',
      'p50 ms',
      'p99 ms',
      '× echo',
      'store req/turn',
      'RU/turn',
      'CPU ms/turn bot+store+load',
    ],
  ];
  for (const [name, f] of Object.entries(turns)) {
    const show = (v: number | null | undefined) => (v === null || v === undefined ? '—' : String(v));
    rows.push([
      name,
      show(f.rps),
      show(f.p50),
      show(f.p99),
      show(f.ratioToEcho),
      show(f.storeRequestsPerTurn),
      show(f.requestChargePerTurn),
      f.cpuMsPerTurn ? `${f.cpuMsPerTurn.bot}+${f.cpuMsPerTurn.store}+${f.cpuMsPerTurn.bench}` : '—',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
    .join('\n');
}

/** The README's performance figures, from the results of this run (between the bench markers). */
function readmeFigures(r: {
  machine: {
    cpus: number;
    model: string;
    node: string;
    loadAverage: number[];
    loadAverageAfter: number[];
    date: string;
  };
  turns: Record<Scenario, TurnFigures>;
  inProcessStore: Partial<Record<'help' | 'benefits', TurnFigures>>;
  fanout?: Fanout;
  coldStartMs: number;
  peakRssMb: number;
  rssAfterStartMb: number;
  storeProcessPeakRssMb: number;
  echoBotPeakRssMb: number | null;
  targets: Record<string, boolean>;
}): string {
  const show = (v: number | null | undefined, digits = 0) =>
    v === null || v === undefined ? '—' : digits ? v.toFixed(digits) : String(Math.round(v));
  const names: Record<string, string> = {
    echo: 'echo (floor)',
    help: 'help',
    benefits: 'benefits (employee)',
    seatRequest: 'seat request (reason)',
  };
  const rows = [
    '| turn (20 conversations) | turns/s | p50 ms | p99 ms | × echo | store requests/turn | CPU ms/turn: bot + store | × echo, store inside |',
    '| ----------------------- | ------: | -----: | -----: | -----: | ------------------: | -----------------------: | -------------------: |',
  ];
  for (const [name, f] of Object.entries(r.turns)) {
    const inside = r.inProcessStore[name as 'help' | 'benefits'];
    rows.push(
      `| ${names[name] ?? name} | ${show(f.rps)} | ${show(f.p50)} | ${show(f.p99)} | ${show(f.ratioToEcho, 2)} | ${show(f.storeRequestsPerTurn, 1)} | ${f.cpuMsPerTurn ? `${show(f.cpuMsPerTurn.bot, 2)} + ${show(f.cpuMsPerTurn.store, 2)}` : '—'} | ${inside ? show(inside.ratioToEcho, 2) : '—'} |`,
    );
  }
  const m = r.machine;
  const fan = r.fanout;
  return [
    `Latest figures (${m.cpus} × ${m.model}, Node ${m.node}, 1-minute load average ${m.loadAverage[0]} before and ${m.loadAverageAfter[0]} after, ${m.date.slice(0, 10)}; the store in its own process, and the last column with the store inside the bot):`,
    '',
    ...rows,
    '',
    fan
      ? `Fan-out: ${fan.notices} notices in ${fan.seconds} s, at most ${fan.maxPerSecond} sends in any second, ${fan.duplicates} duplicates, ${fan.lost} lost.`
      : '',
    `Cold start (process start to \`/healthz\` 200): ${(r.coldStartMs / 1000).toFixed(2)} s. Bot RSS: ${r.rssAfterStartMb} MB after start, peak ${r.peakRssMb} MB (the store process: peak ${r.storeProcessPeakRssMb} MB; the echo bot under the same load: peak ${show(r.echoBotPeakRssMb, 1)} MB).`,
    `Targets: ${Object.entries(r.targets)
      .map(([k, ok]) => `${k} ${ok ? 'holds' : 'missed'}`)
      .join(', ')}.`,
  ].join('\n');
}

function writeReadmeFigures(text: string): void {
  const file = join(ROOT, 'README.md');
  const readme = readFileSync(file, 'utf8');
  const start = '<!-- bench:start (written by npm run bench) -->';
  const end = '<!-- bench:end -->';
  const a = readme.indexOf(start);
  const b = readme.indexOf(end);
  if (a < 0 || b < a) {
    log('README.md has no bench markers: figures not written there');
    return;
  }
  writeFileSync(file, `${readme.slice(0, a + start.length)}\n${text}\n${readme.slice(b)}`);
  // The table as the repository's formatter lays it out (`npm run lint` checks README.md too).
  spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--write', file],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  log('written: the performance figures in README.md');
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  if (!options['skip-build']) build();
  const waitLoad = options['wait-load'];
  if (waitLoad) await waitForQuietMachine(Number(waitLoad));
  const before = machine();
  log(`machine: ${before.cpus} × ${before.model}, Node ${before.node}, load ${before.loadAverage.join(' ')}`);

  const colds: number[] = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i += 1) colds.push(round(await coldStart(), 0));
  const coldStartMs = [...colds].sort((a, b) => a - b)[Math.floor((colds.length - 1) / 2)];
  log(`cold start (process start → /healthz 200): ${colds.join(', ')} ms → median ${coldStartMs} ms`);

  const connector = new FakeConnector();
  await connector.start();
  const windows: Window[] = [];
  const turns = {} as Record<Scenario, TurnFigures>;
  const inProcess = {} as Partial<Record<'help' | 'benefits', TurnFigures>>;
  turns.echo = await echoFloor(connector, windows);
  log(`echo: ${turns.echo.rps} turns/s`);

  const profileDir = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const store = await startStore();
  storePid = store.pid;
  log(`store in its own process: ${store.endpoint}`);
  const bot = await startChild(
    [
      ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      '--require',
      './bench/storeCounter.js',
      'dist/src/index.js',
    ],
    { ...botEnv(mkdtempSync(join(tmpdir(), 'bench-data-'))), COSMOS_ENDPOINT: store.endpoint },
    'bot',
    true,
  );
  let rss: { peak: number; now: number };
  let storeRss: { peak: number; now: number };
  await quiet(bot.process.pid ?? 0);
  const rssAfterStart = peakRssMb(bot.process.pid ?? 0).now;
  const rssByPhase: Record<string, { peak: number; now: number }> = {};
  try {
    // Avery (Global admin) has a chat with the bot, so approval cards reach her.
    await sendAll(bot.url, [message(AVERY, 'help', { serviceUrl: connector.url })]);
    connector.clear();
    const memory = () => peakRssMb(bot.process.pid ?? 0);
    turns.help = await readOnly(bot, connector, windows, 'help', 'help', '"help"');
    rssByPhase.help = memory();
    log(`help: ${turns.help.rps} turns/s`);
    turns.benefits = await readOnly(bot, connector, windows, 'benefits', 'benefits', 'Visual Studio');
    rssByPhase.benefits = memory();
    log(`benefits: ${turns.benefits.rps} turns/s`);
    turns.seatRequest = await seatRequests(bot, connector, windows, store.endpoint);
    rssByPhase.seatRequest = memory();
    log(`seat request: ${turns.seatRequest.rps} turns/s`);
    rss = peakRssMb(bot.process.pid ?? 0);
    storeRss = peakRssMb(store.pid);
  } finally {
    await bot.stop();
    await store.stop();
    // Later scenarios run with the store inside the bot: its CPU is the bot's.
    storePid = undefined;
  }
  if (!QUICK && !PROFILE) {
    // The same bot with the store embedded (plain local mode, `npm start`): the store's CPU
    // counts against the bot here.
    const embedded = await startChild(
      ['--require', './bench/storeCounter.js', 'dist/src/index.js'],
      { ...botEnv(mkdtempSync(join(tmpdir(), 'bench-data-'))), LOCAL_SNAPSHOT_SECONDS: '0' },
      'embedded',
      true,
    );
    try {
      await quiet(embedded.process.pid ?? 0);
      inProcess.help = await readOnly(embedded, connector, [], 'help', 'help', '"help"');
      inProcess.benefits = await readOnly(embedded, connector, [], 'benefits', 'benefits', 'Visual Studio');
      log(`in-process store: help ${inProcess.help.rps}, benefits ${inProcess.benefits.rps} turns/s`);
    } finally {
      await embedded.stop();
    }
  }
  await connector.stop();
  const ratio = (f: TurnFigures | undefined) =>
    f && f.rps !== null && turns.echo.rps ? round(f.rps / turns.echo.rps, 3) : null;
  for (const name of ['help', 'benefits', 'seatRequest'] as const)
    turns[name].ratioToEcho = ratio(turns[name]);
  for (const f of Object.values(inProcess)) f.ratioToEcho = ratio(f);

  const fan = QUICK ? undefined : await fanout();
  const after = machine();

  const results = {
    machine: { ...before, loadAverageAfter: after.loadAverage, date: new Date().toISOString() },
    settings: {
      connections: CONNECTIONS,
      secondsPerScenario: DURATION,
      store:
        'the local store in its own process (npm run store, in memory); in-process figures: embedded, snapshots off',
    },
    turns,
    inProcessStore: inProcess,
    fanout: fan,
    coldStartMs,
    coldStartRunsMs: colds,
    peakRssMb: rss.peak,
    rssAtEndMb: rss.now,
    rssAfterStartMb: rssAfterStart,
    rssAfterEachScenarioMb: rssByPhase,
    storeProcessPeakRssMb: storeRss.peak,
    echoBotPeakRssMb: echoRss?.peak ?? null,
    targets: {
      benefitsAtHalfEcho: (turns.benefits.ratioToEcho ?? 0) >= 0.5,
      helpAt80PercentOfEcho: (turns.help.ratioToEcho ?? 0) >= 0.8,
      readOnlyStoreRequestsAtMost3: ['help', 'benefits'].every(
        (n) => (turns[n as Scenario].storeRequestsPerTurn ?? Infinity) <= 3,
      ),
      seatRequestStoreRequestsAtMost5: (turns.seatRequest.storeRequestsPerTurn ?? Infinity) <= 5,
      ...(fan
        ? {
            fanoutWithin21s: fan.seconds <= 21 && fan.lost === 0 && fan.duplicates === 0,
            fanoutNeverAbove50PerSecond: fan.maxPerSecond <= 50,
          }
        : {}),
      coldStartWithin1500ms: coldStartMs <= 1500,
      peakRssWithin150Mb: rss.peak <= 150,
    },
  };

  log(`\nstore in its own process:\n${table(turns)}`);
  if (inProcess.help && inProcess.benefits)
    log(
      `\nstore inside the bot (local mode, npm start):\n${table({ echo: turns.echo, help: inProcess.help, benefits: inProcess.benefits } as Record<Scenario, TurnFigures>)}`,
    );
  if (fan)
    log(
      `\nfan-out: ${fan.notices} notices in ${fan.seconds} s, at most ${fan.maxPerSecond} in any second, ${fan.duplicates} duplicates, ${fan.lost} lost`,
    );
  log(
    `cold start ${coldStartMs} ms; bot RSS ${rssAfterStart} MB after start, peak ${rss.peak} MB (store process peak ${storeRss.peak} MB; the echo bot peaked at ${echoRss?.peak ?? '?'} MB)`,
  );
  log(`seat request: ${turns.seatRequest.note ?? ''}`);
  log(`seat request: store requests by kind ${JSON.stringify(turns.seatRequest.storeRequestsByKind ?? {})}`);
  for (const name of ['help', 'benefits', 'seatRequest'] as const) {
    log(`\nstore requests of one ${name} turn: ${JSON.stringify(turns[name].oneTurnByKind)}`);
    for (const r of turns[name].oneTurn ?? []) log(`  ${r}`);
  }
  log('\ntargets:');
  for (const [name, ok] of Object.entries(results.targets)) log(`  ${ok ? 'holds' : 'MISSED'}  ${name}`);
  log(
    `\nmachine: ${before.cpus} × ${before.model}, Node ${before.node}, load before ${before.loadAverage.join(' ')}, after ${after.loadAverage.join(' ')}`,
  );
  log(`bench took ${round((Date.now() - startedAt) / 1000, 0)} s`);

  if (PROFILE) {
    const { readdirSync } = await import('node:fs');
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      log(`\nprofile: ${join(profileDir, file)}`);
      writeFileSync(join(profileDir, 'windows.json'), JSON.stringify(windows));
      const summaries = summariseProfile(
        join(profileDir, file),
        windows.filter((w) => w.scenario !== 'echo'),
      );
      summaries.forEach(printProfile);
      writeFileSync(join(profileDir, 'summary.json'), JSON.stringify(summaries, null, 2));
      log(`\nsummary: ${join(profileDir, 'summary.json')}`);
    } else log('no .cpuprofile was written');
    log('\n(profiled run: bench/results.json left as it was)');
  } else if (QUICK) log('\n(quick run: bench/results.json left as it was)');
  else {
    writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    log('\nwritten: bench/results.json');
    writeReadmeFigures(readmeFigures(results));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
