import { ActivityHandler } from 'botbuilder';
import { createAdapter } from '../src/bot/adapter';
import { createLogger } from '../src/logger';
import { makeServer } from '../src/server';

/**
 * The floor of the benchmark: the product's own HTTP stack (restify server with its body limit
 * and activity envelope check, `makeServer`; botbuilder CloudAdapter as the product configures
 * it, `createAdapter`) around a bot that answers every message with its text, and reads or
 * writes nothing. Whatever the real bot costs above this is the bot's own work.
 *
 * Run by bench/run.ts in its own process: `node --import tsx bench/echoBot.ts`; PORT (0 = any)
 * picks the port, and the address is logged as JSON (`{"msg":"bot listening","url":…}`) on stdout
 * like the product's entry point does.
 */

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

async function main(): Promise<void> {
  const logger = createLogger('info');
  const adapter = createAdapter({ appType: 'MultiTenant' }, logger);
  const http = makeServer({
    adapter,
    bot: new EchoBot(),
    logger,
    maxBodyBytes: 256 * 1024,
    health: () => Promise.resolve(true),
  });
  const port = Number(process.argv[2] ?? 0);
  await new Promise<void>((resolve) => {
    http.server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = http.server.address();
  logger.info({ url: `http://127.0.0.1:${address.port}/api/messages` }, 'bot listening');
  const stop = () => {
    void http.drain(2000).then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
