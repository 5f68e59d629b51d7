/**
 * The one retry policy for everything the bot sends to the Bot Connector: proactive sends
 * (`connector.ts`) and replies within a turn (botbuilder's client, configured in
 * `src/bot/adapter.ts`). Framework-free: callers hand it a status and a Retry-After header.
 *
 * - 429, 412, 502 and 504 are retried (what Teams asks bots to retry), with exponential backoff
 *   and jitter; a Retry-After (seconds or an HTTP date) is waited for, plus a little jitter.
 * - A 500 is never retried: the connector may have posted the activity before failing, and a
 *   resent POST would show the person the same message twice. The caller gets the 500.
 * - Everything else (2xx, 4xx such as 403/404) is final.
 * - Retries stop at `maxAttempts`, or when the next wait would end past the budget: one budget
 *   covers one proactive send, or every connector call of one turn together (an invoke must be
 *   answered within about 5 s, so a turn's retries may not wait longer than that allows).
 */

export interface RetryRules {
  /** Attempts per request, the first one included. */
  maxAttempts: number;
  /** Backoff of the first retry (doubled for each further one) when no Retry-After is given. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** All attempts and waits of one budget end within this, counted from its first request. */
  budgetMs: number;
  /** A single attempt is abandoned after this (not retried: it may have been posted). */
  attemptTimeoutMs: number;
}

/** Proactive sends: nobody is waiting on an HTTP answer, so they may wait out a throttle. */
export const PROACTIVE_RETRY: RetryRules = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  budgetMs: 120_000,
  attemptTimeoutMs: 15_000,
};

/**
 * Replies within a turn: Teams gives an invoke about 5 s. Retries of one turn end within 3 s of
 * its first connector request, leaving the rest for the turn's own work; a Retry-After longer
 * than what is left ends the retries at once (the caller is told the send failed).
 */
export const TURN_RETRY: RetryRules = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 1_000,
  budgetMs: 3_000,
  attemptTimeoutMs: 4_000,
};

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 412, 502, 504]);

export type GiveUpReason =
  /** 500 to a POST: it may have been posted; resending could duplicate it. */
  'ambiguous' | 'notRetryable' | 'attempts' | 'budget';

export type Decision = { retry: true; delayMs: number } | { retry: false; reason?: GiveUpReason };

export interface RetryDeps {
  /** Wall-clock milliseconds (the budget is real time, not the business clock). */
  now: () => number;
  /** In [0, 1): jitter. Tests pass a seeded one. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realRetryDeps: RetryDeps = {
  now: () => Date.now(),
  random: Math.random,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** A small seeded generator (mulberry32) for deterministic jitter in tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Retry-After in milliseconds (seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/**
 * One budget: one proactive send, or all connector calls of one turn. Not shared between turns
 * or sends.
 */
export class RetryBudget {
  private startedAt?: number;

  constructor(
    readonly rules: RetryRules,
    private readonly deps: RetryDeps = realRetryDeps,
  ) {}

  /** Milliseconds left; the clock starts with the budget's first request. */
  remainingMs(): number {
    this.startedAt ??= this.deps.now();
    return this.startedAt + this.rules.budgetMs - this.deps.now();
  }

  /** How long one attempt may take before it is abandoned. */
  attemptTimeoutMs(): number {
    return this.rules.attemptTimeoutMs;
  }

  /** What to do after attempt `attempt` (1-based) was answered `status`. */
  decide(method: string, status: number, retryAfter: string | null | undefined, attempt: number): Decision {
    if (status < 400) return { retry: false };
    if (status === 500 && method.toUpperCase() === 'POST') return { retry: false, reason: 'ambiguous' };
    if (!RETRYABLE_STATUSES.has(status)) return { retry: false, reason: 'notRetryable' };
    if (attempt >= this.rules.maxAttempts) return { retry: false, reason: 'attempts' };
    const asked = retryAfterMs(retryAfter, this.deps.now());
    let delayMs: number;
    if (asked !== undefined) {
      // Wait at least what the connector asked, plus jitter so many senders do not return at once.
      delayMs = Math.round(asked + (this.deps.random() * this.rules.baseDelayMs) / 2);
    } else {
      // Exponential backoff with "equal" jitter: between half and all of the capped step.
      const cap = Math.min(this.rules.maxDelayMs, this.rules.baseDelayMs * 2 ** (attempt - 1));
      delayMs = Math.round(cap / 2 + (this.deps.random() * cap) / 2);
    }
    if (delayMs > this.remainingMs()) return { retry: false, reason: 'budget' };
    return { retry: true, delayMs };
  }

  sleep(ms: number): Promise<void> {
    return this.deps.sleep(ms);
  }
}

export interface Answer {
  status: number;
  retryAfter: string | null | undefined;
}

export interface RetryOutcome<R> {
  /** The last answer (success or the failure that ended the retries). */
  response: R;
  attempts: number;
  /** Why a failure was not retried further (undefined on success). */
  gaveUp?: GiveUpReason;
}

/**
 * Sends, and resends while the policy says so. A send that throws (no answer at all) is not
 * retried: the activity may or may not have been posted, and guessing could duplicate it.
 */
export async function sendWithRetries<R>(
  budget: RetryBudget,
  method: string,
  send: (attempt: number, timeoutMs: number) => Promise<R>,
  answerOf: (response: R) => Answer,
  onRetry?: (info: { status: number; attempt: number; delayMs: number }) => void,
): Promise<RetryOutcome<R>> {
  budget.remainingMs(); // the budget's clock starts with its first request
  for (let attempt = 1; ; attempt += 1) {
    const response = await send(attempt, budget.attemptTimeoutMs());
    const { status, retryAfter } = answerOf(response);
    const decision = budget.decide(method, status, retryAfter, attempt);
    if (!decision.retry) return { response, attempts: attempt, gaveUp: decision.reason };
    onRetry?.({ status, attempt, delayMs: decision.delayMs });
    await budget.sleep(decision.delayMs);
  }
}
