import {
  PROACTIVE_RETRY,
  RetryBudget,
  retryAfterMs,
  seededRandom,
  sendWithRetries,
  TURN_RETRY,
  type RetryDeps,
} from '../../src/notify/retryPolicy';

/** The shared retry policy on its own: a simulated clock, a seeded jitter. */
const SEED = Number(process.env.RETRY_JITTER_SEED ?? 16);

function simulated(random = seededRandom(SEED)): RetryDeps & { at: number; slept: number[] } {
  const deps = {
    at: 1_000_000,
    slept: [] as number[],
    now: () => deps.at,
    random,
    sleep: (ms: number) => {
      deps.slept.push(ms);
      deps.at += ms;
      return Promise.resolve();
    },
  };
  return deps;
}

/** Sends against answers given in order; the last one repeats. */
async function run(budget: RetryBudget, method: string, answers: { status: number; retryAfter?: string }[]) {
  const outcome = await sendWithRetries(
    budget,
    method,
    (n) => Promise.resolve(answers[Math.min(n, answers.length) - 1]),
    (a) => ({ status: a.status, retryAfter: a.retryAfter }),
  );
  return { attempts: outcome.attempts, gaveUp: outcome.gaveUp, last: outcome.response.status };
}

describe('the shared connector retry policy', () => {
  it.each([429, 412, 502, 504])(
    'sends once more after a %i, and stops at the first success',
    async (status) => {
      const deps = simulated();
      expect(await run(new RetryBudget(TURN_RETRY, deps), 'POST', [{ status }, { status: 201 }])).toEqual({
        attempts: 2,
        gaveUp: undefined,
        last: 201,
      });
      expect(deps.slept).toHaveLength(1);
    },
  );

  it('never resends a new activity answered 500 (it may have been posted)', async () => {
    const deps = simulated();
    expect(
      await run(new RetryBudget(PROACTIVE_RETRY, deps), 'POST', [{ status: 500 }, { status: 201 }]),
    ).toEqual({
      attempts: 1,
      gaveUp: 'ambiguous',
      last: 500,
    });
    expect(deps.slept).toEqual([]);
  });

  it.each([
    ['PUT', 500],
    ['POST', 400],
    ['POST', 403],
    ['POST', 404],
    ['POST', 503],
  ])('does not retry a %s answered %i', async (method, status) => {
    const outcome = await run(new RetryBudget(TURN_RETRY, simulated()), method, [
      { status },
      { status: 200 },
    ]);
    expect(outcome).toEqual({ attempts: 1, gaveUp: 'notRetryable', last: status });
  });

  it('waits what Retry-After asks (seconds or a date), plus at most half a base step of jitter', () => {
    const deps = simulated();
    const budget = new RetryBudget(PROACTIVE_RETRY, deps);
    const asSeconds = budget.decide('POST', 429, '2', 1);
    const date = new Date(deps.at + 5000).toUTCString();
    const asDate = budget.decide('POST', 429, date, 1);
    for (const [decision, asked] of [
      [asSeconds, 2000],
      [asDate, 5000],
    ] as const) {
      expect(decision.retry).toBe(true);
      if (!decision.retry) continue;
      expect(decision.delayMs).toBeGreaterThanOrEqual(asked - 1000); // an HTTP date has whole seconds
      expect(decision.delayMs).toBeLessThanOrEqual(asked + PROACTIVE_RETRY.baseDelayMs / 2);
    }
    expect(retryAfterMs('', deps.at)).toBeUndefined();
    expect(retryAfterMs('soon', deps.at)).toBeUndefined();
  });

  it('backs off exponentially with jitter, the same way for the same seed', async () => {
    const waits = async () => {
      const deps = simulated(seededRandom(SEED));
      await run(new RetryBudget(PROACTIVE_RETRY, deps), 'POST', [{ status: 502 }]);
      return deps.slept;
    };
    const first = await waits();
    expect(first).toHaveLength(PROACTIVE_RETRY.maxAttempts - 1);
    first.forEach((ms, i) => {
      const cap = Math.min(PROACTIVE_RETRY.maxDelayMs, PROACTIVE_RETRY.baseDelayMs * 2 ** i);
      expect(ms).toBeGreaterThanOrEqual(cap / 2);
      expect(ms).toBeLessThanOrEqual(cap);
    });
    expect(await waits()).toEqual(first);
    // Jitter: not every wait is exactly half or all of its step.
    expect(first.some((ms, i) => ms !== PROACTIVE_RETRY.baseDelayMs * 2 ** i)).toBe(true);
  });

  it('stops at the turn budget: a long Retry-After ends the retries at once, and so does a spent budget', async () => {
    const long = await run(new RetryBudget(TURN_RETRY, simulated()), 'POST', [
      { status: 429, retryAfter: '10' },
    ]);
    expect(long).toEqual({ attempts: 1, gaveUp: 'budget', last: 429 });

    // One budget spans the turn: a second send after 2.9 s of waiting has no room left to retry.
    const deps = simulated();
    const turn = new RetryBudget(TURN_RETRY, deps);
    await run(turn, 'POST', [{ status: 200 }]);
    deps.at += 2_900;
    expect(await run(turn, 'POST', [{ status: 502 }, { status: 200 }])).toEqual({
      attempts: 1,
      gaveUp: 'budget',
      last: 502,
    });
  });

  it('keeps a persistently failing turn inside its budget', async () => {
    const deps = simulated();
    const started = deps.at;
    const outcome = await run(new RetryBudget(TURN_RETRY, deps), 'POST', [{ status: 429 }]);
    expect(outcome.last).toBe(429);
    expect(['attempts', 'budget']).toContain(outcome.gaveUp);
    expect(outcome.attempts).toBeLessThanOrEqual(TURN_RETRY.maxAttempts);
    expect(deps.at - started).toBeLessThanOrEqual(TURN_RETRY.budgetMs);
  });
});
