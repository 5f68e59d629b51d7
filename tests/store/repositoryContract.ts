import { ConcurrencyError, CorruptDocumentError } from '../../src/domain/errors';
import type { Member, NoticeSubscription, SeatAssignment } from '../../src/domain/model';
import type { AppStore } from '../../src/store';

/** What the contract needs of a store: its repositories, the cross-tenant index, and a way to close it. */
export type ContractStore = Pick<AppStore, 'repos' | 'tenantIndex' | 'close'>;

const AT = '2026-11-24T09:00:00.000Z';
const T1 = 'c2000000-0000-4000-8000-000000000001';
const T2 = 'c2000000-0000-4000-8000-000000000002';
const T3 = 'c2000000-0000-4000-8000-000000000003';
/** The tenants the contract writes to. */
export const CONTRACT_TENANTS = [T1, T2, T3] as const;
const BOSS = 'c2000000-0000-4000-8000-0000000000ff';
/** A fresh person id for each case, so the cases share one store without seeing each other. */
let next = 0;
const aad = (): string => `c2100000-0000-4000-8000-${String((next += 1)).padStart(12, '0')}`;

const member = (tenantId: string, id: string, name: string, roles: Member['roles'] = []): Member => ({
  type: 'member',
  id: `member:${id}`,
  tenantId,
  aadObjectId: id,
  name,
  roles,
  guest: false,
  createdAt: AT,
  updatedAt: AT,
});
const seat = (
  tenantId: string,
  poolId: string,
  seatNo: number,
  assignee: string,
  freeOn?: string,
): SeatAssignment => ({
  type: 'seatAssignment',
  id: `assignment:${poolId}:${seatNo}`,
  tenantId,
  poolId,
  seatNo,
  assignee,
  assignedBy: BOSS,
  originalAssignedAt: AT,
  assignedAt: AT,
  ...(freeOn ? { released: { at: AT, by: BOSS, freeOn } } : {}),
});
const subscription = (tenantId: string, channel: string, active: boolean): NoticeSubscription => ({
  type: 'noticeSubscription',
  id: `subscription:${channel}`,
  tenantId,
  conversationId: channel,
  categories: [],
  active,
  createdBy: BOSS,
  createdAt: AT,
});

/**
 * The one contract every implementation of the `Repository` port (src/domain/ports.ts) keeps:
 * run against the Cosmos repositories on the local server and against the in-memory ones, so a
 * test that passes on one passes on the other for the same reasons.
 */
export function describeRepositoryContract(
  name: string,
  open: () => Promise<ContractStore>,
  /** Runs each case inside this (e.g. a bot turn whose reads are remembered); default: as is. */
  around: (work: () => Promise<void>) => Promise<void> = (work) => work(),
): void {
  const check = (title: string, work: () => Promise<void>) => it(title, () => around(work));
  describe(`repository contract: ${name}`, () => {
    let store: ContractStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });
    const members = () => store.repos.members;
    const seats = () => store.repos.seatAssignments;

    describe('get and create', () => {
      check('create answers "created", and get gives the same document back with an etag', async () => {
        const id = aad();
        expect(await members().create(member(T1, id, 'Ada'))).toBe('created');
        const got = await members().get(T1, `member:${id}`);
        expect(got?.doc).toEqual(member(T1, id, 'Ada'));
        expect(typeof got?.etag).toBe('string');
        expect(got?.etag).not.toBe('');
      });

      check('get answers undefined for a document that does not exist', async () => {
        expect(await members().get(T1, `member:${aad()}`)).toBeUndefined();
      });

      check('get through the repository of another type finds nothing', async () => {
        const id = aad();
        await members().create(member(T1, id, 'Typed'));
        expect(await store.repos.invitations.get(T1, `member:${id}`)).toBeUndefined();
        expect((await store.repos.invitations.list(T1)).map((i) => i.doc.id)).not.toContain(`member:${id}`);
      });

      check('a second create with the same id answers "exists" and keeps the first document', async () => {
        const id = aad();
        await members().create(member(T1, id, 'First'));
        expect(await members().create(member(T1, id, 'Second'))).toBe('exists');
        expect((await members().get(T1, `member:${id}`))?.doc.name).toBe('First');
      });

      check('stores what the schema makes of a document (defaults filled in)', async () => {
        const id = aad();
        const { guest: _omitted, ...withoutGuest } = member(T1, id, 'Defaulted');
        await members().create(withoutGuest as Member);
        expect((await members().get(T1, `member:${id}`))?.doc.guest).toBe(false);
      });

      check(
        'refuses to create or replace a document that breaks its schema, and writes nothing',
        async () => {
          const id = aad();
          const bad = { ...member(T1, id, 'Bad'), roles: ['Overlord'] } as unknown as Member;
          await expect(members().create(bad)).rejects.toBeInstanceOf(CorruptDocumentError);
          expect(await members().get(T1, `member:${id}`)).toBeUndefined();
          await members().create(member(T1, id, 'Good'));
          const got = await members().get(T1, `member:${id}`);
          await expect(members().replace(bad, got?.etag ?? '')).rejects.toBeInstanceOf(CorruptDocumentError);
          expect((await members().get(T1, `member:${id}`))?.doc.roles).toEqual([]);
        },
      );
    });

    describe('replace (optimistic concurrency)', () => {
      check('with the current etag writes, and answers the new version with a new etag', async () => {
        const id = aad();
        await members().create(member(T1, id, 'Before'));
        const first = await members().get(T1, `member:${id}`);
        if (!first) throw new Error('missing');
        const written = await members().replace({ ...first.doc, name: 'After' }, first.etag);
        expect(written.doc.name).toBe('After');
        expect(written.etag).not.toBe(first.etag);
        const again = await members().get(T1, `member:${id}`);
        expect(again?.doc.name).toBe('After');
        expect(again?.etag).toBe(written.etag);
      });

      check('with a stale etag throws ConcurrencyError and keeps what the winner wrote', async () => {
        const id = aad();
        await members().create(member(T1, id, 'Ada'));
        const read = await members().get(T1, `member:${id}`);
        if (!read) throw new Error('missing');
        await members().replace({ ...read.doc, name: 'Winner' }, read.etag);
        await expect(members().replace({ ...read.doc, name: 'Loser' }, read.etag)).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect((await members().get(T1, `member:${id}`))?.doc.name).toBe('Winner');
      });

      check('the etag a replace answers is current: the next replace with it succeeds', async () => {
        const id = aad();
        await members().create(member(T1, id, 'One'));
        const read = await members().get(T1, `member:${id}`);
        if (!read) throw new Error('missing');
        const two = await members().replace({ ...read.doc, name: 'Two' }, read.etag);
        const three = await members().replace({ ...two.doc, name: 'Three' }, two.etag);
        expect(three.doc.name).toBe('Three');
        await expect(members().replace({ ...two.doc, name: 'Stale' }, two.etag)).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
      });

      check('of two writers holding the same etag, exactly one wins', async () => {
        const id = aad();
        await members().create(member(T1, id, 'Contested'));
        const read = await members().get(T1, `member:${id}`);
        if (!read) throw new Error('missing');
        const results = await Promise.allSettled([
          members().replace({ ...read.doc, name: 'Left' }, read.etag),
          members().replace({ ...read.doc, name: 'Right' }, read.etag),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0].reason).toBeInstanceOf(ConcurrencyError);
        const winner = (won[0] as PromiseFulfilledResult<{ doc: Member }>).value.doc.name;
        expect((await members().get(T1, `member:${id}`))?.doc.name).toBe(winner);
      });

      check(
        'of a document deleted since it was read throws ConcurrencyError and does not bring it back',
        async () => {
          const id = aad();
          await members().create(member(T1, id, 'Gone'));
          const read = await members().get(T1, `member:${id}`);
          if (!read) throw new Error('missing');
          await members().delete(T1, `member:${id}`);
          await expect(members().replace({ ...read.doc, name: 'Back' }, read.etag)).rejects.toBeInstanceOf(
            ConcurrencyError,
          );
          expect(await members().get(T1, `member:${id}`)).toBeUndefined();
        },
      );
    });

    describe('delete', () => {
      check('with a stale etag throws ConcurrencyError and keeps the document', async () => {
        const id = aad();
        await members().create(member(T1, id, 'Kept'));
        const read = await members().get(T1, `member:${id}`);
        if (!read) throw new Error('missing');
        await members().replace({ ...read.doc, name: 'Changed' }, read.etag);
        await expect(members().delete(T1, `member:${id}`, read.etag)).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect((await members().get(T1, `member:${id}`))?.doc.name).toBe('Changed');
      });

      check('with the current etag deletes (true), and a second delete answers false', async () => {
        const id = aad();
        await members().create(member(T1, id, 'Doomed'));
        const read = await members().get(T1, `member:${id}`);
        expect(await members().delete(T1, `member:${id}`, read?.etag)).toBe(true);
        expect(await members().get(T1, `member:${id}`)).toBeUndefined();
        expect(await members().delete(T1, `member:${id}`)).toBe(false);
        expect(await members().delete(T1, `member:${id}`, read?.etag)).toBe(false);
      });

      check(
        'without an etag deletes whatever version is there; the id can be created again after',
        async () => {
          const id = aad();
          await members().create(member(T1, id, 'Old'));
          expect(await members().delete(T1, `member:${id}`)).toBe(true);
          expect((await members().list(T1)).map((m) => m.doc.id)).not.toContain(`member:${id}`);
          expect(await members().create(member(T1, id, 'New'))).toBe('created');
          expect((await members().get(T1, `member:${id}`))?.doc.name).toBe('New');
        },
      );
    });

    describe('tenants', () => {
      check(
        'the same id in two tenants is two documents: reads, replaces and deletes touch only one',
        async () => {
          const id = aad();
          expect(await members().create(member(T1, id, 'In one'))).toBe('created');
          expect(await members().create(member(T2, id, 'In two'))).toBe('created');
          expect((await members().get(T1, `member:${id}`))?.doc.name).toBe('In one');
          expect((await members().get(T2, `member:${id}`))?.doc.name).toBe('In two');
          const one = await members().get(T1, `member:${id}`);
          if (!one) throw new Error('missing');
          await members().replace({ ...one.doc, name: 'One changed' }, one.etag);
          expect((await members().get(T2, `member:${id}`))?.doc.name).toBe('In two');
          await members().delete(T1, `member:${id}`);
          expect((await members().get(T2, `member:${id}`))?.doc.name).toBe('In two');
        },
      );

      check('an etag of one tenant does not replace the same id in another', async () => {
        const id = aad();
        await members().create(member(T1, id, 'One'));
        await members().create(member(T2, id, 'Two'));
        const one = await members().get(T1, `member:${id}`);
        const two = await members().get(T2, `member:${id}`);
        if (!one || !two) throw new Error('missing');
        await members().replace({ ...two.doc, name: 'Two changed' }, two.etag);
        await expect(members().replace({ ...two.doc, name: 'Sneaky' }, two.etag)).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect((await members().get(T1, `member:${id}`))?.doc.name).toBe('One');
      });

      check('list and every filter of one tenant never answer another tenant’s documents', async () => {
        const mine = aad();
        const theirs = aad();
        await members().create(member(T1, mine, 'Mine', ['GlobalAdmin']));
        await members().create(member(T2, theirs, 'Theirs', ['GlobalAdmin']));
        const lists = [
          await members().list(T1),
          await members().list(T1, { arrayContains: { roles: 'GlobalAdmin' } }),
          await members().list(T1, { where: { name: 'Theirs' } }),
          await members().list(T1, { idPrefix: `member:${theirs}` }),
          await members().list(T1, { orderBy: { field: 'name', direction: 'DESC' }, limit: 1000 }),
        ];
        for (const list of lists) {
          expect(list.every((m) => m.doc.tenantId === T1)).toBe(true);
          expect(list.map((m) => m.doc.name)).not.toContain('Theirs');
        }
        expect(lists[1]?.map((m) => m.doc.name)).toContain('Mine');
        expect(await members().get(T1, `member:${theirs}`)).toBeUndefined();
      });
    });

    describe('list', () => {
      const pool = 'pool:contract';
      const people = { a: aad(), b: aad(), c: aad() };
      beforeAll(async () => {
        await seats().create(seat(T3, pool, 2, people.a));
        await seats().create(seat(T3, pool, 1, people.b, '2027-01-10'));
        await seats().create(seat(T3, pool, 3, people.c, '2027-03-01'));
        await seats().create(seat(T3, 'pool:other', 1, people.a));
        await members().create(member(T3, people.a, 'Only member'));
      });
      const seatNos = (rows: { doc: SeatAssignment }[]) => rows.map((r) => r.doc.seatNo);

      check('answers every document of its type in the tenant, and only of its type', async () => {
        const rows = await seats().list(T3);
        expect(rows).toHaveLength(4);
        expect(rows.every((r) => r.doc.type === 'seatAssignment')).toBe(true);
        expect((await members().list(T3)).map((m) => m.doc.name)).toEqual(['Only member']);
      });

      check('answers an empty list for a tenant with nothing of that type', async () => {
        expect(await seats().list(T2)).toEqual([]);
      });

      check('filters by equality on a top-level field', async () => {
        const rows = await seats().list(T3, { where: { poolId: pool } });
        expect(seatNos(rows).sort()).toEqual([1, 2, 3]);
        expect(await seats().list(T3, { where: { seatNo: 3 } })).toHaveLength(1);
      });

      check('filters by equality on a dotted field; documents without it do not match', async () => {
        const rows = await seats().list(T3, { where: { 'released.freeOn': '2027-01-10' } });
        expect(seatNos(rows)).toEqual([1]);
        expect(rows[0]?.doc.assignee).toBe(people.b);
      });

      check('combines filters: every one must hold', async () => {
        expect(seatNos(await seats().list(T3, { where: { poolId: pool, assignee: people.a } }))).toEqual([2]);
        expect(await seats().list(T3, { where: { poolId: pool, seatNo: 4 } })).toEqual([]);
      });

      check('filters by an array field containing a value', async () => {
        const admin = aad();
        await members().create(member(T3, admin, 'Admin', ['GlobalAdmin', 'MpnPartnerAdmin']));
        const rows = await members().list(T3, { arrayContains: { roles: 'MpnPartnerAdmin' } });
        expect(rows.map((r) => r.doc.name)).toEqual(['Admin']);
        expect(await members().list(T3, { arrayContains: { roles: 'AdminAgent' } })).toEqual([]);
      });

      check('filters by id prefix', async () => {
        const rows = await seats().list(T3, { idPrefix: `assignment:${pool}:` });
        expect(seatNos(rows).sort()).toEqual([1, 2, 3]);
      });

      check('orders ascending and descending, by number and by text', async () => {
        const where = { poolId: pool };
        expect(
          seatNos(await seats().list(T3, { where, orderBy: { field: 'seatNo', direction: 'ASC' } })),
        ).toEqual([1, 2, 3]);
        expect(
          seatNos(await seats().list(T3, { where, orderBy: { field: 'seatNo', direction: 'DESC' } })),
        ).toEqual([3, 2, 1]);
        const byPerson = await seats().list(T3, { where, orderBy: { field: 'assignee', direction: 'ASC' } });
        expect(byPerson.map((r) => r.doc.assignee)).toEqual([people.a, people.b, people.c]);
      });

      check('limits after ordering: the first n of the order', async () => {
        const where = { poolId: pool };
        const top = await seats().list(T3, {
          where,
          orderBy: { field: 'seatNo', direction: 'DESC' },
          limit: 2,
        });
        expect(seatNos(top)).toEqual([3, 2]);
        expect(await seats().list(T3, { where, limit: 1 })).toHaveLength(1);
      });

      check('answers versions whose etags a replace accepts', async () => {
        const [row] = await seats().list(T3, { where: { poolId: 'pool:other' } });
        if (!row) throw new Error('missing');
        const written = await seats().replace({ ...row.doc, requestId: 'seatRequest:x' }, row.etag);
        expect(written.doc.requestId).toBe('seatRequest:x');
        await expect(seats().replace(row.doc, row.etag)).rejects.toBeInstanceOf(ConcurrencyError);
      });

      check('refuses a field name that is not a plain (dotted) path', async () => {
        await expect(seats().list(T3, { where: { 'poolId = 1 OR 1': 1 } })).rejects.toThrow(
          /invalid field name/,
        );
        await expect(seats().list(T3, { orderBy: { field: 'x; DROP', direction: 'ASC' } })).rejects.toThrow(
          /invalid field name/,
        );
      });
    });

    describe('copies', () => {
      check(
        'changing a document after writing it, or one that was read, changes nothing stored',
        async () => {
          const id = aad();
          const doc = member(T1, id, 'Original', ['GlobalAdmin']);
          await members().create(doc);
          doc.name = 'Changed after create';
          doc.roles.push('AdminAgent');
          const read = await members().get(T1, `member:${id}`);
          if (!read) throw new Error('missing');
          read.doc.name = 'Changed after get';
          read.doc.roles.length = 0;
          const [listed] = await members().list(T1, { where: { aadObjectId: id } });
          if (!listed) throw new Error('missing');
          listed.doc.roles.push('MpnPartnerAdmin');
          const written = await members().replace(
            { ...listed.doc, roles: ['GlobalAdmin'], name: 'Replaced' },
            listed.etag,
          );
          written.doc.roles.push('AdminAgent');
          const stored = await members().get(T1, `member:${id}`);
          expect(stored?.doc.name).toBe('Replaced');
          expect(stored?.doc.roles).toEqual(['GlobalAdmin']);
        },
      );
    });

    describe('tenant index', () => {
      check(
        'names each tenant with an active notice subscription once, and no tenant with only inactive ones',
        async () => {
          const before = await store.tenantIndex.tenantsWithNoticeSubscriptions();
          await store.repos.noticeSubscriptions.create(subscription(T1, 'channel-a', true));
          await store.repos.noticeSubscriptions.create(subscription(T1, 'channel-b', true));
          await store.repos.noticeSubscriptions.create(subscription(T2, 'channel-c', false));
          const after = await store.tenantIndex.tenantsWithNoticeSubscriptions();
          expect(before).toEqual([]);
          expect(after).toEqual([T1]);
          const off = await store.repos.noticeSubscriptions.get(T1, 'subscription:channel-a');
          const offB = await store.repos.noticeSubscriptions.get(T1, 'subscription:channel-b');
          if (!off || !offB) throw new Error('missing');
          await store.repos.noticeSubscriptions.replace({ ...off.doc, active: false }, off.etag);
          expect(await store.tenantIndex.tenantsWithNoticeSubscriptions()).toEqual([T1]);
          await store.repos.noticeSubscriptions.replace({ ...offB.doc, active: false }, offB.etag);
          expect(await store.tenantIndex.tenantsWithNoticeSubscriptions()).toEqual([]);
        },
      );
    });
  });
}
