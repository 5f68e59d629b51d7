import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configOrExit, startBot } from '../index';
import { demoPeople, playgroundConfig, startPlayground } from './playground';

/**
 * `npm start`: with no configuration, the bot on loopback with the local store and demo data,
 * plus the Agents Playground as the Teams client (`--as dana` picks who you are). With
 * COSMOS_ENDPOINT and MicrosoftAppId set: the bot only.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { as: { type: 'string', default: 'avery' }, 'no-playground': { type: 'boolean' } },
  });
  const config = configOrExit(process.env);
  if (config.mode === 'configured') {
    await startBot(config);
    return;
  }
  const people = await demoPeople(config.seedFile);
  const pgConfig = playgroundConfig(people, values.as ?? 'avery');
  const running: { stopPlayground?: () => Promise<void> } = {};
  const app = await startBot(config, { beforeExit: () => running.stopPlayground?.() ?? Promise.resolve() });
  const botEndpoint = `http://127.0.0.1:${app.http.server.address().port}/api/messages`;
  if (values['no-playground']) {
    console.log(`Bot ready on ${botEndpoint}`);
    return;
  }
  const playground = await startPlayground({
    botEndpoint,
    port: config.playgroundPort,
    workDir: join(config.store.localDataDir, 'playground'),
    config: pgConfig,
  });
  running.stopPlayground = playground.stop;
  const me = (pgConfig.currentUser as { name: string }).name;
  console.log(`\nPartner Benefits bot is running in local mode (store: ${config.store.localDataDir}).`);
  console.log(`Open ${playground.url} in your browser to chat with it as ${me}.`);
  console.log('Stop with Ctrl+C; everything you did is kept for the next start.\n');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
