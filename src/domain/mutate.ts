import { ConcurrencyError } from './errors';
import type { Repository, Versioned } from './ports';

/** The read-modify-write ran out of attempts: others kept changing the document. */
export class MutationAbandonedError extends ConcurrencyError {
  constructor(
    documentId: string,
    readonly attempts: number,
  ) {
    super(documentId);
    this.name = 'MutationAbandonedError';
  }
}

export interface MutateOptions {
  /** How many read-change-write cycles before giving up (default 8). */
  attempts?: number;
}

/** Returned by a change that has nothing to write: the current version is kept as it is. */
export const UNCHANGED = Symbol('unchanged');

/**
 * THE read-modify-write of the domain: read the document, apply `change` to it, write it back
 * with the ETag of that read. When someone else wrote in between (ConcurrencyError), read again
 * and apply the change to the new version, so its rules are checked against what is stored.
 * `change` may throw (a rule said no: nothing is written) or return UNCHANGED. After `attempts`
 * lost races it throws MutationAbandonedError (a ConcurrencyError, so the bot says "busy, try again").
 */
export async function mutate<T extends { id: string; tenantId: string }>(
  repo: Repository<T>,
  tenantId: string,
  id: string,
  change: (current: T | undefined) => T | typeof UNCHANGED,
  options: MutateOptions = {},
): Promise<Versioned<T> | undefined> {
  const attempts = options.attempts ?? 8;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const current = await repo.get(tenantId, id);
    const next = change(current?.doc);
    if (next === UNCHANGED) return current;
    try {
      if (current) return await repo.replace(next, current.etag);
      if ((await repo.create(next)) === 'created') return await repo.get(tenantId, id);
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
    }
    // Lost the race: a short, growing pause lets the winner finish before we read again.
    await new Promise((res) => setTimeout(res, attempt * 3));
  }
  throw new MutationAbandonedError(id, attempts);
}
