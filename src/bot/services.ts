import type { AuditLog } from '../domain/audit';
import type { Authorizer } from '../domain/authorizer';
import type { Directory } from '../domain/directory';
import type { Clock } from '../domain/ports';
import type { Repositories } from '../domain/repositories';
import type { Logger } from '../logger';

/** Everything handlers need, injected once (tests pass their own clock, logger, repositories). */
export interface BotServices {
  repos: Repositories;
  directory: Directory;
  audit: AuditLog;
  authorizer: Authorizer;
  clock: Clock;
  logger: Logger;
  allowedTenants: readonly string[];
}
