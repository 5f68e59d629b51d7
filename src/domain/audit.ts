import { randomUUID } from 'node:crypto';
import type { AuditRecord } from './model';
import { ConcurrencyError } from './errors';
import type { Clock, Repository, Versioned } from './ports';

export type AuditEntry = Pick<AuditRecord, 'tenantId' | 'actor' | 'action' | 'target' | 'outcome' | 'detail'>;

/** Writes who did what, when, and how it ended. Ids sort by time. */
export class AuditLog {
  constructor(
    private readonly repo: Repository<AuditRecord>,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<AuditRecord> {
    const at = this.clock.now().toISOString();
    const doc: AuditRecord = { type: 'audit', id: `audit:${at}:${randomUUID()}`, at, ...entry };
    await this.repo.create(doc);
    return doc;
  }

  /**
   * Creates `doc` and the record of the act in one store request where the store can (the same
   * tenant's documents); `'exists'` (nothing recorded) when `doc` was already there. Returns the
   * created version with its ETag.
   */
  async createRecorded<T extends { id: string; tenantId: string; type: string }>(
    repo: Repository<T>,
    doc: T,
    entry: AuditEntry,
  ): Promise<Versioned<T> | 'exists'> {
    const at = this.clock.now().toISOString();
    const record: AuditRecord = { type: 'audit', id: `audit:${at}:${randomUUID()}`, at, ...entry };
    if (repo.createWith) return repo.createWith(doc, this.repo, record);
    if ((await repo.create(doc)) === 'exists') return 'exists';
    await this.repo.create(record);
    const stored = await repo.get(doc.tenantId, doc.id);
    if (!stored) throw new ConcurrencyError(doc.id);
    return stored;
  }

  /**
   * Records an act that happened at `at` exactly once, however often it is called: the id is
   * derived from the act (`key`), so an act whose record was not written (the store went away
   * right after the act) gets it when the act is retried, and a retry never records it twice.
   */
  async recordOnce(entry: AuditEntry, at: string, key: string): Promise<AuditRecord> {
    const doc: AuditRecord = { type: 'audit', id: `audit:${at}:${key}`, at, ...entry };
    await this.repo.create(doc);
    return doc;
  }

  async recent(tenantId: string, limit = 20): Promise<AuditRecord[]> {
    const rows = await this.repo.list(tenantId, { orderBy: { field: 'at', direction: 'DESC' }, limit });
    return rows.map((r) => r.doc);
  }
}
