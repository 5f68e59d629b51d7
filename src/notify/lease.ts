import { ConcurrencyError } from '../domain/errors';
import { SYSTEM_TENANT, type Lease } from '../domain/model';
import type { Clock, Repository } from '../domain/ports';

/**
 * A lease document with an ETag: at most one holder at a time across every bot instance.
 * A holder that dies stops renewing; the lease expires and another instance takes it.
 */
export class LeaseManager {
  constructor(
    private readonly repo: Repository<Lease>,
    private readonly clock: Clock,
    private readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  async acquire(name: string): Promise<boolean> {
    const id = `lease:${name}`;
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.ttlMs).toISOString();
    const current = await this.repo.get(SYSTEM_TENANT, id);
    if (!current) {
      return (
        (await this.repo.create({
          type: 'lease',
          id,
          tenantId: SYSTEM_TENANT,
          holder: this.holder,
          expiresAt,
        })) === 'created'
      );
    }
    if (current.doc.holder !== this.holder && Date.parse(current.doc.expiresAt) > now.getTime()) return false;
    try {
      await this.repo.replace({ ...current.doc, holder: this.holder, expiresAt }, current.etag);
      return true;
    } catch (err) {
      if (err instanceof ConcurrencyError) return false;
      throw err;
    }
  }

  /** Extends our lease; false when someone else holds it now. */
  async renew(name: string): Promise<boolean> {
    const current = await this.repo.get(SYSTEM_TENANT, `lease:${name}`);
    if (!current || current.doc.holder !== this.holder) return false;
    try {
      const expiresAt = new Date(this.clock.now().getTime() + this.ttlMs).toISOString();
      await this.repo.replace({ ...current.doc, expiresAt }, current.etag);
      return true;
    } catch (err) {
      if (err instanceof ConcurrencyError) return false;
      throw err;
    }
  }

  async release(name: string): Promise<void> {
    const current = await this.repo.get(SYSTEM_TENANT, `lease:${name}`);
    if (current?.doc.holder === this.holder)
      await this.repo.delete(SYSTEM_TENANT, current.doc.id, current.etag).catch(() => false);
  }
}
