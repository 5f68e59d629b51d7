import type { ActivityHandler, CloudAdapter, Response as AdapterResponse } from 'botbuilder';
import { createHash, timingSafeEqual } from 'node:crypto';
import * as restify from 'restify';
import { z } from 'zod';
import type { Logger } from './logger';

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  maxBodyBytes: number;
  /** True when the store answers. */
  health(): Promise<boolean>;
  /** The expiry scan's endpoints, for an external timer; absent without a secret. */
  notify?: {
    secret: string;
    run(): Promise<unknown>;
    last(): unknown;
  };
}

export interface BotServer {
  server: restify.Server;
  /** Stop accepting requests and wait (up to `timeoutMs`) for turns in flight to finish. */
  drain(timeoutMs?: number): Promise<void>;
  inFlight(): number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Teams ids (`a:…`, `19:…@thread.tacv2;messageid=…`, `29:…`) are printable ASCII; they end up in URLs and headers. */
const teamsId = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[\x21-\x7e][\x20-\x7e]*$/);
const optionalText = z.string().max(1024).nullish();
/** ChannelAccount as the connector's serializer checks it when the bot replies. */
const account = z.looseObject({
  id: teamsId.optional(),
  name: optionalText,
  aadObjectId: z.string().regex(GUID).nullish(),
  role: optionalText,
});
const entity = z
  .looseObject({ type: z.string().max(100), mentioned: z.unknown().optional() })
  .refine(
    (e) => e.type.toLowerCase() !== 'mention' || account.safeParse(e.mentioned).success,
    'a mention names whom it mentions',
  );

/**
 * The parts of an activity that botbuilder and the bot read (or echo into the reply) before they
 * check anything themselves. Teams always sends them in this shape; anything else fails deep
 * inside the framework (a 500, or a turn that half runs and cannot answer), so it is refused here
 * with 400, before authentication, as botbuilder itself does for a missing type. Other fields pass.
 */
const activityEnvelope = z.looseObject({
  type: z.string().min(1).max(100),
  id: teamsId.nullish(),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  // Part of the conversation state key (`msteams/conversations/…`).
  channelId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  conversation: z.looseObject({
    id: teamsId,
    tenantId: z.string().regex(GUID).nullish(),
    conversationType: optionalText,
    name: optionalText,
    isGroup: z.boolean().nullish(),
    aadObjectId: z.string().regex(GUID).nullish(),
    role: optionalText,
  }),
  from: account,
  recipient: account,
  locale: z.string().max(100).nullish(),
  text: z.string().nullish(),
  name: z.string().max(200).nullish(),
  replyToId: teamsId.nullish(),
  // botbuilder reads these without a null check (`entities.length`): an array or nothing.
  entities: z.array(entity).optional(),
  attachments: z.array(z.looseObject({})).optional(),
  channelData: z
    .looseObject({ tenant: z.looseObject({ id: z.string().regex(GUID).nullish() }).nullish() })
    .nullish(),
});

/**
 * CloudAdapter answers 500 for some token faults (bad signature, alg:none, future nbf). If the
 * bot logic never ran, the request was refused before any turn: that is a 401, and it must not
 * look like a server fault.
 */
function authAwareResponse(
  res: restify.Response,
  logicStarted: () => boolean,
  refused: (reason: string) => void,
): AdapterResponse {
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
        // botbuilder's reason names the failed check (never the token itself).
        refused(typeof body === 'string' ? body.slice(0, 200) : 'unauthorized');
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

/** Constant-time comparison (of digests, so the lengths match). */
function secretMatches(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
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
    const envelope = activityEnvelope.safeParse(req.body);
    if (!envelope.success) {
      // Field names only: values may be anything the caller sent.
      const fields = [...new Set(envelope.error.issues.map((i) => i.path.join('.') || '(activity)'))];
      // Logged: if Teams ever sent a shape this refuses, it must show, not vanish.
      deps.logger.warn({ fields }, 'request refused: invalid activity');
      res.send(400, { error: 'invalid activity', fields });
      return;
    }
    inFlight += 1;
    let logicStarted = false;
    try {
      await deps.adapter.process(
        req,
        authAwareResponse(
          res,
          () => logicStarted,
          (reason) => deps.logger.warn({ reason }, 'request refused: not authenticated'),
        ),
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

  if (deps.notify) {
    const { notify } = deps;
    const authorized = (req: restify.Request) =>
      secretMatches(req.header('authorization') ?? '', `Bearer ${notify.secret}`);
    server.post('/api/notify/run', async (req, res) => {
      if (!authorized(req)) {
        res.send(401, { error: 'Unauthorized' });
        return;
      }
      res.send(200, await notify.run());
    });
    server.get('/api/notify/last', async (req, res) => {
      if (!authorized(req)) {
        res.send(401, { error: 'Unauthorized' });
        return;
      }
      res.send(200, (await Promise.resolve(notify.last())) ?? { ran: false });
    });
  }

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
