/**
 * What the domain needs from the outside world, as interfaces: the store implements them with
 * Cosmos DB, tests may swap in fakes, and the domain never learns which.
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Versioned<T> {
  doc: T;
  /** Opaque version tag; pass it back to `replace` so a concurrent change is detected. */
  etag: string;
}

export type FilterValue = string | number | boolean;

export interface ListOptions {
  /** Equality filters on top-level or dotted fields, e.g. `{ assignee: id }`. */
  where?: Record<string, FilterValue>;
  /** Array fields that must contain the value, e.g. `{ roles: 'GlobalAdmin' }`. */
  arrayContains?: Record<string, FilterValue>;
  /** Field that must start with the given prefix (e.g. ids of one pool). */
  idPrefix?: string;
  orderBy?: { field: string; direction: 'ASC' | 'DESC' };
  limit?: number;
}

/** A filter on one document type (what `list` filters on, without order or limit). */
export type ListFilter = Pick<ListOptions, 'where' | 'arrayContains' | 'idPrefix'>;

/** Documents of one type matching one filter, read with a tenant snapshot (`prefetch`). */
export interface Selection {
  type: string;
  filter: ListFilter;
}

export interface Repository<T extends { id: string; tenantId: string }> {
  /** The document, or undefined when there is none. */
  get(tenantId: string, id: string): Promise<Versioned<T> | undefined>;
  /** Creates it; `'exists'` when a document with that id is already there (nothing changed). */
  create(doc: T): Promise<'created' | 'exists'>;
  /**
   * `create`, answering the created version with its ETag instead of `'created'` (a later
   * `mutate` can start from it unread). Optional: without it, callers create and read.
   */
  createStored?(doc: T): Promise<Versioned<T> | 'exists'>;
  /** Replaces the version identified by `etag`; throws ConcurrencyError when someone changed it first. */
  replace(doc: T, etag: string): Promise<Versioned<T>>;
  /** Deletes it (only that version when `etag` is given); false when it was already gone. */
  delete(tenantId: string, id: string, etag?: string): Promise<boolean>;
  /** Documents of this type in one tenant, always scoped by tenant id. */
  list(tenantId: string, options?: ListOptions): Promise<Versioned<T>[]>;
  /**
   * Creates it and `otherDoc` (a document of `other`'s type in the same tenant, e.g. the audit
   * record of the act) in one store request; `'exists'` (and neither written) when `doc` is there.
   * Returns the created version with its ETag (a later `mutate` can start from it unread).
   * Optional: without it, callers create the two one after the other.
   */
  createWith?<U extends { id: string; tenantId: string; type: string }>(
    doc: T,
    other: Repository<U>,
    otherDoc: U,
  ): Promise<Versioned<T> | 'exists'>;
}

/** The one cross-tenant question the system asks: which tenants have channels subscribed to notices. */
export interface TenantIndex {
  tenantsWithNoticeSubscriptions(): Promise<string[]>;
}
