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

/** Teams' published limits, with a margin on the tenant-wide one. */
export const TEAMS_LIMITS = {
  tenant: [{ limit: 48, ms: 1000 }] as Window[],
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
 * A send counts from the moment it starts until a full window after it finished: a request
 * delayed on the way (a busy event loop, a pooled connection) can reach Teams later than it
 * started, and must still be inside the budget of whatever second it lands in.
 */
export class SlidingWindowLimiter {
  private readonly sent = new Map<string, Entry[]>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** How long until a send on all these keys would respect every window (0 = now). */
  private waitFor(keys: [string, Window[]][]): number {
    const t = this.now();
    let wait = 0;
    for (const [key, windows] of keys) {
      const times = (this.sent.get(key) ?? []).map((e) => (e.inFlight ? t : e.at)).sort((a, b) => a - b);
      for (const w of windows) {
        const inWindow = times.filter((x) => x > t - w.ms);
        if (inWindow.length >= w.limit) {
          const oldestThatMustExpire = inWindow[inWindow.length - w.limit];
          // In-flight sends count as "now": wait a little and look again.
          wait = Math.max(wait, oldestThatMustExpire === t ? 5 : oldestThatMustExpire + w.ms - t + 1);
        }
      }
    }
    return wait;
  }

  /** Waits for a slot on every key, then records the send (atomically: no await in between). */
  async acquire(keys: [string, Window[]][]): Promise<Permit> {
    for (;;) {
      const wait = this.waitFor(keys);
      if (wait === 0) break;
      await this.sleep(wait);
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
    return {
      done: () => {
        const end = this.now();
        for (const e of entries) {
          e.at = end;
          e.inFlight = false;
        }
      },
    };
  }
}
