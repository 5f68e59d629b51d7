import type { ActivityHandler, CloudAdapter, Response as AdapterResponse } from 'botbuilder';
import * as restify from 'restify';
import type { Logger } from './logger';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  maxBodyBytes: number;
  /** True when the store answers. */
  health(): Promise<boolean>;
  /** Extra routes (e.g. the notice runner) registered by their own modules. */
  extraRoutes?: (server: restify.Server) => void;
}

export interface BotServer {
  server: restify.Server;
  /** Stop accepting requests and wait (up to `timeoutMs`) for turns in flight to finish. */
  drain(timeoutMs?: number): Promise<void>;
  inFlight(): number;
}

/**
 * CloudAdapter answers 500 for some token faults (bad signature, alg:none, future nbf). If the
 * bot logic never ran, the request was refused before any turn: that is a 401, and it must not
 * look like a server fault.
 */
function authAwareResponse(res: restify.Response, logicStarted: () => boolean): AdapterResponse {
  return {
    socket: res.socket,
    header: (name: string, value: unknown) => {
      res.header(name, value);
      return undefined;
    },
    status: (code: number) => {
      res.status(code === 500 && !logicStarted() ? 401 : code);
      return undefined;
    },
    send: (body?: unknown) => {
      if (res.statusCode === 401 && !logicStarted()) {
        res.send({ error: 'Unauthorized' });
        return undefined;
      }
      res.send(body);
      return undefined;
    },
    end: (...args: unknown[]) => {
      if (!res.writableEnded) (res.end as (...a: unknown[]) => void)(...args);
      return undefined;
    },
  };
}

/** Builds the HTTP server without listening: tests and index.ts both use it. */
export function makeServer(deps: ServerDeps): BotServer {
  const server = restify.createServer({ name: 'partner-benefits-bot', handleUncaughtExceptions: false });
  let inFlight = 0;
  let draining = false;
  const idleWaiters: (() => void)[] = [];

  server.use(
    restify.plugins.bodyParser({
      maxBodySize: deps.maxBodyBytes,
      mapParams: false,
      mapFiles: false,
      keepExtensions: false,
    }),
  );

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.header('Retry-After', '5');
      res.send(503, { error: 'shutting down' });
      return;
    }
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
      res.send(400, { error: 'expected a JSON activity' });
      return;
    }
    inFlight += 1;
    let logicStarted = false;
    try {
      await deps.adapter.process(
        req,
        authAwareResponse(res, () => logicStarted),
        async (context) => {
          logicStarted = true;
          await deps.bot.run(context);
        },
      );
    } catch (err) {
      deps.logger.error({ err }, 'request failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      inFlight -= 1;
      if (inFlight === 0) idleWaiters.splice(0).forEach((w) => w());
    }
  });

  server.get('/healthz', async (_req, res) => {
    const ok = await deps.health();
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'store unavailable' });
  });

  deps.extraRoutes?.(server);

  return {
    server,
    inFlight: () => inFlight,
    async drain(timeoutMs = 10_000) {
      draining = true;
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => idleWaiters.push(resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
        ]);
      }
      // Keep-alive sockets would hold close() open forever.
      server.server.closeIdleConnections();
      await Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}
