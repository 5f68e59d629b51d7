import { parseArgs } from 'node:util';
import { configOrExit } from '../config';
import { createLogger } from '../logger';
import { openStore } from '../store';

/**
 * `npm run store`: the local Cosmos-compatible store on its own, in its own process (HTTPS on
 * 127.0.0.1, the emulator key, a snapshot in LOCAL_DATA_DIR every LOCAL_SNAPSHOT_SECONDS and on
 * stop), exactly as the bot embeds it. Bots in local mode share it through
 * `COSMOS_ENDPOINT=https://127.0.0.1:<port>`, as production instances share one Cosmos account.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, memory: { type: 'boolean' } },
  });
  const config = configOrExit({
    ...process.env,
    ...(values.port !== undefined ? { LOCAL_COSMOS_PORT: values.port } : {}),
    ...(values['data-dir'] !== undefined ? { LOCAL_DATA_DIR: values['data-dir'] } : {}),
    // This process is the store: whatever COSMOS_ENDPOINT says is for the bots.
    COSMOS_ENDPOINT: undefined,
  });
  const logger = createLogger(config.logLevel);
  const store = await openStore(
    {
      database: config.store.database,
      localPort: config.store.localPort,
      localDataDir: values.memory ? undefined : config.store.localDataDir,
      snapshotIntervalMs: config.store.snapshotSeconds * 1000,
    },
    logger,
  );
  // One line a launcher can wait for and parse (`npm run -s store`), before anything else.
  process.stdout.write(`${JSON.stringify({ store: 'ready', endpoint: store.endpoint })}\n`);
  logger.info(
    { endpoint: store.endpoint, dataDir: values.memory ? null : config.store.localDataDir },
    'local store listening',
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'local store stopping: writing the snapshot');
    store
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'local store: unclean stop');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
