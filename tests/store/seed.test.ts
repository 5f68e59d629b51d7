import { join } from 'node:path';
import type { Repositories } from '../../src/domain/repositories';
import { memoryRepositories } from '../../src/store/memory';
import { loadSeedFile, SEED_WRITERS } from '../../src/store/seed';
import { fixedClock } from '../support/testApp';
import { CONTOSO } from '../support/people';

const DEMO = join(__dirname, '../../data/demo.json');

/** The repositories with every `create` counted: how many run at once, at most. */
function countingWrites(repos: Repositories): { repos: Repositories; most: () => number } {
  let inFlight = 0;
  let most = 0;
  const counted = new Proxy(repos, {
    get(target, key: string) {
      const repo = target[key as keyof Repositories] as unknown as Record<string, unknown>;
      if (typeof repo?.create !== 'function') return repo;
      const create = (repo.create as (doc: unknown) => Promise<unknown>).bind(repo);
      return new Proxy(repo, {
        get: (r, k) =>
          k === 'create'
            ? async (doc: unknown) => {
                inFlight += 1;
                most = Math.max(most, inFlight);
                try {
                  await new Promise((resolve) => setTimeout(resolve, 1));
                  return await create(doc);
                } finally {
                  inFlight -= 1;
                }
              }
            : r[k as string],
      });
    },
  });
  return { repos: counted, most: () => most };
}

describe('loading the demo data', () => {
  it('fills an empty store, and a second load adds nothing and keeps what changed since', async () => {
    const repos = memoryRepositories();
    const clock = fixedClock();
    const first = await loadSeedFile(DEMO, repos, clock);
    expect(first.created).toBeGreaterThan(20);
    expect(first.existing).toBe(0);

    const tenant = await repos.tenants.get(CONTOSO, 'tenant');
    expect(tenant).toBeDefined();
    await repos.tenants.replace({ ...tenant!.doc, name: 'Renamed since the demo' }, tenant!.etag);

    const second = await loadSeedFile(DEMO, repos, clock);
    expect(second).toEqual({ created: 0, existing: first.created });
    expect((await repos.tenants.get(CONTOSO, 'tenant'))?.doc.name).toBe('Renamed since the demo');
  });

  it(`writes at most ${SEED_WRITERS} documents at once (not one connection to the store per document)`, async () => {
    const { repos, most } = countingWrites(memoryRepositories());
    const loaded = await loadSeedFile(DEMO, repos, fixedClock());
    expect(loaded.created).toBeGreaterThan(SEED_WRITERS * 2);
    expect(most()).toBe(SEED_WRITERS);
  });
});
