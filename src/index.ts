import type { App } from './app';
import { configOrExit, type Config } from './config';
import { tuneHeap } from './heap';

// Defined with the configuration, so `npm run store` (dist/src/cli/store.js) need not load this entry.
export { configOrExit };

/** Starts the bot and wires SIGINT/SIGTERM to a graceful stop. */
export async function startBot(
  config: Config,
  hooks: { beforeExit?: () => Promise<void> } = {},
): Promise<App> {
  tuneHeap(config.heapGrowthPercent);
  // Loaded once the configuration is known to be valid, so a bad setting fails in milliseconds.
  const { createApp } = await import('./app');
  const app = await createApp(config);
  const address = await app.listen();
  app.logger.info(
    {
      mode: config.mode,
      url: `http://${address.address}:${address.port}/api/messages`,
      authenticated: Boolean(config.auth.appId),
    },
    'bot listening',
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'stopping: finishing turns in flight and flushing the store');
    app
      .close()
      .then(() => hooks.beforeExit?.())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.logger.error({ err }, 'unclean stop');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return app;
}

if (require.main === module) {
  startBot(configOrExit(process.env)).catch((err: unknown) => {
    process.stderr.write(
      `failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  });
}
