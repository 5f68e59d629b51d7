import type { Storage } from 'botbuilder';
import type { Selection, TenantIndex } from '../domain/ports';
import type { Repositories } from '../domain/repositories';

/** What the app needs of a store, whichever kind (Cosmos DB, or the in-memory one tests use). */
export interface AppStore {
  readonly repos: Repositories;
  /** The scanner's cross-tenant index (the only query not scoped to one tenant). */
  readonly tenantIndex: TenantIndex;
  /** Dialog and conversation state for botbuilder. */
  readonly state: Storage;
  /** Reads these document types of one tenant for the rest of the turn, in one request where that helps. */
  prefetch(tenantId: string, types: readonly string[], selections?: readonly Selection[]): Promise<void>;
  /** True when the store answers. */
  health(): Promise<boolean>;
  /** Local mode: write the snapshot now if anything changed. */
  flush(): Promise<void>;
  close(): Promise<void>;
}
