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

/**
 * THE retry policy of every optimistic (ETag) write, the one place it is set: how many
 * read-change-write cycles before giving up, and the pause between two of them. No caller picks
 * its own limit; whoever runs out throws MutationAbandonedError, which the bot turns into
 * "someone changed this at the same moment, try again" (src/bot/errors.ts).
 */
export const RETRY_POLICY = Object.freeze({
  attempts: 20,
  /**
   * A growing pause (5, 20, 45 … ms, at most 250) lets the winner of a race finish before we read
   * again. It is jittered (half to all of it) so two writers that keep colliding symmetrically
   * (two admins revoking each other) drift apart instead of meeting again.
   */
  pauseMs(attempt: number): number {
    return Math.min(250, 5 * attempt * attempt) * (0.5 + Math.random() / 2);
  },
});

/** Returned by a change that has nothing to write: the current version is kept as it is. */
export const UNCHANGED = Symbol('unchanged');

/**
 * Runs one optimistic attempt again and again while it loses a race (throws ConcurrencyError),
 * under RETRY_POLICY. For read-modify-writes that `mutate` cannot express on its own: an attempt
 * that writes two documents (a claim, then the decision), creates a document whose id it computes
 * from what it read, or waits for someone else's claim to be settled (throw ConcurrencyError to
 * look again after the pause). Any other error ends it at once (a rule said no). A
 * MutationAbandonedError from a nested attempt is not retried again: it is passed on as it is.
 */
export async function retrying<R>(documentId: string, attempt: (n: number) => Promise<R>): Promise<R> {
  const { attempts } = RETRY_POLICY;
  for (let n = 1; n <= attempts; n += 1) {
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof ConcurrencyError) || err instanceof MutationAbandonedError) throw err;
    }
    if (n < attempts) await new Promise((res) => setTimeout(res, RETRY_POLICY.pauseMs(n)));
  }
  throw new MutationAbandonedError(documentId, attempts);
}

/**
 * THE read-modify-write of one document: read it, apply `change` to it, write it back with the
 * ETag of that read (or create it when there was none). When someone else wrote in between
 * (ConcurrencyError), read again and apply the change to the new version, so its rules are
 * checked against what is stored. `change` may throw (a rule said no: nothing is written) or
 * return UNCHANGED (the current version is returned, undefined when there is none). A result
 * the caller needs besides the document is taken from the last call of `change` (a closure).
 * After RETRY_POLICY.attempts lost races it throws MutationAbandonedError.
 *
 * `known`: a version the caller already holds with its ETag (the one a create or an earlier write
 * returned). The first attempt starts from it instead of reading; if it is no longer the stored
 * version the write is refused (412) and the next attempt reads, as after any lost race.
 */
export async function mutate<T extends { id: string; tenantId: string }>(
  repo: Repository<T>,
  tenantId: string,
  id: string,
  change: (current: T | undefined) => T | typeof UNCHANGED | Promise<T | typeof UNCHANGED>,
  known?: Versioned<T>,
): Promise<Versioned<T> | undefined> {
  // Without an ETag the version is not known: read it.
  const start = known?.etag && known.doc.id === id && known.doc.tenantId === tenantId ? known : undefined;
  return retrying(id, async (n) => {
    const current = n === 1 && start ? start : await repo.get(tenantId, id);
    const next = await change(current?.doc);
    if (next === UNCHANGED) return current;
    if (current) return repo.replace(next, current.etag);
    if ((await repo.create(next)) === 'exists') throw new ConcurrencyError(id);
    return repo.get(tenantId, id);
  });
}

/** `mutate` of a document that must exist: `missing` is thrown (nothing written) when it does not. */
export async function mutateExisting<T extends { id: string; tenantId: string }>(
  repo: Repository<T>,
  tenantId: string,
  id: string,
  missing: () => Error,
  change: (current: T) => T | typeof UNCHANGED | Promise<T | typeof UNCHANGED>,
  known?: Versioned<T>,
): Promise<Versioned<T>> {
  const stored = await mutate(
    repo,
    tenantId,
    id,
    (current) => {
      if (!current) throw missing();
      return change(current);
    },
    known,
  );
  if (!stored) throw missing();
  return stored;
}
