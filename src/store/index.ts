import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import type { Storage } from 'botbuilder';
// The storage class alone: the package's index also loads the blob-storage client (unused here).
import { CosmosDbPartitionedStorage } from 'botbuilder-azure/lib/cosmosDbPartitionedStorage';
import { Agent } from 'node:https';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Repositories } from '../domain/repositories';
import { isLocalStoreEndpoint } from '../config';
import { allRepositories } from './allRepositories';
import type { AppStore } from './appStore';
import { EMULATOR_KEY } from './emulatorKey';
import type { LocalCosmosServer } from './localServer';
import { cosmosHttpClient } from './httpClient';
import { CosmosRepository, prefetchTenant } from './repository';
import { restoreSnapshot, writeSnapshot } from './snapshot';

export type { AppStore } from './appStore';

export const ENTITIES_CONTAINER = 'entities';
export const STATE_CONTAINER = 'state';
/** A hard kill loses at most this much of the local store's writes. */
export const SNAPSHOT_INTERVAL_MS = 2000;

export interface StoreOptions {
  /** Azure Cosmos DB endpoint; absent → embedded local server. */
  endpoint?: string;
  key?: string;
  database: string;
  /** Local mode: port for the embedded server (0 = any free port). */
  localPort: number;
  /** Local mode: where the snapshot lives; undefined keeps data in memory only (tests). */
  localDataDir?: string;
  /** Local mode: snapshot this often while something changed (default SNAPSHOT_INTERVAL_MS); 0 = only on close. */
  snapshotIntervalMs?: number;
}

/** The Cosmos DB store (Azure, or the embedded local server). */
export interface Store extends AppStore {
  readonly endpoint: string;
  readonly local: boolean;
  readonly client: CosmosClient;
  readonly database: Database;
  readonly entities: Container;
  /** Dialog and conversation state for botbuilder (botbuilder-azure on the `state` container). */
  readonly state: Storage;
  /** Local mode: the embedded server (fault drills pause and resume it). */
  readonly localServer?: LocalCosmosServer;
}

function makeRepositories(entities: Container): Repositories {
  return allRepositories((type, schema) => new CosmosRepository(entities, type, schema));
}

/**
 * @azure/cosmos 4.9 formats the diagnostics of every operation into a string and then, at the
 * default level ("info"), hands it to a writer that drops it: a measurable share of a turn's CPU
 * for nothing. At that level only, the formatting is skipped (nothing is written either way).
 */
function skipUnwrittenDiagnostics(client: CosmosClient): void {
  const context = (client as unknown as { clientContext?: Record<string, unknown> }).clientContext;
  const writer = context?.diagnosticWriter as { constructor?: { name?: string } } | undefined;
  if (context && context.diagnosticLevel === 'info' && writer?.constructor?.name === 'NoOpDiagnosticWriter')
    context.diagnosticFormatter = { format: () => '' };
}

export async function openStore(options: StoreOptions, logger: Logger): Promise<Store> {
  let local: LocalCosmosServer | undefined;
  let endpoint = options.endpoint;
  let key = options.key;
  // The embedded server's certificate is self-signed: trust it on this one loopback agent only.
  let agent: Agent | undefined;
  if (!endpoint) {
    // Loaded only in local mode: production never needs the embedded server.
    const { startLocalCosmos } = await import('./localServer');
    local = await startLocalCosmos(options.localPort);
    endpoint = local.endpoint;
  }
  const loopback = isLocalStoreEndpoint(endpoint);
  if (loopback) {
    // The embedded server or `npm run store` on loopback: a self-signed certificate and the
    // emulator key. The relaxed check lives on this one agent, which only ever reaches loopback.
    key ??= EMULATOR_KEY;
    agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  }
  const clientOptions = {
    endpoint,
    key,
    agent,
    // Both clients (ours and botbuilder-azure's, which gets these options) send through it.
    httpClient: cosmosHttpClient(),
    connectionPolicy: { enableEndpointDiscovery: !loopback, requestTimeout: 10_000 },
    // Fail a turn in seconds rather than hang it when the store is down; 429s are still retried.
    retryOptions: { maxRetryAttemptCount: 5, fixedRetryIntervalInMilliseconds: 0, maxWaitTimeInSeconds: 10 },
  };
  const client = new CosmosClient(clientOptions);
  skipUnwrittenDiagnostics(client);

  const snapshotFile =
    local && options.localDataDir ? join(options.localDataDir, 'cosmos-snapshot.json') : undefined;
  if (snapshotFile) {
    const restored = await restoreSnapshot(client, snapshotFile);
    if (restored > 0) logger.info({ documents: restored }, 'local store restored from snapshot');
  }

  const { database } = await client.databases.createIfNotExists({ id: options.database });
  const { container: entities } = await database.containers.createIfNotExists({
    id: ENTITIES_CONTAINER,
    partitionKey: { paths: ['/tenantId'] },
  });
  await database.containers.createIfNotExists({ id: STATE_CONTAINER, partitionKey: { paths: ['/id'] } });

  // botbuilder-azure caches the state container per database + container name for the whole
  // process: one store per process (as in production), or distinct database names (tests).
  const state = new CosmosDbPartitionedStorage({
    cosmosDbEndpoint: endpoint,
    authKey: key,
    databaseId: options.database,
    containerId: STATE_CONTAINER,
    compatibilityMode: false,
    cosmosClientOptions: clientOptions,
  });

  let snapshotting: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    if (!local || !snapshotFile) return;
    if (snapshotting) await snapshotting;
    if (!local.dirty) return;
    local.markClean();
    snapshotting = writeSnapshot(client, snapshotFile).catch((err: unknown) => {
      local?.markDirty();
      logger.error({ err }, 'local store snapshot failed');
    });
    await snapshotting;
    snapshotting = undefined;
  };
  const interval = options.snapshotIntervalMs ?? SNAPSHOT_INTERVAL_MS;
  const timer =
    snapshotFile && interval > 0
      ? setInterval(() => {
          void flush();
        }, interval)
      : undefined;
  timer?.unref();

  return {
    endpoint,
    local: Boolean(local),
    localServer: local,
    client,
    database,
    entities,
    repos: makeRepositories(entities),
    tenantIndex: {
      async tenantsWithNoticeSubscriptions() {
        const { resources } = await entities.items
          .query<{ tenantId: string }>({
            query: 'SELECT c.tenantId FROM c WHERE c.type = @type AND c.active = true',
            parameters: [{ name: '@type', value: 'noticeSubscription' }],
          })
          .fetchAll();
        return [...new Set(resources.map((r) => r.tenantId))];
      },
    },
    state,
    prefetch: (tenantId, types, selections) => prefetchTenant(entities, tenantId, types, selections),
    async health() {
      try {
        await database.read();
        return true;
      } catch {
        return false;
      }
    },
    flush,
    async close() {
      if (timer) clearInterval(timer);
      await flush();
      client.dispose();
      agent?.destroy();
      await local?.close();
    },
  };
}
