import { ConcurrencyError, RuleViolation } from '../../src/domain/errors';
import { MutationAbandonedError, mutate, RETRY_POLICY, retrying, UNCHANGED } from '../../src/domain/mutate';
import type { Repository, Versioned } from '../../src/domain/ports';

interface Counter {
  id: string;
  tenantId: string;
  value: number;
}

/**
 * A one-tenant map with ETags, just enough of the Repository port for the helper: `beforeWrite`
 * runs between every read and the write that follows it, so a test can be the "someone else".
 */
class RacyRepo implements Repository<Counter> {
  private docs = new Map<string, Versioned<Counter>>();
  private version = 0;
  writes = 0;
  beforeWrite: () => Promise<void> | void = () => undefined;

  get(_tenantId: string, id: string): Promise<Versioned<Counter> | undefined> {
    const found = this.docs.get(id);
    return Promise.resolve(found && { doc: { ...found.doc }, etag: found.etag });
  }
  async create(doc: Counter): Promise<'created' | 'exists'> {
    await this.beforeWrite();
    if (this.docs.has(doc.id)) return 'exists';
    this.put(doc);
    return 'created';
  }
  async replace(doc: Counter, etag: string): Promise<Versioned<Counter>> {
    await this.beforeWrite();
    if (this.docs.get(doc.id)?.etag !== etag) throw new ConcurrencyError(doc.id);
    return this.put(doc);
  }
  delete(): Promise<boolean> {
    return Promise.reject(new Error('not used'));
  }
  list(): Promise<Versioned<Counter>[]> {
    return Promise.resolve([...this.docs.values()]);
  }
  /** Someone else's write: a new version, without going through `beforeWrite`. */
  put(doc: Counter): Versioned<Counter> {
    this.writes += 1;
    this.version += 1;
    const row = { doc: { ...doc }, etag: `v${this.version}` };
    this.docs.set(doc.id, row);
    return { doc: { ...doc }, etag: row.etag };
  }
}

const T = 'tenant-a';

describe('mutate: the one read-modify-write', () => {
  it('re-applies the change to the version that won the race, so neither write is lost', async () => {
    const repo = new RacyRepo();
    repo.put({ id: 'c', tenantId: T, value: 1 });
    let raced = false;
    repo.beforeWrite = () => {
      if (raced) return;
      raced = true;
      repo.put({ id: 'c', tenantId: T, value: 10 }); // someone else wrote between our read and write
    };
    const seen: number[] = [];
    const stored = await mutate(repo, T, 'c', (current) => {
      seen.push(current?.value ?? -1);
      return { ...current!, value: current!.value + 1 };
    });
    expect(seen).toEqual([1, 10]);
    expect(stored?.doc.value).toBe(11);
    expect((await repo.get(T, 'c'))?.doc.value).toBe(11);
  });

  it('writes nothing when a rule inside the change says no, and passes the refusal on', async () => {
    const repo = new RacyRepo();
    repo.put({ id: 'c', tenantId: T, value: 1 });
    const before = repo.writes;
    await expect(
      mutate(repo, T, 'c', () => {
        throw new RuleViolation('seats.poolFull');
      }),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect(repo.writes).toBe(before);
    expect((await repo.get(T, 'c'))?.doc.value).toBe(1);
  });

  it('re-checks the rule on the fresh version: a race that makes the change illegal ends in the refusal', async () => {
    const repo = new RacyRepo();
    repo.put({ id: 'c', tenantId: T, value: 1 });
    repo.beforeWrite = () => {
      repo.beforeWrite = () => undefined;
      repo.put({ id: 'c', tenantId: T, value: 5 });
    };
    await expect(
      mutate(repo, T, 'c', (current) => {
        if (current!.value >= 5) throw new RuleViolation('seats.poolFull');
        return { ...current!, value: current!.value + 1 };
      }),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect((await repo.get(T, 'c'))?.doc.value).toBe(5);
  });

  it('writes nothing for UNCHANGED and returns the stored version', async () => {
    const repo = new RacyRepo();
    repo.put({ id: 'c', tenantId: T, value: 1 });
    const before = repo.writes;
    const kept = await mutate(repo, T, 'c', () => UNCHANGED);
    expect(kept?.doc.value).toBe(1);
    expect(repo.writes).toBe(before);
  });

  it('creates the document when there is none; a create that lost the race re-reads and changes theirs', async () => {
    const repo = new RacyRepo();
    repo.beforeWrite = () => {
      repo.beforeWrite = () => undefined;
      repo.put({ id: 'c', tenantId: T, value: 7 }); // created by someone else first
    };
    const stored = await mutate(repo, T, 'c', (current) => ({
      id: 'c',
      tenantId: T,
      value: (current?.value ?? 0) + 1,
    }));
    expect(stored?.doc.value).toBe(8);
  });

  it('starts from a version the caller holds without reading it', async () => {
    const repo = new RacyRepo();
    const known = repo.put({ id: 'c', tenantId: T, value: 1 });
    let reads = 0;
    const get = repo.get.bind(repo);
    repo.get = (tenantId, id) => {
      reads += 1;
      return get(tenantId, id);
    };
    const stored = await mutate(
      repo,
      T,
      'c',
      (current) => ({ ...current!, value: current!.value + 1 }),
      known,
    );
    expect(reads).toBe(0);
    expect(stored?.doc.value).toBe(2);
    expect((await get(T, 'c'))?.doc.value).toBe(2);
  });

  it('reads the stored version when the one the caller holds is stale, so the other write is kept', async () => {
    const repo = new RacyRepo();
    const known = repo.put({ id: 'c', tenantId: T, value: 1 });
    repo.put({ id: 'c', tenantId: T, value: 10 }); // someone else wrote after the caller's version
    const seen: number[] = [];
    const stored = await mutate(
      repo,
      T,
      'c',
      (current) => {
        seen.push(current!.value);
        return { ...current!, value: current!.value + 1 };
      },
      known,
    );
    expect(seen).toEqual([1, 10]);
    expect(stored?.doc.value).toBe(11);
  });

  it('reads first when the version it is given has no ETag (nothing to write it against)', async () => {
    const repo = new RacyRepo();
    repo.put({ id: 'c', tenantId: T, value: 5 });
    const seen: number[] = [];
    await mutate(
      repo,
      T,
      'c',
      (current) => {
        seen.push(current!.value);
        return { ...current!, value: current!.value + 1 };
      },
      { doc: { id: 'c', tenantId: T, value: 1 }, etag: '' },
    );
    expect(seen).toEqual([5]);
  });

  it(`throws MutationAbandonedError (a ConcurrencyError) after ${RETRY_POLICY.attempts} lost races and writes nothing`, async () => {
    const repo = new RacyRepo();
    repo.put({ id: 'c', tenantId: T, value: 1 });
    let tries = 0;
    repo.beforeWrite = () => {
      tries += 1;
      repo.put({ id: 'c', tenantId: T, value: 100 + tries }); // always someone faster
    };
    const failure = await mutate(repo, T, 'c', (current) => ({ ...current!, value: -1 })).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(MutationAbandonedError);
    expect(failure).toBeInstanceOf(ConcurrencyError);
    expect((failure as MutationAbandonedError).attempts).toBe(RETRY_POLICY.attempts);
    expect(tries).toBe(RETRY_POLICY.attempts);
    expect((await repo.get(T, 'c'))?.doc.value).not.toBe(-1);
  }, 15_000);
});

describe('retrying: the same policy for attempts that write more than one document', () => {
  it('runs the attempt again after a ConcurrencyError and returns its result', async () => {
    let n = 0;
    const result = await retrying('doc', () => {
      n += 1;
      return n < 3 ? Promise.reject(new ConcurrencyError('doc')) : Promise.resolve('done');
    });
    expect(result).toBe('done');
    expect(n).toBe(3);
  });

  it('stops at once on any other error', async () => {
    let n = 0;
    await expect(
      retrying('doc', () => {
        n += 1;
        return Promise.reject(new RuleViolation('benefits.notFound'));
      }),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect(n).toBe(1);
  });

  it('passes a nested abandonment on without multiplying the attempts', async () => {
    let n = 0;
    await expect(
      retrying('outer', () => {
        n += 1;
        return Promise.reject(new MutationAbandonedError('inner', RETRY_POLICY.attempts));
      }),
    ).rejects.toMatchObject({ documentId: 'inner' });
    expect(n).toBe(1);
  });
});
