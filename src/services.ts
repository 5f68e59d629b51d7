import type { ActivationSettings } from './domain/activation';
import type { VerificationSender } from './domain/enrollment';
import type { EntityType } from './domain/model';
import type { Clock, Selection } from './domain/ports';
import type { DomainServices } from './app';
import type { Logger } from './logger';
import type { BackgroundTasks } from './notify/background';
import type { Messenger } from './notify/messenger';
import type { ExpiryScanner } from './notify/scanner';
import type { UsageDigestSender } from './notify/usageDigest';

/**
 * Everything handlers need, injected once (tests pass their own clock, logger, store): the domain
 * services (built once in src/app.ts) and the Teams-side helpers.
 */
export interface BotServices extends DomainServices {
  clock: Clock;
  logger: Logger;
  allowedTenants: readonly string[];
  /** Processing delays of technical benefits and Go-To-Market offers; manual completion in local mode. */
  activation: ActivationSettings;
  /** Proactive messages (approval cards, notices, "you were granted…"). */
  messenger: Messenger;
  /** The expiry check (also run on a schedule and by the notify endpoint). */
  scanner: ExpiryScanner;
  /** The utilisation digest for channels with reminders (on the scanner's schedule). */
  usageDigests: UsageDigestSender;
  /** Work that continues after the turn answered; a graceful stop waits for it. */
  background: BackgroundTasks;
  /** Local mode (embedded store, demo data, loopback): demo-only shortcuts are offered there only. */
  mode: 'local' | 'configured';
  /** Sends enrolment confirmation codes by e-mail (production). */
  verificationSender: VerificationSender;
  /**
   * Reads every document of these types of one tenant in one store request, for the rest of the
   * turn (later reads and lists of those types come from it), and in the same request the
   * documents matching each selection (a later `list` with that filter comes from them); does
   * nothing outside a turn.
   */
  prefetch?: (
    tenantId: string,
    types: readonly EntityType[],
    selections?: readonly Selection[],
  ) => Promise<void>;
}
