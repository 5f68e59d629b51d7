import pino from 'pino';
import { ConnectorClient } from '../../src/notify/connector';
import { LeaseManager } from '../../src/notify/lease';
import { Messenger } from '../../src/notify/messenger';
import { SlidingWindowLimiter } from '../../src/notify/rateLimiter';
import { seededRandom } from '../../src/notify/retryPolicy';
import { ExpiryScanner } from '../../src/notify/scanner';
import { seedNoticeTenant, noticeDeliveries, type NoticeTenant } from '../support/noticeTenant';
import { FIXED_NOW, startMemoryApp, type MemoryTestApp } from '../support/testApp';

const FANOUT: NoticeTenant = {
  tenantId: 'd0c0ffee-0000-4000-8000-0000000000f0',
  admin: 'a0000000-0000-4000-8000-0000000000f0',
  name: 'Fan-out Ltd.',
  channelPrefix: 'channel',
};
const seedTenant = (t: MemoryTestApp, items: number, channels: number) =>
  seedNoticeTenant(t.app.store.repos, FANOUT, items, channels, t.connector.url);

/**
 * A clock for the connector's limiter and retries that jumps instead of waiting: a sleep of n ms
 * returns at once with the clock moved to at least n ms after it began. Time only moves forward,
 * so what the limiter keeps on it is what it would keep on real time, in no time.
 */
function jumpingClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      const until = now + ms;
      await new Promise((r) => setImmediate(r));
      now = Math.max(now, until);
    },
  };
}

/** A second scanner on the same store, as another bot instance would have (own lease holder, own limiter). */
function otherInstance(
  t: MemoryTestApp,
  holder: string,
  clock = t.app.services.clock,
  wire?: ReturnType<typeof jumpingClock>,
): ExpiryScanner {
  const logger = pino({ level: 'silent' });
  const connector = new ConnectorClient({
    auth: { authorization: () => Promise.resolve(undefined) },
    logger,
    ...(wire
      ? {
          limiter: new SlidingWindowLimiter(wire.now, wire.sleep),
          retryDeps: { now: wire.now, sleep: wire.sleep, random: seededRandom(SEED) },
        }
      : {}),
  });
  return new ExpiryScanner({
    repos: t.app.store.repos,
    tenantIndex: t.app.store.tenantIndex,
    messenger: new Messenger(t.app.store.repos, connector, clock, logger),
    lease: new LeaseManager(t.app.store.repos.leases, clock, holder, 120_000),
    clock,
    logger,
    digestAbove: 1000,
    staleClaimMs: 120_000,
  });
}

const deliveries = (t: MemoryTestApp) => noticeDeliveries(t.connector);
const SEED = Number(process.env.FANOUT_SEED ?? 18);

describe('expiry notice fan-out under Teams limits and faults', () => {
  let t: MemoryTestApp;
  beforeEach(async () => {
    t = await startMemoryApp({ SEED_DEMO: 'false', NOTIFY_DIGEST_ABOVE: '1000' });
  });
  afterEach(() => t.stop());

  it('delivers 1,000 notices over 20 channels exactly once, never more than 50 in a second, through 429/502/504', async () => {
    await seedTenant(t, 50, 20);
    let n = 0;
    t.connector.fault = (_call, attempt) => {
      n += 1;
      if (attempt > 1) return undefined;
      if (n % 97 === 0) return { status: 429, headers: { 'retry-after': '1' } };
      if (n % 89 === 0) return { status: 429 };
      if (n % 83 === 0) return { status: 502 };
      if (n % 79 === 0) return { status: 504 };
      return undefined;
    };
    const started = Date.now();
    const report = await t.app.services.scanner.run();
    const seconds = (Date.now() - started) / 1000;
    const seen = deliveries(t);
    expect(report.sent).toBe(1000);
    expect(report.failed).toBe(0);
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
    const arrivals = t.connector.arrivals;
    const busiest = Math.max(...arrivals.map((a) => arrivals.filter((b) => b >= a && b < a + 1000).length));
    expect(busiest).toBeLessThanOrEqual(50);
    console.log(
      `fan-out: 1000 notices in ${seconds.toFixed(1)} s, busiest second ${busiest} requests, ${arrivals.length - 1000} retries`,
    );
  }, 120_000);

  it('on a fake clock: never more than 50 reach Teams in a second, and a resent notice is delivered once', async () => {
    await seedTenant(t, 50, 20);
    const wire = jumpingClock();
    const arrivals: number[] = [];
    let n = 0;
    t.connector.fault = (_call, attempt) => {
      arrivals.push(wire.now()); // every request Teams sees, resends included
      n += 1;
      if (attempt > 1) return undefined;
      if (n % 37 === 0) return { status: 429, headers: { 'retry-after': '1' } };
      if (n % 41 === 0) return { status: 429 };
      if (n % 43 === 0) return { status: 502 };
      if (n % 47 === 0) return { status: 504 };
      return undefined;
    };
    const report = await otherInstance(t, 'fake-clock-instance', undefined, wire).run();
    expect(report.sent).toBe(1000);
    expect(report.failed).toBe(0);
    const seen = deliveries(t);
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
    expect(arrivals.length).toBeGreaterThan(1000);
    const sorted = [...arrivals].sort((a, b) => a - b);
    let busiest = 0;
    for (let i = 0, j = 0; i < sorted.length; i += 1) {
      while (sorted[j] <= sorted[i] - 1000) j += 1;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(busiest).toBeLessThanOrEqual(50);
  }, 60_000);

  it('lets only one of two scanners run at the same moment, and each notice goes out once', async () => {
    await seedTenant(t, 10, 3);
    const [a, b] = await Promise.all([t.app.services.scanner.run(), otherInstance(t, 'instance-b').run()]);
    expect([a.ran, b.ran].filter(Boolean)).toHaveLength(1);
    expect(a.sent + b.sent).toBe(30);
    const again = await otherInstance(t, 'instance-c').run();
    expect(again.sent).toBe(0);
    expect([...deliveries(t).values()].every((c) => c === 1)).toBe(true);
    expect(deliveries(t).size).toBe(30);
  });

  it('finishes the work of a scanner that died mid-run, without sending anything twice', async () => {
    await seedTenant(t, 10, 3);
    // The first instance "dies" after 12 answered sends: later requests never come back.
    const holdAfter = 12;
    t.connector.fault = () => {
      if (t.connector.calls.length >= holdAfter - 1) t.connector.hold = true;
      return undefined;
    };
    void otherInstance(t, 'dying-instance')
      .run()
      .catch(() => undefined);
    await t.connector.waitFor(() => (t.connector.hold ? true : undefined), 20_000);
    await new Promise((r) => setTimeout(r, 200));
    const deliveredBeforeDeath = deliveries(t).size;
    expect(deliveredBeforeDeath).toBeGreaterThanOrEqual(holdAfter - 1);
    expect(deliveredBeforeDeath).toBeLessThan(30);

    // Three minutes later (its lease and claims have expired) another instance runs.
    t.connector.fault = undefined;
    t.connector.hold = false;
    const later = { now: () => new Date(FIXED_NOW.getTime() + 3 * 60_000) };
    const report = await otherInstance(t, 'restarted-instance', later).run();
    expect(report.ran).toBe(true);
    const seen = deliveries(t);
    expect(seen.size).toBe(30);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
  }, 60_000);
});
