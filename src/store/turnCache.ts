import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The reads of one turn, remembered for the rest of that turn only: a turn that reads a tenant
 * snapshot (several document types in one query, `prefetchTenant`) serves every later read and
 * list of those types from it (the pool by the request and again by the card, the tenant by two
 * views) instead of asking the store again. The scope is the turn's async context (`withTurnReads`); nothing outlives it, so a
 * role revoked between two turns is never served from here: every turn reads the person afresh.
 * Work that continues after the turn (`outsideTurn`, used by the background tasks) reads the
 * store again. A write in the turn updates or forgets what it touched.
 */
export interface TurnReads {
  /** `type|tenant|id` → the raw document from a snapshot, or as this turn last wrote it (undefined: deleted). */
  readonly docs: Map<string, Record<string, unknown> | undefined>;
  /** `type|tenant` → every document of that type in the tenant (a tenant snapshot query). */
  readonly lists: Map<string, Record<string, unknown>[]>;
  /** `type|tenant|filter` → the documents of that type matching one filter (a selection in the snapshot query). */
  readonly filtered: Map<string, Record<string, unknown>[]>;
}

const scope = new AsyncLocalStorage<TurnReads>();

export function withTurnReads<T>(work: () => Promise<T>): Promise<T> {
  return scope.run({ docs: new Map(), lists: new Map(), filtered: new Map() }, work);
}

/** Runs `work` with no turn scope (it outlives the turn, so it must read the store). */
export function outsideTurn<T>(work: () => T): T {
  return scope.exit(work);
}

export function currentTurnReads(): TurnReads | undefined {
  return scope.getStore();
}

export const docKey = (type: string, tenantId: string, id: string): string => `${type}|${tenantId}|${id}`;
export const listKey = (type: string, tenantId: string): string => `${type}|${tenantId}`;
/** The key of a filtered list: the filter's conditions only (order and limit are applied on reading). */
export const filterKey = (
  type: string,
  tenantId: string,
  filter: { where?: object; arrayContains?: object; idPrefix?: string },
): string =>
  `${type}|${tenantId}|${JSON.stringify([sorted(filter.where), sorted(filter.arrayContains), filter.idPrefix ?? null])}`;
const sorted = (o: object | undefined): [string, unknown][] =>
  Object.entries(o ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
