import { MemoryStorage } from 'botbuilder';
import type { ZodType } from 'zod';
import { ConcurrencyError } from '../domain/errors';
import { checkedDocument, documentToWrite } from './documents';
import type { ListOptions, Repository, TenantIndex, Versioned } from '../domain/ports';
import type { Repositories } from '../domain/repositories';
import { allRepositories } from './allRepositories';
import type { AppStore } from './appStore';
import { checkFieldNames, filterInMemory } from './listFilter';

interface Row {
  type: string;
  doc: Record<string, unknown>;
  etag: string;
}

/**
 * One tenant-partitioned container held in this process: what the Cosmos `entities` container
 * is to the Cosmos repositories. An id is unique within a tenant across every type (as in one
 * Cosmos container); the same id in two tenants is two documents.
 */
export class MemoryContainer {
  private readonly rows = new Map<string, Row>();
  private version = 0;

  private static key(tenantId: string, id: string): string {
    return `${tenantId}\u0000${id}`;
  }

  nextEtag(): string {
    this.version += 1;
    return `"m${this.version}"`;
  }

  read(tenantId: string, id: string): Row | undefined {
    return this.rows.get(MemoryContainer.key(tenantId, id));
  }

  write(tenantId: string, id: string, row: Row): void {
    this.rows.set(MemoryContainer.key(tenantId, id), row);
  }

  remove(tenantId: string, id: string): void {
    this.rows.delete(MemoryContainer.key(tenantId, id));
  }

  /** Rows in the order they were first written (a replace keeps its place, as on the local server). */
  all(): Row[] {
    return [...this.rows.values()];
  }
}

/**
 * The in-memory repository: the same contract as the Cosmos one (tests/store/repositoryContract.ts),
 * with no server. Documents are validated on the way in and out and copied both ways, so a
 * caller that changes a document it was given or gave changes nothing stored.
 */
export class MemoryRepository<
  T extends { id: string; tenantId: string; type: string },
> implements Repository<T> {
  constructor(
    private readonly container: MemoryContainer,
    private readonly type: T['type'],
    private readonly schema: ZodType<T>,
  ) {}

  private validate(doc: T): T {
    return documentToWrite(this.schema, this.type, structuredClone(doc));
  }

  private out(row: Row): Versioned<T> {
    return { doc: checkedDocument(this.schema, row.doc.id, structuredClone(row.doc)), etag: row.etag };
  }

  private mine(tenantId: string, id: string): Row | undefined {
    const row = this.container.read(tenantId, id);
    return row && row.type === this.type ? row : undefined;
  }

  async get(tenantId: string, id: string): Promise<Versioned<T> | undefined> {
    await Promise.resolve();
    const row = this.mine(tenantId, id);
    return row ? this.out(row) : undefined;
  }

  async create(doc: T): Promise<'created' | 'exists'> {
    return (await this.createStored(doc)) === 'exists' ? 'exists' : 'created';
  }

  async createStored(doc: T): Promise<Versioned<T> | 'exists'> {
    const valid = this.validate(doc);
    await Promise.resolve();
    if (this.container.read(valid.tenantId, valid.id)) return 'exists';
    const etag = this.container.nextEtag();
    this.container.write(valid.tenantId, valid.id, { type: this.type, doc: valid, etag });
    return { doc: valid, etag };
  }

  async replace(doc: T, etag: string): Promise<Versioned<T>> {
    const valid = this.validate(doc);
    await Promise.resolve();
    const current = this.container.read(valid.tenantId, valid.id);
    // Gone since it was read, or changed by someone else: both are a race (404/412 in Cosmos).
    if (!current || current.etag !== etag) throw new ConcurrencyError(doc.id);
    const row: Row = {
      type: this.type,
      doc: valid,
      etag: this.container.nextEtag(),
    };
    this.container.write(valid.tenantId, valid.id, row);
    return this.out(row);
  }

  async delete(tenantId: string, id: string, etag?: string): Promise<boolean> {
    await Promise.resolve();
    const current = this.container.read(tenantId, id);
    if (!current) return false;
    if (etag !== undefined && current.etag !== etag) throw new ConcurrencyError(id);
    this.container.remove(tenantId, id);
    return true;
  }

  async list(tenantId: string, options: ListOptions = {}): Promise<Versioned<T>[]> {
    checkFieldNames(options);
    await Promise.resolve();
    const rows = this.container.all().filter((r) => r.type === this.type && r.doc.tenantId === tenantId);
    const byDoc = new Map(rows.map((r) => [r.doc, r]));
    return filterInMemory(
      rows.map((r) => r.doc),
      options,
    ).map((d) => this.out(byDoc.get(d) as Row));
  }
}

/** Every repository over one in-memory container. */
export function memoryRepositories(container = new MemoryContainer()): Repositories {
  return allRepositories((type, schema) => new MemoryRepository(container, type, schema));
}

export interface MemoryStore extends AppStore {
  readonly container: MemoryContainer;
}

/**
 * A whole store in this process, for tests that are about rules and conversations rather than
 * the store: the in-memory repositories, botbuilder's MemoryStorage for dialog state, and the
 * same cross-tenant index. Nothing survives `close`; there is no server to start.
 */
export function openMemoryStore(): MemoryStore {
  const container = new MemoryContainer();
  const tenantIndex: TenantIndex = {
    async tenantsWithNoticeSubscriptions() {
      await Promise.resolve();
      const tenants = container
        .all()
        .filter((r) => r.type === 'noticeSubscription' && r.doc.active === true)
        .map((r) => String(r.doc.tenantId));
      return [...new Set(tenants)];
    },
  };
  return {
    container,
    repos: memoryRepositories(container),
    tenantIndex,
    state: new MemoryStorage(),
    // Every read is already in memory: nothing to read ahead.
    prefetch: () => Promise.resolve(),
    health: () => Promise.resolve(true),
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
