import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import pino from 'pino';
import type { Member } from '../../src/domain/model';
import { openStore, type Store } from '../../src/store';
import { prefetchTenant } from '../../src/store/repository';
import { outsideTurn, withTurnReads } from '../../src/store/turnCache';
import { CONTOSO, FABRIKAM } from '../support/people';

const quiet = pino({ level: 'silent' });
const A = 'c1000000-0000-4000-8000-000000000001';
const member = (tenantId: string, roles: Member['roles']): Member => ({
  type: 'member',
  id: `member:${A}`,
  tenantId,
  aadObjectId: A,
  name: 'Ada',
  roles,
  guest: false,
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
});
/** The store requests (HTTPS) sent while `work` runs: "METHOD path [plan]". */
async function requestsOf(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (request.protocol !== 'https:') return;
    const plan = request.getHeader('x-ms-cosmos-is-query-plan-request') ? ' plan' : '';
    seen.push(`${request.method} ${request.path.split('?')[0]}${plan}`);
  };
  subscribe('http.client.request.start', listener);
  try {
    await work();
  } finally {
    unsubscribe('http.client.request.start', listener);
  }
  return seen;
}

describe('reads of one turn: one tenant snapshot query, nothing kept past the turn', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ database: 'turnreads', localPort: 0 }, quiet);
    await store.repos.members.create(member(CONTOSO, ['MpnPartnerAdmin']));
    await store.repos.members.create(member(FABRIKAM, ['GlobalAdmin']));
  });
  afterAll(async () => {
    await store.close();
  });

  it('sends a query without the query-plan request the SDK would add', async () => {
    const sent = await requestsOf(() => store.repos.members.list(CONTOSO));
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toContain('plan');
  });

  it('serves reads and lists of snapshotted types from the one query, and only this tenant', async () => {
    const sent = await requestsOf(() =>
      withTurnReads(async () => {
        await prefetchTenant(store.entities, CONTOSO, ['member', 'tenant']);
        const got = await store.repos.members.get(CONTOSO, `member:${A}`);
        const listed = await store.repos.members.list(CONTOSO, {
          arrayContains: { roles: 'MpnPartnerAdmin' },
        });
        const none = await store.repos.members.list(CONTOSO, { arrayContains: { roles: 'GlobalAdmin' } });
        const tenant = await store.repos.tenants.get(CONTOSO, 'tenant');
        expect(got?.doc.roles).toEqual(['MpnPartnerAdmin']);
        expect(listed.map((m) => m.doc.tenantId)).toEqual([CONTOSO]);
        expect(none).toEqual([]);
        expect(tenant).toBeUndefined();
      }),
    );
    expect(sent).toHaveLength(1);
  });

  it('sees its own write later in the same turn', async () => {
    await withTurnReads(async () => {
      await prefetchTenant(store.entities, CONTOSO, ['member']);
      const current = await store.repos.members.get(CONTOSO, `member:${A}`);
      await store.repos.members.replace({ ...current!.doc, name: 'Ada Lovelace' }, current!.etag);
      expect((await store.repos.members.get(CONTOSO, `member:${A}`))?.doc.name).toBe('Ada Lovelace');
      expect((await store.repos.members.list(CONTOSO)).map((m) => m.doc.name)).toEqual(['Ada Lovelace']);
    });
  });

  it('reads a revoked role afresh in the next turn, and in work that outlives the turn', async () => {
    let later: Promise<string[] | undefined> = Promise.resolve(undefined);
    await withTurnReads(async () => {
      await prefetchTenant(store.entities, FABRIKAM, ['member']);
      expect((await store.repos.members.get(FABRIKAM, `member:${A}`))?.doc.roles).toEqual(['GlobalAdmin']);
      // Someone else (another process) revokes the role while this turn runs.
      await outsideTurn(async () => {
        const current = await store.repos.members.get(FABRIKAM, `member:${A}`);
        await store.repos.members.replace({ ...current!.doc, roles: [] }, current!.etag);
      });
      later = outsideTurn(() => store.repos.members.get(FABRIKAM, `member:${A}`).then((m) => m?.doc.roles));
    });
    expect(await later).toEqual([]);
    await withTurnReads(async () => {
      expect((await store.repos.members.get(FABRIKAM, `member:${A}`))?.doc.roles).toEqual([]);
    });
  });

  it('re-reads a document it did not snapshot (a loop waiting for another writer sees the change)', async () => {
    await withTurnReads(async () => {
      const first = await store.repos.members.get(CONTOSO, `member:${A}`);
      await outsideTurn(() =>
        store.repos.members.replace({ ...first!.doc, name: 'Changed elsewhere' }, first!.etag),
      );
      expect((await store.repos.members.get(CONTOSO, `member:${A}`))?.doc.name).toBe('Changed elsewhere');
    });
  });

  it('serves a filtered list read with the snapshot, and reads it afresh after a write of that type', async () => {
    const sent = await requestsOf(() =>
      withTurnReads(async () => {
        await prefetchTenant(
          store.entities,
          CONTOSO,
          ['tenant'],
          [{ type: 'member', filter: { arrayContains: { roles: 'MpnPartnerAdmin' } } }],
        );
        const admins = await store.repos.members.list(CONTOSO, {
          arrayContains: { roles: 'MpnPartnerAdmin' },
          limit: 10,
        });
        expect(admins.map((m) => m.doc.name)).toEqual([expect.any(String)]);
        // Not the filter that was read: asks the store.
        await store.repos.members.list(CONTOSO, { arrayContains: { roles: 'GlobalAdmin' } });
        await store.repos.members.create(member(CONTOSO, ['MpnPartnerAdmin']));
        await store.repos.members.list(CONTOSO, { arrayContains: { roles: 'MpnPartnerAdmin' } });
      }),
    );
    expect(sent).toHaveLength(4);
  });

  it('does nothing outside a turn', async () => {
    const sent = await requestsOf(() => prefetchTenant(store.entities, CONTOSO, ['member']));
    expect(sent).toEqual([]);
  });
});
