import { dueThreshold } from '../../src/domain/notices';
import { SlidingWindowLimiter, TEAMS_LIMITS } from '../../src/notify/rateLimiter';

describe('which expiry notice is due (whole days in UTC)', () => {
  const today = new Date('2026-11-24T23:30:00Z');
  it.each([
    ['2027-01-03', undefined], // 40 days: nothing yet
    ['2026-12-25', undefined], // 31 days
    ['2026-12-24', '30'], // 30 days
    ['2026-12-02', '30'], // 8 days: the 30-day notice if it was missed
    ['2026-12-01', '7'],
    ['2026-11-26', '7'], // 2 days
    ['2026-11-25', '1'], // tomorrow
    ['2026-11-24', '1'], // today is the last day
    ['2026-11-23', 'expired'],
    ['2026-11-17', 'expired'], // 7 days ago
    ['2026-11-16', undefined], // longer ago: no more notices
  ])('last day %s → %s', (expiresOn, expected) => {
    expect(dueThreshold(today, expiresOn)).toBe(expected);
  });

  it('uses the tenant’s own thresholds', () => {
    expect(dueThreshold(today, '2027-01-08', [45, 14])).toBe('45');
    expect(dueThreshold(today, '2026-12-01', [45, 14])).toBe('14');
  });

  it('counts days in UTC whatever the hour', () => {
    expect(dueThreshold(new Date('2026-11-24T00:00:01Z'), '2026-12-01')).toBe('7');
    expect(dueThreshold(new Date('2026-11-24T23:59:59Z'), '2026-12-01')).toBe('7');
  });
});

describe('the Teams rate limiter', () => {
  it('counts a send that is still in flight, so a slow request cannot open room for a burst', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(
      () => now,
      (ms) => {
        now += ms;
        return Promise.resolve();
      },
    );
    const slow = await limiter.acquire([['c', [{ limit: 1, ms: 1000 }]]]);
    now = 5000; // the first request has been on its way for 5 s
    let granted = false;
    const next = limiter.acquire([['c', [{ limit: 1, ms: 1000 }]]]).then((p) => {
      granted = true;
      return p;
    });
    await Promise.resolve();
    expect(granted).toBe(false);
    slow.done();
    (await next).done();
    // The second send starts no earlier than a full window after the first finished.
    expect(now).toBeGreaterThanOrEqual(6000);
  });

  it('never lets one conversation exceed 7 a second and 8 in two seconds', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(
      () => now,
      (ms) => {
        now += ms;
        return Promise.resolve();
      },
    );
    const times: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      (await limiter.acquire([['c', TEAMS_LIMITS.conversation]])).done();
      times.push(now);
    }
    const inWindow = (start: number, ms: number) => times.filter((t) => t >= start && t < start + ms).length;
    for (const t of times) {
      expect(inWindow(t, 1000)).toBeLessThanOrEqual(7);
      expect(inWindow(t, 2000)).toBeLessThanOrEqual(8);
    }
    // 8 per 2 s is the binding limit: 40 sends take about 9–10 s.
    expect(times.at(-1)).toBeGreaterThanOrEqual(9000);
  });

  it('keeps a tenant under its per-second budget across conversations', async () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(
      () => now,
      (ms) => {
        now += ms;
        return Promise.resolve();
      },
    );
    const times: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      (
        await limiter.acquire([
          ['tenant', TEAMS_LIMITS.tenant],
          [`c${i % 40}`, TEAMS_LIMITS.conversation],
        ])
      ).done();
      times.push(now);
    }
    for (const t of times) expect(times.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(50);
  });
});
