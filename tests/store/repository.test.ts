import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ConcurrencyError, CorruptDocumentError } from '../../src/domain/errors';
import type { Member } from '../../src/domain/model';
import { openStore, type Store } from '../../src/store';
import { loadSeedFile } from '../../src/store/seed';
import { CONTOSO, FABRIKAM } from '../support/people';
import { fixedClock } from '../support/testApp';
import { entitySchemas } from '../../src/domain/model';
import { keptDocumentChars, prefetchTenant, VALIDATED_DOCS_MAX_CHARS } from '../../src/store/repository';
import { withTurnReads } from '../../src/store/turnCache';
import { CONTRACT_TENANTS, describeRepositoryContract } from './repositoryContract';

const quiet = pino({ level: 'silent' });
const member = (tenantId: string, aad: string, name: string, roles: Member['roles'] = []): Member => ({
  type: 'member',
  id: `member:${aad}`,
  tenantId,
  aadObjectId: aad,
  name,
  roles,
  guest: false,
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
});
const A = 'c0000000-0000-4000-8000-000000000001';
const B = 'c0000000-0000-4000-8000-000000000002';

describeRepositoryContract('Cosmos SDK against the local server over HTTPS', () =>
  openStore({ database: 'contract-suite', localPort: 0 }, quiet),
);

// As the bot runs it: inside a turn that first read a snapshot of each tenant (the turn's reads
// are then served from memory, and writes must keep them right).
let inTurn: Store;
describeRepositoryContract(
  'Cosmos inside a turn that read tenant snapshots first',
  async () => (inTurn = await openStore({ database: 'contract-turn', localPort: 0 }, quiet)),
  (work) =>
    withTurnReads(async () => {
      for (const tenantId of CONTRACT_TENANTS)
        await prefetchTenant(inTurn.entities, tenantId, Object.keys(entitySchemas));
      await work();
    }),
);

describe('repositories on the real Cosmos SDK against the local server over HTTPS', () => {
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pbstore-'));
    store = await openStore({ database: 'contract', localPort: 0, localDataDir: dir }, quiet);
  });
  afterAll(async () => {
    await store.close();
  });

  it('talks HTTPS to a loopback endpoint', () => {
    expect(store.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('creates and reads back a document, validated, with an etag', async () => {
    expect(await store.repos.members.create(member(CONTOSO, A, 'Ada'))).toBe('created');
    const got = await store.repos.members.get(CONTOSO, `member:${A}`);
    expect(got?.doc).toEqual(member(CONTOSO, A, 'Ada'));
    expect(got?.etag).toBeTruthy();
    expect(got?.doc).not.toHaveProperty('_rid');
  });

  it('answers undefined for a missing document', async () => {
    expect(await store.repos.members.get(CONTOSO, 'member:nobody')).toBeUndefined();
  });

  it('reports a duplicate create as "exists" and keeps the first', async () => {
    expect(await store.repos.members.create(member(CONTOSO, A, 'Impostor'))).toBe('exists');
    expect((await store.repos.members.get(CONTOSO, `member:${A}`))?.doc.name).toBe('Ada');
  });

  it('refuses a replace with a stale etag (412) and keeps the winner', async () => {
    const first = await store.repos.members.get(CONTOSO, `member:${A}`);
    if (!first) throw new Error('missing');
    await store.repos.members.replace({ ...first.doc, name: 'Ada Winner' }, first.etag);
    await expect(
      store.repos.members.replace({ ...first.doc, name: 'Ada Loser' }, first.etag),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await store.repos.members.get(CONTOSO, `member:${A}`))?.doc.name).toBe('Ada Winner');
  });

  it('refuses to write a document that breaks its schema', async () => {
    const bad = { ...member(CONTOSO, B, 'Bad'), roles: ['Overlord'] } as unknown as Member;
    await expect(store.repos.members.create(bad)).rejects.toBeInstanceOf(CorruptDocumentError);
  });

  it('never shows one tenant the documents of another', async () => {
    await store.repos.members.create(member(FABRIKAM, B, 'Fab person', ['GlobalAdmin']));
    const contoso = await store.repos.members.list(CONTOSO);
    expect(contoso.map((m) => m.doc.tenantId)).toEqual(contoso.map(() => CONTOSO));
    expect(contoso.map((m) => m.doc.name)).not.toContain('Fab person');
    // A point read with the right id but the wrong tenant finds nothing.
    expect(await store.repos.members.get(CONTOSO, `member:${B}`)).toBeUndefined();
    expect(await store.repos.members.list(CONTOSO, { arrayContains: { roles: 'GlobalAdmin' } })).toEqual([]);
  });

  it('filters, orders and limits within a tenant', async () => {
    await store.repos.members.create(
      member(CONTOSO, 'c0000000-0000-4000-8000-000000000003', 'Zed', ['GlobalAdmin']),
    );
    const admins = await store.repos.members.list(CONTOSO, { arrayContains: { roles: 'GlobalAdmin' } });
    expect(admins.map((a) => a.doc.name)).toEqual(['Zed']);
    const ordered = await store.repos.members.list(CONTOSO, {
      orderBy: { field: 'name', direction: 'DESC' },
      limit: 1,
    });
    expect(ordered.map((a) => a.doc.name)).toEqual(['Zed']);
  });

  it('deletes only the version it was given', async () => {
    const got = await store.repos.members.get(CONTOSO, `member:${A}`);
    await expect(store.repos.members.delete(CONTOSO, `member:${A}`, '"stale"')).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    expect(await store.repos.members.delete(CONTOSO, `member:${A}`, got?.etag)).toBe(true);
    expect(await store.repos.members.delete(CONTOSO, `member:${A}`)).toBe(false);
  });

  it('keeps everything across a stop and start (snapshot in LOCAL_DATA_DIR)', async () => {
    await store.repos.members.create(member(CONTOSO, A, 'Persisted'));
    await store.close();
    expect(readFileSync(join(dir, 'cosmos-snapshot.json'), 'utf8')).toContain('Persisted');
    store = await openStore({ database: 'contract', localPort: 0, localDataDir: dir }, quiet);
    expect((await store.repos.members.get(CONTOSO, `member:${A}`))?.doc.name).toBe('Persisted');
    expect((await store.repos.members.get(FABRIKAM, `member:${B}`))?.doc.name).toBe('Fab person');
  });

  it('writes the snapshot on its own within seconds, so a hard kill loses at most that', async () => {
    await store.repos.members.create(member(CONTOSO, 'c0000000-0000-4000-8000-000000000004', 'Timer'));
    const deadline = Date.now() + 5000;
    let text = '';
    while (Date.now() < deadline && !text.includes('Timer')) {
      await new Promise((r) => setTimeout(r, 250));
      text = readFileSync(join(dir, 'cosmos-snapshot.json'), 'utf8');
    }
    expect(text).toContain('Timer');
  });

  it('answers health checks', async () => {
    expect(await store.health()).toBe(true);
  });
});

describe('demo seed', () => {
  it('loads idempotently: a second load creates nothing', async () => {
    const store = await openStore({ database: 'seed', localPort: 0 }, quiet);
    try {
      const clock = fixedClock();
      const first = await loadSeedFile('data/demo.json', store.repos, clock);
      expect(first.created).toBeGreaterThan(20);
      const second = await loadSeedFile('data/demo.json', store.repos, clock);
      expect(second).toEqual({ created: 0, existing: first.created });
    } finally {
      await store.close();
    }
  });
});

describe('reading the same version of a document again', () => {
  let store: Store;
  const C = 'c0000000-0000-4000-8000-000000000031';
  beforeAll(async () => {
    store = await openStore({ database: 'validated', localPort: 0 }, quiet);
    await store.repos.members.create(member(CONTOSO, C, 'Cleo', ['GlobalAdmin']));
  });
  afterAll(async () => {
    await store.close();
  });

  it('gives the same document, and each read its own copy', async () => {
    const first = await store.repos.members.get(CONTOSO, `member:${C}`);
    first?.doc.roles.splice(0);
    const second = await store.repos.members.get(CONTOSO, `member:${C}`);
    expect(second?.doc).toEqual(member(CONTOSO, C, 'Cleo', ['GlobalAdmin']));
    expect(second?.etag).toBe(first?.etag);
    expect(keptDocumentChars()).toBeGreaterThan(0);
    expect(keptDocumentChars()).toBeLessThanOrEqual(VALIDATED_DOCS_MAX_CHARS);
  });

  it('shows a role revoked by another writer at the next read', async () => {
    const before = await store.repos.members.get(CONTOSO, `member:${C}`);
    // Written past the repository, as another instance of the bot would.
    await store.entities.item(`member:${C}`, CONTOSO).replace({ ...before?.doc, roles: [] });
    const after = await store.repos.members.get(CONTOSO, `member:${C}`);
    expect(after?.doc.roles).toEqual([]);
    expect(after?.etag).not.toBe(before?.etag);
    expect(
      (await store.repos.members.list(CONTOSO)).find((m) => m.doc.id === `member:${C}`)?.doc.roles,
    ).toEqual([]);
  });

  it('still refuses a version that breaks its schema, even after a valid one was read', async () => {
    const valid = await store.repos.members.get(CONTOSO, `member:${C}`);
    await store.entities.item(`member:${C}`, CONTOSO).replace({ ...valid?.doc, roles: ['Overlord'] });
    await expect(store.repos.members.get(CONTOSO, `member:${C}`)).rejects.toBeInstanceOf(
      CorruptDocumentError,
    );
  });
});
