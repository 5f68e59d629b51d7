import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization?: string;
  at: number;
}

/** A member of a conversation or team as the Bot Connector lists it (TeamsChannelAccount). */
export interface RosterMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  userRole?: 'user' | 'guest' | 'anonymous';
  tenantId?: string;
}

export type FaultPlan = (
  call: ConnectorCall,
  attempt: number,
) =>
  | {
      status: number;
      headers?: Record<string, string>;
      /** Posted (recorded as delivered) before answering the error, as Teams may do on a 500. */
      posted?: boolean;
    }
  | undefined;

/**
 * A local Bot Connector: records every call the bot makes (replies, updates, proactive sends)
 * and answers like the real one. `fault` can inject 429/5xx/403 answers.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Arrival time of every request, answered or faulted: what Teams' rate limits count. */
  readonly arrivals: number[] = [];
  private server?: Server;
  private seq = 0;
  fault?: FaultPlan;
  /** Answer every call this much later (a slow connector keeps turns in flight). */
  delayMs = 0;
  /** While true, new requests are never answered (a process that died mid-send never hears back). */
  hold = false;
  private attempts = new Map<string, number>();
  /**
   * Members of conversations and teams by conversation (team) id, served like the real connector:
   * `GET v3/conversations/{id}/pagedmembers?pageSize&continuationToken` and
   * `GET v3/conversations/{id}/members/{userId}` (404 when the person is not there).
   */
  readonly rosters = new Map<string, RosterMember[]>();

  get url(): string {
    const port = (this.server?.address() as AddressInfo).port;
    return `http://127.0.0.1:${port}/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.arrivals.push(Date.now());
      void readBody(req).then(async (text) => {
        if (this.hold) return;
        if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
        const call: ConnectorCall = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          authorization: req.headers.authorization,
          at: Date.now(),
        };
        const key = `${call.method} ${call.path} ${text}`;
        const attempt = (this.attempts.get(key) ?? 0) + 1;
        this.attempts.set(key, attempt);
        const fault = this.fault?.(call, attempt);
        if (fault) {
          if (fault.posted) this.calls.push(call);
          res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.headers ?? {}) });
          res.end(JSON.stringify({ error: { code: 'Injected', message: `injected ${fault.status}` } }));
          return;
        }
        this.calls.push(call);
        this.seq += 1;
        if (call.method === 'GET' && this.answerMembers(call.path, res)) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        if (call.method === 'POST' && /\/v3\/conversations\/?$/.test(call.path)) {
          res.end(JSON.stringify({ id: `conv-${this.seq}`, activityId: `act-${this.seq}` }));
        } else {
          res.end(JSON.stringify({ id: `act-${this.seq}` }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** New channel posts (createConversation), with the channel they went to. */
  channelPosts(): { channelId: string; activity: Record<string, unknown> }[] {
    return this.calls
      .filter((c) => c.method === 'POST' && /\/v3\/conversations\/?$/.test(c.path))
      .map((c) => ({
        channelId: String(
          (c.body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? '',
        ),
        activity: c.body.activity as Record<string, unknown>,
      }));
  }

  /** Activities the bot sent (replies and new messages), newest last. */
  sentActivities(): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === 'POST' && c.path.includes('/activities')).map((c) => c.body);
  }

  private answerMembers(path: string, res: import('node:http').ServerResponse): boolean {
    const url = new URL(path, 'http://connector');
    const paged = /\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(url.pathname);
    const one = /\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url.pathname);
    if (!paged && !one) return false;
    const roster = this.rosters.get(decodeURIComponent((paged ?? one)?.[1] ?? '')) ?? [];
    res.setHeader('content-type', 'application/json');
    if (paged) {
      const size = Math.max(1, Number(url.searchParams.get('pageSize') ?? 100));
      const start = Number(/^page-(\d+)$/.exec(url.searchParams.get('continuationToken') ?? '')?.[1] ?? 0);
      const members = roster.slice(start, start + size);
      const next = start + size < roster.length ? `page-${start + size}` : undefined;
      res.writeHead(200);
      res.end(JSON.stringify({ members, ...(next ? { continuationToken: next } : {}) }));
      return true;
    }
    const who = decodeURIComponent(one?.[2] ?? '').toLowerCase();
    const found = roster.find((m) => m.id.toLowerCase() === who || m.aadObjectId.toLowerCase() === who);
    res.writeHead(found ? 200 : 404);
    res.end(
      JSON.stringify(found ?? { error: { code: 'MemberNotFoundInConversation', message: 'not found' } }),
    );
    return true;
  }

  clear(): void {
    this.calls.length = 0;
    this.arrivals.length = 0;
  }

  async waitFor<T>(pick: () => T | undefined, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = pick();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error('timed out waiting for the bot to call the connector');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
