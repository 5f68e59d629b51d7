/**
 * Sliding-window limits, several per key (Teams limits a conversation to 7 sends a second, 8 in
 * two seconds, 60 in thirty seconds and 1,800 an hour, and an app to 50 a second per tenant).
 * Hand-written because the usual limiters (bottleneck, p-throttle) take one rate per key, and a
 * send must satisfy every window of its tenant and of its conversation at once.
 */

export interface Window {
  limit: number;
  ms: number;
}

/**
 * Teams' published limits, used in full: a send counts until a whole window after it was answered
 * (below), which already bounds when Teams can have counted it, so no margin is taken off.
 */
export const TEAMS_LIMITS = {
  tenant: [{ limit: 50, ms: 1000 }] as Window[],
  conversation: [
    { limit: 7, ms: 1000 },
    { limit: 8, ms: 2000 },
    { limit: 60, ms: 30_000 },
    { limit: 1800, ms: 3_600_000 },
  ] as Window[],
};

/** A granted send: call `done()` when the request has finished. */
export interface Permit {
  done(): void;
}

interface Entry {
  at: number;
  inFlight: boolean;
}

/**
 * A send counts from the moment it starts until a full window after it was answered: Teams counts
 * a request when it arrives, which is somewhere between those two moments (a busy event loop or a
 * pooled connection can delay it on the way), so the N+1st send of a window starts only when the
 * oldest of the last N has been answered for a whole window. It is scheduled for exactly that
 * moment (a timer, or the answer of a send still in flight), so a window is used in full: with
 * answers that come back at once, 50 a second go out, never 51.
 */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, Entry[]>();
  /** Sends waiting for a slot (a freed slot goes to the most urgent that may go now). */
  private readonly waiting = new Set<Waiter>();
  /** Woken when a send is answered or a slot is taken: what a waiter waits for may have changed. */
  private changed?: { promise: Promise<void>; wake: () => void };

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /**
   * How long until a send on all these keys respects every window: 0 = now, 'change' = not before
   * a send still in flight is answered.
   */
  private waitFor(keys: [string, Window[]][]): number | 'change' {
    const t = this.now();
    let wait = 0;
    let onAnswer = false;
    for (const [key, windows] of keys) {
      const entries = this.sent.get(key) ?? [];
      for (const w of windows) {
        const inWindow = entries.filter((e) => e.inFlight || e.at > t - w.ms);
        if (inWindow.length < w.limit) continue;
        // This many must leave the window first; an answered send leaves it at `at + ms`.
        const mustLeave = inWindow.length - w.limit + 1;
        const answered = inWindow
          .filter((e) => !e.inFlight)
          .map((e) => e.at)
          .sort((a, b) => a - b);
        if (answered.length < mustLeave) onAnswer = true;
        else wait = Math.max(wait, answered[mustLeave - 1] + w.ms - t);
      }
    }
    return onAnswer ? 'change' : wait;
  }

  /** Another waiter on a key of ours (the same tenant) that may go now and is more urgent: it goes first. */
  private outranked(me: Waiter): boolean {
    const mine = new Set(me.keys.map(([key]) => key));
    for (const w of this.waiting) {
      if (w === me || w.priority <= me.priority || !w.keys.some(([key]) => mine.has(key))) continue;
      if (this.waitFor(w.keys) === 0) return true;
    }
    return false;
  }

  private nextChange(): Promise<void> {
    if (!this.changed) {
      let wake = () => {};
      const promise = new Promise<void>((r) => (wake = r));
      this.changed = { promise, wake };
    }
    return this.changed.promise;
  }

  private change(): void {
    const changed = this.changed;
    this.changed = undefined;
    changed?.wake();
  }

  /**
   * Waits for a slot on every key, then records the send (atomically: no await in between).
   * `priority`: of the sends waiting, a freed slot goes to the highest that may go at that moment
   * (the scanner gives a channel's number of notices left, so no channel is left alone at the end,
   * held to its own conversation's limit, while the tenant's budget goes unused). A send without
   * one (an approval card, a decision: someone is waiting for it) goes before every ranked one.
   */
  async acquire(keys: [string, Window[]][], priority = Number.POSITIVE_INFINITY): Promise<Permit> {
    const me: Waiter = { keys, priority };
    this.waiting.add(me);
    try {
      for (;;) {
        const wait = this.waitFor(keys);
        if (wait === 0 && !this.outranked(me)) break;
        // Outranked: the other one is due now too; look again once it has taken its slot.
        await (wait === 0 || wait === 'change' ? this.nextChange() : this.sleep(wait));
      }
    } finally {
      this.waiting.delete(me);
    }
    const t = this.now();
    const entries: Entry[] = [];
    for (const [key, windows] of keys) {
      const longest = Math.max(...windows.map((w) => w.ms));
      const kept = (this.sent.get(key) ?? []).filter((e) => e.inFlight || e.at > t - longest);
      const entry = { at: t, inFlight: true };
      kept.push(entry);
      entries.push(entry);
      this.sent.set(key, kept);
    }
    this.change();
    let finished = false;
    return {
      done: () => {
        if (finished) return;
        finished = true;
        const end = this.now();
        for (const e of entries) {
          e.at = end;
          e.inFlight = false;
        }
        this.change();
      },
    };
  }
}

interface Waiter {
  keys: [string, Window[]][];
  priority: number;
}
