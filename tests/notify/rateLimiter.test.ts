import { SlidingWindowLimiter, TEAMS_LIMITS } from '../../src/notify/rateLimiter';
import { seededRandom } from '../../src/notify/retryPolicy';

const SEED = Number(process.env.LIMITER_SEED ?? 18);

/**
 * A fake clock that moves only when every task is waiting: timers fire in time order, and the
 * work between two timers takes no time. Sends "take" their latency as a timer.
 */
class Timeline {
  now = 0;
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  private seq = 0;

  sleep = (ms: number): Promise<void> =>
    new Promise((fire) => {
      this.timers.push({ at: this.now + Math.max(0, ms), seq: (this.seq += 1), fire });
    });

  /** Runs until `work` settles, advancing to the next timer whenever nothing else can run. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    for (;;) {
      for (let i = 0; i < 5; i += 1) await new Promise((r) => setImmediate(r));
      if (settled) return done;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('every task waits on something that never comes');
      this.now = Math.max(this.now, next.at);
      next.fire();
    }
  }
}

interface Send {
  conversation: string;
  start: number;
  end: number;
}

/** `channels` conversations of one tenant, `perChannel` sends each, one after the other per conversation. */
async function fanOut(
  channels: number,
  perChannel: number,
  latency: () => number,
  retryEvery = 0,
  /** Time a channel spends between two sends (claiming the next notice, recording the last). */
  work: () => number = () => 0,
): Promise<{ sends: Send[]; clock: Timeline }> {
  const clock = new Timeline();
  const limiter = new SlidingWindowLimiter(() => clock.now, clock.sleep);
  const sends: Send[] = [];
  let n = 0;
  const send = async (conversation: string, left: number) => {
    const permit = await limiter.acquire(
      [
        ['tenant:t', TEAMS_LIMITS.tenant],
        [`conversation:${conversation}`, TEAMS_LIMITS.conversation],
      ],
      left,
    );
    const start = clock.now;
    await clock.sleep(latency());
    sends.push({ conversation, start, end: clock.now });
    permit.done();
    n += 1;
    return retryEvery > 0 && n % retryEvery === 0 ? 'throttled' : 'ok';
  };
  const channel = async (c: number) => {
    for (let i = 0; i < perChannel; i += 1) {
      // A throttled send is sent again and counts again (Teams counts every request).
      while ((await send(`c${c}`, perChannel - i)) !== 'ok');
      const pause = work();
      if (pause > 0) await clock.sleep(pause);
    }
  };
  await clock.run(Promise.all(Array.from({ length: channels }, (_, c) => channel(c))));
  return { sends, clock };
}

/** The most requests Teams could have counted in any one second, wherever in [start, end] each arrived. */
function busiest(sends: Send[], arrival: (s: Send) => number, ms = 1000): number {
  const at = sends.map(arrival).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < at.length; i += 1) {
    while (at[j] <= at[i] - ms) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('the tenant-wide limit of 50 sends a second (fake clock)', () => {
  it('sends 1,000 notices to 20 channels at exactly 50 a second when Teams answers at once', async () => {
    const { sends } = await fanOut(20, 50, () => 0);
    expect(sends).toHaveLength(1000);
    expect(busiest(sends, (s) => s.start)).toBe(50);
    // 20 full seconds: the 1,000th send starts when the 950th has been answered for one second.
    expect(Math.max(...sends.map((s) => s.start))).toBe(19_000);
  });

  it('never lets 51 reach Teams in one second, however late in its round trip each request arrives', async () => {
    const random = seededRandom(SEED);
    // Round trips of 0–120 ms, and now and then a slow one (a busy event loop, a cold connection).
    const { sends } = await fanOut(20, 50, () => (random() < 0.05 ? 400 + random() * 600 : random() * 120));
    const arrive = seededRandom(SEED + 1);
    const anywhere = new Map(sends.map((s) => [s, s.start + arrive() * (s.end - s.start)]));
    expect(sends).toHaveLength(1000);
    for (const arrival of [(s: Send) => s.start, (s: Send) => s.end, (s: Send) => anywhere.get(s) ?? 0])
      expect(busiest(sends, arrival)).toBeLessThanOrEqual(50);
  });

  it('loses little more than the round trips to the limit: 1,000 sends of 10 ms end within 19.5 s', async () => {
    const { sends } = await fanOut(20, 50, () => 10);
    const last = Math.max(...sends.map((s) => s.end));
    expect(busiest(sends, (s) => s.start)).toBe(50);
    expect(last).toBeGreaterThan(19_000);
    expect(last).toBeLessThanOrEqual(19_500);
  });

  it('lets the channels with the most left go first, so none is left alone at the end under its own limit', async () => {
    const random = seededRandom(SEED);
    // Each channel spends 0–60 ms between two sends (its store writes): without priorities the
    // quick ones run ahead, and the last second or two are a few channels at 4 a second each.
    const { sends } = await fanOut(
      20,
      50,
      () => 5,
      0,
      () => random() * 60,
    );
    expect(sends).toHaveLength(1000);
    expect(busiest(sends, (s) => s.end)).toBeLessThanOrEqual(50);
    expect(Math.max(...sends.map((s) => s.end))).toBeLessThanOrEqual(19_500);
  });

  it('lets a send nobody ranked (an approval card) go before the channels of a fan-out', async () => {
    const clock = new Timeline();
    const limiter = new SlidingWindowLimiter(() => clock.now, clock.sleep);
    const keys = (c: string): [string, { limit: number; ms: number }[]][] => [
      ['tenant:t', TEAMS_LIMITS.tenant],
      [`conversation:${c}`, TEAMS_LIMITS.conversation],
    ];
    // The tenant's second is used up by a fan-out.
    for (let i = 0; i < 50; i += 1) (await limiter.acquire(keys(`c${i % 10}`), 5)).done();
    const order: string[] = [];
    const ranked = [1, 2, 3].map(async (i) => {
      const p = await limiter.acquire(keys(`c${i}`), 40);
      order.push(`c${i}@${clock.now}`);
      p.done();
    });
    const card = (async () => {
      const p = await limiter.acquire(keys('approver'));
      order.push(`approver@${clock.now}`);
      p.done();
    })();
    await clock.run(Promise.all([...ranked, card]));
    expect(order[0]).toBe('approver@1000');
    expect(order).toHaveLength(4);
  });

  it('counts every resend of a throttled request against the same second', async () => {
    const random = seededRandom(SEED);
    const { sends } = await fanOut(20, 50, () => random() * 60, 7);
    expect(sends.length).toBeGreaterThan(1000);
    expect(busiest(sends, (s) => s.start)).toBeLessThanOrEqual(50);
    expect(busiest(sends, (s) => s.end)).toBeLessThanOrEqual(50);
  });

  it('keeps each conversation within 7 a second and 8 in two seconds meanwhile', async () => {
    const random = seededRandom(SEED);
    const { sends } = await fanOut(4, 30, () => random() * 50);
    for (const c of ['c0', 'c1', 'c2', 'c3']) {
      const mine = sends.filter((s) => s.conversation === c);
      expect(mine).toHaveLength(30);
      for (const arrival of [(s: Send) => s.start, (s: Send) => s.end]) {
        expect(busiest(mine, arrival, 1000)).toBeLessThanOrEqual(7);
        expect(busiest(mine, arrival, 2000)).toBeLessThanOrEqual(8);
      }
    }
  });
});
