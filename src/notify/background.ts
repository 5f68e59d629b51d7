import type { Logger } from '../logger';
import { outsideTurn, withTurnReads } from '../store/turnCache';

/**
 * Work done after a turn has answered (updating other copies of a card, telling a requester):
 * Teams gives an invoke a few seconds, so slow fan-out happens here. A graceful stop waits for it.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, work: () => Promise<unknown>): void {
    // It outlives the turn that started it: no turn-scoped reads (see src/store/turnCache.ts).
    const task = outsideTurn(work)
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error({ err, task: name }, 'background task failed'))
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /**
   * Runs one piece of background work with reads of its own (a tenant snapshot read now serves
   * its later reads, as in a turn), forgotten when it ends: nothing is carried to other work.
   */
  fresh<T>(work: () => Promise<T>): Promise<T> {
    return withTurnReads(work);
  }

  /** Resolves when everything started so far has finished. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
