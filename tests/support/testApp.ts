import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App, type AppOverrides } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Clock } from '../../src/domain/ports';
import type { Repositories } from '../../src/domain/repositories';
import type { AppStore, Store } from '../../src/store';
import { openMemoryStore, type MemoryStore } from '../../src/store/memory';
import { FakeConnector } from './fakeConnector';

export const FIXED_NOW = new Date('2026-11-24T09:00:00Z');
export const fixedClock = (at: Date = FIXED_NOW): Clock & { set(d: Date): void } => {
  let now = at;
  return { now: () => now, set: (d) => (now = d) };
};

/** Captures every log line the app writes (for the "no secrets in logs" checks). */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export interface TestApp<S extends AppStore = Store> {
  app: App<S>;
  url: string;
  connector: FakeConnector;
  logs: LogCapture;
  dataDir: string;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  postRaw(text: string, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

let appCount = 0;

/**
 * The real app (real store, real adapter) on free ports, with a fake connector to answer to.
 * Each app gets its own database name: botbuilder-azure caches the state container per
 * database + container name for the whole process, so two stores in one test process must not share one.
 */
export async function startTestApp<S extends AppStore = Store>(
  env: Record<string, string> = {},
  overrides: AppOverrides<S> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'pbbot-')),
): Promise<TestApp<S>> {
  const connector = new FakeConnector();
  await connector.start();
  const logs = new LogCapture();
  appCount += 1;
  const config = loadConfig({
    COSMOS_DATABASE: `test${process.pid}x${appCount}`,
    PORT: '0',
    LOCAL_COSMOS_PORT: '0',
    LOCAL_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    // Scans run when a test asks; an hourly schedule would fire at random moments of the suite.
    NOTIFY_SCHEDULE: 'off',
    ...env,
  });
  const app = await createApp<S>(config, { clock: fixedClock(), logDestination: logs, ...overrides });
  const address = await app.listen();
  const url = `http://127.0.0.1:${address.port}`;
  const postRaw = async (text: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: text,
    });
    return { status: res.status, body: await res.text() };
  };
  return {
    app,
    url,
    connector,
    logs,
    dataDir,
    postRaw,
    async post(body, headers) {
      const res = await postRaw(JSON.stringify(body), headers);
      let parsed: unknown = res.body;
      try {
        parsed = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed };
    },
    async stop() {
      await app.close();
      await connector.stop();
    },
  };
}

export type MemoryTestApp = TestApp<MemoryStore>;

/**
 * The real app (real adapter, real HTTP) on the in-memory store: for tests of rules and
 * conversations, which then need no store server. Tests of the store itself, its faults, several
 * processes and the production path use `startTestApp` (the Cosmos SDK against the local server).
 */
export function startMemoryApp(
  env: Record<string, string> = {},
  overrides: Omit<AppOverrides, 'store'> = {},
): Promise<MemoryTestApp> {
  return startTestApp<MemoryStore>(env, { ...overrides, store: openMemoryStore() });
}

/**
 * Every document of a tenant but the audit trail, with its version, read through the
 * repositories (so on either store): what a "nothing changed" check compares before and after.
 */
export async function tenantDocuments(
  repos: Repositories,
  tenantId: string,
): Promise<Record<string, { doc: unknown; etag: string }>> {
  const out: Record<string, { doc: unknown; etag: string }> = {};
  for (const [name, repo] of Object.entries(repos) as [string, Repositories[keyof Repositories]][]) {
    if (name === 'audit') continue;
    for (const { doc, etag } of await repo.list(tenantId)) out[`${doc.type}/${doc.id}`] = { doc, etag };
  }
  return out;
}

/** Text of every TextBlock in a card, in order: what a person reads. */
export function cardText(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (o.type === 'Fact' || ('title' in o && 'value' in o && typeof o.value === 'string'))
        out.push(`${String(o.title)}: ${String(o.value)}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Titles of the card's buttons. */
export function cardButtons(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string')
        out.push(o.title);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Every button of a card, wherever it sits (card actions or an ActionSet in the body), in order. */
export function cardActions(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const out: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string')
        out.push({ title: o.title, data: (o.data ?? {}) as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The Adaptive Card inside a sent activity, if any. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const attachments = activity?.attachments as
    { contentType: string; content: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
