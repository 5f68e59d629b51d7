import { z } from 'zod';
import { DEFAULT_HEAP_GROWTH_PERCENT, MAX_HEAP_GROWTH_PERCENT } from './heap';

/**
 * Every environment variable the product reads, in one schema. Nothing else reads process.env:
 * `loadConfig` is called once at start-up and the typed value is passed down.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const guidList = (name: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((s) => s.trim().toLowerCase())
              .filter(Boolean)
          : [],
      )
      .refine((list) => list.every((id) => GUID.test(id)), {
        message: `${name} must be a comma-separated list of GUIDs`,
      }),
  );

/** The seven Bot Framework endpoint settings that national clouds (Azure China, US Gov) change. */
export const BOT_FRAMEWORK_ENDPOINT_SETTINGS = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
  'CallerId',
] as const;

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
    HOST: optionalString,

    MicrosoftAppId: z.preprocess(
      emptyToUndefined,
      z.string().regex(GUID, 'MicrosoftAppId must be a GUID').optional(),
    ),
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.preprocess(
      emptyToUndefined,
      z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    ),
    MicrosoftAppTenantId: z.preprocess(
      emptyToUndefined,
      z.string().regex(GUID, 'MicrosoftAppTenantId must be a GUID').optional(),
    ),

    ToBotFromChannelOpenIdMetadataUrl: z.preprocess(emptyToUndefined, z.url().optional()),
    ToBotFromChannelTokenIssuer: optionalString,
    ToBotFromEmulatorOpenIdMetadataUrl: z.preprocess(emptyToUndefined, z.url().optional()),
    ToChannelFromBotLoginUrl: z.preprocess(emptyToUndefined, z.url().optional()),
    ToChannelFromBotOAuthScope: optionalString,
    OAuthUrl: z.preprocess(emptyToUndefined, z.url().optional()),
    CallerId: optionalString,

    COSMOS_ENDPOINT: z.preprocess(emptyToUndefined, z.url().optional()),
    COSMOS_KEY: optionalString,
    COSMOS_DATABASE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,255}$/, 'COSMOS_DATABASE may hold letters, digits, - and _')
        .default('mpnbot'),
    ),
    LOCAL_COSMOS_PORT: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(65535).default(8081),
    ),
    LOCAL_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
    LOCAL_SNAPSHOT_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(3600).default(2),
    ),
    SEED_DEMO: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
    SEED_FILE: z.preprocess(emptyToUndefined, z.string().default('data/demo.json')),

    ALLOWED_TENANTS: guidList('ALLOWED_TENANTS'),
    BOOTSTRAP_ADMINS: guidList('BOOTSTRAP_ADMINS'),

    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    HEAP_GROWTH_PERCENT: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(MAX_HEAP_GROWTH_PERCENT).default(DEFAULT_HEAP_GROWTH_PERCENT),
    ),
    MAX_BODY_BYTES: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number()
        .int()
        .min(1024)
        .default(256 * 1024),
    ),

    PLAYGROUND_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(56150)),

    TEAMS_APP_ID: z.preprocess(
      emptyToUndefined,
      z.string().regex(GUID, 'TEAMS_APP_ID must be a GUID').optional(),
    ),
    APP_VERSION: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d+\.\d+\.\d+$/, 'APP_VERSION must look like 1.2.3')
        .optional(),
    ),
    BOT_DOMAIN: optionalString,

    SUPPORT_ACTIVATION_DAYS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(60).default(3),
    ),
    GTM_ACTIVATION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(60).default(5)),
    NOTIFY_SCHEDULE: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^(off|(\S+\s+){4,5}\S+)$/, 'NOTIFY_SCHEDULE is a cron pattern (e.g. "0 * * * *") or "off"')
        .default('0 * * * *'),
    ),
    NOTIFY_RUN_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(16, 'NOTIFY_RUN_SECRET needs at least 16 characters').optional(),
    ),
    NOTIFY_DIGEST_ABOVE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(5)),
    NOTIFY_CLAIM_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(3).max(3600).default(120),
    ),
  })
  // Cross-field rules run even when a field is invalid, so every problem is listed at once.
  .superRefine(
    (env, ctx) => {
      const given = BOT_FRAMEWORK_ENDPOINT_SETTINGS.filter((k) => env[k] !== undefined);
      if (given.length > 0 && given.length < BOT_FRAMEWORK_ENDPOINT_SETTINGS.length) {
        const missing = BOT_FRAMEWORK_ENDPOINT_SETTINGS.filter((k) => env[k] === undefined);
        ctx.addIssue({
          code: 'custom',
          path: [missing[0]],
          message: `the Bot Framework endpoint settings go all or none; missing: ${missing.join(', ')}`,
        });
      }
      if (env.COSMOS_ENDPOINT && !env.COSMOS_KEY && !isLocalStoreEndpoint(env.COSMOS_ENDPOINT)) {
        ctx.addIssue({
          code: 'custom',
          path: ['COSMOS_KEY'],
          message: 'COSMOS_KEY is required with COSMOS_ENDPOINT',
        });
      }
      const configured =
        storeMode(env.COSMOS_ENDPOINT, env.MicrosoftAppId) === 'configured' || env.NODE_ENV === 'production';
      if (configured && !env.MicrosoftAppId) {
        ctx.addIssue({
          code: 'custom',
          path: ['MicrosoftAppId'],
          message:
            'MicrosoftAppId is required outside local mode: without it every request would be accepted unauthenticated',
        });
      }
      if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
        ctx.addIssue({
          code: 'custom',
          path: ['MicrosoftAppPassword'],
          message:
            'MicrosoftAppPassword is required with MicrosoftAppId (unless MicrosoftAppType is UserAssignedMSI)',
        });
      }
      if (env.MicrosoftAppType !== 'MultiTenant' && env.MicrosoftAppId && !env.MicrosoftAppTenantId) {
        ctx.addIssue({
          code: 'custom',
          path: ['MicrosoftAppTenantId'],
          message: `MicrosoftAppTenantId is required when MicrosoftAppType is ${env.MicrosoftAppType}`,
        });
      }
    },
    { when: () => true },
  );

type Env = z.infer<typeof envSchema>;

/** `npm run store` (the standalone local store) and the embedded one listen on loopback only. */
export function isLocalStoreEndpoint(endpoint: string): boolean {
  try {
    const { hostname } = new URL(endpoint);
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/**
 * Local mode: the embedded store, or the standalone local store on loopback (`npm run store`,
 * which several local bot processes can share), with no app id. Anything else is configured.
 */
function storeMode(endpoint: string | undefined, appId: string | undefined): Config['mode'] {
  if (!endpoint) return 'local';
  return isLocalStoreEndpoint(endpoint) && !appId ? 'local' : 'configured';
}

export interface BotAuthConfig {
  appId?: string;
  appPassword?: string;
  appType: Env['MicrosoftAppType'];
  appTenantId?: string;
  /** Present only when all seven are given. */
  endpoints?: Record<(typeof BOT_FRAMEWORK_ENDPOINT_SETTINGS)[number], string>;
}

export interface Config {
  /** Local mode: embedded or standalone local store (loopback), demo data, loopback only, no app id. Configured mode: Azure Cosmos DB. */
  mode: 'local' | 'configured';
  nodeEnv: Env['NODE_ENV'];
  port: number;
  host: string;
  auth: BotAuthConfig;
  store: {
    endpoint?: string;
    key?: string;
    database: string;
    localPort: number;
    localDataDir: string;
    /** Local mode: seconds between snapshots while something changed; 0 = only on a graceful stop. */
    snapshotSeconds: number;
  };
  seedDemo: boolean;
  seedFile: string;
  allowedTenants: string[];
  bootstrapAdmins: string[];
  logLevel: Env['LOG_LEVEL'];
  /**
   * How far V8 lets the heap grow past what the last full collection kept, in percent (0: V8's
   * own rule). See src/heap.ts.
   */
  heapGrowthPercent: number;
  maxBodyBytes: number;
  playgroundPort: number;
  packaging: { teamsAppId?: string; appVersion?: string; botDomain?: string };
  /** Days a technical benefit / Go-To-Market offer stays pending after activation is requested. */
  activation: { supportDays: number; gtmDays: number };
  notify: {
    /** croner pattern, or undefined when scheduling is off (an external timer may call the run endpoint). */
    schedule?: string;
    /** Bearer secret of POST /api/notify/run; the endpoint does not exist without it. */
    runSecret?: string;
    digestAbove: number;
    /**
     * How long the scanner's lease and each notice claim last without renewal: after this, a run
     * whose process died is taken over by another instance (its unsent notices resent once).
     */
    claimMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const mode = storeMode(e.COSMOS_ENDPOINT, e.MicrosoftAppId);
  const endpointsGiven = BOT_FRAMEWORK_ENDPOINT_SETTINGS.every((k) => e[k] !== undefined);
  return {
    mode,
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    // Without an app id nothing is authenticated, so such a bot may only be reached from this machine.
    host: e.HOST ?? (e.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    auth: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType,
      appTenantId: e.MicrosoftAppTenantId,
      endpoints: endpointsGiven
        ? (Object.fromEntries(BOT_FRAMEWORK_ENDPOINT_SETTINGS.map((k) => [k, e[k] as string])) as NonNullable<
            BotAuthConfig['endpoints']
          >)
        : undefined,
    },
    store: {
      endpoint: e.COSMOS_ENDPOINT,
      key: e.COSMOS_KEY,
      database: e.COSMOS_DATABASE,
      localPort: e.LOCAL_COSMOS_PORT,
      localDataDir: e.LOCAL_DATA_DIR,
      snapshotSeconds: e.LOCAL_SNAPSHOT_SECONDS,
    },
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : mode === 'local',
    seedFile: e.SEED_FILE,
    allowedTenants: e.ALLOWED_TENANTS,
    bootstrapAdmins: e.BOOTSTRAP_ADMINS,
    logLevel: e.LOG_LEVEL,
    heapGrowthPercent: e.HEAP_GROWTH_PERCENT,
    maxBodyBytes: e.MAX_BODY_BYTES,
    playgroundPort: e.PLAYGROUND_PORT,
    packaging: { teamsAppId: e.TEAMS_APP_ID, appVersion: e.APP_VERSION, botDomain: e.BOT_DOMAIN },
    activation: { supportDays: e.SUPPORT_ACTIVATION_DAYS, gtmDays: e.GTM_ACTIVATION_DAYS },
    notify: {
      schedule: e.NOTIFY_SCHEDULE === 'off' ? undefined : e.NOTIFY_SCHEDULE,
      runSecret: e.NOTIFY_RUN_SECRET,
      digestAbove: e.NOTIFY_DIGEST_ABOVE,
      claimMs: e.NOTIFY_CLAIM_SECONDS * 1000,
    },
  };
}

/** Names of every variable the schema knows, for the README table test. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as (keyof Env)[];

/** The configuration, or its errors on stderr and exit code 1 (the entry points' first step). */
export function configOrExit(env: NodeJS.ProcessEnv): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
