import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configOrExit, startBot } from '../index';
import {
  demoPeople,
  playgroundConfig,
  playgroundPortFor,
  startPlayground,
  type RunningPlayground,
} from './playground';

/**
 * `npm start`: with no configuration, the bot on loopback with the local store and demo data,
 * plus the Agents Playground as the Teams client. `--as dana` picks who you are; `--as eli,avery`
 * opens one Playground per person, side by side (each on its own fixed port), so messages between
 * them arrive as in Teams. With COSMOS_ENDPOINT and MicrosoftAppId set: the bot only.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      as: { type: 'string', multiple: true, default: ['avery'] },
      'no-playground': { type: 'boolean' },
    },
  });
  const config = configOrExit(process.env);
  if (config.mode === 'configured') {
    await startBot(config);
    return;
  }
  const people = await demoPeople(config.seedFile);
  const keys = [
    ...new Set((values.as ?? ['avery']).flatMap((v) => v.split(',')).map((k) => k.trim().toLowerCase())),
  ].filter(Boolean);
  // Check every name before anything starts.
  const setups = keys.map((key) => ({
    key,
    config: playgroundConfig(people, key),
    port: playgroundPortFor(people, key, config.playgroundPort),
  }));
  const running: RunningPlayground[] = [];
  const app = await startBot(config, {
    beforeExit: async () => {
      await Promise.all(running.map((p) => p.stop()));
    },
  });
  const botEndpoint = `http://127.0.0.1:${app.http.server.address().port}/api/messages`;
  if (values['no-playground']) {
    console.log(`Bot ready on ${botEndpoint}`);
    return;
  }
  const lines: string[] = [];
  for (const setup of setups) {
    const playground = await startPlayground({
      botEndpoint,
      port: setup.port,
      workDir: join(config.store.localDataDir, 'playground', setup.key),
      config: setup.config,
    });
    running.push(playground);
    const me = (setup.config.currentUser as { name: string }).name;
    lines.push(`Open ${playground.url} in your browser to chat with it as ${me}.`);
  }
  console.log(`\nPartner Benefits bot is running in local mode (store: ${config.store.localDataDir}).`);
  for (const line of lines) console.log(line);
  if (setups.length > 1) console.log('Each person has their own Playground: use one browser tab for each.');
  console.log('Stop with Ctrl+C; everything you did is kept for the next start.\n');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
