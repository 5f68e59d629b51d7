import type { Logger } from '../logger';
import { SlidingWindowLimiter, TEAMS_LIMITS } from './rateLimiter';
import {
  PROACTIVE_RETRY,
  RetryBudget,
  realRetryDeps,
  sendWithRetries,
  type RetryDeps,
  type RetryRules,
} from './retryPolicy';

/**
 * The one place that sends proactive messages to Teams. It calls the Bot Connector REST API
 * directly, respects Teams' rate limits, and follows the shared retry policy (`retryPolicy.ts`,
 * the same one turn replies follow): 429/412/502/504 retried with backoff and jitter, honouring
 * Retry-After; a 500 never resent (the message may have been posted).
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

export interface ConnectorOptions {
  auth: ConnectorAuth;
  logger: Logger;
  /** Defaults to PROACTIVE_RETRY; each send has its own budget. */
  retry?: RetryRules;
  limiter?: SlidingWindowLimiter;
  /** Clock, jitter and sleep of the retry policy (tests pass a seeded random). */
  retryDeps?: Partial<RetryDeps>;
}

export interface SentActivity {
  id: string;
}

/** Filled in by a send: how often Teams asked us to retry (the delivery report shows it). */
export interface SendObserver {
  retries: number;
  /**
   * Set by the caller: how urgent this send is among the tenant's sends waiting for a slot (the
   * scanner gives its channel's notices left); higher goes first. Unset: before every ranked send.
   */
  priority?: number;
}

export class ConnectorClient {
  private readonly retry: RetryRules;
  private readonly limiter: SlidingWindowLimiter;
  private readonly retryDeps: RetryDeps;
  /** Figures for the last-run report and the benchmarks. */
  readonly stats = { requests: 0, retries: 0, failures: 0 };

  constructor(private readonly options: ConnectorOptions) {
    this.retry = options.retry ?? PROACTIVE_RETRY;
    this.limiter = options.limiter ?? new SlidingWindowLimiter();
    this.retryDeps = { ...realRetryDeps, ...options.retryDeps };
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
    const attempt = async (_n: number, timeoutMs: number): Promise<{ res: Response; text: string }> => {
      const authorization = await this.options.auth.authorization(to.serviceUrl);
      const permit = await this.limiter.acquire(
        [
          [`tenant:${to.tenantId}`, TEAMS_LIMITS.tenant],
          [`conversation:${to.conversationId}`, TEAMS_LIMITS.conversation],
        ],
        observe?.priority,
      );
      this.stats.requests += 1;
      try {
        const res = await fetch(url, {
          method,
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        // Answered: Teams has counted it by now (reading the body can wait outside the limit).
        permit.done();
        const text = await res.text().catch(() => '');
        return { res, text };
      } catch (err) {
        // No answer at all: the message may or may not have been posted; do not guess.
        this.stats.failures += 1;
        throw new ConnectorError(0, 'NetworkError', `connector unreachable: ${(err as Error).message}`);
      } finally {
        permit.done();
      }
    };
    const { response, attempts, gaveUp } = await sendWithRetries(
      new RetryBudget(this.retry, this.retryDeps),
      method,
      attempt,
      ({ res }) => ({ status: res.status, retryAfter: res.headers.get('retry-after') }),
      ({ status, attempt: n, delayMs }) => {
        this.stats.retries += 1;
        if (observe) observe.retries += 1;
        this.options.logger.debug({ status, attempt: n, delay: delayMs }, 'connector asked us to retry');
      },
    );
    const { res, text } = response;
    if (res.ok) return text ? (JSON.parse(text) as unknown) : {};
    const code = /"code"\s*:\s*"([^"]+)"/.exec(text)?.[1];
    this.stats.failures += 1;
    if (gaveUp === 'ambiguous')
      this.options.logger.warn(
        { status: res.status, attempts },
        'connector answered 500: not resent (it may have been posted)',
      );
    throw new ConnectorError(res.status, code, `connector answered ${res.status}${code ? ` (${code})` : ''}`);
  }
}
