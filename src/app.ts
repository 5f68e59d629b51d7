import type { CloudAdapter } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { createAdapter, type AdapterOverrides } from './bot/adapter';
import { connectorAuth } from './bot/connectorAuth';
import { PartnerBenefitsBot } from './bot/bot';
import type { BotServices } from './services';
import type { Config } from './config';
import type { VerificationSender } from './domain/enrollment';
import { systemClock, type Clock } from './domain/ports';
import type { ActivationSettings } from './domain/activation';
import { AuditLog } from './domain/audit';
import { Authorizer } from './domain/authorizer';
import { BenefitActions } from './domain/benefitActions';
import { Directory } from './domain/directory';
import { DirectoryAdmin } from './domain/directoryAdmin';
import { EnrollmentService } from './domain/enrollment';
import { GoToMarket } from './domain/gtm';
import { Installations } from './domain/installations';
import { MEMBERSHIP_CATALOGUE } from './domain/membershipCatalogue';
import { MembershipRecords } from './domain/membershipRecords';
import { NoticeSubscriptions } from './domain/noticeSubscriptions';
import type { Repositories } from './domain/repositories';
import { Reports } from './domain/reports';
import { RoleAdmin } from './domain/roleAdmin';
import { SeatService } from './domain/seats';
import { SupportBenefits } from './domain/support';
import { createLogger, type Logger } from './logger';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { BackgroundTasks } from './notify/background';
import { LeaseManager } from './notify/lease';
import { ExpiryScanner } from './notify/scanner';
import { startSchedule } from './notify/schedule';
import { UsageDigestSender } from './notify/usageDigest';
import { ALL_COMMANDS } from './features';
import { usageActs } from './features/reports/feature';
import { ConnectorClient } from './notify/connector';
import { Messenger } from './notify/messenger';
import { UnconfiguredVerificationSender } from './notify/verificationSender';
import { makeServer, type BotServer } from './server';
import { openStore, type AppStore, type Store } from './store';
import { loadSeedFile } from './store/seed';

/** `S`: the kind of store passed in `store` (without one, the app opens a Cosmos store). */
export interface AppOverrides<S extends AppStore = Store> extends AdapterOverrides {
  clock?: Clock;
  logger?: Logger;
  logDestination?: DestinationStream;
  /** E-mails enrolment confirmation codes; default: warn that no mail transport is configured. */
  verificationSender?: VerificationSender;
  /**
   * An already open store, shared with other app instances (tests run several bot instances
   * against one store, as production runs several processes against one Cosmos account). The
   * app then leaves opening and closing it to its owner. Tests of rules and conversations pass
   * the in-memory store here (`src/store/memory.ts`).
   */
  store?: S;
}

/** The app; `S` is the kind of store it runs on (Cosmos unless a test passed another). */
export interface App<S extends AppStore = Store> {
  config: Config;
  logger: Logger;
  store: S;
  services: BotServices;
  bot: PartnerBenefitsBot;
  adapter: CloudAdapter;
  http: BotServer;
  /** Starts listening on config.host:config.port (port 0 = any free port). */
  listen(): Promise<AddressInfo>;
  /** Graceful stop: no new requests, in-flight turns finish, the store is flushed. */
  close(): Promise<void>;
}

/** The whole product, wired from a parsed config. `npm start`, production and tests all use this. */
export async function createApp<S extends AppStore = Store>(
  config: Config,
  overrides: AppOverrides<S> = {},
): Promise<App<S>> {
  const logger = overrides.logger ?? createLogger(config.logLevel, overrides.logDestination);
  const clock = overrides.clock ?? systemClock;
  const ownStore = !overrides.store;
  // Without a store passed in, S is the default (the Cosmos store opened here).
  const store: S =
    overrides.store ??
    ((await openStore(
      {
        endpoint: config.store.endpoint,
        key: config.store.key,
        database: config.store.database,
        localPort: config.store.localPort,
        localDataDir: config.store.localDataDir,
        snapshotIntervalMs: config.store.snapshotSeconds * 1000,
      },
      logger,
    )) as unknown as S);
  if (config.seedDemo) {
    const seeded = await loadSeedFile(config.seedFile, store.repos, clock);
    logger.info(seeded, 'demo data loaded');
  }
  const activation = { ...config.activation, manualCompletion: config.mode === 'local' };
  // The composition root: every domain service is built here, once.
  const domain = createDomainServices(store.repos, clock, {
    bootstrapAdmins: config.bootstrapAdmins,
    activation,
  });
  const connector = new ConnectorClient({
    auth: connectorAuth(config.auth, overrides.credentialsFactory),
    logger,
    retryDeps: overrides.retryDeps,
  });
  const messenger = new Messenger(store.repos, connector, clock, logger);
  const scanner = new ExpiryScanner({
    repos: store.repos,
    tenantIndex: store.tenantIndex,
    messenger,
    // Each process is its own lease holder; the lease lives as long as a run, renewed while it runs.
    lease: new LeaseManager(
      store.repos.leases,
      clock,
      `${hostname()}:${process.pid}:${randomUUID()}`,
      config.notify.claimMs,
    ),
    clock,
    logger,
    digestAbove: config.notify.digestAbove,
    staleClaimMs: config.notify.claimMs,
  });
  const usageDigests = new UsageDigestSender({
    repos: store.repos,
    tenantIndex: store.tenantIndex,
    messenger,
    clock,
    logger,
    channelActs: (locale) => usageActs(ALL_COMMANDS, locale),
  });
  const services: BotServices = {
    ...domain,
    clock,
    logger,
    allowedTenants: config.allowedTenants,
    activation,
    messenger,
    scanner,
    usageDigests,
    background: new BackgroundTasks(logger),
    mode: config.mode,
    verificationSender: overrides.verificationSender ?? new UnconfiguredVerificationSender(logger),
    prefetch: (tenantId, types, selections) => store.prefetch(tenantId, types, selections),
  };
  const bot = new PartnerBenefitsBot(services, store.state);
  const adapter = createAdapter(config.auth, logger, overrides);
  const http = makeServer({
    adapter,
    bot,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    health: () => store.health(),
    notify: config.notify.runSecret
      ? { secret: config.notify.runSecret, run: () => scanner.run(), last: () => scanner.lastReport() }
      : undefined,
  });
  let schedule: { stop(): void } | undefined;

  return {
    config,
    logger,
    store,
    services,
    bot,
    adapter,
    http,
    listen: () =>
      new Promise<AddressInfo>((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(config.port, config.host, () => {
          if (config.notify.schedule) {
            // The usage digest rides on the same schedule: once per period and channel (idempotent).
            schedule = startSchedule(
              config.notify.schedule,
              async () => {
                await scanner.run();
                await usageDigests.run();
              },
              logger,
            );
          }
          resolve(http.server.address());
        });
      }),
    async close() {
      schedule?.stop();
      await http.drain();
      await services.background.drain();
      if (ownStore) await store.close();
    },
  };
}

export interface DomainSettings {
  /** Object ids made Global admin on first contact (BOOTSTRAP_ADMINS). */
  bootstrapAdmins: readonly string[];
  /** Processing delays of technical benefits and Go-To-Market offers; manual completion in local mode. */
  activation: ActivationSettings;
}

/**
 * Every domain service, each built once over the same repositories, clock and audit log: the
 * composition root (called by `createApp` above). Handlers and dialogs reach the domain only through
 * these, never through the repositories. A new service is one line here; its type follows.
 */
export function createDomainServices(repos: Repositories, clock: Clock, settings: DomainSettings) {
  const audit = new AuditLog(repos.audit, clock);
  const authorizer = new Authorizer(repos, audit, clock);
  return {
    audit,
    authorizer,
    directory: new Directory(repos, clock, settings.bootstrapAdmins, audit),
    directoryAdmin: new DirectoryAdmin(repos, audit, clock, authorizer),
    roleAdmin: new RoleAdmin(repos, audit, clock),
    seats: new SeatService(repos, audit, clock),
    benefitActions: new BenefitActions(repos, clock, audit),
    enrollment: new EnrollmentService(repos, audit, clock, MEMBERSHIP_CATALOGUE),
    support: new SupportBenefits(repos, audit, clock, settings.activation),
    gtm: new GoToMarket(repos, audit, clock, settings.activation),
    installations: new Installations(repos, clock),
    memberships: new MembershipRecords(repos),
    noticeSubscriptions: new NoticeSubscriptions(repos),
    reports: new Reports(repos, clock),
  };
}

export type DomainServices = ReturnType<typeof createDomainServices>;
