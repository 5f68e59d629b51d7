import type { Logger } from '../logger';
import { SlidingWindowLimiter, TEAMS_LIMITS } from './rateLimiter';

/**
 * The one place that sends proactive messages to Teams and owns their retry policy. botbuilder's
 * connector client retries on its own (and replays a POST after a 500, a possible duplicate), so
 * proactive sends do not go through it: this client calls the Bot Connector REST API directly,
 * respects Teams' rate limits, retries 429/412/502/504 with exponential backoff and jitter
 * (honouring Retry-After), and never retries a 500 (the message may have been posted).
 */

export interface ConnectorAuth {
  /** Authorization header value for a request to this service URL, or undefined (local mode). */
  authorization(serviceUrl: string): Promise<string | undefined>;
}

export interface ConversationAddress {
  tenantId: string;
  serviceUrl: string;
  conversationId: string;
}

export class ConnectorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }

  /** 403 (bot removed / disabled) or 404 (conversation gone): the reference is dead. */
  get conversationGone(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };
const RETRYABLE = new Set([429, 412, 502, 504]);

export interface ConnectorOptions {
  auth: ConnectorAuth;
  logger: Logger;
  retry?: RetryOptions;
  limiter?: SlidingWindowLimiter;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface SentActivity {
  id: string;
}

/** Filled in by a send: how often Teams asked us to retry (the delivery report shows it). */
export interface SendObserver {
  retries: number;
}

export class ConnectorClient {
  private readonly retry: RetryOptions;
  private readonly limiter: SlidingWindowLimiter;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  /** Figures for the last-run report and the benchmarks. */
  readonly stats = { requests: 0, retries: 0, failures: 0 };

  constructor(private readonly options: ConnectorOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.limiter = options.limiter ?? new SlidingWindowLimiter();
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
  }

  sendToConversation(
    to: ConversationAddress,
    activity: Record<string, unknown>,
    observe?: SendObserver,
  ): Promise<SentActivity> {
    return this.call(
      to,
      'POST',
      `v3/conversations/${encodeURIComponent(to.conversationId)}/activities`,
      { type: 'message', ...activity },
      observe,
    ) as Promise<SentActivity>;
  }

  /** A new post (thread) in a team channel, as Teams wants channel posts made. */
  createChannelPost(
    to: ConversationAddress,
    botId: string,
    activity: Record<string, unknown>,
    observe?: SendObserver,
  ): Promise<{ id: string; activityId: string }> {
    return this.call(
      to,
      'POST',
      'v3/conversations',
      {
        isGroup: true,
        bot: { id: botId },
        tenantId: to.tenantId,
        channelData: { channel: { id: to.conversationId }, tenant: { id: to.tenantId } },
        activity: { type: 'message', ...activity },
      },
      observe,
    ) as Promise<{ id: string; activityId: string }>;
  }

  async updateActivity(
    to: ConversationAddress,
    activityId: string,
    activity: Record<string, unknown>,
  ): Promise<void> {
    await this.call(
      to,
      'PUT',
      `v3/conversations/${encodeURIComponent(to.conversationId)}/activities/${encodeURIComponent(activityId)}`,
      { type: 'message', id: activityId, ...activity },
    );
  }

  private async call(
    to: ConversationAddress,
    method: string,
    path: string,
    body: unknown,
    observe?: SendObserver,
  ): Promise<unknown> {
    const url = new URL(path, to.serviceUrl.endsWith('/') ? to.serviceUrl : `${to.serviceUrl}/`).toString();
    for (let attempt = 1; ; attempt += 1) {
      const authorization = await this.options.auth.authorization(to.serviceUrl);
      const permit = await this.limiter.acquire([
        [`tenant:${to.tenantId}`, TEAMS_LIMITS.tenant],
        [`conversation:${to.conversationId}`, TEAMS_LIMITS.conversation],
      ]);
      this.stats.requests += 1;
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, {
          method,
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        text = await res.text().catch(() => '');
      } catch (err) {
        permit.done();
        // No answer at all: the message may or may not have been posted; do not guess.
        this.stats.failures += 1;
        throw new ConnectorError(0, 'NetworkError', `connector unreachable: ${(err as Error).message}`);
      }
      permit.done();
      if (res.ok) return text ? (JSON.parse(text) as unknown) : {};
      const code = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1];
      if (RETRYABLE.has(res.status) && attempt < this.retry.maxAttempts) {
        const delay = this.backoff(attempt, res.headers.get('retry-after'));
        this.stats.retries += 1;
        if (observe) observe.retries += 1;
        this.options.logger.debug({ status: res.status, attempt, delay }, 'connector asked us to retry');
        await this.sleep(delay);
        continue;
      }
      this.stats.failures += 1;
      throw new ConnectorError(
        res.status,
        code,
        `connector answered ${res.status}${code ? ` (${code})` : ''}`,
      );
    }
  }

  /** Exponential backoff with full jitter; Retry-After (seconds or a date) wins when given. */
  private backoff(attempt: number, retryAfter: string | null): number {
    if (retryAfter) {
      const seconds = Number(retryAfter);
      const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
      if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, this.retry.maxDelayMs * 2);
    }
    const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }
}
