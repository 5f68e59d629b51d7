import { Cron } from 'croner';
import type { Logger } from '../logger';

/** Runs the job on a cron pattern; an overrunning run is not started twice (`protect`). */
export function startSchedule(
  pattern: string,
  job: () => Promise<unknown>,
  logger: Logger,
): { stop(): void } {
  const cron = new Cron(pattern, { protect: true, timezone: 'UTC' }, async () => {
    try {
      await job();
    } catch (err) {
      logger.error({ err }, 'scheduled expiry scan failed');
    }
  });
  return { stop: () => cron.stop() };
}
